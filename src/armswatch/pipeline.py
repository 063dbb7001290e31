"""The pipeline: the one place that chains the stages, in order:
ingest -> parse -> resolve -> extract -> attribute -> normalise (and consolidate) -> records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from armswatch.attribute import Attributor, attach_statements, deny
from armswatch.events import Consolidator, collect_entities
from armswatch.extract import make_extractor
from armswatch.ingest import IngestError, read_documents
from armswatch.lexicon import load_lexicon
from armswatch.normalise import find_dateline
from armswatch.parse import load_nlp
from armswatch.records import Document, ExtractionRecord


@dataclass
class Pipeline:
    """Holds the loaded model and lexicons; build once per process and reuse."""

    batch_size: int = 16

    def __post_init__(self) -> None:
        self.nlp = load_nlp()
        self.extractor = make_extractor()
        self.attributor = Attributor(load_lexicon(), self.extractor)
        self.consolidator = Consolidator(self.extractor)

    def extract(self, documents: Iterable[Document]) -> Iterator[ExtractionRecord]:
        """Records for documents, in input order, parsed in batches with nlp.pipe."""
        for item in self.extract_or_fail(documents):
            if isinstance(item, IngestError):
                raise RuntimeError(str(item))
            yield item

    def extract_or_fail(self, documents: Iterable[Document]) -> Iterator[ExtractionRecord | IngestError]:
        """Like extract, but a document whose extraction fails yields an error and the run goes on."""

        def texts() -> Iterator[tuple[str, Document]]:
            for document in documents:
                if not document.published:
                    document.published = find_dateline(document.text)
                yield document.text, document

        for spacy_doc, document in self.nlp.pipe(texts(), as_tuples=True, batch_size=self.batch_size):
            try:
                candidates = self.extractor(spacy_doc, document.published)
                for cand in candidates:
                    cand.attributions = self.attributor(cand)
                    if cand.roles.pop("_negated", False):
                        cand.attributions = deny(cand.attributions)
                attach_statements(spacy_doc, candidates, self.attributor)
                events, actors = self.consolidator(spacy_doc, candidates, document.published)
                entities = collect_entities(spacy_doc, events, actors, self.extractor)
            except Exception as exc:  # one bad document must not stop a batch of thousands
                where = document.source_path or document.id
                yield IngestError(where, f"extraction failed ({exc.__class__.__name__}: {exc})")
                continue
            yield ExtractionRecord(document, entities, events)

    def extract_paths(
        self, paths: Iterable[str], *, published: str | None = None, outlet: str | None = None
    ) -> Iterator[ExtractionRecord | IngestError]:
        """Records and per-input errors for files, folders and JSONL files, in input order."""
        errors: list[IngestError] = []

        def documents() -> Iterator[Document]:
            for item in read_documents(paths):
                if isinstance(item, IngestError):
                    errors.append(item)
                    continue
                item.published = item.published or published
                item.outlet = item.outlet or outlet
                yield item

        for record in self.extract_or_fail(documents()):
            while errors:
                yield errors.pop(0)
            yield record
        yield from errors


def extract_text(text: str, doc_id: str = "text", published: str | None = None) -> ExtractionRecord:
    """Convenience for one text (tests, the API): the record for it."""
    return next(Pipeline().extract([Document(id=doc_id, text=text, published=published)]))
