"""OCR of scanned pages with tesseract, when it is installed."""

from __future__ import annotations

import functools
import os
import shutil
from typing import Any

from ingest.types import Line

# tesseract's own threading slows it down on small machines and fights our processes.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@functools.cache
def available() -> bool:
    """True when pytesseract and the tesseract binary with English data are installed."""
    if os.environ.get("CASEGRAPH_OCR", "auto").lower() in {"0", "off", "false", "no"}:
        return False
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
        if word.strip() and float(data["conf"][i]) >= 0:
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
        # cap height is about 0.7 of the font size
        lines.append(Line(text, (image.height - top - height) * scale, round(height * scale / 0.7)))
    return [line for line in lines if line.text or line.y is None]
