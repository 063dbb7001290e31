"""What every event reader shares: the lexicons and the clause, item and modality readers."""

from __future__ import annotations

from armswatch.extract.clause import ClauseReader
from armswatch.extract.items import ItemReader
from armswatch.extract.modality import Modality
from armswatch.extract.model import Candidate, ReadContext
from armswatch.gazetteer import Gazetteer
from armswatch.lexicon import Lexicon


class Reader:
    def __init__(
        self,
        lexicon: Lexicon,
        gazetteer: Gazetteer,
        clause: ClauseReader,
        items: ItemReader,
        modality: Modality,
    ) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.clause = clause
        self.items = items
        self.modality = modality

    def read(self, ctx: ReadContext) -> Candidate | None:
        """The event this reader's trigger reports, or None when the sentence does not bear it out."""
        raise NotImplementedError
