"""Whether child processes are still there, asked of the operating system."""

from __future__ import annotations

import os
from collections.abc import Iterable
from multiprocessing.process import BaseProcess


def running(processes: Iterable[BaseProcess]) -> list[int]:
    """The pids of these processes that still exist (running, or ended and not reaped).

    The OS is asked, not the Process objects: when two threads wait for one child (a pool's
    own thread and the code stopping it), the one that does not reap it never learns its
    exit code, and `multiprocessing.active_children` keeps listing a child that is gone."""
    alive = []
    for process in processes:
        if process.pid is None:
            continue
        try:
            os.kill(process.pid, 0)
        except ProcessLookupError:
            continue
        alive.append(process.pid)
    return alive
