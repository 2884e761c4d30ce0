"""Start and stop the test Neo4j server (TestServer.java, built from Maven Central by
`make neo4j-server`): Bolt on 127.0.0.1 on a free port, auth off, 64 MB page cache,
a capped heap. One server per test session; each test empties the database."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSPATH = HERE / "target" / "classpath.txt"
CLASSES = HERE / "target" / "classes"
HEAP = os.environ.get("CASEGRAPH_TEST_NEO4J_HEAP", "512m")
PAGE_CACHE_MB = os.environ.get("CASEGRAPH_TEST_NEO4J_PAGECACHE_MB", "64")
START_TIMEOUT = 180.0


class ServerFailed(RuntimeError):
    """The test server could not be built or started."""


@dataclass
class Server:
    uri: str
    process: subprocess.Popen[str]
    work: Path
    started_in: float  # seconds from launch to Bolt accepting connections
    log: list[str] = field(default_factory=list)

    def rss_mb(self) -> float:
        """Resident memory of the server's JVM, in MB."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        """Close its standard input (the server stops cleanly), then make sure."""
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)


def build() -> None:
    """Compile the launcher and list its jars, offline when Maven already has them."""
    source = HERE / "src" / "main" / "java" / "casegraph" / "TestServer.java"
    built = CLASSES / "casegraph" / "TestServer.class"
    if CLASSPATH.exists() and built.exists() and built.stat().st_mtime >= source.stat().st_mtime:
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerFailed("Maven (mvn) is not installed: `apt-get install maven openjdk-17-jdk`")
    for offline in (["-o"], []):
        done = subprocess.run(
            [mvn, "-q", "-B", *offline, "package"], cwd=HERE, capture_output=True, text=True
        )
        if done.returncode == 0:
            return
    raise ServerFailed(f"building the Neo4j test server failed:\n{done.stdout[-3000:]}")


def start() -> Server:
    """Start a server and wait until it prints its Bolt URI (it then accepts connections)."""
    build()
    java = shutil.which("java")
    if java is None:
        raise ServerFailed("Java is not installed: `apt-get install openjdk-17-jdk-headless`")
    work = Path(tempfile.mkdtemp(prefix="casegraph-neo4j-"))
    classpath = f"{CLASSES}:{CLASSPATH.read_text().strip()}"
    began = time.monotonic()
    process = subprocess.Popen(
        [
            java,
            f"-Xmx{HEAP}",
            "-XX:+UseSerialGC",
            "-cp",
            classpath,
            "casegraph.TestServer",
            "0",
            str(work / "db"),
            PAGE_CACHE_MB,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    found: list[str] = []
    ready = threading.Event()

    def watch() -> None:  # keeps reading so the server never blocks on a full pipe
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip())
            if not found and line.startswith("bolt://"):
                found.append(line.strip().rstrip("/"))
                ready.set()
        ready.set()

    threading.Thread(target=watch, daemon=True).start()
    ready.wait(START_TIMEOUT)
    if not found:
        process.kill()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)
        tail = "\n".join(lines[-40:])
        raise ServerFailed(f"the Neo4j test server did not start in {START_TIMEOUT:.0f} s:\n{tail}")
    return Server(found[0], process, work, time.monotonic() - began, lines)
