"""Throughput of `extract` against spaCy's bare nlp.pipe on the same texts, in the same run.

    python bench/extract_throughput.py [--articles 510] [--batch-size 16]

Texts: our own corpus (tests/corpus), the examples and, when present, ../shared/corpus/dev, repeated
until there are --articles of them. Prints the pipeline's start-up time (every CLI command pays it),
articles/s, words/s and the ratio (target >= 0.60).
"""

from __future__ import annotations

import argparse
import resource
import time
from itertools import cycle, islice
from pathlib import Path

import spacy

from armswatch.evaluation import corpus_documents
from armswatch.parse import model_name
from armswatch.pipeline import Pipeline
from armswatch.records import Document

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[Document]:
    base: list[Document] = []
    for folder in (ROOT / "tests" / "corpus", ROOT.parent / "shared" / "corpus" / "dev"):
        if folder.is_dir():
            base.extend(corpus_documents(folder))
    base.extend(
        Document(id=p.stem, text=p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "examples").glob("*.txt"))
    )
    return [
        Document(id=f"{d.id}-{i}", text=d.text, published=d.published, outlet=d.outlet)
        for i, d in enumerate(islice(cycle(base), n))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=510)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    docs = corpus(args.articles)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(docs)} articles, {words} words, model {model_name()}, batch size {args.batch_size}")

    bare = spacy.load(model_name())
    start = time.perf_counter()
    pipeline = Pipeline(batch_size=args.batch_size)
    print(f"start-up (model, gazetteer, catalog patterns): {time.perf_counter() - start:.1f} s")
    # Warm both (first-call costs: vectors, pattern matchers, dateparser, currency tables).
    list(bare.pipe(texts[:8], batch_size=args.batch_size))
    list(pipeline.extract(docs[:8]))

    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    bare_s = time.perf_counter() - start

    start = time.perf_counter()
    events = sum(len(r.events) for r in pipeline.extract(docs))
    ours_s = time.perf_counter() - start

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"spaCy bare nlp.pipe : {len(docs) / bare_s:8.1f} articles/s {words / bare_s:10.0f} words/s "
        f"({bare_s:.1f} s)"
    )
    print(
        f"armswatch extract   : {len(docs) / ours_s:8.1f} articles/s {words / ours_s:10.0f} words/s "
        f"({ours_s:.1f} s),"
        f" {events} events"
    )
    print(f"ratio (armswatch / bare spaCy): {bare_s / ours_s:.2f}  (target >= 0.60)")
    print(f"peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
