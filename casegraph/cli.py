"""The `casegraph` command."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, NoReturn

import click

from casegraph.child import run_foreground
from casegraph.cli_browse import passages
from casegraph.cli_delete import delete
from casegraph.cli_graph import COMMANDS as GRAPH_COMMANDS
from casegraph.cli_graph import (
    csv_options,
    export_path,
    filter_options,
    filters_from,
    print_theme_reviews,
)
from casegraph.cli_metadata import eval_metadata
from casegraph.cli_rerank import train_reranker
from casegraph.cli_review_themes import eval_review_themes
from casegraph.cli_search import eval_search, quotes, search, similar
from casegraph.cli_themes import THEME_COMMANDS, eval_themes, review_group
from casegraph.cli_vocab import agencies, resolve_themes, themes_list
from casegraph.components import build_embedder, build_enricher, build_theme_tagger, open_store
from casegraph.options import SettingDefault, data_dir_option, json_option, limit_options, read
from casegraph.progress import ProgressBar
from casegraph.settings import DEMO_CORPUS, SettingError, Settings
from casegraph.text import counted, plural, printable
from graph.corrections import fields_in_force, said
from graph.store import Store, StoreLocked, StoreUnavailable, from_database
from ingest.batch import BatchReport, FileResult, discover, ingest_paths, not_read
from ingest.entities import EntityExtractor
from ingest.entity_eval import evaluate_agencies, load_gold
from ingest.groundtruth import check_document, load_truth, summarise
from ingest.jsonl import BadJsonLines
from ingest.limits import Limits
from ingest.page_labels import cite_pages, printed
from ingest.pipeline import ParseOptions, parse_document
from ingest.theme_eval import classify_jsonl


class OneLineUsageError(click.UsageError):
    """A usage error said in one line: Click's message and where to look, e.g. "Error: Missing
    argument 'REVIEW_ID'. See `casegraph show --help`." (Click prints the usage, a hint and a
    blank line before it); exit status 2."""

    @classmethod
    def of(cls, error: click.UsageError, ctx: click.Context | None = None) -> OneLineUsageError:
        return cls(error.format_message(), error.ctx or ctx)

    def show(self, file: Any = None) -> None:
        message = " ".join(self.format_message().split())
        ended = message if message.endswith((".", "?", "!")) else message + "."
        where = f" See `{self.ctx.command_path} --help`." if self.ctx else ""
        click.echo(f"Error: {ended}{where}", err=file is None, file=file)


class Commands(click.Group):
    """casegraph's commands: a store that is busy, missing, read-only or failing (a full disk),
    a file that cannot be written or read (an export to a folder that does not exist), a bad
    line in a JSON-lines input or an unusable environment setting is said in one line,
    whichever command met it, never as a traceback."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `casegraph` alone: the help itself
        except click.UsageError as error:  # a bad option of casegraph itself
            raise OneLineUsageError.of(error) from error

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `casegraph themes` alone: the group's help
        except click.UsageError as error:  # a missing argument, a bad option or value
            raise OneLineUsageError.of(error, ctx) from error
        except (StoreLocked, StoreUnavailable, SettingError, BadJsonLines) as error:
            raise click.ClickException(str(error)) from error
        except OSError as error:
            if error.filename is None:
                raise
            names = " -> ".join(str(n) for n in (error.filename, error.filename2) if n)
            reason = error.strerror or type(error).__name__
            raise click.ClickException(f"{names}: {reason}") from error
        except RuntimeError as error:
            if not from_database(error):
                raise  # a fault of ours: its traceback is what mends it
            reason = printable(" ".join(str(error).split()))
            raise click.ClickException(
                f"the store could not be read or written: {reason}"
            ) from error
        except KeyboardInterrupt:  # Ctrl-C, where the command itself does not say more
            click.echo(
                "\nInterrupted. Every review is stored whole or not at all, so nothing is "
                "half-written; run the command again to carry on.",
                err=True,
            )
            ctx.exit(130)


@click.group(cls=Commands)
@click.version_option(package_name="casegraph")
def main() -> None:
    """casegraph: a knowledge graph and search over child safeguarding case reviews."""
    os.umask(0o077)  # the data directory and every file in it: this user only (0700/0600)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@data_dir_option
