"""What every request shares, made once when the server starts: the settings, the rule pack, the
scoring scheme and the compiled checker. The engine holds one session (durable-rules' core is not
to be entered by two threads at once): one check at a time runs in it, under a lock; reading files
and extracting reports run outside it, side by side."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from checker.serve.uploads import Limits

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8765
    lang: str = "zh"  # the pages' language until the user switches
    token: str | None = None  # required of every request where set (any host but loopback)
    limits: Limits = field(default_factory=Limits)
    workdir: str | None = None  # where each request's temporary folder is made (None: the system's)
    jobs: int = 16  # scoring runs kept at once (running and finished)
    job_minutes: int = 60  # a finished run is kept so long for its page and downloads
    workers: int = 2  # scoring runs at once


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.strip("[]") in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Service:
    """The pack, the scheme and the checker, with the lock the engine is used under."""

    def __init__(self, settings: Settings, pack, scheme, engine: str | None = None):
        from checker.engine import Checker

        self.settings, self.pack, self.scheme = settings, pack, scheme
        self.checker = Checker(pack, engine)
        self._lock = threading.Lock()

    @property
    def engine(self) -> str:
        return self.checker.engine.name

    def check(self, sub):
        with self._lock:
            return self.checker.check(sub)

    def close(self) -> None:
        with self._lock:
            self.checker.close()


def renamed(result, name: str):
    """A result whose file (and every diagnostic's) is named as the user named it, not where the
    server kept it: messages read ``社旗县.yaml:12:3: …`` as ``fazhi check`` writes them."""
    diags = tuple(replace(d, file=name) if d.file else d for d in result.diagnostics)
    return replace(result, file=name, diagnostics=diags)
