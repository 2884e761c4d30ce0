"""The graph store at national scale: bulk load and analytics query times on a synthetic
corpus (bench/synthetic.py) of BENCH_REVIEWS reviews (default 1,500, i.e. 300,000 passages).

    python bench/graph_bench.py                      # the full run: 10+ minutes
    BENCH_REVIEWS=150 python bench/graph_bench.py    # a quick one (30,000 passages)

Settings (environment):
    BENCH_REVIEWS        reviews to load (1500)
    BENCH_PASSAGES       passages per review (200)
    BENCH_EMBEDDER       minilm (real vectors, cached in bench/.cache) or fake
    BENCH_LOADER         put (KuzuStore.put per review, as ingest does) or copy (a prototype
                         bulk path for a fresh store: the same rows, as Parquet, by COPY FROM)
    BENCH_MAX_GB         put stops loading early when the store passes this size (20)
    BENCH_MAX_MINUTES    ... or when loading has taken this long (60)
    BENCH_DATA_DIR       where to build the store (default: a temporary folder, removed after);
                         it must not hold a store yet, unless BENCH_QUERIES_ONLY=1
    BENCH_QUERIES_ONLY   1: only time the queries, on the store already in BENCH_DATA_DIR
    BENCH_PROFILE        1: run the load under cProfile and print where the time went
    NEO4J_URI            load into that Neo4j server instead (put only), as casegraph would;
                         `make bench` starts the test server (tests/neo4j_server) for it

The put loader runs as ingest does, one KuzuStore.put per review inside one writer() block.
Per-review writes grow the Kùzu file and slow down superlinearly (kuzudb/kuzu#3411: many small
transactions leave a file several times the size of a bulk load; there is no VACUUM), so the
limits above stop the load before it fills the disk, and the queries then run on what was
loaded. The copy loader does not fill the search index (search.sqlite). Either way the queries
run in a separate process, as the search app's would, so its peak memory is its own.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synthetic import Sources, synthetic_review_id, synthetic_reviews  # noqa: E402
from casegraph.components import open_store  # noqa: E402
from graph import analytics  # noqa: E402
from graph import kuzu_queries as q  # noqa: E402
from graph.analytics import Filters  # noqa: E402
from graph.kuzu_store import KuzuStore  # noqa: E402
from graph.schema import (  # noqa: E402
    ABOUT,
    BY,
    EMBEDDING_DIM,
    EVIDENCES,
    HAS_PASSAGE,
    HAS_RECOMMENDATION,
    HAS_THEME,
    MENTION_LABELS,
    MENTIONS,
    PARTNERSHIP,
    PASSAGE,
    PERSON,
    RECOMMENDATION,
    REVIEW,
    ReviewRows,
    review_rows,
)
from ingest.enrich import Enrichment  # noqa: E402
from ingest.types import ParsedDocument  # noqa: E402

VERSION = "synthetic-bench"
SEED = 0
WARMUP = 1
RUNS = 5
PROGRESS_EVERY = 100
HAS_THEME_COLUMNS = ("passages", "weight", "parts", "quotes")
FILTERS = Filters(
    year_from=2016,
    year_to=2022,
    review_types=("lcspr", "serious_case_review"),
    age_bands=("under 1",),
)


def main() -> None:
    reviews = int(os.environ.get("BENCH_REVIEWS", "1500"))
    per_review = int(os.environ.get("BENCH_PASSAGES", "200"))
    given = os.environ.get("BENCH_DATA_DIR")
    if os.environ.get("BENCH_QUERIES_ONLY") == "1":
        if not given:
            sys.exit("BENCH_QUERIES_ONLY needs BENCH_DATA_DIR")
        bench_queries(Path(given))
        return
    data_dir = Path(given) if given else Path(tempfile.mkdtemp(prefix="casegraph-graph-bench-"))
    if (data_dir / "graph.kuzu").exists():
        sys.exit(f"{data_dir} already holds a store; the benchmark builds a fresh one")
    loader = os.environ.get("BENCH_LOADER", "put")
    if loader not in {"put", "copy"}:
        sys.exit("BENCH_LOADER must be put or copy")
    backend = f"Neo4j at {os.environ['NEO4J_URI']}" if os.environ.get("NEO4J_URI") else "Kùzu"
    if loader == "copy" and os.environ.get("NEO4J_URI"):
        sys.exit("BENCH_LOADER=copy is for the embedded store only")
    data_dir.mkdir(parents=True, exist_ok=True)
    print(
        f"graph bench ({backend}): {reviews} synthetic reviews x {per_review} passages, "
        f"loaded by {loader}, in {data_dir}"
    )
    try:
        bench_load(data_dir, reviews, per_review, loader)
        _query_process(data_dir)
    finally:
        if not given:
            shutil.rmtree(data_dir, ignore_errors=True)


# -- load -------------------------------------------------------------------------------------


def bench_load(data_dir: Path, count: int, per_review: int, loader: str) -> None:
    started = time.perf_counter()
    sources = Sources.load()
    print(
        f"sources: {len(sources.reviews)} demo reviews parsed and enriched "
        f"({sources.embedding_model}) in {time.perf_counter() - started:.1f} s"
    )
    generated = synthetic_reviews(count, per_review, SEED, sources)
    if loader == "copy":
        load_by_copy(data_dir, generated)
    else:
        load_by_put(data_dir, generated)
    started = time.perf_counter()
    store = open_store(data_dir)
    with store.writer():
        opened = time.perf_counter()
        cites = store.link_citations()
        linked = time.perf_counter()
    print(f"link_citations: {cites} CITES edges in {linked - opened:.1f} s")
    if loader == "copy":  # the writer found the search index empty and filled it from the graph
        print(
            f"search index rebuilt from the graph on opening the writer: {opened - started:.1f} s"
        )
    print(f"on disk: {_sizes(data_dir)}")
    print(f"peak RSS of the loading process: {_peak_rss_mb():.0f} MB")


def load_by_put(data_dir: Path, generated: Iterator[tuple[ParsedDocument, Enrichment]]) -> None:
    """One store.put per review inside one writer() block, as ingest does."""
    max_bytes = float(os.environ.get("BENCH_MAX_GB", "20")) * 2**30
    max_seconds = float(os.environ.get("BENCH_MAX_MINUTES", "60")) * 60
    profiler = cProfile.Profile() if os.environ.get("BENCH_PROFILE") == "1" else None
    store = open_store(data_dir, create=True)
    done = passages = 0
    put_seconds = make_seconds = slowest = 0.0
    stopped = ""
    window_start, window_passages = time.perf_counter(), 0
    started = time.perf_counter()
    with store.writer():
        opened = time.perf_counter()
        while True:
            before = time.perf_counter()
            try:
                document, enrichment = next(generated)
            except StopIteration:
                break
            made = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            store.put(document, VERSION, enrichment)
            if profiler is not None:
                profiler.disable()
            put = time.perf_counter() - made
            make_seconds += made - before
            put_seconds += put
            slowest = max(slowest, put)
            done += 1
            passages += len(document.passages)
            window_passages += len(document.passages)
            size = _bytes(data_dir)
            if size > max_bytes:
                stopped = f"the store passed BENCH_MAX_GB ({size / 2**30:.2f} GB)"
            elif time.perf_counter() - started > max_seconds:
                stopped = "loading passed BENCH_MAX_MINUTES"
            if done % PROGRESS_EVERY == 0 or stopped:
                now = time.perf_counter()
                print(
                    f"  {done:5} reviews {passages:7} passages {now - started:7.1f} s  "
                    f"since last: {window_passages / (now - window_start):5.0f} passages/s  "
                    f"store {size / 2**20:7.0f} MB  rss {_rss_mb():6.0f} MB",
                    flush=True,
                )
                window_start, window_passages = now, 0
            if stopped:
                print(f"  STOPPED EARLY after {done} reviews: {stopped}")
                break
        loaded = time.perf_counter()
    closed = time.perf_counter()
    seconds = closed - started
    print(
        f"load (put): {done} reviews, {passages} passages in {seconds:.1f} s: "
        f"{done / seconds:.2f} reviews/s, {passages / seconds:.0f} passages/s\n"
        f"  put {put_seconds:.1f} s ({1000 * put_seconds / max(done, 1):.0f} ms/review, slowest "
        f"{1000 * slowest:.0f} ms), generating {make_seconds:.1f} s, opening the writer "
        f"{opened - started:.1f} s, closing it {closed - loaded:.1f} s"
    )
    if profiler is not None:
        _print_profile(profiler, done)


def _print_profile(profiler: cProfile.Profile, count: int) -> None:
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(order).print_stats(25)
        lines = out.getvalue().splitlines()
        header = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        print(f"profile of {count} puts, by {order}:")
        print("\n".join(lines[header:]).rstrip())


def load_by_copy(data_dir: Path, generated: Iterator[tuple[ParsedDocument, Enrichment]]) -> None:
    """A prototype bulk path for a fresh store: the rows KuzuStore.put would write
    (graph.schema.review_rows), streamed to one Parquet file per table, then COPY FROM."""
    import kuzu

    started = time.perf_counter()
    folder = data_dir / "bulk"
    folder.mkdir(parents=True, exist_ok=True)
    sinks = _Sinks(folder)
    reviews = passages = 0
    for document, enrichment in generated:
        sinks.add(review_rows(document, VERSION, enrichment))
        reviews += 1
        passages += len(document.passages)
        if reviews % PROGRESS_EVERY == 0:
            print(
                f"  {reviews:5} reviews {passages:7} passages "
                f"{time.perf_counter() - started:7.1f} s to Parquet  rss {_rss_mb():6.0f} MB",
                flush=True,
            )
    files = sinks.close()
    written = time.perf_counter()
    store = KuzuStore(data_dir)
    with store.writer():  # the schema and the theme nodes, as put would find them
        pass
    copied: list[str] = []
    database = kuzu.Database(str(store.path))
    connection = kuzu.Connection(database)
    try:
        for table, path, options in files:
            before = time.perf_counter()
            connection.execute(f"COPY {table} FROM '{path}'{options}")
            copied.append(f"{path.stem} {time.perf_counter() - before:.1f}")
    finally:
        connection.close()
        database.close()
    shutil.rmtree(folder)
    done = time.perf_counter()
    seconds = done - started
    print(
        f"load (copy): {reviews} reviews, {passages} passages in {seconds:.1f} s: "
        f"{reviews / seconds:.2f} reviews/s, {passages / seconds:.0f} passages/s\n"
        f"  generating and writing Parquet {written - started:.1f} s, "
        f"COPY FROM {done - written:.1f} s ({', '.join(copied)})"
    )


class _Sinks:
    """One Parquet file per table, written in row groups so memory stays flat."""

    ROW_GROUP = 20_000

    def __init__(self, folder: Path) -> None:
        import pyarrow as pa

        self.pa = pa
        self.folder = folder
        text, integer, real = pa.string(), pa.int64(), pa.float64()
        kinds = {
            "STRING": text,
            "INT64": integer,
            "STRING[]": pa.list_(text),
            f"FLOAT[{EMBEDDING_DIM}]": pa.list_(pa.float32(), EMBEDDING_DIM),
        }

        def columns(spec: dict[str, str]) -> Any:
            return pa.schema([(name, kinds[kind]) for name, kind in spec.items()])

        def edge(*extra: tuple[str, Any]) -> Any:
            return pa.schema([("from", text), ("to", text), *extra])

        self.schemas: dict[str, Any] = {
            REVIEW: columns(q.REVIEW_COLUMNS),
            PASSAGE: columns(q.PASSAGE_COLUMNS),
            PERSON: pa.schema([("id", text), ("pseudonym", text)]),
            RECOMMENDATION: pa.schema(
                [
                    ("id", text),
                    ("review_id", text),
                    ("number", text),
                    ("text", text),
                    ("page", integer),
                ]
            ),
            HAS_PASSAGE: edge(),
            EVIDENCES: edge(("score", real), ("spans", text)),
            HAS_THEME: edge(
                ("passages", integer), ("weight", real), ("parts", text), ("quotes", text)
            ),
            BY: edge(),
            ABOUT: edge(),
            HAS_RECOMMENDATION: edge(),
            **{
                f"{MENTIONS}_{label}": edge(("count", integer)) for label in MENTION_LABELS.values()
            },
        }
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in self.schemas}
        self.writers: dict[str, Any] = {}
        self.entities: dict[str, dict[str, str]] = {
            label: {} for label in [*MENTION_LABELS.values(), PARTNERSHIP]
        }

    def add(self, rows: ReviewRows) -> None:
        review_id = rows.review["id"]
        self._put(REVIEW, [rows.review])
        self._put(PASSAGE, rows.passages)
        self._put(HAS_PASSAGE, [{"from": review_id, "to": p["id"]} for p in rows.passages])
        self._put(
            EVIDENCES,
            [
                {"from": e["passage"], "to": e["theme"], "score": e["score"], "spans": e["spans"]}
                for e in rows.evidences
            ],
        )
        self._put(
            HAS_THEME,
            [
                {"from": review_id, "to": t["theme"], **{k: t[k] for k in HAS_THEME_COLUMNS}}
                for t in rows.review_themes
            ],
        )
        for label, mentions in rows.mentions.items():
            self._put(
                f"{MENTIONS}_{label}",
                [{"from": m["passage"], "to": m["id"], "count": m["count"]} for m in mentions],
            )
            for node in rows.entities.get(label, []):
                self.entities[label].setdefault(node["id"], node["name"])
        if rows.partnership:
            self.entities[PARTNERSHIP].setdefault(rows.partnership["id"], rows.partnership["name"])
            self._put(BY, [{"from": review_id, "to": rows.partnership["id"]}])
        self._put(PERSON, rows.persons)
        self._put(ABOUT, [{"from": review_id, "to": p["id"]} for p in rows.persons])
        self._put(RECOMMENDATION, rows.recommendations)
        self._put(
            HAS_RECOMMENDATION, [{"from": review_id, "to": r["id"]} for r in rows.recommendations]
        )

    def _put(self, name: str, rows: list[dict[str, Any]]) -> None:
        self.rows[name].extend(rows)
        if len(self.rows[name]) >= self.ROW_GROUP:
            self._flush(name)

    def _flush(self, name: str) -> None:
        import pyarrow.parquet as pq

        if not self.rows[name]:
            return
        table = self.pa.Table.from_pylist(self.rows[name], schema=self.schemas[name])
        if name not in self.writers:
            self.writers[name] = pq.ParquetWriter(self.folder / f"{name}.parquet", table.schema)
        self.writers[name].write_table(table)
        self.rows[name] = []

    def close(self) -> list[tuple[str, Path, str]]:
        """(table, file, COPY options) in the order to load: nodes, then relationships."""
        named = self.pa.schema([("id", self.pa.string()), ("name", self.pa.string())])
        for label, nodes in self.entities.items():
            self.schemas[label] = named
            self.rows[label] = [{"id": key, "name": name} for key, name in nodes.items()]
        for name in self.schemas:
            self._flush(name)
        for writer in self.writers.values():
            writer.close()
        order = [*self.entities, REVIEW, PASSAGE, PERSON, RECOMMENDATION]
        order += [name for name in self.schemas if name not in order]
        files = []
        for name in order:
            if name not in self.writers:
                continue  # no rows
            path = self.folder / f"{name}.parquet"
            if name.startswith(f"{MENTIONS}_"):  # one relationship table, several node pairs
                target = name.removeprefix(f"{MENTIONS}_")
                files.append((MENTIONS, path, f" (from='{PASSAGE}', to='{target}')"))
            else:
                files.append((name, path, ""))
        return files


# -- queries ----------------------------------------------------------------------------------


def _query_process(data_dir: Path) -> None:
    """Time the queries in a process of their own (a reader, like the search app)."""
    env = {**os.environ, "BENCH_DATA_DIR": str(data_dir), "BENCH_QUERIES_ONLY": "1"}
    subprocess.run([sys.executable, str(Path(__file__).resolve())], env=env, check=True)


def bench_queries(data_dir: Path) -> None:
    store = open_store(data_dir)
    some_id = synthetic_review_id(0, SEED)
    if store.document(some_id) is None:  # a store made otherwise: take any review
        some_id = store.query("MATCH (r:Review) RETURN r.id AS id ORDER BY id LIMIT 1")[0]["id"]
    counts = store.query(
        "MATCH (r:Review) WITH count(r) AS reviews "
        "MATCH (p:Passage) RETURN reviews, count(p) AS passages"
    )[0]
    queries: list[tuple[str, Callable[[], Any]]] = [
        ("open store + RETURN 1", lambda: store.query("RETURN 1 AS one")),
        ("cooccurrence()", lambda: analytics.cooccurrence(store)),
        ("cooccurrence(years+type+age)", lambda: analytics.cooccurrence(store, FILTERS)),
        ("theme_trends()", lambda: analytics.theme_trends(store)),
        (
            "entity_theme_links(agency, cannabis)",
            lambda: analytics.entity_theme_links(store, "agency", "cannabis"),
        ),
        ("neighbourhood(review)", lambda: analytics.neighbourhood(store, some_id)),
        ("store.document(review)", lambda: store.document(some_id)),
    ]
    print(
        f"queries on {counts['reviews']} reviews / {counts['passages']} passages "
        f"({WARMUP} warm-up, {RUNS} timed runs each; every store call opens the database):"
    )
    print(f"  {'query':38} {'p50 ms':>9} {'p95 ms':>9} {'rows':>7}")
    for name, run in queries:
        seconds, result = _timed(run)
        p50, p95 = np.percentile(seconds, [50, 95]) * 1000
        print(f"  {name:38} {p50:9.1f} {p95:9.1f} {_size(result):7}", flush=True)
    print(f"peak RSS of the query process: {_peak_rss_mb():.0f} MB")


def _timed(run: Callable[[], Any]) -> tuple[np.ndarray, Any]:
    result = None
    for _ in range(WARMUP):
        result = run()
    seconds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return np.array(seconds), result


def _size(result: Any) -> int:
    if isinstance(result, dict):
        return len(result.get("passages") or result.get("themes") or [])
    return len(result) if isinstance(result, list) else 0


# -- measures ---------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    """This process's peak: VmHWM, since ru_maxrss survives exec and would be the parent's."""
    return _status_mb("VmHWM:") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    return _status_mb("VmRSS:")


def _status_mb(field: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return 0.0


def _bytes(folder: Path) -> int:
    return sum(path.stat().st_blocks * 512 for path in folder.iterdir() if path.is_file())


def _sizes(folder: Path) -> str:
    """Total size on disk, and the biggest parts (the graph, the search index...)."""
    sizes: dict[str, int] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            top = path.relative_to(folder).parts[0]
            sizes[top] = sizes.get(top, 0) + path.stat().st_blocks * 512
    parts = ", ".join(
        f"{name} {size / 2**20:.0f} MB"
        for name, size in sorted(sizes.items(), key=lambda item: -item[1])
        if size >= 2**20
    )
    return f"{sum(sizes.values()) / 2**20:.0f} MB ({parts})"


if __name__ == "__main__":
    main()
