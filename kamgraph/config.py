"""Configuration names and defaults; every setting can come from a KAMGRAPH_* variable."""

import os
from collections.abc import Mapping
from pathlib import Path

# Every setting, its environment variable (KAMGRAPH_ + name) and its default.
# The web app reads them with app.config.from_prefixed_env("KAMGRAPH").
DEFAULTS: dict[str, str | None] = {
    # Where the local Neo4j keeps its data, logs, pid, port and password.
    "HOME": None,  # None: $XDG_DATA_HOME/kamgraph, i.e. ~/.local/share/kamgraph
    # Where the built Neo4j launcher (jars from Maven Central) is cached.
    "CACHE": None,  # None: $XDG_CACHE_HOME/kamgraph, i.e. ~/.cache/kamgraph
    # Bolt URI of an external Neo4j (bolt://, neo4j://, neo4j+s://, ...); unset: the local one.
    "NEO4J_URI": None,
    "NEO4J_USER": "neo4j",
    # Unset: the local Neo4j's generated password from $KAMGRAPH_HOME/neo4j.password.
    "NEO4J_PASSWORD": None,
    "NEO4J_DATABASE": "neo4j",
    # Seconds a web request retries Neo4j (connect, pool, retries) before its 503 page.
    "NEO4J_WEB_TIMEOUT": "2",
    # Local Neo4j sizing: JVM heap and page cache.
    "NEO4J_HEAP": "1g",
    "NEO4J_PAGECACHE_MB": "512",
    # Flask session signing key; unset: generated once into $KAMGRAPH_HOME/secret_key.
    "SECRET_KEY": None,
    # Minutes without a request after which a sign-in ends (remember-me included).
    "IDLE_MINUTES": "120",
    # "1" when users reach the app over HTTPS (a TLS proxy in front): cookies get Secure.
    "TLS": None,
    # How many proxies in front add X-Forwarded-For/-Proto (a TLS proxy: 1). Unset: none,
    # and the headers are ignored, so nobody can spoof an address to dodge sign-in limits.
    "PROXIES": None,
    # The address users reach the app at, e.g. https://kamgraph.example.com: calendar feed
    # URLs are built from it, never from a request's Host header. Unset: loopback only.
    "BASE_URL": None,
    # Where sign-in failures are counted: memory:// for one web process; kamgraph-neo4j://
    # (counters in Neo4j) when several processes serve the app.
    "RATELIMIT_STORAGE_URI": "memory://",
    # Where the analysis worker listens (a Unix socket). Unset: analysis.sock in HOME.
    "ANALYSIS_SOCKET": None,
    # Seconds a page waits for the analysis worker before showing the rest without it.
    "ANALYSIS_TIMEOUT": "5",
    # The transfer-of-value rules (docs/transfers.md). Unset: transfer-rules.toml in HOME
    # if it exists, else the packaged example rules.
    "TRANSFER_RULES": None,
}

ENV_PREFIX = "KAMGRAPH_"
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