@json_option
@click.option(
    "--max-pages",
    type=int,
    default=SettingDefault(lambda settings: settings.max_pages),
    show_default=True,
    help="Refuse PDFs with more pages than this (env CASEGRAPH_MAX_PAGES).",
)
@click.option(
    "--workers",
    type=int,
    default=SettingDefault(lambda settings: settings.workers),
    show_default=True,
    help="Parser processes (env CASEGRAPH_WORKERS).",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Encoding of .txt/.md files, e.g. cp1252.",
)
@click.option(
    "--enrich/--no-enrich",
    default=True,
    show_default=True,
    help="Tag themes and entities and embed passages (loads the models).",
)
@limit_options
def ingest(
    paths: tuple[Path, ...],
    data_dir: Path,
    as_json: bool,
    max_pages: int,
    workers: int,
    encoding: str,
    enrich: bool,
    limits: Limits,
    max_chars: int,
) -> None:
    """Ingest PDF, text and Markdown files and folders into the store.

    \b
    Examples:
      casegraph ingest corpora/demo
      casegraph ingest reviews/ extra/child-d.pdf --json > report.json

    Unchanged files (same bytes, even renamed) are skipped, and so is a copy of a stored review
    with other bytes but the same words. Exit status 1 if any file failed.
    """
    options = ParseOptions(max_pages, encoding, max_chars, Settings.from_env().ocr)
    files, others = list(discover(paths)), not_read(paths)
    if not files:
        found = f" (only {_other_types(others)})" if others else ""
        raise click.ClickException(
            f"no PDF, text or Markdown file to ingest in {', '.join(map(str, paths))}{found}."
        )
    report = _run_ingest(files, data_dir, options, workers, enrich, limits)
    if as_json:
        not_read_json = [str(path) for path in others]
        click.echo(json.dumps({**report.to_json(), "not_read": not_read_json}, indent=2))
    else:
        _print_summary(report)
        if others:
            click.echo(
                f"Not read: {_other_types(others)}; casegraph reads PDF, text and Markdown "
                "(save a Word document as PDF to ingest it)."
            )
    if report.interrupted:
        sys.exit(130)  # as a shell reports a Ctrl-C
    if report.count("failed") or report.stopped:
        sys.exit(1)


def _other_types(files: list[Path], shown: int = 5) -> str:
    """'2 files of other types: a.docx, b.xlsx'."""
    names = ", ".join(printable(path.name) for path in files[:shown])
    more = f" and {len(files) - shown} more" if len(files) > shown else ""
    return f"{counted(len(files), 'file')} of other types: {names}{more}"


@main.command()
@data_dir_option
@click.option("--port", default=8501, show_default=True, help="The port on this machine only.")
@click.option(
    "--address",
    default="127.0.0.1",
    show_default=True,
    help="Only this machine by default; the documents are sensitive.",
)
def app(data_dir: Path, port: int, address: str) -> None:
    """Open the casegraph app (Streamlit) in the browser, on this machine only."""
    run_app(data_dir, port, address)


def run_app(data_dir: Path, port: int = 8501, address: str = "127.0.0.1") -> None:
    import os

    home = Path(__file__).resolve().parents[1] / "search_app" / "app" / "Home.py"
    environment = {**os.environ, "CASEGRAPH_DATA_DIR": str(data_dir.resolve())}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(home),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.maxUploadSize",
        "50",
        "--client.toolbarMode",
        "minimal",
        # no tracebacks (nor "ask a chatbot" links) in the page, no file watcher in use
        "--client.showErrorDetails",
        "none",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
    ]
    click.echo(f"casegraph app on http://{address}:{port}  (Ctrl+C to stop)")
    sys.exit(max(run_foreground(command, environment), 0))  # stopped by a signal: 0


@main.command()
@data_dir_option
@click.option(
    "--open-app/--no-app",
    default=True,
    show_default=True,
    help="Open the app when the demo corpus is in.",
)
def demo(data_dir: Path, open_app: bool) -> None:
    """Ingest the fictional demo corpus, show what was found, and open the app."""
    demo_reviews = sorted(DEMO_CORPUS.glob("*.pdf"))  # not the corpus's own README files
    settings = Settings.from_env()
    options = ParseOptions(max_chars=settings.max_chars, ocr=settings.ocr)
    report = _run_ingest(demo_reviews, data_dir, options, settings.workers, True, settings.limits)
    _print_summary(report)
    click.echo()
    _print_reviews(open_store(data_dir))
    if report.count("failed"):
        sys.exit(1)
    if open_app:
        run_app(data_dir)


