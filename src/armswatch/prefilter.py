"""The keyword pre-filter (ingest stage, before the parse): articles with no defence vocabulary and no
catalog name skip the expensive NLP. They are still stored, and counted as skipped."""

from __future__ import annotations

import re
from functools import lru_cache

from armswatch.gazetteer import load_gazetteer
from armswatch.ontology import read_data

MIN_DISTINCT_WORDS = 2


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    stems = sorted({str(s).lower() for s in read_data("prefilter.yaml")["stems"]}, key=len, reverse=True)
    vocabulary = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")", re.IGNORECASE)
    names: dict[str, list[str]] = {}  # first word -> catalog names starting with it
    for label, text, _ in load_gazetteer().patterns:
        if label in ("AW_WEAPON", "AW_COMPANY", "AW_ARMED_GROUP") and len(text) >= 4:
            name = text.lower()
            names.setdefault(name.split()[0], []).append(name)
    return vocabulary, names


def is_relevant(text: str) -> bool:
    """Whether an article may hold an event: defence vocabulary or a catalog name (weapon, company, group)."""
    vocabulary, names = _patterns()
    # two different defence words: one "war" or "strike" in a sports or labour story is not enough
    if len({m.group(0).lower() for m in vocabulary.finditer(text)}) >= MIN_DISTINCT_WORDS:
        return True
    low = text.lower()
    for word in set(re.findall(r"[\w-]+", low)):
        if any(name == word or name in low for name in names.get(word, ())):
            return True
    return False
