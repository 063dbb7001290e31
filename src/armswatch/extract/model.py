"""The values readers pass around: actors, items, the context of one trigger and the candidate event it
yields, with its reading flags as fields (not hidden in the roles)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from armswatch.extract.document import paragraph_index
from armswatch.gazetteer import Gazetteer
from armswatch.lexicon import Trigger
from armswatch.normalise import Money
from armswatch.records import Attribution
from armswatch.resolve import Mention


@dataclass(frozen=True)
class Actor:
    """A party to an event: a country, organisation, company, person or armed group."""

    name: str
    type: str
    country: str | None
    mention: Mention | None = None

    def as_party(self, gazetteer: Gazetteer) -> Actor:
        """People and national bodies act for their country in roles (a minister -> the minister's state)."""
        if self.type in ("person", "organization") and self.country:
            entry = gazetteer.country(self.country)
            if entry is not None:
                return Actor(entry.name, "country", entry.country, None)
        return self


@dataclass(frozen=True)
class Item:
    """A weapon system or generic military item named in a sentence."""

    name: str
    category: str | None
    head: int  # token index of the head noun
    start: int
    end: int
    origin: str | None = None  # country ISO3 from a demonym modifier or the catalog
    catalog: bool = False
    quantity: int | None = None
    maker: str | None = None  # the company that makes it, from the catalog
    domestic: bool = False  # "locally built", "indigenous": made by its user, no transfer
    dative: str | None = None  # ISO3 of a recipient the parse folded into the phrase ("sold Chile six boats")
    example: bool = False  # "drones such as the TB2": an example of the item named before it
    family: str | None = None  # a catalog variant's system ("MQ-9B": "MQ-9 Reaper"), from the catalog
    doc: Doc | None = field(default=None, compare=False, repr=False)


@dataclass
class ReadContext:
    """What every reader gets for one trigger: the token, its lexicon reading and the sentence's arguments."""

    token: Token
    trigger: Trigger
    sent: Span
    items: list[Item]
    money: list[Money]
    personnel: list[Token]

    def item_tokens(self) -> set[int]:
        """The indices of the tokens that name the sentence's items."""
        return {i for item in self.items for i in (item.head, *range(item.start, item.end))}


@dataclass
class Candidate:
    """One event read from one trigger, before merging with the others of its document."""

    type: str
    trigger: Token
    status: str | None
    roles: dict[str, Any] = field(default_factory=dict)
    money: Money | None = None
    attributions: list[Attribution] = field(default_factory=list)
    date: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    partial: bool = False  # continues an event reported elsewhere (merged into it, never alone)
    negated: bool = False  # the clause says it did not happen: its speakers deny it
    needs_context: bool = False  # a transfer missing a side, to be filled from the deals around it
    needs_user: bool = False  # a use of a weapon with no user named
    fallbacks: dict[str, Actor] = field(default_factory=dict)  # weaker readings of missing roles
    also: dict[str, list[Actor]] = field(default_factory=dict)  # more values of a role: one event each
    supplier_by_origin: bool = False  # the supplier is the item's maker state, no seller being named
    second_hand: bool = False  # the supplier is a state the item phrase names as its owner or earlier user
    doers: frozenset[str] = frozenset()  # a clash: the sides (names, states) whose own deed it tells
    bought_by: Actor | None = None  # a transfer bought by a third state for its recipient, who pays for it

    @property
    def sent(self) -> Span:
        return self.trigger.sent

    @property
    def paragraph(self) -> int:
        """Index of the trigger's paragraph (a run of line breaks separates two paragraphs)."""
        return paragraph_index(self.trigger.doc, self.trigger.idx)
