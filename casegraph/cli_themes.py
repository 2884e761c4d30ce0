"""Theme commands: train and evaluate the learned classifier, explain and correct a passage's
themes, the machine's agreement with people, and review metadata corrections."""

from __future__ import annotations

import inspect
import json
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from casegraph.cli_vocab import check_theme
from casegraph.components import build_embedder, build_theme_tagger, open_store
from casegraph.options import data_dir_option, json_option, read
from casegraph.settings import REPO_ROOT, Settings
from casegraph.text import counted, printable
from graph.corrections import CORRECTABLE_FIELDS, WITHDRAW, said
from graph.store import IndexBehind, Store, StoreLocked, StoreUnavailable
from ingest.theme_eval import EvalReport, format_table
from ingest.themes import load_taxonomy
from ingest.themes.labels import LABELS_FILE, dev_examples, load_examples
from ingest.themes.learned import DEFAULT_MODEL
from ingest.themes.training import Example, TrainingRun, train_and_evaluate
from search_app.coding import (
    code_theme,
    correct_field,
    correction_examples,
    explain,
    kappa_withheld,
    machine_agreement,
    review_history,
    withdraw_theme,
)

DEV_GOLD = REPO_ROOT.parent / "shared" / "eval" / "dev" / "themes.jsonl"


def _training_examples(labels: Path, dev_gold: Path | None, data_dir: Path | None) -> list[Example]:
    """The labels, the dev gold and the store's corrections; a bad line in either file is a
    BadJsonLines naming it, said in one line by casegraph.cli.Commands."""
    examples, skipped = load_examples(labels)
    for item in skipped:
        click.echo(f"skipped {item.id}: {item.reason}", err=True)
    if dev_gold is not None:
        examples += dev_examples(dev_gold)
    if data_dir is not None:
        try:
            corrected = correction_examples(open_store(data_dir))
        except StoreUnavailable as error:
            click.echo(f"corrections not read: {error}", err=True)
            corrected = []
        click.echo(f"{len(corrected)} corrected passages from the store", err=True)
        examples += corrected
    return examples


def _run(examples: list[Example], cache: Path | None, draws: int = 1) -> TrainingRun:
    embedder = build_embedder(Settings.from_env().embedder, cache)
    return train_and_evaluate(
        examples,
        load_taxonomy(),
        embedder,
        progress=lambda m: click.echo(m, err=True),
        draws=draws,
    )


draws_option = click.option(
    "--draws",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Fold draws of the passage-level CV over the dev gold; above 1, their mean is "
    "reported too (one draw moves by about 0.01).",
)


def _print_run(run: TrainingRun, as_json: bool) -> None:
    reports: dict[str, EvalReport | None] = {
        "grouped CV, all training passages": run.cv,
        "grouped CV, dev gold passages (out of sample)": run.cv_dev,
        "passage-level CV over the dev gold (same documents, other passages: the held-out "
        "setting)": run.held_out,
        "trained without the dev gold, on the dev gold": run.no_dev,
        "keyword baseline, dev gold": run.baseline_dev,
    }
    if as_json:
        out = {name: r.to_dict() for name, r in reports.items() if r is not None}
        click.echo(json.dumps({"card": run.model.card, "reports": out}, indent=2))
        return
    for name, report in reports.items():
        if report is not None:
            click.echo(f"== {name}")
            click.echo(format_table(report))
    draws = run.model.card.get("evaluation", {}).get("passage_cv_dev_gold_same_documents_draws")
    if draws:
        click.echo(
            f"== passage-level CV over the dev gold, mean of {draws['draws']} fold draws: "
            f"micro-F1 {draws['micro_f1']:.3f} (from {draws['micro_f1_min']:.3f} to "
            f"{draws['micro_f1_max']:.3f}), macro-F1 {draws['macro_f1']:.3f}"
        )


@click.command(name="train")
@click.option(
    "--labels",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=LABELS_FILE,
    show_default=True,
    help="Adjudicated training labels (corpora/labels/themes.jsonl).",
)
@click.option(
    "--dev-gold",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEV_GOLD,
    show_default=True,
    help="The dev gold, trained on and scored by grouped cross-validation over its documents.",
)
@click.option("--no-dev-gold", is_flag=True, help="Train on the labels (and corrections) only.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_MODEL,
    show_default=True,
    help="Where to write the model (the default is the one ingest loads).",
)
@data_dir_option
@draws_option
@json_option
def themes_train(
    labels: Path,
    dev_gold: Path,
    no_dev_gold: bool,
    output: Path,
    data_dir: Path,
    draws: int,
    as_json: bool,
) -> None:
    """Rebuild the theme model from the labels in the repository, the dev gold and the
    corrections stored in the graph, offline; prints grouped cross-validation figures.

    \b
    Example:
      casegraph themes train
    """
    gold = None if no_dev_gold or not dev_gold.exists() else dev_gold
    examples = _training_examples(labels, gold, data_dir)
    run = _run(examples, Path(data_dir) / "cache" / "embeddings.sqlite", draws)
    run.model.save(output)
    _print_run(run, as_json)
    click.echo(f"Saved {output} ({run.model.version}).", err=True)


