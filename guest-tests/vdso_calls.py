#!/usr/bin/env python3
"""With the vDSO on, a clock_gettime loop makes no clock_gettime syscall; with
--vdso=off it makes one per call.  Counted by emu's own accounting (-c).

usage: vdso_calls.py EMU PROGRAM...
"""
import re
import subprocess
import sys

from tally import check, finish

N = 2000




def counts(emu, prog, vdso):
    p = subprocess.run([emu, "-c", f"--vdso={vdso}", prog, str(N)], capture_output=True, timeout=120)
    err = p.stderr.decode()
    # the -c row: ... calls [errors] via-trap via-vDSO name
    m = re.search(r"^.*\s(\d+)\s+(\d+)\s+clock_gettime$", err, re.M)
    if p.returncode or not m:
        print(err)
        return None
    return tuple(map(int, m.groups()))


for prog in sys.argv[2:]:
    on = counts(sys.argv[1], prog, "on")
    off = counts(sys.argv[1], prog, "off")
    check(on is not None and on[0] == 0 and on[1] >= N,
          f"{prog}: vDSO on: {on and on[1]} clock_gettime through the vDSO, {on and on[0]} syscalls")
    check(off is not None and off[1] == 0 and off[0] >= N,
          f"{prog}: vDSO off: {off and off[0]} clock_gettime syscalls, none through the vDSO")
finish()
