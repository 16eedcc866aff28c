#!/usr/bin/env python3
"""Dynamic start-up: the interpreter run directly, glibc's own programs in the
riscv64 sysroot, LD_SHOW_AUXV and LD_DEBUG, -L and the missing-interpreter
error.  qemu-riscv64 (with -L) and native runs are the oracles where they
are right.

usage: dynamic.py EMU HELLO_RISCV64_DYN HELLO_X86_64_DYN QEMU_RISCV64
"""
import re
import subprocess
import sys

from tally import check, finish

emu, rv, x86, qemu = sys.argv[1:5]
ROOT = "/usr/riscv64-linux-gnu"
LDSO = ROOT + "/lib/ld-linux-riscv64-lp64d.so.1"


def run(*cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, timeout=120, **kw)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def addrless(s):
    return re.sub(r"0x[0-9a-f]+", "ADDR", s)


rc, out, err = run(emu, LDSO, "--list", rv)
check(rc == 0 and "libc.so.6 => /lib/libc.so.6" in out and "linux-vdso.so.1 (0x" in out,
      "riscv64 ld.so --list run directly names libc and the vDSO", out + err)
q = run(qemu, "-L", ROOT, LDSO, "--list", rv)
check(addrless(out).replace("\tlinux-vdso.so.1 (ADDR)\n", "") == addrless(q[1]),
      "... and otherwise lists what qemu-riscv64 -L lists (qemu 7.2 has no vDSO)", out + "\n" + q[1])

rc, out, err = run(emu, ROOT + "/lib/libc.so.6")
q = run(qemu, "-L", ROOT, ROOT + "/lib/libc.so.6")
check(rc == 0 and out.startswith("GNU C Library") and (rc, out) == q[:2],
      "riscv64 libc.so.6 run as a program prints its banner, as under qemu", out)

rc, out, err = run(emu, "-E", "LD_SHOW_AUXV=1", "--show-auxv", rv)
shown = dict(re.findall(r"^(AT_\w+):\s+(\S+)", out, re.M))
ours = dict((m[0], m[1]) for m in re.findall(r"^  (AT_\w+)\s+(\S+)", err, re.M))
check(rc == 42 and "AT_SYSINFO_EHDR" in shown, "riscv64 LD_SHOW_AUXV=1 shows AT_SYSINFO_EHDR", out)
same = all(int(v, 16 if v.startswith("0x") or k in ("AT_HWCAP",) else 10) ==
           int(ours[k], 16 if ours[k].startswith("0x") else 10)
           for k, v in shown.items() if k in ours and k not in ("AT_EXECFN", "AT_PLATFORM"))
check(same and len(shown) >= 20, f"... and glibc's {len(shown)} entries agree with --show-auxv", out + err)

rc, out, err = run(emu, "-E", "LD_DEBUG=libs", rv)
check("find library=libc.so.6" in err and "calling init: /lib/libc.so.6" in err,
      "riscv64 LD_DEBUG=libs traces the loader finding and initialising libc", err[:800])

rc, out, err = run(emu, "-L", ROOT, rv, "x")
check(rc == 42 and out == "hello from x with 1 argument(s)\n", "-L DIR runs a dynamic riscv64 program")
rc, out, err = run(emu, rv, "x", env={"EMU_LD_PREFIX": ROOT, "PATH": "/usr/bin:/bin"})
check(rc == 42 and out == "hello from x with 1 argument(s)\n", "EMU_LD_PREFIX does the same")
rc, out, err = run(emu, "-L", "/nonexistent", rv)
check(rc == 127 and "/lib/ld-linux-riscv64-lp64d.so.1" in err and "-L" in err and len(err.splitlines()) == 1,
      "a missing interpreter: exit 127, one line naming it and -L", err)

rc, out, err = run(emu, "/lib64/ld-linux-x86-64.so.2", "--list", x86)
n = run("/lib64/ld-linux-x86-64.so.2", "--list", x86)
check(rc == 0 and addrless(out) == addrless(n[1]),
      "x86_64 ld.so --list run directly lists what it lists natively", out + "\n" + n[1])
finish()
