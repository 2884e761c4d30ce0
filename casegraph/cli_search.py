"""Search commands: passages, and the evaluation of search against graded queries."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from casegraph.cli_graph import require_reviews
from casegraph.cli_vocab import check_agency, check_theme, check_years
from casegraph.components import build_embedder, build_searcher, open_store
from casegraph.options import YEAR, data_dir_option, json_option, read
from casegraph.settings import Settings
from casegraph.text import counted
from graph.analytics import AGE_BAND_NAMES, OUTCOMES, REVIEW_TYPES
from graph.filters import SearchFilters
from graph.store import StoreLocked
from ingest.clip import WORD_SHOWN, clipped
from search_app.briefing import (
    Draft,
    briefing_markdown,
    citation,
    pages_of,
    quotes_csv,
    to_docx,
    to_markdown,
    with_files,
    with_notes,
    with_themes,
)
from search_app.browse import export
from search_app.evaluate import evaluate, load_gold
from search_app.evaluate import record_pool as pool_runs
from search_app.search import NOTHING_TO_LOOK_FOR, Searcher, meaning_only_note
from search_app.similar import HARM_THEMES, NOTHING_READ, CaseTagger, SimilarCases


def searcher(data_dir: Path, reviews_needed: bool = False) -> Searcher:
    store = open_store(data_dir)
    if reviews_needed:
        require_reviews(store)
    settings = Settings.from_env()
    embedder = build_embedder(settings.embedder, store.embedding_cache)
    return build_searcher(store, embedder, settings.reranker)


# A query word may start with "-" (leave out passages with it): such a word is taken as part of
# the query, not as an unknown option.
@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("words", nargs=-1, metavar="QUERY...")
@data_dir_option
@json_option
@click.option(
    "--k", default=10, show_default=True, type=click.IntRange(min=1), help="How many passages."
)
@click.option(
    "--mode",
    type=click.Choice(["hybrid", "keyword", "dense"]),
    default="hybrid",
    show_default=True,
    help="hybrid: words and meaning together; keyword: the words only (BM25); dense: meaning "
    "only (sentence embeddings).",
)
@click.option(
    "--theme",
    "themes",
    multiple=True,
    callback=check_theme,
    help="Theme id or label (`casegraph themes list`); repeat for any of several.",
)
@click.option(
    "--agency",
    "agencies",
    multiple=True,
    callback=check_agency,
    help="Agency id, e.g. police (`casegraph agencies list`); repeatable.",
)
@click.option(
    "--type",
    "review_types",
    multiple=True,
    type=click.Choice(REVIEW_TYPES),
    help="Review type; repeat for several.",
)
@click.option("--year-from", type=YEAR, help="Publication year from (inclusive).")
@click.option("--year-to", type=YEAR, help="Publication year to (inclusive).")
@click.option("--partnership", help="Part of the partnership's name.")
@click.option(
    "--age-band",
    "age_bands",
    multiple=True,
    type=click.Choice(AGE_BAND_NAMES),
    help="The child's age band; repeat for several.",
)
@click.option(
    "--outcome",
    "outcomes",
    multiple=True,
    type=click.Choice(OUTCOMES),
    help="What happened to the child; repeat for several.",
)
@click.option("--format", "fmt", type=click.Choice(["csv", "md", "docx"]), help="Export as.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Export to.")
def search(
    words: tuple[str, ...],
    data_dir: Path,
    as_json: bool,
    k: int,
    mode: str,
    fmt: str | None,
    output: Path | None,
    **filters: Any,
) -> None:
    """Find passages: meaning and keywords together, each with its citation.

    \b
    Examples:
      casegraph search "father smoked cannabis and police did not tell health"
      casegraph search "safer sleep advice" --theme sudi_unsafe_sleep --year-from 2018 --json
      casegraph search '"not brought" AND dental -adult' --format docx --output results.docx
      casegraph search fathers -cannabis

    Quoted words must appear exactly as written (case and punctuation aside); unquoted words
    joined by AND, OR or NOT (or -word) match by their stems. A word starting with "-"
    leaves out the passages that hold it; the words of QUERY may be given one by one.
    """
    query = _query_text(words)
    check_years(filters["year_from"], filters["year_to"])
    if not query.strip() or Searcher.nothing_to_look_for(query):
        raise click.UsageError(f'{NOTHING_TO_LOOK_FOR}; e.g. casegraph search "safer sleep"')
    if bool(fmt) != bool(output):
        raise click.UsageError("--format and --output go together")
    chosen = SearchFilters(**filters)
    engine = read(lambda: searcher(data_dir, reviews_needed=True))
    results = read(lambda: engine.search(query, k, mode, chosen))  # type: ignore[arg-type]
    unknown = read(lambda: engine.unknown_words(query))
    if unknown:  # on stderr: --json and --output stay clean
        named = ", ".join(f"“{clipped(word, WORD_SHOWN)}”" for word in unknown)
        every = len(unknown) == len(engine.searched_words(query))
        caveat = " The passages below are only closest in meaning." if every and results else ""
        click.echo(f"note: no review uses {named}; check the spelling.{caveat}", err=True)
    if fmt and output:
        what = f"search {query} ({mode}, {counted(k, 'passage')} at most)"
        output.write_bytes(export(results, fmt, f"Search: {query}", chosen, what))  # type: ignore[arg-type]
        click.echo(f"Wrote {counted(len(results), 'passage')} to {output}.")
        return
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return
    if not results:
        click.echo("No passages found.")
    for number, result in enumerate(results, start=1):
        click.echo(
            f"{number}. {result.citation()}  "
            f"[{result.review_type or 'type not known'}; {', '.join(result.themes)}]"
        )
        click.echo(f"   passage {result.passage_id}")  # for `quotes add` and `themes why`
        click.echo("   " + result.highlighted("«", "»").replace("\n", "\n   "))
        click.echo()
    if note := meaning_only_note(results, mode):
        click.echo(note)


def _query_text(words: tuple[str, ...]) -> str:
    """The words of the query as one. A word like "--kk" is a mistyped option, and "-k" or
    "-json" an option written with one dash: not words to search for, so refused as click
    refuses an unknown option."""
    context = click.get_current_context()
    known = [o for p in context.command.params for o in p.opts if o.startswith("--")]
    for word in words:
        name = word.split("=", 1)[0]
        if (name.startswith("--") and len(name) > 2) or "-" + name in known:
            close = difflib.get_close_matches(name, known) or (
                [] if name.startswith("--") else ["-" + name]  # "-json" meant "--json"
            )
            raise click.NoSuchOption(name, possibilities=close, ctx=context)
    return " ".join(words)


@click.command(name="search")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="queries.jsonl, with passages.jsonl beside it.",
)
@data_dir_option
@json_option
@click.option(
    "--k",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="Results per query scored (nDCG, recall and MRR at this depth).",
)
@click.option(
    "--pool",
    "pool_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The judged pool (from --record-pool): results outside it are counted as unjudged.",
)
@click.option(
    "--record-pool",
    is_flag=True,
    help="Write what the three modes return now to --pool (run with the system that was judged).",
)
def eval_search(
    gold_path: Path,
    data_dir: Path,
    as_json: bool,
    k: int,
    pool_path: Path | None,
    record_pool: bool,
) -> None:
    """nDCG@k, Recall@k and MRR of hybrid, keyword-only and dense-only search in one run,
    and the share of returned passages no one judged, on the current store (ingests nothing).

    \b
    Examples:
      casegraph eval search --gold ../shared/eval/dev/queries.jsonl
      casegraph eval search --gold ../shared/eval/dev/queries.jsonl --pool pool.json
    """
    queries, texts = load_gold(gold_path)
    engine = read(lambda: searcher(data_dir))
    runs = {mode: _texts(engine, mode, k) for mode in ("hybrid", "keyword", "dense")}
    if record_pool:
        if pool_path is None:
            raise click.UsageError("--record-pool needs --pool PATH to write to")
        pool_path.write_text(json.dumps(pool_runs(queries, runs, k)), encoding="utf-8")
        click.echo(f"Wrote the judged pool of {len(queries)} queries to {pool_path}.")
        return
    pool = _read_pool(pool_path) if pool_path else None
    # with a pool, each mode also runs three pages deep, for nDCG of its judged results alone
    report = {
        mode: evaluate(queries, texts, run, k, pool, _texts(engine, mode, 3 * k) if pool else None)
        for mode, run in runs.items()
    }
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    unjudged = "unjudged" if pool is not None else "no gold match"
    condensed = f"ndcg@{k}_judged_only"
    click.echo(
        f"{'mode':10} {'nDCG@' + str(k):>9} {'Recall@' + str(k):>10} {'MRR':>7} {unjudged:>14}"
        + (f" {'nDCG@' + str(k) + ' judged only':>20}" if pool is not None else "")
    )
    for mode, row in report.items():
        share = row.get("unjudged_share", row["unmatched_share"])
        click.echo(
            f"{mode:10} {row[f'ndcg@{k}']:>9.3f} {row[f'recall@{k}']:>10.3f} {row['mrr']:>7.3f}"
            f" {share:>14.1%}" + (f" {row[condensed]:>20.3f}" if condensed in row else "")
        )
    if pool is None:
        click.echo(
            f"no gold match: the share of the top {k} results (over all queries) that match none "
            "of the query's gold passages: judged and left out of the gold, or never judged "
            "(--pool tells them apart)."
        )
    else:
        click.echo(
            f"unjudged: the share of the top {k} results (over all queries) that match no gold "
            "passage and are not in the judged pool: no one has judged them."
        )
    keyword = report["keyword"][f"ndcg@{k}"]
    ratio = report["hybrid"][f"ndcg@{k}"] / keyword if keyword else 0.0
    click.echo(f"hybrid / keyword-only nDCG@{k}: {ratio:.2f}x")
    for example in report["hybrid"].get("unjudged_examples", []):
        click.echo(f"  unjudged, {example['qid']} rank {example['rank']}: {example['text'][:140]}")


def _texts(engine: Searcher, mode: str, k: int) -> Any:
    def run(query: str) -> list[str]:
        return [result.text for result in engine.search(query, k, mode)]  # type: ignore[arg-type]

    return run


def _read_pool(path: Path) -> dict[str, list[str]]:
    try:
        pool = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise click.ClickException(f"cannot read the pool {path}: {error}") from error
    if not isinstance(pool, dict):
        raise click.ClickException(f"{path} is not a pool written by --record-pool")
    return {str(qid): list(texts) for qid, texts in pool.items()}


@click.command()
@click.argument("review_id", required=False)
@click.option("--text", "description", help="A new case described in a paragraph.")
@data_dir_option
@json_option
@click.option(
    "--k", default=5, show_default=True, type=click.IntRange(min=1), help="How many reviews."
)
@click.option(
    "--include-guidance", is_flag=True, help="Also match guidance and other non-review documents."
)
def similar(
    review_id: str | None,
    description: str | None,
    data_dir: Path,
    as_json: bool,
    k: int,
    include_guidance: bool,
) -> None:
    """Past reviews most like a stored review, or like a case you describe, and why.

    \b
    Examples:
      casegraph similar 6e959040603c23c3
      casegraph similar --text "Baby of 8 weeks, fractured ribs, father not seen by the HV"
    """
    if review_id and description:
        raise click.UsageError("give a REVIEW_ID or --text, not both")
    if not review_id and not (description or "").strip():
        raise click.UsageError("give a REVIEW_ID (see `casegraph reviews`) or --text DESCRIPTION")
    finder = read(lambda: similar_cases(data_dir))
    if description and not as_json:
        reading = finder.read(description)
        click.echo(
            f"Read as: harm {', '.join(sorted(reading.themes & HARM_THEMES)) or '-'}; "
            f"age band {reading.age_band or '-'}; outcome {reading.outcome or '-'}; "
            f"themes {', '.join(sorted(reading.themes - HARM_THEMES)) or '-'}; "
            f"agencies {', '.join(sorted(reading.agencies)) or '-'}\n"
        )
        if reading.empty:
            click.echo(f"{NOTHING_READ}\n")
    try:
        cases = read(
            lambda: (
                finder.like_review(review_id, k, include_guidance)
                if review_id
                else finder.like_text(description or "", k, include_guidance)
            )
        )
    except KeyError as error:
        raise click.ClickException(f"no review {review_id!r}; see `casegraph reviews`") from error
    cases = cases[:k]
    if as_json:
        click.echo(json.dumps([asdict(case) for case in cases], indent=2, ensure_ascii=False))
        return
    for number, case in enumerate(cases, start=1):
        click.echo(
            f"{number}. {case.title or '(untitled)'}  [{case.review_id}]  "
            f"score {case.score:.3f} "
            f"(text {case.text_similarity:.2f}, profile {case.profile_similarity:.2f})"
        )
        if case.likely_copy:
            click.echo(
                "   the same text: probably this review stored twice (a scan or another copy); "
                f"if so, remove one with `casegraph delete {case.review_id}`"
            )
        if case.shared_features:
            click.echo(f"   most telling in common: {', '.join(case.shared_features)}")
        pair = case.passage_pair
        if pair and pair.get("theirs"):
            theirs = pair["theirs"]
            where = pages_of(theirs)
            click.echo(f"   closest passage{', ' + where if where else ''}: {theirs['text'][:220]}")
        click.echo()


def similar_cases(data_dir: Path) -> SimilarCases:
    store = require_reviews(open_store(data_dir))
    embedder = build_embedder(Settings.from_env().embedder, store.embedding_cache)
    return SimilarCases(store, embedder, CaseTagger(embedder))


def _collection_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A collection's name without the spaces around it, as `quotes add` saves it."""
    return None if value is None else value.strip()


