"""Every kind of bad input gives a clear error naming the file; the batch goes on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from graph.kuzu_store import KuzuStore
from ingest import errors, ocr
from ingest.batch import FileResult, ingest_paths
from ingest.pipeline import ParseOptions, parse_document, read_bytes

GOOD_PAGE = [
    "# 1. Introduction",
    "1.1 This review concerns Child Q, who was seven months old when she was admitted to",
    "hospital with a fractured skull in March 2020. The review asks why agencies did not share",
    "what they knew about the mother's partner before the injury happened to the baby.",
]


def parse(path: Path, **options: int) -> object:
    return parse_document(path, read_bytes(path), ParseOptions(**options))  # type: ignore[arg-type]


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(errors.EmptyFile, match=r"empty\.pdf: the file is empty"):
        parse(path)


def test_non_pdf_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"<html><body>Not found</body></html>")
    with pytest.raises(errors.NotAPdf, match=r"report\.pdf: not a PDF"):
        parse(path)


def test_truncated_pdf(make_pdf, tmp_path: Path) -> None:
    good = make_pdf("good.pdf", [GOOD_PAGE] * 3)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises((errors.CorruptPdf, errors.NoReadableText), match=r"truncated\.pdf"):
        parse(truncated)


def encrypted(make_pdf, tmp_path: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=make_pdf("plain.pdf", [GOOD_PAGE]))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    path = tmp_path / ("locked.pdf" if user_password else "permissions-only.pdf")
    writer.write(path)
    return path


def test_encrypted_pdf_with_password(make_pdf, tmp_path: Path) -> None:
    with pytest.raises(errors.EncryptedPdf, match=r"locked\.pdf: the PDF is encrypted"):
        parse(encrypted(make_pdf, tmp_path, "secret"))


def test_encrypted_pdf_with_empty_password_opens(make_pdf, tmp_path: Path) -> None:
    document = parse(encrypted(make_pdf, tmp_path, ""))
    assert "Child Q" in document.text  # type: ignore[attr-defined]


def image_only_pdf(tmp_path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 100), "A scanned page of a review about Child Q.", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=150)
    path = tmp_path / "scanned.pdf"
    path.write_bytes(buffer.getvalue())
    assert not (PdfReader(path).pages[0].extract_text() or "").strip()
    return path


def test_image_only_pdf_without_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda setting="auto": False)
    with pytest.raises(
        errors.NoReadableText, match=r"scanned\.pdf: no page has readable text.*OCR"
    ):
        parse(image_only_pdf(tmp_path))


def test_unreadable_page_is_reported_not_dropped(
    make_pdf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "available", lambda setting="auto": False)
    writer = PdfWriter(clone_from=make_pdf("text.pdf", [GOOD_PAGE, GOOD_PAGE]))
    writer.append(image_only_pdf(tmp_path))
    path = tmp_path / "mixed.pdf"
    writer.write(path)
    document = parse(path)
    assert document.unreadable_pages == [  # type: ignore[attr-defined]
        {"page": 3, "problem": "no text layer and OCR is unavailable"}
    ]


def test_page_limit(make_pdf) -> None:
    path = make_pdf("long.pdf", [GOOD_PAGE] * 6)
    with pytest.raises(errors.TooManyPages, match=r"long\.pdf: .*6 pages, limit 5"):
        parse(path, max_pages=5)


def test_non_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("The mother\u2019s partner was not seen.".encode("cp1252"))
    with pytest.raises(
        errors.NotUtf8, match=r"windows\.txt: .*not valid UTF-8.*byte 0x92 on line 1"
    ):
        parse(path)
    document = parse_document(path, path.read_bytes(), ParseOptions(text_encoding="cp1252"))
    assert "mother\u2019s partner" in document.text


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(errors.UnsupportedType, match=r"notes\.docx: unsupported file type"):
        parse(path)


def test_bad_files_fail_alone_and_leave_stored_reviews_untouched(
    make_pdf, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(tmp_path / "data")
    good = make_pdf("good.pdf", [GOOD_PAGE] * 2)
    with store.writer():
        first = ingest_paths([good], store)
    assert first.count("ingested") == 1
    review_id = first.files[0].review_id or ""
    before = store.document(review_id)

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a-empty.pdf").write_bytes(b"")
    (batch / "b-fake.pdf").write_text("not a pdf")
    (batch / "c-bad.txt").write_bytes(b"caf\xe9")
    (batch / "d-vanishes.pdf").write_bytes(good.read_bytes() + b"\n% changed")
    other = make_pdf("e-other.pdf", [GOOD_PAGE, ["A second page about the father."]])
    other.rename(batch / "e-other.pdf")

    def vanish_next(result: FileResult) -> None:
        if result.path.endswith("c-bad.txt"):
            (batch / "d-vanishes.pdf").unlink()  # gone after discovery, before it is read

    with store.writer():
        report = ingest_paths([batch], store, on_result=vanish_next)
    outcome = {Path(r.path).name: (r.status, r.error) for r in report.files}
    assert outcome["a-empty.pdf"] == ("failed", "the file is empty (0 bytes)")
    assert outcome["b-fake.pdf"][0] == "failed" and "not a PDF" in outcome["b-fake.pdf"][1]
    assert "not valid UTF-8" in outcome["c-bad.txt"][1]
    assert (
        outcome["d-vanishes.pdf"][0] == "failed"
        and "no longer exists" in outcome["d-vanishes.pdf"][1]
    )
    assert outcome["e-other.pdf"] == ("ingested", None)
    assert store.document(review_id) == before


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("A passage.")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)  # root ignores chmod, so simulate it
    with pytest.raises(
        errors.UnreadableFile, match=r"locked\.txt: the file cannot be read \(permission denied\)"
    ):
        read_bytes(path)