@click.command(name="themes")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON lines with {"id", "source", "text", "themes"}, e.g. ../shared/eval/dev/themes.jsonl',
)
@click.option(
    "--labels",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=LABELS_FILE,
    show_default=True,
    help="The training labels the gold is cross-validated with.",
)
@data_dir_option
@draws_option
@json_option
def eval_themes(gold_path: Path, labels: Path, data_dir: Path, draws: int, as_json: bool) -> None:
    """Grouped cross-validation (folds by document) over the training labels plus this gold
    set, next to the keyword baseline on the gold: every figure is out of sample. Retrains
    in each fold, so it takes a few minutes; the shipped model is left as it is."""
    examples = _training_examples(labels, gold_path, None)  # a bad line: see cli.Commands
    _print_run(_run(examples, Path(data_dir) / "cache" / "embeddings.sqlite", draws), as_json)


@click.command(name="why")
@click.argument("passage_id")
@data_dir_option
@json_option
def themes_why(passage_id: str, data_dir: Path, as_json: bool) -> None:
    """Why a stored passage carries each theme: score, evidence sentences, corrections."""
    store = open_store(data_dir)
    tagger = build_theme_tagger(build_embedder(Settings.from_env().embedder, None))
    try:
        found = read(lambda: explain(store, tagger, passage_id))
    except KeyError as error:
        raise click.ClickException(f"no passage {passage_id} in the store") from error
    if as_json:
        click.echo(json.dumps(asdict(found), indent=2, ensure_ascii=False))
        return
    click.echo(f"{found.passage_id} (review {found.review_id})\n{found.text}\n")
    for reason in found.themes:
        state = "carried" if reason.carried else "not carried"
        implied = f" (implied by {', '.join(reason.implied_by)})" if reason.implied_by else ""
        click.echo(f"{reason.theme}: {state}{implied}; machine {reason.score:.2f}")
        for sentence in reason.evidence:
            click.echo(f"    “{sentence}”")
        if reason.correction:
            c = reason.correction
            click.echo(f"    corrected: {c['action']} by {c['who']} at {c['made_at']}")
    if found.near_misses:
        nearly = ", ".join(f"{theme} {score:.2f}" for theme, score in found.near_misses)
        click.echo(f"Nearly given (not carried): {nearly}")
    elif not found.themes:
        click.echo("No theme, and none nearly given.")


@click.command(name="correct")
@click.argument("passage_id")
@click.option(
    "--accept",
    "accept",
    metavar="THEME",
    callback=check_theme,
    help="Confirm a theme the passage carries. Refused when it does not carry THEME: add it.",
)
@click.option(
    "--reject",
    "reject",
    metavar="THEME",
    callback=check_theme,
    help="Remove a theme the passage carries. Refused when it does not carry THEME: there is "
    "nothing to reject, and a rejection on record would read as a disagreement with the "
    "machine that never happened; and while it carries a narrower theme that implies THEME "
    "(cannabis implies substance_misuse): reject that one first.",
)
@click.option(
    "--add",
    "add",
    metavar="THEME",
    callback=check_theme,
    help="Add a theme the machine missed, with the broader themes it implies. Refused when the "
    "passage carries THEME already: accept it.",
)
@click.option(
    "--withdraw",
    "withdraw",
    metavar="THEME",
    callback=check_theme,
    help="Take back the correction of THEME in force (whoever made it): the machine's label "
    "applies again; the history keeps the correction and its withdrawal.",
)
@click.option("--by", default="cli", show_default=True, help="Who makes the correction.")
@click.option("--note", default=None, help="Why, in a few words (kept in the history).")
@data_dir_option
def themes_correct(
    passage_id: str,
    accept: str | None,
    reject: str | None,
    add: str | None,
    withdraw: str | None,
    by: str,
    note: str | None,
    data_dir: Path,
) -> None:
    """Accept, reject or add one theme (its id or its label) of a stored passage; it overrides
    the machine in every view and survives re-ingest and retraining. --withdraw takes a
    correction back."""
    options = (("accept", accept), ("reject", reject), ("add", add), ("withdraw", withdraw))
    chosen = [(a, t) for a, t in options if t]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --accept, --reject, --add or --withdraw THEME")
    [(action, theme)] = chosen
    store = open_store(data_dir)
    if action == "withdraw":
        _withdraw(store, passage_id, theme, by, note)
        return
    try:
        with store.writer():
            saved = code_theme(store, passage_id, theme, action, by, note, load_taxonomy())
    except KeyError as error:
        raise click.ClickException(f"no passage {passage_id} in the store") from error
    except (ValueError, StoreLocked, StoreUnavailable) as error:
        raise click.ClickException(printable(str(error))) from error
    except IndexBehind as error:
        click.echo(printable(f"{passage_id}: {action} {theme} (by {by}) {error}."))
        return
    click.echo(printable(f"{passage_id}: {action} {theme} (by {by})."))
    for row in saved[:-1]:  # the themes it implies
        click.echo(printable(f"{passage_id}: add {row['theme']} (by {by}; {row['note']})."))


