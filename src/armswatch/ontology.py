"""The ontology (entity and event types, roles, statuses), loaded from data/ontology.yaml and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


class DataError(ValueError):
    """A data file under armswatch/data is malformed."""


@dataclass(frozen=True)
class EventType:
    name: str
    key_roles: tuple[str, ...]
    roles: tuple[str, ...]
    statuses: tuple[str, ...]
    fuse_window_days: int = 365

    def status_rank(self, status: str | None) -> int:
        return self.statuses.index(status) if status in self.statuses else -1


@dataclass(frozen=True)
class Ontology:
    entity_types: frozenset[str]
    item_categories: frozenset[str]
    stances: frozenset[str]
    event_types: dict[str, EventType]
    list_roles: tuple[str, ...] = ("parties", "participants")
    register_since: int = 1990
    actor_type_order: tuple[str, ...] = ()

    def actor_rank(self, entity_type: str) -> int:
        """Where a type stands when several readings of one name compete (lower wins)."""
        order = self.actor_type_order
        return order.index(entity_type) if entity_type in order else len(order)


# libyaml's safe loader reads the same YAML as PyYAML's own about ten times faster (the data files are
# thousands of entries, read at every start); PyYAML built without libyaml falls back to its own
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data(name: str) -> Any:
    """Parse one YAML file shipped in armswatch/data."""
    return parse_data(name, resources.files("armswatch.data").joinpath(name).read_text(encoding="utf-8"))


def parse_data(name: str, text: str) -> Any:
    """YAML whose words stay words: an unquoted no, yes, on, off, true or false in a list or as a key is
    read by YAML as a boolean, and a lexicon silently loses that word ("no" among negation words)."""
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: not valid YAML: {exc}") from exc
    _no_boolean_words(name, data, [])
    return data


def _no_boolean_words(name: str, value: Any, path: list[str]) -> None:
    where = ".".join(path) or "top level"
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, bool):
                raise DataError(f"{name}: {where}: the key {str(key).lower()} is read as a boolean; quote it")
            _no_boolean_words(name, item, [*path, str(key)])
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, bool):
                raise DataError(f'{name}: {where}: a word read as the boolean {item}; quote it ("no")')
            _no_boolean_words(name, item, path)


def _check_list(name: str, value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{name}: '{key}' must be a list of strings")
    return value


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    raw = read_data("ontology.yaml")
    if not isinstance(raw, dict):
        raise DataError("ontology.yaml: top level must be a mapping")
    events: dict[str, EventType] = {}
    for name, spec in (raw.get("event_types") or {}).items():
        roles = _check_list("ontology.yaml", spec.get("roles"), f"{name}.roles")
        keys = _check_list("ontology.yaml", spec.get("key_roles"), f"{name}.key_roles")
        if not set(keys) <= set(roles):
            raise DataError(f"ontology.yaml: {name}: key roles {keys} not all among roles")
        statuses = _check_list("ontology.yaml", spec.get("statuses") or [], f"{name}.statuses")
        window = spec.get("fuse_window_days")
        if not isinstance(window, int) or window < 1:
            raise DataError(f"ontology.yaml: {name}: 'fuse_window_days' must be a positive number of days")
        events[name] = EventType(name, tuple(keys), tuple(roles), tuple(statuses), window)
    if not events:
        raise DataError("ontology.yaml: no event_types")
    list_roles = _check_list("ontology.yaml", raw.get("list_roles"), "list_roles")
    every_role = {r for spec in events.values() for r in spec.roles}
    if not set(list_roles) <= every_role:
        raise DataError(
            f"ontology.yaml: list_roles {sorted(set(list_roles) - every_role)} are no event's roles"
        )
    entity_types = _check_list("ontology.yaml", raw.get("entity_types"), "entity_types")
    actor_order = _check_list("ontology.yaml", raw.get("actor_type_order"), "actor_type_order")
    if not set(actor_order) <= set(entity_types):
        unknown = sorted(set(actor_order) - set(entity_types))
        raise DataError(f"ontology.yaml: actor_type_order {unknown} are no entity types")
    return Ontology(
        actor_type_order=tuple(actor_order),
        entity_types=frozenset(entity_types),
        item_categories=frozenset(
            _check_list("ontology.yaml", raw.get("item_categories"), "item_categories")
        ),
        stances=frozenset(_check_list("ontology.yaml", raw.get("stances"), "stances")),
        event_types=events,
        list_roles=tuple(list_roles),
        register_since=int(raw.get("register_since", 1990)),
    )
