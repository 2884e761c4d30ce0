"""Run a command with the test Neo4j server up and NEO4J_URI pointing at it:

    python -m tests.neo4j_server casegraph ingest corpora/demo
    python -m tests.neo4j_server bash -c 'casegraph ingest corpora/demo && casegraph app'

The server (and its data) goes when the command ends. CASEGRAPH_TEST_NEO4J_HEAP and
CASEGRAPH_TEST_NEO4J_PAGECACHE_MB size it (512m and 64 by default)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.neo4j_server import server


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    running = server.start()
    print(
        f"Neo4j test server {running.uri}: started in {running.started_in:.1f} s, "
        f"{running.rss_mb():.0f} MB resident",
        file=sys.stderr,
    )
    env = {**os.environ, "NEO4J_URI": running.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": ""}
    try:
        return subprocess.run(sys.argv[1:], env=env).returncode
    finally:
        print(f"Neo4j test server: {running.rss_mb():.0f} MB resident at the end", file=sys.stderr)
        running.stop()


if __name__ == "__main__":
    sys.exit(main())
