"""Serve: the FastAPI app (REST API under /api and server-rendered pages)."""
