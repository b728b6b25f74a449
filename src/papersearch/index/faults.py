"""Fault injection for the crash tests: a process signals itself at a named point.

PAPERSEARCH_FAULT_AT=<role>:<stage>:<n>[:<signal>] makes the process whose role
is <role> (``parent``, ``worker0``, ``worker1``, ...) send itself <signal>
(KILL unless named; INT goes to its whole process group, as Ctrl-C does) the
<n>-th time it reaches <stage>. Unset, every point costs one dict look-up.
The tests use it to kill the indexer at exact points of reading, writing and
committing, with real processes and real signals.
"""

from __future__ import annotations

import os
import signal

_role = "parent"
_counts: dict[str, int] = {}


def set_role(role: str) -> None:
    """Name this process (a worker calls this first thing)."""
    global _role
    _role = role
    _counts.clear()


def point(stage: str) -> None:
    spec = os.environ.get("PAPERSEARCH_FAULT_AT")
    if not spec:
        return
    role, want, nth, *sig = spec.split(":")
    if role != _role or want != stage:
        return
    _counts[stage] = _counts.get(stage, 0) + 1
    if _counts[stage] != int(nth):
        return
    signum = getattr(signal, f"SIG{sig[0]}") if sig else signal.SIGKILL
    if signum == signal.SIGINT:
        os.killpg(os.getpgrp(), signum)
    else:
        os.kill(os.getpid(), signum)
