# armswatch: set-up, demo, tests, evaluation and benchmarks. Every target installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test test-long lint eval bench clean chromium wrk

$(BIN)/armswatch: pyproject.toml
	@# followthemoney needs PyICU, built from source against ICU: install its Debian build deps if missing
	@pkg-config --exists icu-uc 2>/dev/null && command -v g++ >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config g++ >/dev/null)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The main job on the embedded default (a SQLite file, no server): ingest the example articles, show the
# register of every event type (transfers, financing, agreements, deployments, ...) fused across articles.
demo: $(BIN)/armswatch
	$(BIN)/armswatch ingest examples/articles.jsonl --db sqlite:///armswatch.db
	$(BIN)/armswatch register --type all --db sqlite:///armswatch.db

# Browser tests drive Debian's chromium through Playwright (no browser download): install it when missing.
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# axe-core, the accessibility checker the browser tests inject into every page: pinned in package-lock.json
# and installed from the npm registry (Debian's npm first, when the machine has no npm).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm >/dev/null)
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(BIN)/armswatch chromium $(AXE)
	$(BIN)/python -m pytest -q

# The long tests (killed ingests, lost databases, full disks, Dask clusters, 10,000 sentences): minutes.
test-long: $(BIN)/armswatch chromium
	$(BIN)/python -m pytest -q -m long

lint: $(BIN)/armswatch
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Scores on the shared dev corpus and on our own corpus (tests/corpus), by the shared scorer.
eval: $(BIN)/armswatch
	$(BIN)/python bench/eval.py --shared $(SHARED)

# web_bench drives the server with wrk (a C load generator) when it is installed.
wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)

bench: $(BIN)/armswatch wrk
	$(BIN)/python bench/extract_throughput.py --articles 510
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/web_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
