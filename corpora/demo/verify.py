#!/usr/bin/env python3
"""Check the rendered demo corpus against its ground-truth sidecars, independently of the
project's own parser: text comes from poppler's ``pdftotext`` (raw and ``-layout`` modes)
and, for image-only pages, from ``tesseract``.

Usage::

    python corpora/demo/verify.py                   # every corpora/demo/*.truth.json
    python corpora/demo/verify.py 05-northmoor-child-t-2019   # named documents
    python corpora/demo/verify.py --rebuild         # also rebuild into a temp dir and
                                                    # check the output is byte-identical

Exits non-zero if any check fails. Warnings (heuristic checks) do not fail the run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MAX_BYTES = 400 * 1024
MIN_PAGES, MAX_PAGES = 4, 10

NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
}


def norm(text: str) -> str:
    """Undo ligatures (NFKC) and drop whitespace and hyphens: a sentence that is on the
    page is then a substring of the page, however the line was broken or hyphenated."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower())


def pdftotext_pages(pdf: Path, layout: bool) -> list[str]:
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def pdf_page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else -1


def ocr_page(pdf: Path, page: int) -> str | None:
    if not shutil.which("tesseract"):
        return None
    with tempfile.TemporaryDirectory() as td:
        base = Path(td) / "p"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "200",
                "-gray",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(base),
            ],
            check=True,
            capture_output=True,
        )
        pngs = sorted(Path(td).glob("p*.png"))
        if not pngs:
            return None
        r = subprocess.run(
            ["tesseract", str(pngs[0]), "-", "-l", "eng"], capture_output=True, text=True
        )
        return r.stdout if r.returncode == 0 else None


class Report:
    def __init__(self, name: str) -> None:
        self.name = name
        self.fails: list[str] = []
        self.warns: list[str] = []
        self.checks = 0

    def check(self, ok: bool, msg: str) -> bool:
        self.checks += 1
        if not ok:
            self.fails.append(msg)
        return ok

    def warn(self, msg: str) -> None:
        self.warns.append(msg)