@main.command()
@data_dir_option
@json_option
@click.option(
    "--theme",
    "themes",
    multiple=True,
    callback=resolve_themes,
    help="Only the reviews carrying this theme (by id or label), as trends, cooccur and "
    "compare count them; two for the reviews carrying both.",
)
@filter_options
@csv_options
def reviews(
    data_dir: Path,
    as_json: bool,
    themes: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    **options: Any,
) -> None:
    """List the reviews in the store; with --theme, the reviews behind a theme's count in
    trends, cooccur and compare (filtered as they are), and how many passages of each are
    tagged with it.

    \b
    Examples:
      casegraph reviews
      casegraph reviews --theme sudi_unsafe_sleep --year-from 2019
      casegraph reviews --theme neglect --format csv --output neglect-reviews.csv
    """
    target = export_path(fmt, output)
    if themes:
        print_theme_reviews(data_dir, themes, filters_from(options), as_json, target)
        return
    given = [name for name, value in options.items() if value not in (None, (), False)]
    if target:
        raise click.UsageError(
            "--format and --output export the reviews carrying a theme: add --theme THEME "
            "(`casegraph themes list`); `casegraph reviews --json` lists every review"
        )
    if given:
        flag = _FLAGS.get(given[0], "--" + given[0].replace("_", "-"))
        raise click.UsageError(
            f"{flag} chooses among the reviews carrying a theme: add --theme THEME "
            "(`casegraph themes list`)"
        )
    store = open_store(data_dir)
    if as_json:
        click.echo(json.dumps(store.reviews(), indent=2, ensure_ascii=False))
    else:
        _print_reviews(store)


_FLAGS = {"review_types": "--type", "age_bands": "--age-band", "outcomes": "--outcome"}


@main.command()
@click.argument("review_id")
@data_dir_option
@json_option
@click.option("--passages/--no-passages", default=True, help="Also print the passages.")
def show(review_id: str, data_dir: Path, as_json: bool, passages: bool) -> None:
    """Show one review's metadata (with the page each field came from, or who corrected it)
    and its passages."""
    store = open_store(data_dir)
    document = read(lambda: store.document(review_id))
    if document is None:
        raise click.ClickException(
            f"no review {review_id!r} in {data_dir}; see `casegraph reviews`"
        )
    history = read(lambda: store.field_correction_history(review_id))
    in_force = fields_in_force(document["metadata"], history)
    if as_json:  # "metadata" is what the parser read; "metadata_in_force" what stands now
        document = {**document, "metadata_in_force": in_force}
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    click.echo(
        f"{printable(document['file_name'])}  "
        f"({document['review_id']}, {counted(document['page_count'], 'page')})"
    )
    labels = document.get("page_labels") or {}
    for name, found in in_force.items():
        if corrected := found.get("corrected"):
            machine = "nothing" if found["machine"] in (None, []) else said(found["machine"])
            where = f"corrected by {corrected['who']}; parser: {machine}"
        else:
            where = _pages({"page_start": found["page"], "page_end": found["page"]}, labels)
        click.echo(printable(f"  {name:18} {said(found['value'])}  [{where}]"))
    if passages:
        for passage in document["passages"]:
            pages = _pages(passage, labels)
            numbers = ",".join(passage["paragraph_numbers"])
            click.echo(
                f"\n[{pages}{' ¶' + numbers if numbers else ''}] {passage['section'] or ''}"
                f"  (passage {passage['id']})"
            )
            click.echo(printable(passage["text"]))


@main.group(name="eval")
def eval_group() -> None:
    """Measure quality against ground truth."""