@click.group()
def quotes() -> None:
    """The quote bank: named collections of quotes with their citations."""


@quotes.command(name="add")
@click.argument("collection", callback=_collection_name)
@click.argument("passage_ids", nargs=-1, required=True)
@click.option("--note", help="A note kept with the quote.")
@data_dir_option
def quotes_add(
    collection: str, passage_ids: tuple[str, ...], note: str | None, data_dir: Path
) -> None:
    """Save passages (ids from `casegraph search --json`) into a collection."""
    collection = collection.strip()  # ' Neglect ' would be a collection no one can name again
    if not collection:
        raise click.ClickException("a collection needs a name, e.g. `quotes add 'Neglect' ID`")
    store = open_store(data_dir)
    found = read(lambda: store.passages(list(passage_ids)))
    missing = [pid for pid in passage_ids if pid not in found]
    if missing:
        raise click.ClickException(f"no passage {', '.join(missing)}; see `casegraph search`")
    held = read(lambda: {quote["passage_id"] for quote in store.quotes(collection)})
    with _writing(store):
        for pid in passage_ids:
            try:
                store.save_quote(collection, {**found[pid], "passage_id": pid, "note": note})
            except KeyError as error:  # its review was deleted a moment ago
                added = passage_ids.index(pid)
                raise click.ClickException(
                    f"no passage {pid} any more (its review was deleted); the "
                    f"{counted(added, 'passage')} before it {'was' if added == 1 else 'were'} "
                    "added"
                ) from error
    total = len(read(lambda: store.quotes(collection)))
    collection = _named(store, collection)  # as first spelt, when it was there before
    click.echo(_added(collection, set(passage_ids) - held, set(passage_ids) & held, total))


