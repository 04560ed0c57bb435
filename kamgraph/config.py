"""Settings: each declared once (name, default, type, help), each read from a KAMGRAPH_*
variable by :func:`from_env`, the one path the web app and the commands share."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    """One setting: read from KAMGRAPH_<name>, with its default, its type and its help.

    `shown` is the default as the README states it, when it is computed (a path) rather
    than a value. The README's configuration table is checked against these
    (tests/unit/test_config.py), so a setting is declared once, here.
    """

    name: str
    default: str | None
    kind: type[str] | type[int] | type[float] | type[bool]
    help: str
    shown: str | None = None

    @property
    def variable(self) -> str:
        return ENV_PREFIX + self.name


ENV_PREFIX = "KAMGRAPH_"
SETTINGS: tuple[Setting, ...] = (
    Setting("NEO4J_URI", None, str, "any `bolt://`, `neo4j://` or `neo4j+s://` URI (a cluster, Aura)", "the local Neo4j"),
    Setting("NEO4J_USER", "neo4j", str, ""),
    Setting("NEO4J_PASSWORD", None, str, "for the local Neo4j, also sets its password at start", "`$KAMGRAPH_HOME/neo4j.password`"),
    Setting("NEO4J_DATABASE", "neo4j", str, "passed on every session"),
    Setting("HOME", None, str, "local Neo4j state, secret key", "`~/.local/share/kamgraph`"),
    Setting("CACHE", None, str, "built launcher jars", "`~/.cache/kamgraph`"),
    Setting("NEO4J_WEB_TIMEOUT", "2", float, "seconds a web request retries an unreachable Neo4j before it shows its 503 page (commands wait 30)"),
    Setting("NEO4J_HEAP", "1g", str, "JVM heap of the local Neo4j"),
    Setting("NEO4J_PAGECACHE_MB", "512", int, "page cache of the local Neo4j"),
    Setting("SECRET_KEY", None, str, "session signing key (32+ characters)", "generated into `KAMGRAPH_HOME`"),
    Setting("IDLE_MINUTES", "120", int, 'minutes without a request after which a sign-in ends ("keep me signed in" too)'),
    Setting("TLS", None, bool, "`1` when users reach the app over HTTPS: cookies become Secure", "unset"),
    Setting("PROXIES", None, int, "how many proxies in front add `X-Forwarded-For` (a TLS proxy: `1`), so sign-in limits count each client's own address; unset, those headers are ignored", "unset"),
    Setting("BASE_URL", None, str, "the address users reach the app at (`https://kamgraph.example.com`); calendar feed URLs are built from it, never from a request's Host header", "unset"),
    Setting("RATELIMIT_STORAGE_URI", "memory://", str, "where failed sign-ins are counted: in the process, or `kamgraph-neo4j://` in Neo4j when several processes serve the app"),
    Setting("ANALYSIS_SOCKET", None, str, "where the analysis worker listens; its key is the `.key` file beside it (0600)", "`$KAMGRAPH_HOME/analysis.sock`"),
    Setting("ANALYSIS_TIMEOUT", "5", float, "seconds a page waits for the worker before showing the rest without it"),
    Setting("TRANSFER_RULES", None, str, "the transfer-of-value rules file (docs/transfers.md)", "`$KAMGRAPH_HOME/transfer-rules.toml` if it exists, else the packaged examples"),
    Setting("AUDIT_KEEP_DAYS", "1826", int, "days of audit trail `kamgraph audit prune` keeps (five years)"),
    Setting("API_RATE_LIMIT", "600/minute", str, "requests an API token may make (flask-limiter's notation), counted per token"),
    Setting("TODAY", None, str, "`YYYY-MM-DD`: the app and every command see that day as today (demos, support)", "the system's date"),
)  # fmt: skip
# Every setting's default by name; the web app and the commands read them through from_env.
DEFAULTS: dict[str, str | None] = {s.name: s.default for s in SETTINGS}
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_BOLT_PORT = 7687


def from_env(environ: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """Settings by short name (NEO4J_URI, ...): the defaults overlaid with KAMGRAPH_* variables."""
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and value != "":
            settings[key.removeprefix(ENV_PREFIX)] = value
    return settings


def _xdg(settings: Mapping[str, object], key: str, xdg_var: str, fallback: str) -> Path:
    explicit = settings.get(key)
    if explicit:
        return Path(str(explicit)).expanduser()
    base = os.environ.get(xdg_var) or str(Path.home() / fallback)
    return Path(base) / "kamgraph"


def home_dir(settings: Mapping[str, object]) -> Path:
    """KAMGRAPH_HOME: all state of the local Neo4j lives under it."""
    return _xdg(settings, "HOME", "XDG_DATA_HOME", ".local/share")


def transfer_rules_file(settings: Mapping[str, object]) -> Path:
    """Where the transfer-of-value rules are read from, if that file exists."""
    explicit = settings.get("TRANSFER_RULES")
    if explicit:
        return Path(str(explicit)).expanduser()
    return home_dir(settings) / "transfer-rules.toml"


def cache_dir(settings: Mapping[str, object]) -> Path:
    """KAMGRAPH_CACHE: the launcher's jars, shared by every home of the same user."""
    return _xdg(settings, "CACHE", "XDG_CACHE_HOME", ".cache")