def _withdraw(store: Store, passage_id: str, theme: str, by: str, note: str | None) -> None:
    """`themes correct --withdraw`: one line saying what the passage carries now."""
    try:
        with store.writer():
            carried = withdraw_theme(store, passage_id, theme, by, note, load_taxonomy())
    except KeyError as error:
        raise click.ClickException(f"no passage {passage_id} in the store") from error
    except (ValueError, StoreLocked, StoreUnavailable) as error:
        raise click.ClickException(printable(str(error))) from error
    except IndexBehind as error:
        said = f"{passage_id}: withdrew the correction of {theme} (by {by}) {error}."
        click.echo(printable(said))
        return
    now = "carries it" if carried else "does not carry it"
    click.echo(
        printable(
            f"{passage_id}: withdrew the correction of {theme} (by {by}); the machine's label "
            f"applies again: the passage {now}."
        )
    )


@click.command(name="agreement")
@data_dir_option
@json_option
def themes_agreement(data_dir: Path, as_json: bool) -> None:
    """Over the passages people corrected: the machine's precision, recall and Cohen's kappa
    per theme against them. A score with nothing to compute it from (no passage given the
    theme by the machine, for precision, or by people, for recall) is shown as "–" (null in
    --json). Kappa is given only once enough passages are corrected (null in --json until
    then): over one or a few it measures nothing."""
    store = open_store(data_dir)
    tagger = build_theme_tagger(build_embedder(Settings.from_env().embedder, None))
    report: dict[str, Any] = read(lambda: machine_agreement(store, tagger, load_taxonomy().ids))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    learnt = report["left_out_learnt"]
    if learnt:
        click.echo(
            f"{counted(learnt, 'corrected passage')} left out: the theme model was trained on "
            f"{'its' if learnt == 1 else 'their'} corrections, so it would agree by rote."
        )
    if not report["passages"]:
        click.echo(
            "No passage has been corrected since the model was trained: nothing to measure out "
            "of sample. Correct more themes, then run this again."
            if learnt
            else "No passage has been corrected yet: nothing to measure. Correct themes with "
            "`casegraph themes correct` or on the app's Review and Search pages."
        )
        return
    with_kappa = not report["small_sample"]
    pooled = f", pooled kappa {_score(report['pooled_kappa'])}" if with_kappa else ""
    click.echo(
        f"{counted(report['passages'], 'corrected passage')}: "
        f"precision {_score(report['micro_precision'])}, "
        f"recall {_score(report['micro_recall'])}{pooled}"
    )
    if withheld := kappa_withheld(report["passages"]):
        click.echo(withheld)
    for theme, row in sorted(report["per_theme"].items()):
        kappa = f"  kappa {_score(row['kappa']):>4}" if with_kappa else ""
        click.echo(
            f"  {theme:30} P {_score(row['precision']):>4}  R {_score(row['recall']):>4}"
            f"{kappa}  n {row['support']}"
        )
    if _undefined(report):
        click.echo("– : nothing to compute it from (no passage given the theme to count).")


def _undefined(report: dict[str, Any]) -> bool:
    """Whether any score shown is "–" (a kappa withheld for too few passages is not shown)."""
    rows = [report, *report["per_theme"].values()]
    keys = ["micro_precision", "micro_recall", "precision", "recall"]
    if not report["small_sample"]:
        keys += ["pooled_kappa", "kappa"]
    return any(key in row and row[key] is None for row in rows for key in keys)


def _score(value: float | None) -> str:
    """A score to two places, or "–" where there was nothing to compute it from."""
    return "–" if value is None else f"{value:.2f}"


