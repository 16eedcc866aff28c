#!/usr/bin/env python3
"""Load and isolation, against the native run (x86_64) and the same
expected lines (riscv64): guest-tests/load.c and guest-tests/isolation.c.

- threads: N threads of mixed syscalls and signals for S seconds (CI: 16
  for 3 s; --full: 64 for 30 s);
- touch: a guest touching 256 MiB (--full: 1 GiB);
- forks: 1,000 fork+exit in a loop, every status right;
- overflow: deep recursion ends in SIGSEGV, as natively;
- writes: SIGKILL of emu while the guest writes: every write(2) the guest
  saw return is in the file (emu adds no buffering of guest I/O);
- fill: a full disk (a 1 MiB tmpfs in a private mount namespace) is ENOSPC
  after as many bytes as natively;
- isolation: close_range(3, ~0U) leaves emu's --strace -o trace whole, a
  guest that scans its descriptors (fcntl, /proc/self/fd) sees what it sees
  natively, MAP_FIXED past the space is the kernel's ENOMEM, every signal
  it sends itself is handled once, and the faults' signals with handlers
  let it go on.

usage: load_test.py EMU LOAD_X86_64 LOAD_RISCV64 ISOLATION_X86_64 ISOLATION_RISCV64 [--full]
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tally import check, finish

emu, load_x86, load_rv, iso_x86, iso_rv = (os.path.abspath(a) for a in sys.argv[1:6])
full = "--full" in sys.argv
THREADS, SECONDS, MIB = (64, 30, 1024) if full else (16, 3, 256)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


for arch, prog in (("x86_64", load_x86), ("riscv64", load_rv)):
    for args in (["threads", str(THREADS), str(SECONDS)], ["touch", str(MIB)], ["forks", "1000"]):
        want = run([load_x86] + args).stdout	# the native kernel's lines
        r = run([emu, prog] + args)
        check(r.returncode == 0 and r.stdout == want and want,
              f"{arch}: load {' '.join(args)}: {want.strip()}", (r.returncode, r.stdout, r.stderr[-300:]))
    native = run([load_x86, "overflow"])
    r = run([emu, prog, "overflow"])
    check(r.returncode == native.returncode == -signal.SIGSEGV,
          f"{arch}: a stack overflow ends in SIGSEGV, as natively", (r.returncode, r.stderr[-200:]))

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "out")
        p = subprocess.Popen([emu, prog, "writes", path], stdout=subprocess.PIPE, text=True)
        last = 0
        for line in p.stdout:
            last = int(line)
            if last >= 300:
                break
        p.send_signal(signal.SIGKILL)
        p.wait()
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            data = f.read()
        good = all(data[i * 4096:(i + 1) * 4096] == bytes([97 + i % 26]) * 4096 for i in range(size // 4096))
        check(size >= last * 4096 and size % 4096 == 0 and good,
              f"{arch}: SIGKILL mid-write: the {last} writes the guest saw return are in the file ({size} bytes)")

    if shutil.which("unshare") and run(["unshare", "-Urm", "true"]).returncode == 0:
        def fill(cmd):
            script = 'd=$(mktemp -d) && mount -t tmpfs -o size=1m none "$d" && exec "$@" fill "$d/f"'
            return run(["unshare", "-Urm", "sh", "-c", script, "sh"] + cmd)
        want, r = fill([load_x86]), fill([emu, prog])
        check(r.returncode == 0 and r.stdout == want.stdout and "ENOSPC" in want.stdout,
              f"{arch}: a full disk: {want.stdout.strip()}", (r.stdout, r.stderr[-200:]))
    else:
        print(f"skip {arch}: fill: no user namespace for a private tmpfs here")

want = run([iso_x86]).stdout
for arch, prog in (("x86_64", iso_x86), ("riscv64", iso_rv)):
    with tempfile.TemporaryDirectory() as d:
        trace = os.path.join(d, "trace")
        r = run([emu, "--strace", "-o", trace, prog])
        check(r.returncode == 0 and r.stdout == want, f"{arch}: isolation: the guest sees what it sees natively",
              "\n".join(l for l in r.stdout.splitlines() if l not in want.splitlines()))
        text = open(trace).read()
        check("close_range(3, " in text and text.rstrip().endswith("+++ exited with 0 +++"),
              f"{arch}: the trace goes on after the guest's close_range(3, ~0U), to the exit line", text[-300:])
finish()
