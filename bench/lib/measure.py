#!/usr/bin/env python3
"""Runs one command and prints what it cost as JSON: wall seconds, user and system CPU seconds of
every process it started, and the largest peak RSS among them (kB).

This process is a child subreaper, so processes the command leaves behind in the background
(ssh ControlPersist masters of ansible-playbook) are re-parented to it; when the command is done
they are asked to exit (SIGTERM, by pid) and reaped, so their CPU counts too and no connection
outlives the run. With --leave-kept (bench.py's kept-sessions mode) it is no subreaper and ends
nothing: the connections a run leaves for the next are meant to live on, and bench.py counts
their CPU itself.

Usage: measure.py [--leave-kept] OUT_JSON LOG_FILE -- CMD ARGS...
"""
import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def children_of(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry))
    return found


def main():
    argv = sys.argv[1:]
    leave = argv[:1] == ["--leave-kept"]
    out_json, log_file, sep, *cmd = argv[1:] if leave else argv
    assert sep == "--" and cmd, __doc__
    if not leave:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    start = time.monotonic()
    with open(log_file, "wb") as log:
        rc = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    wall = time.monotonic() - start
    for pid in [] if leave else children_of(os.getpid()):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_json, "w") as f:
        json.dump({"rc": rc, "wall": wall, "user": ru.ru_utime, "sys": ru.ru_stime,
                   "maxrss_kb": ru.ru_maxrss}, f)


if __name__ == "__main__":
    main()
