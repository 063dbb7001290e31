"""Fit the event confidence (armswatch.confidence) on the gold corpora and write data/confidence.yaml.

python bench/calibrate.py [--shared ../shared] [--dry-run]

Each predicted event of ../shared/corpus/dev, ../shared/corpus/real and tests/corpus is labelled right when
it matches a gold event on every key role (the scorer's key_match), and an L2-regularised logistic
regression over the extractor's features is fitted to those labels (the strength chosen by 5-fold
cross-validation over documents). tests/fresh is never fitted: its reliability is printed, as are the
fitted corpora's.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np

from armswatch.confidence import WEIGHTS_FILE, Calibration, feature_names
from armswatch.evaluation import corpus_documents, labelled_events, reliability_table
from armswatch.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
STRENGTHS = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5

Labelled = list[tuple[float, bool, dict[str, float]]]


def matrix(events: Labelled, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The design matrix (a leading 1 for the intercept) and the 0/1 labels."""
    x = np.array([[1.0, *(f.get(n, 0.0) for n in names)] for _, _, f in events])
    y = np.array([float(right) for _, right, _ in events])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, strength: float) -> np.ndarray:
    """Logistic regression by Newton steps, with an L2 penalty on the weights (not on the intercept)."""
    penalty = np.full(x.shape[1], strength)
    penalty[0] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def log_loss(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    p = np.clip(1.0 / (1.0 + np.exp(-np.clip(x @ w, -50, 50))), 1e-9, 1 - 1e-9)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def choose_strength(by_doc: dict[str, Labelled], names: tuple[str, ...]) -> float:
    """The penalty with the lowest cross-validated log loss, folds drawn by document (its events together)."""
    docs = sorted(by_doc)
    random.Random(0).shuffle(docs)
    best, best_loss = STRENGTHS[0], float("inf")
    for strength in STRENGTHS:
        losses = []
        for fold in range(FOLDS):
            held = set(docs[fold::FOLDS])
            train = [e for d in docs if d not in held for e in by_doc[d]]
            test = [e for d in held for e in by_doc[d]]
            if not test:
                continue
            w = fit(*matrix(train, names), strength)
            losses.append(log_loss(*matrix(test, names), w) * len(test))
        loss = sum(losses)
        print(f"  L2 strength {strength:>5}: cross-validated log loss {loss:.1f}")
        if loss < best_loss:
            best, best_loss = strength, loss
    return best


def write_weights(path: Path, w: np.ndarray, names: tuple[str, ...], strength: float, n: int) -> None:
    lines = [
        "# How sure an extracted event is (armswatch.confidence): a logistic model over the extractor's own",
        "# features. Written by bench/calibrate.py from the gold corpora (shared dev, shared real,",
        f"# tests/corpus: {n} predicted events, L2 strength {strength}); do not edit by hand.",
        f"intercept: {w[0]:.4f}",
        "weights:",
        *(f'  "{name}": {weight:.4f}' for name, weight in zip(names, w[1:], strict=True)),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--dry-run", action="store_true", help="print the fit, leave the weights file")
    args = parser.parse_args()
    fitted = {
        "shared dev": Path(args.shared) / "corpus" / "dev",
        "shared real": Path(args.shared) / "corpus" / "real",
        "own (tests/corpus)": ROOT / "tests" / "corpus",
    }
    held_out = {"fresh (tests/fresh)": ROOT / "tests" / "fresh"}
    pipeline = Pipeline()
    labelled: dict[str, Labelled] = {}
    by_doc: dict[str, Labelled] = {}
    for label, corpus in {**fitted, **held_out}.items():
        if not corpus.is_dir():
            raise SystemExit(f"{corpus}: not found (the calibration needs every gold corpus)")
        records = list(pipeline.extract(corpus_documents(corpus)))
        labelled[label] = labelled_events(records, corpus)
        if label in fitted:
            for record in records:
                by_doc[f"{label}/{record.doc.id}"] = labelled_events([record], corpus)
    names = feature_names()
    train = [e for label in fitted for e in labelled[label]]
    print(f"Fitting on {len(train)} predicted events ({sum(r for _, r, _ in train)} right)")
    strength = choose_strength(by_doc, names)
    w = fit(*matrix(train, names), strength)
    model = Calibration(float(w[0]), {n: float(v) for n, v in zip(names, w[1:], strict=True)})
    for label, events in labelled.items():
        pairs = [(model.confidence(f), right) for _, right, f in events]
        print(f"\n{label}{' (held out, not fitted)' if label in held_out else ''}:")
        print(reliability_table(pairs))
    if not args.dry_run:
        path = ROOT / "src" / "armswatch" / "data" / WEIGHTS_FILE
        write_weights(path, w, names, strength, len(train))
        print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
