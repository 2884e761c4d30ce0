# The commands people type. `make demo` and `make test` install what they need first.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export OMP_THREAD_LIMIT := 1

.PHONY: install demo test test-fast test-neo4j neo4j-server lint format bench demo-corpus clean

install: .install-stamp

# torch goes first and pinned. PyPI's default Linux wheel comes with its nvidia packages
# (about 2.7 GB of downloads) and runs on the CPU; nothing here needs a GPU.
.install-stamp: pyproject.toml
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e '.[dev]'
	@touch $@

demo: install
	casegraph demo

# Everything; the Neo4j tests last, against the test server (tests/neo4j_server).
test: install
	$(PYTHON) -m pytest -m "not neo4j"
	$(MAKE) test-neo4j

# The store contract on both backends and the end-to-end checks on a real Neo4j 5.26
# Community server, started for the session from Maven Central's artifacts.
test-neo4j: install neo4j-server
	$(PYTHON) -m pytest -m neo4j

NEO4J_SERVER := tests/neo4j_server/target/classpath.txt
neo4j-server: $(NEO4J_SERVER)

$(NEO4J_SERVER): tests/neo4j_server/pom.xml tests/neo4j_server/src/main/java/casegraph/TestServer.java
	cd tests/neo4j_server && (mvn -q -B -o package 2>/dev/null || mvn -q -B package)

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
# The 30,000 passages go into Neo4j too (the test server, 1 GB heap, 512 MB page cache).
bench: install neo4j-server
	$(PYTHON) bench/run.py
	$(PYTHON) bench/bench_themes.py
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	BENCH_REVIEWS=150 BENCH_DATA_DIR=$(BENCH_DIR)/30k $(PYTHON) bench/graph_bench.py
	BENCH_DATA_DIR=$(BENCH_DIR)/30k $(PYTHON) bench/search_bench.py
	BENCH_REVIEWS=150 BENCH_DATA_DIR=$(BENCH_DIR)/30k-neo4j CASEGRAPH_TEST_NEO4J_HEAP=1g \
	  CASEGRAPH_TEST_NEO4J_PAGECACHE_MB=512 $(PYTHON) -m tests.neo4j_server sh -c \
	  '$(PYTHON) bench/graph_bench.py && $(PYTHON) bench/search_bench.py'
	BENCH_REVIEWS=1500 BENCH_LOADER=copy BENCH_DATA_DIR=$(BENCH_DIR)/300k $(PYTHON) bench/graph_bench.py
	BENCH_DATA_DIR=$(BENCH_DIR)/300k $(PYTHON) bench/search_bench.py

demo-corpus:
	$(PYTHON) corpora/demo/build.py
	$(PYTHON) corpora/demo/verify.py

clean:
	rm -rf data .install-stamp .pytest_cache .mypy_cache .ruff_cache
