"""Print extraction scores on every gold corpus and the behavioural suite's pass rate per capability.

python bench/eval.py [--shared ../shared] [--verbose] [--samples N]

Corpora: ../shared/corpus/dev and ../shared/corpus/real (shared), tests/corpus (our own, for development)
and tests/fresh (our own held-out split: its summary is printed, never its misses).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from armswatch.checklist import report
from armswatch.evaluation import corpus_table, evaluate_corpus, run_behaviour
from armswatch.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "behaviour" / "suite.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument(
        "--verbose", action="store_true", help="misses and spurious events (not for tests/fresh)"
    )
    parser.add_argument("--samples", type=int, default=None, help="filler draws per template")
    args = parser.parse_args()
    corpora = {
        "shared dev": Path(args.shared) / "corpus" / "dev",
        "shared real": Path(args.shared) / "corpus" / "real",
        "own (tests/corpus)": ROOT / "tests" / "corpus",
        "fresh (tests/fresh)": ROOT / "tests" / "fresh",
    }
    pipeline = Pipeline()
    summaries = {}
    for label, corpus in corpora.items():
        if not corpus.is_dir():
            print(f"{label}: {corpus} not found, skipped")
            continue
        summary, per_doc, _ = evaluate_corpus(corpus, pipeline)
        summaries[label] = summary
        if args.verbose and not label.startswith("fresh"):
            print(f"== {label}: {corpus}")
            for doc_id, s in per_doc.items():
                print(
                    f"  # {doc_id}: matched {s['gold_matched']}/{s['gold_required']} gold, "
                    f"{s['pred_matched']}/{s['pred_events']} predicted"
                )
                for miss in s["misses"]:
                    print(f"      missed   {miss}")
                for spurious in s["spurious"]:
                    print(f"      spurious {json.dumps(spurious, ensure_ascii=False)}")
    print("Extraction, by ../shared/tools/score.py's measures (vendored as armswatch.scoring):")
    print(corpus_table(summaries))
    started = time.monotonic()
    scores, outcomes = run_behaviour(SUITE, pipeline, args.samples)
    took = time.monotonic() - started
    print(f"\nBehavioural suite ({len(outcomes)} cases, {took:.0f} s): pass rate per capability")
    print(report(scores))


if __name__ == "__main__":
    main()
