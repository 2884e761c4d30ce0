# The commands people type. `make demo` and `make test` install what they need first.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export OMP_THREAD_LIMIT := 1

.PHONY: install demo test test-fast lint format bench demo-corpus clean

install: .install-stamp

# torch goes first and pinned: a bare dependency on it would pull GBs of CUDA wheels.
.install-stamp: pyproject.toml
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e '.[dev]'
	@touch $@

demo: install
	casegraph demo

test: install
	$(PYTHON) -m pytest

test-fast: install
	$(PYTHON) -m pytest -m "not integration"

lint: install
	ruff check .
	ruff format --check .
	mypy

format:
	ruff format .
	ruff check --fix .

BENCH_DIR ?= /tmp/casegraph-bench

# Throughput of parsing and enrichment; the graph at 30,000 passages (per-review writes, as
# ingest does) and at 300,000 (a bulk COPY FROM load); search latency at both sizes.
bench: install
	$(PYTHON) bench/run.py
	$(PYTHON) bench/bench_themes.py
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	BENCH_REVIEWS=150 BENCH_DATA_DIR=$(BENCH_DIR)/30k $(PYTHON) bench/graph_bench.py
	BENCH_DATA_DIR=$(BENCH_DIR)/30k $(PYTHON) bench/search_bench.py
	BENCH_REVIEWS=1500 BENCH_LOADER=copy BENCH_DATA_DIR=$(BENCH_DIR)/300k $(PYTHON) bench/graph_bench.py
	BENCH_DATA_DIR=$(BENCH_DIR)/300k $(PYTHON) bench/search_bench.py

demo-corpus:
	$(PYTHON) corpora/demo/build.py
	$(PYTHON) corpora/demo/verify.py

clean:
	rm -rf data .install-stamp .pytest_cache .mypy_cache .ruff_cache
