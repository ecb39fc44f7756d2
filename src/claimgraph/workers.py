"""Worker processes that die with the process that started them.

``extract --processes N`` runs spaCy's ``nlp.pipe(n_process=N)``, whose workers are forked
``multiprocessing`` processes. If the parent is killed (``kill -9``), they would wait on
their queues for ever. :func:`die_with_parent` asks Linux to send every process forked from
now on ``SIGKILL`` when its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere it does nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1

_registered = False
_forking_pid: int | None = None


def die_with_parent() -> None:
    """Make processes forked from now on (by ``os.fork``, as multiprocessing does) die with this process."""
    global _registered
    if _registered or not sys.platform.startswith("linux"):
        return
    os.register_at_fork(before=_remember_parent, after_in_child=_ask_for_parent_death_signal)
    _registered = True


def _remember_parent() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


def _ask_for_parent_death_signal() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != _forking_pid:  # the parent died before the signal was asked for
        os._exit(1)
