"""Errors raised while reading a source document; each names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file that cannot be ingested. The batch reports it and carries on."""

    problem = "cannot be ingested"

    def __init__(self, path: str | Path, detail: str | None = None) -> None:
        self.path = str(path)
        self.detail = detail
        message = f"{self.path}: {self.problem}"
        if detail:
            message += f" ({detail})"
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, str | None]]:
        # keeps path and detail when the error comes back from a worker process
        return (self.__class__, (self.path, self.detail))

    @property
    def reason(self) -> str:
        """The problem without the path, for reports that show the path beside it."""
        return self.problem + (f" ({self.detail})" if self.detail else "")


class EmptyFile(IngestError):
    problem = "the file is empty (0 bytes)"


class NotAPdf(IngestError):
    problem = "not a PDF: the file does not start with a PDF header"


class CorruptPdf(IngestError):
    problem = "the PDF is damaged or truncated and cannot be read"


class EncryptedPdf(IngestError):
    problem = "the PDF is encrypted and cannot be opened without a password"


class NoReadableText(IngestError):
    problem = "no page has readable text"


class TooManyPages(IngestError):
    problem = "the PDF has more pages than the limit"


class UnreadableFile(IngestError):
    problem = "the file cannot be read"


class NotUtf8(IngestError):
    problem = "the text file is not valid UTF-8"


class UnsupportedType(IngestError):
    problem = "unsupported file type (expected .pdf, .txt or .md)"


class TooLarge(IngestError):
    problem = "the file is over the size limit"


class TooMuchText(IngestError):
    problem = "the document has more text than the limit"