@eval_group.command(name="ingest")
@click.option(
    "--truth",
    "truth_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEMO_CORPUS,
    show_default=True,
    help="Folder of PDFs with *.truth.json sidecars.",
)
@json_option
def eval_ingest(truth_dir: Path, as_json: bool) -> None:
    """Parse documents with sidecars; report metadata accuracy per field and page placement."""
    checks = []
    options = ParseOptions(ocr=Settings.from_env().ocr)
    for pdf in sorted(truth_dir.glob("*.pdf")):
        truth = load_truth(pdf)
        if truth is not None:
            checks.append(check_document(parse_document(pdf, pdf.read_bytes(), options), truth))
    if not checks:
        raise click.ClickException(f"no PDFs with .truth.json sidecars in {truth_dir}")
    summary = summarise(checks)
    if as_json:
        summary["documents_detail"] = [asdict(check) for check in checks]
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    click.echo(f"{summary['documents']} documents")
    click.echo(f"{'field':18} {'correct':>8} {'stated':>7} {'accuracy':>9} {'guessed':>8}")
    for name, row in summary["fields"].items():
        accuracy = "-" if row["accuracy"] is None else f"{row['accuracy']:.0%}"
        click.echo(
            f"{name:18} {row['correct']:>8} {row['stated']:>7} {accuracy:>9} {row['guessed']:>8}"
        )
    click.echo(
        f"sentences on the right page: {summary['sentences_on_page']}/{summary['sentences']}"
        f" ({summary['sentence_share']:.1%})"
    )
    click.echo(f"header/footer/page-number/footnote text inside passages: {summary['leaks']}")
    for check in checks:
        for item in check.fields:
            if not item.correct:
                click.echo(
                    f"  {check.file}: {item.field} expected {item.expected!r}, got {item.found!r}"
                )
        for missing in check.misplaced:
            click.echo(
                f"  {check.file}: p.{missing['page']} sentence found on {missing['found']}: "
                f"{missing['sentence'][:80]}"
            )


@main.group()
def themes() -> None:
    """Theme tagging of passages (ids from models/taxonomy.yaml)."""


@themes.command(name="classify")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON lines, each {"id", "text"}.',
)
@click.option(
    "--output",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help='JSON lines, each {"id", "themes", "scores", "evidence"}.',
)
def themes_classify(input_path: Path, output_path: Path) -> None:
    """Tag any passages with themes, scores and evidence spans.

    \b
    Example:
      casegraph themes classify --input passages.jsonl --output tagged.jsonl
    """
    embedder = build_embedder(Settings.from_env().embedder, None)
    classifier = build_theme_tagger(embedder)
    count = classify_jsonl(input_path, output_path, classifier)  # a bad line: see Commands
    click.echo(f"Tagged {count} passages into {output_path}.", err=True)


@eval_group.command(name="entities")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=DEMO_CORPUS / "agency_gold.jsonl",
    show_default=True,
    help="Hand-labelled passages with their agency ids.",
)
@json_option
def eval_entities(gold_path: Path, as_json: bool) -> None:
    """Precision and recall of agency normalisation over (passage, agency) pairs."""
    report = evaluate_agencies(load_gold(gold_path), EntityExtractor())
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(
        f"{report['passages']} passages: precision {report['precision']:.3f}, "
        f"recall {report['recall']:.3f}"
    )
    click.echo(f"{'agency':26} {'tp':>4} {'fp':>4} {'fn':>4}")
    for agency, row in report["per_agency"].items():
        click.echo(f"{agency:26} {row['tp']:>4} {row['fp']:>4} {row['fn']:>4}")


def _run_ingest(
    files: list[Path],
    data_dir: Path,
    options: ParseOptions,
    workers: int,
    enrich: bool,
    limits: Limits,
) -> BatchReport:
    """Ingest the files (found by ingest.batch.discover), with a progress bar."""
    bar = ProgressBar(len(files), "ingest")

    def on_result(result: FileResult) -> None:
        note = f"{result.status}: {printable(Path(result.path).name)}"
        if result.near_copy:
            note += f" - NEAR-COPY of review {result.near_copy['review_id']} (see summary)"
        bar.step(note)

    report: BatchReport | None = None
    try:
        store = open_store(data_dir, create=True)
        with store.writer():  # which builds the keyword index of the batch on leaving
            embedder = Settings.from_env().embedder
            enricher = build_enricher(embedder, store.embedding_cache) if enrich else None
            report = ingest_paths(files, store, options, workers, on_result, enricher, limits)
    except (StoreLocked, StoreUnavailable) as error:
        raise click.ClickException(str(error)) from error
    except KeyboardInterrupt:
        if report is None:
            raise  # during the batch itself: see Commands
        bar.close()
        _interrupted_after(report)
    finally:
        bar.close()
    return report