@click.command(name="history")
@click.argument("passage_id", required=False)
@data_dir_option
@json_option
def themes_history(passage_id: str | None, data_dir: Path, as_json: bool) -> None:
    """Every theme correction, newest first (of one passage, given its id): the action, the
    theme, who, when, the note, and which are in force.

    \b
    Example:
      casegraph themes history PASSAGE_ID --json
    """
    store = open_store(data_dir)
    if passage_id is not None and not read(lambda: store.passages([passage_id])):
        raise click.ClickException(f"no passage {passage_id} in the store")
    history = read(lambda: store.theme_correction_history(passage_id))
    current = {(c["passage_id"], c["theme"], c["made_at"]) for c in read(store.theme_corrections)}
    rows = []
    next_action: dict[tuple[str, str], str] = {}  # the action that came after, newest first
    for row in reversed(history):
        key = (row["passage_id"], row["theme"])
        in_force = (*key, row["made_at"]) in current
        withdrawn = not in_force and next_action.get(key) == WITHDRAW
        rows.append({**row, "in_force": in_force, "withdrawn": withdrawn})
        next_action[key] = row["action"]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("No theme has been corrected by hand.")
    for row in rows:
        click.echo(
            printable(
                f"{row['made_at']}  {row['passage_id']}  {row['action']} {row['theme']}  "
                f"{_whose(row)}"
            )
        )


@click.group(name="review")
def review_group() -> None:
    """One stored review: correct its metadata, and see who corrected what."""


def _correct_help() -> str:
    """`review correct`'s help, naming the fields graph.corrections lets a person correct."""
    fields = textwrap.fill(
        ", ".join(CORRECTABLE_FIELDS), width=70, initial_indent="  ", subsequent_indent="  "
    )
    text = """Set a review's metadata FIELD to VALUE, or "not stated" to clear a value the review
    does not state; it overrides the parser everywhere (search filters, similar cases,
    `reviews`, `show`) and survives re-ingest.

    \b
    FIELD is one of:
    FIELDS

    child_pseudonyms takes every child's name in one VALUE, separated by commas (or
    semicolons); it replaces the names the parser read.

    \b
    Examples:
      casegraph review correct REVIEW_ID outcome serious_harm --by "Analyst A"
      casegraph review correct REVIEW_ID partnership "Northmoor Safeguarding Partnership"
      casegraph review correct REVIEW_ID child_pseudonyms "Child D, Child E"
      casegraph review correct REVIEW_ID author "not stated" --note "no author named"
    """
    return inspect.cleandoc(text).replace("\nFIELDS\n", f"\n{fields}\n")


@review_group.command(name="correct", help=_correct_help())
@click.argument("review_id")
@click.argument("field")
@click.argument("value")
@click.option("--by", default="cli", show_default=True, help="Who makes the correction.")
@click.option("--note", default=None, help="Why, in a few words (kept in the history).")
@data_dir_option
def review_correct(
    review_id: str, field: str, value: str, by: str, note: str | None, data_dir: Path
) -> None:
    store = open_store(data_dir)
    try:
        with store.writer():
            saved = correct_field(store, review_id, field, value, by, note)
    except KeyError as error:
        raise click.ClickException(f"no review {review_id} in the store") from error
    except (ValueError, StoreLocked, StoreUnavailable) as error:
        raise click.ClickException(str(error)) from error
    except IndexBehind as error:
        click.echo(printable(f"{review_id}: {field} = {value!r} (by {by}) {error}."))
        return
    for row in saved:
        click.echo(
            printable(f"{review_id}: {row['field']} = {said(json.loads(row['value']))} (by {by}).")
        )


@review_group.command(name="history")
@click.argument("review_id")
@data_dir_option
@json_option
def review_history_command(review_id: str, data_dir: Path, as_json: bool) -> None:
    """Every correction of a review's metadata, newest first: the value, the parser's value it
    overrode (when the parser found one), who, when, the note, and which are in force.

    \b
    Example:
      casegraph review history REVIEW_ID --json
    """
    store = open_store(data_dir)
    try:
        history = read(lambda: review_history(store, review_id))
    except KeyError as error:
        raise click.ClickException(f"no review {review_id} in the store") from error
    if as_json:
        click.echo(json.dumps(history, indent=2, ensure_ascii=False))
        return
    if not history:
        click.echo(f"{review_id}: no field has been corrected by hand.")
        return
    for row in history:
        click.echo(_history_line(row))


def _whose(row: dict[str, Any]) -> str:
    """Who made a correction, whether it is in force, and the note: 'by A, in force; note: x'."""
    note = f"; note: {row['note']}" if row.get("note") else ""
    if row.get("action") == WITHDRAW:  # a withdrawal is never in force itself
        return f"by {row['who']}{note}"
    state = "in force" if row["in_force"] else "withdrawn" if row.get("withdrawn") else "replaced"
    return f"by {row['who']}, {state}{note}"


def _history_line(row: dict[str, Any]) -> str:
    """One correction on one line, e.g. '<when>  outcome = died (machine: other)  by A, in
    force'; the values may come from a document, so they are made printable."""
    machine = f" (machine: {said(row['machine'])})" if "machine" in row else ""
    return printable(
        f"{row['made_at']}  {row['field']} = {said(row['value'])}{machine}  {_whose(row)}"
    )


THEME_COMMANDS = [themes_train, themes_why, themes_correct, themes_agreement, themes_history]