def _added(collection: str, new: set[str], already: set[str], total: int) -> str:
    """What adding did, e.g. "2 quotes added to 'X', 1 passage already there; it now holds 6
    quotes." """
    there = f", {counted(len(already), 'passage')} already there" if already else ""
    return (
        f"{counted(len(new), 'quote')} added to {collection!r}{there}; "
        f"it now holds {counted(total, 'quote')}."
    )


@quotes.command(name="list")
@click.argument("collection", required=False, callback=_collection_name)
@data_dir_option
@json_option
def quotes_list(collection: str | None, data_dir: Path, as_json: bool) -> None:
    """The collections, or the quotes of one collection with their citations."""
    store = open_store(data_dir)
    if collection:
        collection = _named(store, collection)
    if collection:  # cited as the exports cite them: a text file by its section, not a page
        rows = with_files(_existing(store, collection), read(store.reviews))
    else:
        rows = read(store.collections)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo(_nothing_held(collection))
    # numbered as the exports number them: a quote removed leaves no gap
    for number, row in enumerate(rows, start=1):
        if collection:
            click.echo(f"{number}. [{row['id']}] “{clipped(row['text'], 160)}” — {citation(row)}")
        else:
            click.echo(f"{row['name']}: {counted(row['quotes'], 'quote')}")


