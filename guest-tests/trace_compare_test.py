#!/usr/bin/env python3
"""tools/trace-compare on real traces: emu against emu --vdso=off, against
real strace of the same x86_64 program, and against qemu-riscv64 -strace.

usage: trace_compare_test.py EMU TRACE_COMPARE CLOCKLOOP_X86_64 CLOCKLOOP_RISCV64 QEMU_RISCV64
"""
import os
import re
import subprocess
import sys

from tally import check, finish
import tempfile

emu, tool, x86, rv, qemu = sys.argv[1:6]




def compare(a, b, labels):
    return subprocess.run([sys.executable, tool, "--labels", labels, a, b], capture_output=True,
                          text=True, timeout=60).stdout


with tempfile.TemporaryDirectory() as d:
    on, off, native, rvt, qt = (os.path.join(d, n) for n in ("on", "off", "native", "rv", "qemu"))
    subprocess.run([emu, "--strace", "-o", on, x86, "200"], capture_output=True, check=True)
    subprocess.run([emu, "--strace", "--vdso=off", "-o", off, x86, "200"], capture_output=True, check=True)
    subprocess.run(["strace", "-f", "-o", native, x86, "200"], capture_output=True, check=True)
    subprocess.run([emu, "--strace", "-o", rvt, rv, "200"], capture_output=True, check=True)
    with open(qt, "w") as q:
        subprocess.run([qemu, "-strace", rv, "200"], stdout=subprocess.DEVNULL, stderr=q, check=True)

    out = compare(on, off, "emu,emu-off")
    check("moved: clock_gettime: 200 moved from the vDSO in emu to syscall in emu-off" in out,
          "emu vs emu --vdso=off: the 200 clock_gettime calls moved from the vDSO to syscalls", out)
    out = compare(native, on, "strace,emu")
    check("only in strace" not in out and "only in emu: clock_gettime" in out,
          "strace vs emu: clock_gettime only in emu's trace (the vDSO is not traced by strace), "
          "every other call in both, the starting execve too", out)
    check(re.search(r"same sequence of \d+ syscalls", out),
          "strace vs emu: the same sequence of syscalls", out)
    out = subprocess.run([sys.executable, tool, "--labels", "strace,emu,emu-off", "--width", "30", native, on, off],
                         capture_output=True, text=True, timeout=60).stdout
    rows = [l for l in out.split("\n") if re.match(r"^ {32}<vdso> clock_gettime\(.{9}  clock_gettime\(", l)]
    check(len(rows) == 200,
          "3-way view: each of the 200 clock_gettime calls on one row, blank in strace's column, "
          "through the vDSO in emu's, a syscall in emu --vdso=off's", f"{len(rows)} rows\n" + out[-1500:])
    check(re.search(r"^write\(1, .{21}  write\(1, .{21}  write\(1, ", out, re.M),
          "3-way view: the program's write on one row in all three", out[-800:])
    out = compare(qt, rvt, "qemu,emu")
    check("moved: clock_gettime: 200 moved from syscall in qemu to the vDSO in emu" in out,
          "qemu-riscv64 -strace vs emu: qemu (no vDSO) makes the 200 calls as syscalls, emu through the vDSO",
          out)
finish()
