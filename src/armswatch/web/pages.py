"""Server-rendered pages (placeholder router; filled in by the pages module work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
