"""Print extraction scores on the shared dev corpus and on our own corpus (tests/corpus).

python bench/eval.py [--shared ../shared] [--verbose]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from armswatch.evaluation import evaluate_corpus

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    corpora = {
        "shared dev": Path(args.shared) / "corpus" / "dev",
        "own (tests/corpus)": ROOT / "tests" / "corpus",
    }
    for label, corpus in corpora.items():
        if not corpus.is_dir():
            print(f"{label}: {corpus} not found, skipped")
            continue
        summary, per_doc, _ = evaluate_corpus(corpus)
        print(f"== {label}: {corpus}")
        for key in (
            "documents",
            "event_precision",
            "event_recall",
            "event_f1",
            "role_accuracy",
            "attribution",
            "denials",
            "grounded",
        ):
            print(f"  {key:16} {summary[key]}")
        if args.verbose:
            for doc_id, s in per_doc.items():
                print(
                    f"  # {doc_id}: matched {s['gold_matched']}/{s['gold_required']} gold, "
                    f"{s['pred_matched']}/{s['pred_events']} predicted"
                )
                for miss in s["misses"]:
                    print(f"      missed   {miss}")
                for spurious in s["spurious"]:
                    print(f"      spurious {json.dumps(spurious, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
