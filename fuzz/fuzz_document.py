"""Fuzz target: one article's raw bytes -> Document (decoding, HTML via trafilatura) -> extraction.

The first byte picks how the bytes are read: b"t" as a text file, b"h" as an HTML file, anything else as
a file whose type is detected from its content. Run it with fuzz/run.py (or straight with libFuzzer flags:
python fuzz/fuzz_document.py CORPUS_DIR fuzz/seeds/document -max_total_time=600).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["armswatch"]):  # coverage of armswatch only: libraries stay fast
    from armswatch.ingest import IngestError, bytes_to_document
    from armswatch.pipeline import Pipeline

from harness import extract_checked

PIPELINE = Pipeline()  # loaded once per process, not per input
MODES: dict[int, bool | None] = {ord("t"): False, ord("h"): True}


def test_one_input(data: bytes) -> None:
    if not data:
        return
    document = bytes_to_document(data[1:], "fuzz", where="fuzz-input", html=MODES.get(data[0]))
    if isinstance(document, IngestError):
        return  # empty, binary or no article: the designed, counted error
    extract_checked(PIPELINE, document)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
