#!/usr/bin/env python3
"""Go programs (CGO off) for linux/amd64 and linux/riscv64 under emu: the
goroutines run on several threads, time.Now goes through the vDSO that
Go's runtime parses itself, shown by -c, and an HTTP server and client talk
over 127.0.0.1 through Go's network poller.

usage: go_test.py EMU GO_AMD64 GO_RISCV64 GO_VERSION
"""
import re
import subprocess
import sys

from tally import check, finish

emu, amd64, riscv64, version = sys.argv[1:5]
native = subprocess.run([amd64], capture_output=True, timeout=60).stdout
check(b"http 200 hello /req2" in native, "native: the HTTP exchange over 127.0.0.1 worked", native.decode())
for arch, prog in (("amd64", amd64), ("riscv64", riscv64)):
    p = subprocess.run([emu, "-c", prog], capture_output=True, timeout=300)
    err = p.stderr.decode()
    check(p.returncode == 0 and p.stdout == native,
          f"{arch}: same output as the native amd64 run: {p.stdout.decode().strip()}", err[-2000:])
    clone = re.search(r"^.*\s(\d+)\s+\d+\s+clone$", err, re.M)
    check(clone and int(clone.group(1)) >= 2, f"{arch}: the runtime started threads with clone", err)
    cg = re.search(r"^.*\s(\d+)\s+(\d+)\s+clock_gettime$", err, re.M)
    m = re.match(r"go(\d+)\.(\d+)", version)
    if arch == "riscv64" and m and (int(m.group(1)), int(m.group(2))) < (1, 21):
        print(f"note: {version} has no vDSO support on riscv64; not checking the count there")
        continue
    check(cg and int(cg.group(1)) == 0 and int(cg.group(2)) >= 2000,
          f"{arch}: {cg.group(2) if cg else 0} clock_gettime through the vDSO, "
          f"{cg.group(1) if cg else '?'} syscalls", err)
finish()