def _nothing_held(collection: str | None) -> str:
    if collection:
        return f"{collection!r} holds no quotes yet: `casegraph quotes add {collection!r} ID`."
    return "No quotes yet: `casegraph quotes add NAME PASSAGE_ID`."


@quotes.command(name="remove")
@click.argument("collection", callback=_collection_name)
@click.argument("quote_id")
@data_dir_option
def quotes_remove(collection: str, quote_id: str, data_dir: Path) -> None:
    """Remove one quote (its id, or its passage's id) from a collection."""
    store = open_store(data_dir)
    collection = _named(store, collection)
    held = _existing(store, collection)
    quote = next((q for q in held if quote_id in (q["id"], q["passage_id"])), None)
    if quote is None:
        raise click.ClickException(
            f"{quote_id!r} is not in {collection!r}; see `casegraph quotes list {collection!r}`"
        )
    with _writing(store):
        store.remove_quote(collection, quote["id"])
    click.echo(
        f"Removed “{clipped(quote['text'], 60)}” from {collection!r}; "
        f"it now holds {counted(len(held) - 1, 'quote')}."
    )


@quotes.command(name="delete")
@click.argument("collection", callback=_collection_name)
@data_dir_option
def quotes_delete(collection: str, data_dir: Path) -> None:
    """Delete a collection, its quotes and its briefing draft."""
    store = open_store(data_dir)
    collection = _named(store, collection)
    held = _existing(store, collection)
    with _writing(store):
        store.delete_collection(collection)
    click.echo(f"Deleted {collection!r} and its {counted(len(held), 'quote')}.")