def verify_one(truth_path: Path, pdf_dir: Path) -> Report:
    t: dict[str, Any] = json.loads(truth_path.read_text(encoding="utf-8"))
    name = t["file"]
    rep = Report(name)
    pdf = pdf_dir / f"{name}.pdf"
    if not rep.check(pdf.is_file(), f"{pdf.name} missing"):
        return rep
    size = pdf.stat().st_size
    rep.check(size <= MAX_BYTES, f"PDF is {size // 1024} KB (> {MAX_BYTES // 1024} KB)")

    n = pdf_page_count(pdf)
    rep.check(n == t["page_count"], f"pdfinfo says {n} pages, truth says {t['page_count']}")
    rep.check(MIN_PAGES <= n <= MAX_PAGES, f"{n} pages, outside {MIN_PAGES}-{MAX_PAGES}")
    raw = pdftotext_pages(pdf, layout=False)
    lay = pdftotext_pages(pdf, layout=True)
    if not rep.check(
        len(raw) == n and len(lay) == n, f"pdftotext gave {len(raw)} pages, expected {n}"
    ):
        return rep
    kinds = {p["page"]: p["kind"] for p in t["pages"]}
    rep.check(sorted(kinds) == list(range(1, n + 1)), "pages[] does not list every page once")

    def on_page(text: str, page: int) -> bool:
        k = norm(text)
        return bool(k) and (k in norm(raw[page - 1]) or k in norm(lay[page - 1]))

    ocr: dict[int, str] = {}

    # --- per-page sentences / text layer
    for entry in t["pages"]:
        p, kind = entry["page"], entry["kind"]
        if kind == "scanned":
            rep.check(
                not raw[p - 1].strip() and not lay[p - 1].strip(),
                f"p{p}: scanned page has a text layer: {raw[p - 1].strip()[:60]!r}",
            )
            o = ocr_page(pdf, p)
            if o is None:
                rep.warn(f"p{p}: tesseract not available, scanned-page sentences not checked")
                continue
            ocr[p] = o
            ow = set(words(o))
            for s in entry["sentences"]:
                sw = [w for w in words(s) if len(w) > 2]
                hit = sum(w in ow for w in sw) / max(1, len(sw))
                rep.check(hit >= 0.8, f"p{p} (OCR {hit:.0%}): {s[:70]!r}")
            continue
        rep.check(bool(raw[p - 1].strip()), f"p{p}: page has no text")
        rep.check(bool(entry["sentences"]), f"p{p}: no sentences recorded")
        for s in entry["sentences"]:
            rep.check(on_page(s, p), f"p{p}: sentence not found: {s[:70]!r}")

    # --- title page
    rep.check("fictional" in raw[0].lower(), "title page does not mention 'fictional'")

    # --- running header / footer / page numbers
    labels = t.get("page_labels", {})
    for p in t["header_footer_pages"]:
        if kinds.get(p) == "scanned":
            if p in ocr:
                hw = [w for w in words(t["running_header"]) if len(w) > 2]
                ow = set(words(ocr[p]))
                rep.check(
                    sum(w in ow for w in hw) >= 0.7 * len(hw),
                    f"p{p}: OCR does not show the running header",
                )
            continue
        rep.check(on_page(t["running_header"], p), f"p{p}: running header missing")
        rep.check(on_page(t["running_footer"], p), f"p{p}: running footer missing")
        label = labels.get(str(p))
        if label:
            foot = [ln for ln in lay[p - 1].splitlines() if t["running_footer"][:20] in ln]
            # pdftotext -layout may drop the narrow spaces in "- 3 -": compare without them
            rep.check(
                any(re.sub(r"\s", "", ln).endswith(re.sub(r"\s", "", label)) for ln in foot),
                f"p{p}: footer line does not end with page label {label!r}",
            )

    # --- footnotes: on the page where the marker landed
    for k, text in t["footnotes"].items():
        p = t["footnote_pages"].get(k)
        if rep.check(p is not None, f"footnote {k} has no page"):
            rep.check(on_page(text, p), f"p{p}: footnote {k} text not found")

    # --- numbered paragraphs
    for para in t["paragraph_numbers"]:
        p = para["page"]
        if para.get("scanned"):
            if p in ocr:
                rep.check(
                    para["num"] in ocr[p], f"p{p}: OCR does not show paragraph number {para['num']}"
                )
            continue
        rep.check(on_page(para["starts_with"], p), f"p{p}: para {para['num']} start not found")
        rx = re.compile(r"^\s*" + re.escape(para["num"]) + r"(\s|$)", re.M)
        rep.check(
            bool(rx.search(lay[p - 1]) or rx.search(raw[p - 1])),
            f"p{p}: paragraph number {para['num']} not at a line start",
        )

    # --- headings
    for h in t.get("headings", []):
        if h.get("scanned"):
            continue
        rep.check(
            h["page"] is not None and on_page(h["text"], h["page"]),
            f"p{h['page']}: heading not found: {h['text']!r}",
        )

    # --- tables
    for tab in t["table_cells"]:
        if tab.get("scanned"):
            continue
        hay = "".join(norm(raw[p - 1]) + norm(lay[p - 1]) for p in tab["pages"])
        for row in tab["rows"]:
            for cell in row:
                rep.check(norm(cell) in hay, f"table {tab['caption']!r}: cell not found: {cell!r}")

    # --- features
    feats = t["features"]
    all_raw = "".join(raw)
    if "ligatures" in feats:
        rep.check(
            "\ufb01" in all_raw or "\ufb02" in all_raw, "ligatures claimed but none in text layer"
        )
    if "hyphenation" in feats:
        found = 0
        for hw in t["hyphenated_words"]:
            p = hw["page"]
            rx = re.compile(
                re.escape(hw["head"]) + r"[ \t]*\n\s*(\d+\s*\n\s*)?" + re.escape(hw["tail"])
            )
            if rx.search(lay[p - 1]) or rx.search(raw[p - 1]):
                found += 1
        rep.check(found > 0, "hyphenation claimed but no hyphenated line break found")
        if found < len(t["hyphenated_words"]):
            rep.warn(
                f"{len(t['hyphenated_words']) - found} of {len(t['hyphenated_words'])} "
                "hyphenated words not seen at a line break by pdftotext (column/footnote layout)"
            )
    for f in feats:
        if f.startswith("scanned_page:"):
            rep.check(kinds.get(int(f.split(":")[1])) == "scanned", f"{f}: page kind mismatch")
        if f.startswith("two_column_page:"):
            p = int(f.split(":")[1])
            # two columns: many -layout lines have a wide gap in the middle
            gaps = sum(1 for ln in lay[p - 1].splitlines() if re.search(r"\S {3,}\S", ln.strip()))
            rep.check(gaps >= 10, f"{f}: page does not look two-column in -layout text")

    # --- metadata pages
    md, mp = t["metadata"], t["metadata_pages"]
    for key in ("title", "partnership", "author"):
        if key in mp and md.get(key):
            p = mp[key]
            pw = set(words(raw[p - 1]))
            miss = [w for w in words(md[key]) if w not in pw]
            rep.check(not miss, f"metadata_pages.{key}={p}: {miss} not on that page")
    if "child_pseudonyms" in mp:
        p = mp["child_pseudonyms"]
        for ps in md["child_pseudonyms"]:
            rep.check(
                on_page(ps, p), f"metadata_pages.child_pseudonyms={p}: {ps!r} not on that page"
            )
    if "incident_year" in mp and md.get("incident_year"):
        p = mp["incident_year"]
        rep.check(
            str(md["incident_year"]) in raw[p - 1],
            f"metadata_pages.incident_year={p}: {md['incident_year']} not on that page",
        )
    if "publication_date" in mp and md.get("publication_date"):
        p = mp["publication_date"]
        rep.check(
            md["publication_date"][:4] in raw[p - 1],
            f"metadata_pages.publication_date={p}: year not on that page",
        )
    if "child_age" in mp and md.get("child_age"):
        p = mp["child_age"]
        pw = words(raw[p - 1])
        aw = words(md["child_age"])
        num = next((w for w in aw if w.isdigit() or w in NUM_WORDS), None)
        alts = {num} if num else set()
        if num and num.isdigit():
            alts |= {w for w, v in NUM_WORDS.items() if str(v) == num}
        elif num:
            alts.add(str(NUM_WORDS[num]))
        if not (alts & set(pw)):
            rep.warn(
                f"metadata_pages.child_age={p}: {md['child_age']!r} not obviously on that page"
            )
    return rep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="verify the demo corpus against its truth files")
    ap.add_argument("names", nargs="*", help="document base names (default: all)")
    ap.add_argument(
        "--rebuild", action="store_true", help="rebuild into a temp dir and compare bytes"
    )
    ap.add_argument("-q", "--quiet", action="store_true", help="only print failures")
    args = ap.parse_args(argv)
    for tool in ("pdftotext", "pdfinfo", "pdftoppm"):
        if not shutil.which(tool):
            print(f"verify.py needs {tool} (apt-get install poppler-utils)", file=sys.stderr)
            return 2
    truths = sorted(HERE.glob("*.truth.json"))
    if args.names:
        want = {
            Path(x).name.removesuffix(".truth.json").removesuffix(".pdf").removesuffix(".yaml")
            for x in args.names
        }
        truths = [p for p in truths if p.name.removesuffix(".truth.json") in want]
    if not truths:
        print("no truth files found (run corpora/demo/build.py first)", file=sys.stderr)
        return 2
    # every source should have been built
    missing = [
        s.stem
        for s in sorted((HERE / "src").glob("*.yaml"))
        if not (HERE / f"{s.stem}.truth.json").is_file()
    ]

    total_fail = 0
    for tp in truths:
        rep = verify_one(tp, HERE)
        status = "FAIL" if rep.fails else "ok  "
        print(
            f"{status} {rep.name}: {rep.checks} checks, "
            f"{len(rep.fails)} failed, {len(rep.warns)} warnings"
        )
        for f in rep.fails:
            print(f"       FAIL {f}")
        if not args.quiet:
            for w in rep.warns:
                print(f"       warn {w}")
        total_fail += len(rep.fails)

    if args.rebuild:
        with tempfile.TemporaryDirectory() as td:
            srcs = [
                str(HERE / "src" / f"{tp.name.removesuffix('.truth.json')}.yaml") for tp in truths
            ]
            r = subprocess.run(
                [sys.executable, str(HERE / "build.py"), "--outdir", td, *srcs],
                capture_output=True,
                text=True,
            )
            if r.returncode != 0:
                print(f"FAIL rebuild: {r.stderr.strip()}")
                total_fail += 1
            for tp in truths:
                base = tp.name.removesuffix(".truth.json")
                for ext in (".pdf", ".truth.json"):
                    a, b = HERE / f"{base}{ext}", Path(td) / f"{base}{ext}"
                    same = b.is_file() and a.read_bytes() == b.read_bytes()
                    if not same:
                        print(
                            f"FAIL {base}{ext}: rebuild is not byte-identical "
                            "(stale or non-deterministic)"
                        )
                        total_fail += 1
            if r.returncode == 0:
                print(f"ok   rebuild of {len(truths)} document(s) is byte-identical")

    if missing and not args.names:
        print(f"note: not built yet: {', '.join(missing)}")
    print(
        f"{'FAILED' if total_fail else 'PASSED'}: "
        f"{len(truths)} document(s), {total_fail} failure(s)"
    )
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
