"""OCR of scanned pages with tesseract, when it is installed."""

from __future__ import annotations

import functools
import os
import re
import shutil
from typing import Any

from ingest.types import Line

_NUMBER_ONLY = re.compile(r"^\d{1,2}(?:\.\d{1,3}){1,3}\.?$")
# a one-character word read with less confidence than this is a speck on the scan (on the demo
# corpus's scanned page: specks at 18, 34 and 48, real one-letter words at 77 and above)
SPECK_CONFIDENCE = 60.0

# tesseract's own threading slows it down on small machines and fights our processes.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def available(setting: str = "auto") -> bool:
    """True when OCR is not switched off (`setting`, Settings.ocr from CASEGRAPH_OCR: auto,
    on or off) and pytesseract and the tesseract binary with English data are installed."""
    return setting != "off" and _installed()


@functools.cache
def _installed() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return "eng" in pytesseract.get_languages(config="")
    except Exception:
        return False


def image_lines(image: Any, page_height: float) -> list[Line]:
    """The text lines of a page image, positioned in PDF points like text-layer lines."""
    import pytesseract

    image = image.convert("L")
    data = pytesseract.image_to_data(
        image, lang="eng", config="--psm 3", output_type=pytesseract.Output.DICT
    )
    scale = page_height / image.height
    grouped: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if _kept(word, float(data["conf"][i])):
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            grouped.setdefault(key, []).append(i)
    lines = []
    previous_block: tuple[int, int] | None = None
    for key, indices in grouped.items():
        top = min(data["top"][i] for i in indices)
        height = max(data["height"][i] for i in indices)
        if previous_block is not None and key[:2] != previous_block:
            lines.append(Line("", None, None))  # tesseract's paragraph break
        previous_block = key[:2]
        text = " ".join(data["text"][i] for i in indices)
        # No font size: sizes guessed from word boxes would be compared with the real sizes
        # of the text pages; blank lines between tesseract's paragraphs mark the structure.
        lines.append(Line(text, (image.height - top - height) * scale, None))
    return _attach_paragraph_numbers(lines)


def _kept(word: str, confidence: float) -> bool:
    """A word tesseract read, unless it is a lone mark it was unsure of: dust on a scan comes
    out as '-', ';' or 'i' at a confidence far below that of the page's real words."""
    word = word.strip()
    if not word or confidence < 0:
        return False
    return not (len(word) == 1 and not word.isdigit() and confidence < SPECK_CONFIDENCE)


def _attach_paragraph_numbers(lines: list[Line]) -> list[Line]:
    """Hanging paragraph numbers come out as a column of their own: put each back on its line."""
    numbers = [line for line in lines if _NUMBER_ONLY.match(line.text)]
    if not numbers:
        return lines
    body = [line for line in lines if line not in numbers]
    for number in numbers:
        candidates = [
            line
            for line in body
            if line.y is not None and number.y is not None and abs(line.y - number.y) < 8
        ]
        if candidates:
            nearest = min(candidates, key=lambda line: abs((line.y or 0) - (number.y or 0)))
            nearest.text = f"{number.text} {nearest.text}"
        else:
            body.append(number)
    # drop paragraph breaks left doubled where a number column was removed
    cleaned: list[Line] = []
    for line in body:
        if line.text or (cleaned and cleaned[-1].text):
            cleaned.append(line)
    return cleaned
