"""`casegraph train-reranker`: rebuild the search reranker from the team's judgements."""

from __future__ import annotations

from pathlib import Path

import click

from casegraph.cli_search import searcher
from casegraph.options import data_dir_option, read
from search_app import rerank
from search_app.evaluate import load_gold
from search_app.rerank_train import (
    cross_validate,
    dev_cross_validation,
    dev_report,
    load_judgements,
    training_rows,
)


@click.command(name="train-reranker")
@data_dir_option
@click.option(
    "--dev",
    "dev_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Graded queries the model never trains on (queries.jsonl): it is switched on by "
    "default only when it beats search without it there.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=rerank.MODEL_PATH,
    help="Where to write the model (default: the one search loads).",
)
def train_reranker(data_dir: Path, dev_path: Path | None, output: Path) -> None:
    """Train the reranker on models/reranker/judgements.jsonl over the current store.

    \b
    Example:
      casegraph train-reranker --dev ../shared/eval/dev/queries.jsonl
    """
    queries, judged = load_judgements()
    engine = read(lambda: searcher(data_dir))
    engine.reranker = None
    matrix, grades, groups = read(lambda: training_rows(engine, queries, judged))
    if len(grades) < 20 or len(set(grades >= 1)) < 2:
        raise click.ClickException(
            f"only {len(grades)} judged passages found among the candidates: is this the "
            "store the judgements were made on (the demo corpus and ../shared/corpora)?"
        )
    auc = cross_validate(matrix, grades, groups)
    model = rerank.fit(matrix, grades)
    about: dict[str, object] = {
        "trained_on": f"{len(grades)} judged passages of {len(set(groups.tolist()))} queries",
        "cv_auc_leave_one_query_out": round(auc, 4),
        "default_on": False,
    }
    click.echo(f"{about['trained_on']}; leave-one-query-out AUC {auc:.3f}")
    if dev_path is not None:
        report = dev_report(engine, model, load_gold(dev_path))
        about["dev_ndcg@10"] = report
        about["default_on"] = report["with"] > report["without"]
        click.echo(
            f"dev nDCG@10 without {report['without']:.3f}, with {report['with']:.3f}: "
            + ("on by default" if about["default_on"] else "off by default")
        )
        # how a model would do with judgements like the dev ones: trained on ours and four
        # fifths of the dev queries, tested on the fifth (reported; the shipped model never
        # sees a dev judgement)
        cv = dev_cross_validation(engine, (matrix, grades), load_gold(dev_path))
        about["dev_5fold_ndcg@10"] = cv
        click.echo(
            f"5-fold on dev (ours + other folds): without {cv['without']:.3f}, "
            f"with {cv['with']:.3f}"
        )
    model.save(output, about)
    click.echo(f"Wrote {output}.")