def _interrupted_after(report: BatchReport) -> NoReturn:
    """Ctrl-C (often a second one) once the batch was over, while the store let go of the
    database and built the search index's keyword matrix: the reviews are stored whole and the
    index rows with them; the matrix, derived from those rows, is built again by the next
    search or ingest. One line, and status 130."""
    stored = counted(report.count("ingested"), "review")
    click.echo(
        f"Interrupted while the search index was being finished: {stored} ingested "
        "in this run are stored whole, and the next search or ingest finishes the index.",
        err=True,
    )
    raise click.exceptions.Exit(130)


def _print_summary(report: BatchReport) -> None:
    ingested, skipped, failed = (report.count(s) for s in ("ingested", "skipped", "failed"))
    copies = [result for result in report.files if result.is_copy]
    totals = report.to_json()
    if ingested == 0 and failed == 0 and not copies:
        if skipped or not report.stopped:  # stopped before the first file: STOPPED says it
            were = "it was" if skipped == 1 else "they were"
            click.echo(
                f"Nothing to do: {counted(skipped, 'file')} unchanged since {were} ingested."
            )
    else:
        also = f", {counted(len(copies), 'copy', 'copies')}" if copies else ""
        click.echo(
            f"Ingested {ingested} ({counted(totals['pages'], 'page')}, "
            f"{counted(totals['passages'], 'passage')}), "
            f"skipped {skipped - len(copies)} unchanged{also}, failed {failed}, "
            f"in {report.seconds:.1f}s."
        )
        replaced = sum(1 for r in report.files if (r.reason or "").startswith("replaced"))
        if ingested:
            click.echo(
                f"Store: {ingested - replaced} new {plural(ingested - replaced, 'review')}, "
                f"{replaced} replaced; {counted(report.citations or 0, 'citation link')} between "
                "reviews."
            )
    if report.stopped:
        click.echo(f"STOPPED: {report.stopped}", err=True)
    for result in report.files:
        if result.is_copy:
            click.echo(f"  copy {printable(result.path)}: {printable(result.reason or '')}")
        if result.status == "failed":
            click.echo(
                f"  FAILED {printable(result.path)}: {printable(result.error or '')}", err=True
            )
        elif result.unreadable_pages:
            pages = ", ".join(map(str, result.unreadable_pages))
            click.echo(f"  warning {printable(result.path)}: unreadable page(s) {pages}", err=True)
        for warning in result.warnings:
            click.echo(f"  warning {printable(result.path)}: {warning}", err=True)


def _print_reviews(store: Store) -> None:
    rows = read(store.reviews)
    if not rows:
        click.echo("The store is empty: run `casegraph ingest PATH` or `casegraph demo`.")
        return
    for row in rows:

        def value(name: str, row: dict[str, Any] = row) -> str:
            found = row.get(name)
            if found in (None, []):
                return "-"
            return printable(", ".join(found) if isinstance(found, list) else str(found))

        click.echo(f"{row['review_id']}  {value('title')[:70]}")
        click.echo(
            f"    {value('review_type')} | {_published(row)} | {value('partnership')} | "
            f"child: {value('child_pseudonyms')}, {value('child_age')}, {value('child_sex')}, "
            f"{value('outcome')} | {counted(row['page_count'], 'page')}, "
            f"{counted(row['passages'], 'passage')}"
        )
        if row.get("themes"):
            click.echo(f"    themes: {', '.join(row['themes'][:6])}")


def _published(row: dict[str, Any]) -> str:
    """The parser's date of publication, or the year in force when a person corrected it."""
    date, year = row.get("publication_date"), row.get("publication_year")
    if date and year is not None and str(date).startswith(str(year)):
        return str(date)
    return "-" if year is None else str(year)


def _pages(passage: dict[str, Any], labels: dict[int, str]) -> str:
    start, end = passage["page_start"], passage["page_end"]
    return cite_pages(start, end, *printed(labels, start, end))


for _command in GRAPH_COMMANDS:
    main.add_command(_command)
main.add_command(search)
main.add_command(review_group)
eval_group.add_command(eval_themes)
for _command in THEME_COMMANDS:
    themes.add_command(_command)
main.add_command(similar)
main.add_command(quotes)
main.add_command(agencies)
themes.add_command(themes_list)
main.add_command(train_reranker)
main.add_command(passages)
main.add_command(delete)
eval_group.add_command(eval_search)
eval_group.add_command(eval_metadata)
eval_group.add_command(eval_review_themes)
