#!/usr/bin/env python3
"""/bin/sh under emu running pipelines, subshells, redirections and command
substitution: every command it forks and execs runs under emu too.  The
native run of the same line is the oracle.

usage: shell.py EMU
"""
import os
import signal
import subprocess
import sys
import tempfile

from tally import check, finish

emu = os.path.abspath(sys.argv[1])
lines = [
    "echo one two three | tr a-z A-Z | rev",
    "printf 'b\\na\\nc\\nb\\n' | sort | uniq -c | sort -rn | head -2",
    "x=$(echo nested $(echo deeper)); echo \"[$x]\"",
    "(cd /; pwd; exit 4); echo \"subshell said $?\"",
    "seq 1 2000 | grep 7 | wc -l",
    "for i in 1 2 3; do sh -c \"echo inner \\$0\" $i; done",
    "echo to-file > out.txt && cat out.txt && rm out.txt; ls out.txt 2>/dev/null || echo gone",
    "kill -TERM $$ ; echo never",
    "sh -c 'kill -SEGV $$'; echo \"status $?\"",
]
with tempfile.TemporaryDirectory() as d:
    for line in lines:
        want = subprocess.run(["/bin/sh", "-c", line], capture_output=True, cwd=d, timeout=60)
        got = subprocess.run([emu, "/bin/sh", "-c", line], capture_output=True, cwd=d, timeout=300)
        check(got.stdout == want.stdout and got.returncode == want.returncode,
              f"sh -c {line!r}: {got.stdout.decode().strip()[:60]!r}, status {got.returncode}",
              f"native {want.returncode} {want.stdout!r}\nemu {got.returncode} {got.stdout!r}\n{got.stderr.decode()[:400]}")

# A host signal sent to emu reaches the guest's handler (here sh's trap).
script = 'trap "echo got INT; exit 3" INT; echo ready; while :; do sleep 0.05; done'
for who, cmd in (("native", ["/bin/sh", "-c", script]), ("emu", [emu, "/bin/sh", "-c", script])):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ready = p.stdout.readline()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    check(ready == b"ready\n" and out == b"got INT\n" and p.returncode == 3,
          f"{who}: SIGINT sent to the process runs the shell's trap (exit {p.returncode})", err.decode()[:300])
finish()
