"""Shared fixtures: tiny real PDFs built with reportlab, and paths to the shared corpora."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEGRAPH_SHARED", REPO.parent / "shared"))
DEMO = REPO / "corpora" / "demo"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared corpora sit beside the repo in CI")
    return path


MakePdf = Callable[..., Path]


@pytest.fixture
def make_pdf(tmp_path: Path) -> MakePdf:
    """Write a small PDF: each page a list of body lines, with optional running lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    def build(
        name: str,
        pages: list[list[str]],
        header: str | None = None,
        footer: str | None = None,
        numbered: bool = True,
        title: str | None = None,
    ) -> Path:
        path = tmp_path / name
        pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        width, height = A4
        for number, lines in enumerate(pages, start=1):
            if header:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(60, height - 40, header)
            if footer or numbered:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(60, 30, footer or "")
                if numbered:
                    pdf.drawRightString(width - 60, 30, f"Page {number} of {len(pages)}")
            y = height - 90
            if title and number == 1:
                pdf.setFont("Helvetica-Bold", 20)
                pdf.drawString(60, y, title)
                y -= 40
            pdf.setFont("Helvetica", 10)
            for line in lines:
                if line.startswith("# "):
                    pdf.setFont("Helvetica-Bold", 13)
                    y -= 6
                    pdf.drawString(60, y, line[2:])
                    pdf.setFont("Helvetica", 10)
                    y -= 20
                elif line == "":
                    y -= 8
                else:
                    pdf.drawString(60, y, line)
                    y -= 14
            pdf.showPage()
        pdf.save()
        return path

    return build
