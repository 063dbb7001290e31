"""The records armswatch produces: documents, entities, events and attributions (the output contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The credit of an article that says its text is an agency's without naming it ("(With agency inputs)").
UNNAMED_AGENCIES = "agencies"


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = "en"
    source_path: str | None = None
    warnings: list[str] = field(default_factory=list)  # what was read with a fallback (an unreadable date)
    credit: str | None = None  # the agency the article credits for its text (attribute.credited_agency)

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "language": self.language,
        }


@dataclass
class EntityRecord:
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "country": self.country}
        if self.role:
            out["role"] = self.role
        out["mentions"] = [list(m) for m in sorted(set(self.mentions))]
        return out


@dataclass
class Attribution:
    source: str | None
    stance: str
    cue: str | None = None
    via: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "stance": self.stance, "cue": self.cue}
        if self.via:
            out["via"] = self.via
        return out


@dataclass
class Event:
    type: str
    roles: dict[str, Any]
    status: str | None = None
    date: dict[str, str | None] | None = None
    attributions: list[Attribution] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    # the date's year came from the publication date ("last month"); stored, not part of the contract
    date_relative: bool = False
    # how likely it is right, in [0, 1] (armswatch.confidence), and the features it was computed from: the
    # confidence is stored, the features serve calibration (bench/calibrate.py); neither is in the contract
    confidence: float | None = None
    features: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.status:
            out["status"] = self.status
        out["roles"] = self.roles
        out["date"] = self.date
        out["attributions"] = [a.to_dict() for a in self.attributions]
        out["evidence"] = [list(e) for e in sorted(set(self.evidence))]
        return out


@dataclass
class ExtractionRecord:
    doc: Document
    entities: list[EntityRecord]
    events: list[Event]
    skipped: bool = False  # the pre-filter found no defence vocabulary: stored, never parsed

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc.meta(),
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
        }
