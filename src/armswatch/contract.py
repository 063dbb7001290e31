"""The output contract's JSON Schema: a copy of shared/contract/extraction.schema.json in the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    text = resources.files("armswatch.data").joinpath("extraction.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
