"""Lifetime of a test peer: it lives as long as the test that started it.

The test holds the peer's stdin open as a pipe; EOF means the test ended (or crashed), and the
peer stops with it, so no server outlives its test. Started from a shell whose stdin is not a
pipe (benchmarks), there is nothing to watch and the peer runs until it is killed.
"""
import os
import stat
import sys
import threading


def exit_when_parent_goes() -> None:
    if not stat.S_ISFIFO(os.fstat(0).st_mode):
        return

    def watch():
        sys.stdin.read()
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()
