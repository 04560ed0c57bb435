"""The project's own Neo4j: built from Maven Central, run in the background under KAMGRAPH_HOME."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from kamgraph.config import DEFAULT_BOLT_PORT
from kamgraph.errors import KamgraphError
from kamgraph.resources import resource_dir
from kamgraph.secrets_store import write_private

NEO4J_VERSION = (
    "5.26.30"  # must equal <neo4j.version> in neo4j-launcher/pom.xml (a unit test checks)
)
LAUNCHER_CLASS = "org.kamgraph.neo4j.Launcher"
SUPPORTED_JAVA = (17, 21)  # the Java versions Neo4j 5.26 supports
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0

# Progress callback: (message, artifacts downloaded so far).
Progress = Callable[[str, int], None]


def owner_only(home: Path) -> None:
    """Make KAMGRAPH_HOME and everything under it readable by its owner only (0700/0600).

    The store and its logs hold personal data. Neo4j itself runs with umask 077; this also
    tightens what an older install, or a copy, left readable to other local users.
    """
    for folder, dirs, files in os.walk(home):
        for name in dirs:
            _tighten(Path(folder) / name)
        for name in files:
            _tighten(Path(folder) / name)
    _tighten(home)


def _tighten(path: Path) -> None:
    try:
        if path.is_symlink():
            return
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except FileNotFoundError:
        return  # Neo4j removed it while starting: nothing to protect
    except PermissionError as error:
        msg = f"{path} belongs to another user; make KAMGRAPH_HOME yours, readable by you only"
        raise LocalNeo4jError(msg) from error


class LocalNeo4jError(KamgraphError):
    """The local Neo4j could not be built, started or stopped; the message is one line."""


@dataclass(frozen=True)
class LocalNeo4j:
    """The local Neo4j whose state lives under `home` (one home, one database, one port)."""

    home: Path
    cache: Path

    @property
    def neo4j_home(self) -> Path:
        """Neo4j's own home: data/ and logs/."""
        return self.home / "neo4j"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def port_file(self) -> Path:
        return self.home / "neo4j.port"

    @property
    def password_file(self) -> Path:
        return self.home / "neo4j.password"

    @property
    def log_file(self) -> Path:
        """The launcher's console output: start-up lines and errors."""
        return self.home / "neo4j.log"

    @property
    def port(self) -> int:
        """The Bolt port of the last start, or the default if never started."""
        try:
            return int(self.port_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return DEFAULT_BOLT_PORT

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def password(self) -> str | None:
        """The password written on first start, or None before any start."""
        try:
            return self.password_file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def pid(self) -> int | None:
        """The pid of our running launcher, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        if _is_our_launcher(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def start(
        self,
        *,
        port: int | None = None,
        password: str | None = None,
        heap: str = "1g",
        pagecache_mb: int = 512,
        progress: Progress | None = None,
    ) -> bool:
        """Start Neo4j in the background and return once Bolt answers.

        Returns False if it was already running. `port` 0 picks a free port;
        None reuses the last port. `password` overrides the generated one.
        """
        if self.pid() is not None:
            return False
        java = find_java()
        port = self._choose_port(port)
        self.home.mkdir(parents=True, exist_ok=True)
        owner_only(self.home)
        self._ensure_password(password)
        classpath = build_launcher(self.cache, progress)
        if progress:
            progress(f"starting Neo4j {NEO4J_VERSION} on {self._uri_for(port)}", 0)
        offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        with self.log_file.open("ab") as log:
            process = subprocess.Popen(
                [
                    str(java),
                    f"-Xmx{heap}",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-cp",
                    # Plugins (Graph Data Science, say) sit on the class path as in a
                    # server install, so their extensions load beside their procedures.
                    os.pathsep.join([f"{classpath}/*", f"{self.neo4j_home / 'plugins'}/*"]),
                    LAUNCHER_CLASS,
                    str(self.neo4j_home),
                    str(port),
                    str(self.password_file),
                    str(pagecache_mb),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                start_new_session=True,  # survives the CLI that started it, ignores its Ctrl-C
                umask=0o077,  # the store, its transaction logs and its logs: owner-only
            )
        _LAUNCHED.append(process)
        self.pid_file.write_text(f"{process.pid}\n")
        self.port_file.write_text(f"{port}\n")
        owner_only(self.home)  # the console log, pid and port files written just now
        self._wait_until_ready(process, offset)
        return True

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> bool:
        """Shut Neo4j down cleanly (store checkpointed) and remove the pid file.

        Returns False if it was not running.
        """
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _is_alive(pid):
            if time.monotonic() > deadline:
                msg = (
                    f"Neo4j (pid {pid}) did not stop within {timeout:.0f} s; "
                    f"see {self.neo4j_home / 'logs' / 'debug.log'}"
                )
                raise LocalNeo4jError(msg)
            time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def _uri_for(self, port: int) -> str:
        return f"bolt://127.0.0.1:{port}"

    def _choose_port(self, port: int | None) -> int:
        if port is None:
            port = self.port
        if port == 0:
            return free_port()
        if not _port_is_free(port):
            msg = f"port {port} on 127.0.0.1 is already in use; pick another with --bolt-port"
            raise LocalNeo4jError(msg)
        return port

    def _ensure_password(self, password: str | None) -> None:
        if password is None and self.password() is not None:
            return
        password = password or secrets.token_urlsafe(24)
        if len(password) < 8:
            msg = "the Neo4j password must be at least 8 characters long (Neo4j's minimum)"
            raise LocalNeo4jError(msg)
        write_private(self.password_file, password + "\n")

    def _wait_until_ready(self, process: subprocess.Popen[bytes], offset: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            output = _read_from(self.log_file, offset)
            error = re.search(r"^KAMGRAPH-ERROR (.+)$", output, re.MULTILINE)
            if error or process.poll() is not None:
                process.wait()
                self.pid_file.unlink(missing_ok=True)
                reason = error.group(1) if error else _last_line(output) or "no output"
                msg = f"Neo4j did not start: {reason}"
                raise LocalNeo4jError(msg)
            if "KAMGRAPH-READY" in output and _bolt_answers(process_port(output)):
                return
            time.sleep(0.2)
        self.stop()
        msg = f"Neo4j did not answer within {START_TIMEOUT_S:.0f} s; see {self.log_file}"
        raise LocalNeo4jError(msg)


# Launched processes are kept referenced so that no Popen is collected (and
# warns) while its Neo4j is still meant to run.
_LAUNCHED: list[subprocess.Popen[bytes]] = []


def process_port(output: str) -> int:
    """The port in the launcher's KAMGRAPH-READY line."""
    match = re.search(r"^KAMGRAPH-READY (\d+)$", output, re.MULTILINE)
    return int(match.group(1)) if match else 0


def find_java() -> Path:
    """The java binary (JAVA_HOME first, then PATH), checked to be a version Neo4j supports."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    java = str(candidate) if candidate and candidate.exists() else shutil.which("java")
    if java is None:
        msg = (
            "Java not found: install a JDK 17 or 21 (e.g. apt install openjdk-17-jdk) "
            "or set JAVA_HOME"
        )
        raise LocalNeo4jError(msg)
    version = java_major_version(java)
    if version not in SUPPORTED_JAVA:
        msg = (
            f"Neo4j {NEO4J_VERSION} needs Java 17 or 21, but {java} is Java {version}; "
            "set JAVA_HOME"
        )
        raise LocalNeo4jError(msg)
    return Path(java)


def java_major_version(java: str) -> int:
    """Major version from `java -version` ("1.8.0_392" is 8, "17.0.15" is 17)."""
    result = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        msg = f"cannot tell the version of {java}: {_last_line(result.stderr) or 'no output'}"
        raise LocalNeo4jError(msg)
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def build_launcher(cache: Path, progress: Progress | None = None) -> Path:
    """Return the folder of launcher jars, building it with Maven on first use.

    The build is keyed by a hash of pom.xml and the Java sources, so an
    upgrade rebuilds it and later starts need neither Maven nor the network.
    """
    source = resource_dir("neo4j-launcher")
    target = cache / f"neo4j-{NEO4J_VERSION}-{_source_hash(source)}"
    if (target / "READY").exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with _locked(cache / "build.lock"):
        if (target / "READY").exists():  # built by a concurrent start meanwhile
            return target
        _maven_package(source, cache, target, progress)
    return target


def _maven_package(source: Path, cache: Path, target: Path, progress: Progress | None) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        msg = "Maven not found: install it (e.g. apt install maven); it fetches Neo4j once"
        raise LocalNeo4jError(msg)
    with tempfile.TemporaryDirectory(dir=cache, prefix="build-") as tmp:
        work = Path(tmp) / "src"
        shutil.copytree(source, work, ignore=shutil.ignore_patterns("target"))
        log_path = cache / "build.log"
        downloaded = 0
        if progress:
            progress("fetching Neo4j from Maven Central (first start only)", downloaded)
        with (
            log_path.open("w") as log,
            subprocess.Popen(
                [mvn, "-B", "-f", str(work / "pom.xml"), "package"],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ) as mvn_process,
        ):
            assert mvn_process.stdout is not None  # noqa: S101 (PIPE was requested)
            for line in mvn_process.stdout:
                log.write(line)
                if line.startswith("Downloaded from"):
                    downloaded += 1
                    if progress:
                        progress("fetching Neo4j from Maven Central (first start only)", downloaded)
            code = mvn_process.wait()
        if code != 0:
            msg = f"building the Neo4j launcher with Maven failed (exit {code}); see {log_path}"
            raise LocalNeo4jError(msg)
        staged = Path(tmp) / "lib"
        shutil.move(work / "target" / "lib", staged)
        shutil.copy2(work / "target" / "kamgraph-neo4j-launcher.jar", staged)
        (staged / "READY").write_text(f"Neo4j {NEO4J_VERSION}\n")
        shutil.rmtree(target, ignore_errors=True)
        staged.rename(target)


def _source_hash(source: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in source.rglob("*") if p.is_file() and "target" not in p.parts):
        digest.update(path.relative_to(source).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def _locked(path: Path) -> Generator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _bolt_answers(port: int) -> bool:
    """True once something accepts TCP connections on the Bolt port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _is_alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        # Reap it if this very process started it (tests do), so it is not a zombie.
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def _is_our_launcher(pid: int) -> bool:
    """Alive and running our launcher class (a recycled pid belongs to someone else)."""
    if not _is_alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): trust the pid file
    return LAUNCHER_CLASS.encode() in cmdline


def _read_from(path: Path, offset: int) -> str:
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""