def _existing(store: Any, collection: str) -> list[dict[str, Any]]:
    """The quotes of a collection that exists; a clear error naming the ones that do if not."""
    return read(lambda: store.quotes(_named(store, collection)))


def _named(store: Any, collection: str) -> str:
    """The stored spelling of a collection named whatever the case ("training" for
    "Training"); a clear error naming the collections if there is none."""
    name: str | None = read(lambda: store.collection_name(collection))
    if name is None:
        names = [row["name"] for row in read(store.collections)]
        known = f"; the collections are: {', '.join(map(repr, names))}" if names else ""
        raise click.ClickException(f"no collection {collection!r}{known}")
    return name


@quotes.command(name="export")
@click.argument("collection", callback=_collection_name)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv", "docx", "briefing-md", "briefing-docx"]),
    default="md",
    show_default=True,
    help="The quotes with their citations (md, csv, docx), or the 7-minute briefing the "
    "builder made of them (briefing-md, briefing-docx).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write.",
)
@click.option("--title", help="The briefing's title (default: the collection's name).")
@data_dir_option
def quotes_export(
    collection: str, fmt: str, output: Path, title: str | None, data_dir: Path
) -> None:
    """Export a collection: quotes with citations, or a 7-minute briefing to edit."""
    store = open_store(data_dir)
    rows = with_files(_existing(store, collection), read(store.reviews))
    if not rows:
        raise click.ClickException(f"{collection!r} holds no quotes to export")
    draft = Draft.from_json(read(lambda: store.draft(collection)))
    rows = with_notes(rows, draft)  # the notes written in the builder, in every format
    name = title or draft.title or read(lambda: store.collection_name(collection)) or collection
    if fmt == "md":
        output.write_text(to_markdown(name, rows), encoding="utf-8")
    elif fmt == "csv":
        bank = read(lambda: store.collection_name(collection)) or collection
        passages = read(lambda: store.passages([row["passage_id"] for row in rows]))
        output.write_text(quotes_csv(bank, with_themes(rows, passages)), encoding="utf-8")
    elif fmt == "briefing-md":
        output.write_text(briefing_markdown(name, rows, draft), encoding="utf-8")
    else:
        to_docx(name, rows, output, briefing=fmt == "briefing-docx", draft=draft)
    click.echo(f"Wrote {counted(len(rows), 'quote')} to {output}.")


@contextmanager
def _writing(store: Any) -> Iterator[None]:
    try:
        with store.writer():
            yield
    except StoreLocked as error:
        raise click.ClickException(str(error)) from error
