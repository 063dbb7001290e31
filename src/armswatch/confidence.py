"""How likely an extracted event is right: a logistic model over the extractor's own reading of it (its
type, the word it was read from, which roles are filled and how, who said it, where in the article and how
often). The weights live in data/confidence.yaml, fitted on the gold corpora by bench/calibrate.py."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from armswatch.ontology import DataError, load_ontology, parse_data, read_data

if TYPE_CHECKING:
    from armswatch.events import Draft

WEIGHTS_FILE = "confidence.yaml"
STANCES = ("asserted", "claimed", "confirmed", "denied")


def feature_names() -> tuple[str, ...]:
    """Every feature the model knows, in a fixed order (the event types come from the ontology)."""
    types = tuple(f"type:{t}" for t in sorted(load_ontology().event_types))
    return (
        *types,
        "noun_trigger",
        "catalog_item",
        "vague_item",
        "from_context",
        "has_status",
        "has_quantity",
        "has_value",
        "has_date",
        "dated",
        "date_relative",
        "earlier",
        *(f"stance:{s}" for s in STANCES),
        "named_speaker",
        "several_speakers",
        "first_paragraph",
        "paragraph_log",
        "mentions_log",
        "states_many",
        "words_log",
        "side_nonstate",
    )


def features(draft: Draft, vague: frozenset[str] = frozenset()) -> dict[str, float]:
    """The features of one consolidated draft (the values are 0/1 flags or small numbers)."""
    from armswatch.extract.model import Actor, Item  # here: extract.model imports records, not this module

    item = draft.roles.get("item")
    stances = {a.stance for a in draft.attributions}
    speakers = {a.source for a in draft.attributions if a.source}
    out: dict[str, float] = {f"type:{draft.type}": 1.0}
    flags = {
        "noun_trigger": draft.noun,
        "catalog_item": isinstance(item, Item) and item.catalog,
        "vague_item": isinstance(item, Item) and item.name.lower() in vague,
        "from_context": draft.context,
        "has_status": draft.status is not None,
        "has_quantity": draft.roles.get("quantity") is not None
        or (isinstance(item, Item) and bool(item.quantity)),
        "has_value": draft.money is not None,
        "has_date": draft.date is not None,
        "dated": draft.dated,
        "date_relative": draft.date_relative,
        "earlier": draft.earlier,
        "named_speaker": bool(speakers),
        "several_speakers": len(speakers) >= 2,
        "first_paragraph": draft.paragraph == 0,
    }
    out.update({name: 1.0 for name, on in flags.items() if on})
    out.update({f"stance:{s}": 1.0 for s in stances if s in STANCES})
    # logarithms: the tenth paragraph is not ten times less sure than the first, and a fourth mention
    # adds less than a second
    out["paragraph_log"] = math.log1p(max(draft.paragraph, 0))
    out["mentions_log"] = math.log(max(draft.mentions, 1))
    if draft.states >= 3:  # two sides and a third state: a bystander who may be read as a side
        out["states_many"] = 1.0
    out["words_log"] = math.log1p(draft.words)
    sides = [v for value in draft.roles.values() for v in (value if isinstance(value, list) else [value])]
    if any(isinstance(v, Actor) and v.type != "country" for v in sides):
        out["side_nonstate"] = 1.0  # a company, body, person or armed group as a side: more often misread
    return out


@dataclass(frozen=True)
class Calibration:
    """The fitted logistic model: an intercept and one weight per feature (a missing feature weighs 0)."""

    intercept: float
    weights: dict[str, float]

    def confidence(self, feats: dict[str, float]) -> float:
        """The probability that the event is right, in [0, 1]."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        z = max(-50.0, min(50.0, z))  # exp would overflow far beyond where the answer is 0 or 1 anyway
        return 1.0 / (1.0 + math.exp(-z))


def check_calibration(name: str, data: Any) -> Calibration:
    """The weights file read and checked: a mapping with a numeric intercept and weights for known features
    only (an unknown one would be silently ignored, and the model would not be the one fitted)."""
    if not isinstance(data, dict):
        raise DataError(f"{name}: top level must be a mapping with 'intercept' and 'weights'")
    intercept = data.get("intercept")
    if isinstance(intercept, bool) or not isinstance(intercept, (int, float)):
        raise DataError(f"{name}: 'intercept' must be a number, got {intercept!r}")
    weights = data.get("weights")
    if not isinstance(weights, dict):
        raise DataError(f"{name}: 'weights' must map each feature to a number")
    known = set(feature_names())
    out: dict[str, float] = {}
    for feature, weight in weights.items():
        if feature not in known:
            raise DataError(
                f"{name}: weights: unknown feature {feature!r} (known: {', '.join(sorted(known))})"
            )
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise DataError(f"{name}: weights.{feature}: must be a number, got {weight!r}")
        out[str(feature)] = float(weight)
    return Calibration(float(intercept), out)


def parse_calibration(name: str, text: str) -> Calibration:
    """A weights file's text, checked (for a file other than the shipped one)."""
    return check_calibration(name, parse_data(name, text))


@lru_cache(maxsize=1)
def load_calibration() -> Calibration:
    return check_calibration(WEIGHTS_FILE, read_data(WEIGHTS_FILE))
