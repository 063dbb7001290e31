"""Fuzz target: the JSON Lines bulk reader (bytes -> records -> Documents), then extraction of each
Document it yields. A bad line must come back as an IngestError; anything else escaping is a crash.
Run it with fuzz/run.py (or: python fuzz/fuzz_jsonl.py CORPUS_DIR fuzz/seeds/jsonl -max_total_time=600).
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports(include=["armswatch"]):  # coverage of armswatch only: libraries stay fast
    from armswatch.ingest import IngestError, read_jsonl_lines
    from armswatch.pipeline import Pipeline
    from armswatch.records import ExtractionRecord

from harness import check_record, extract_checked

PIPELINE = Pipeline()  # loaded once per process, not per input


def test_one_input(data: bytes) -> None:
    for item in read_jsonl_lines(io.BytesIO(data), "fuzz.jsonl", "fuzz"):
        if isinstance(item, IngestError):
            continue  # a line that is not an article: the designed, counted error
        check_record(ExtractionRecord(item, [], []), item.text)  # the metadata alone is contract-valid
        extract_checked(PIPELINE, item)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
