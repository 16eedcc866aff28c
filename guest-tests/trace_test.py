#!/usr/bin/env python3
"""emu --strace held against real strace, and each tracing option.

1. x86_64 programs: the sequence of syscall names under emu --strace equals
   real `strace -f` of the same binary run natively, but for the differences
   listed in EXPECTED_DIFFERENCES (each with its reason); and the decoded
   lines of the file, memory, socket and epoll calls equal strace's text
   after addresses are normalised.
2. A clock_gettime loop on both arches: N <vdso> lines and no clock_gettime
   syscall with the vDSO, N syscalls without; -c reports the split.
3. -e, -o, -s, -c, -T, -tt each do what strace's do.

usage: trace_test.py EMU TRACEME_X86_64 CLOCKLOOP_RISCV64 CLOCKLOOP_X86_64 PROGRAM_X86_64...
"""
import os
import re
import subprocess
import sys

from tally import check, finish
import tempfile

# Calls that differ between a native run under strace and emu, and why.
EXPECTED_DIFFERENCES = {
    "execve": "strace sees the kernel's execve of the program; emu loads it without one",
    "getrandom": "glibc's mkdtemp draws random bits a varying number of times (it redraws values "
                 "in the biased range), so the count differs from run to run, natively too",
}
COMPARED = ("openat", "open", "read", "write", "pread64", "lseek", "newfstatat", "fstat", "stat",
            "mmap", "munmap", "mprotect", "close", "unlink",
            "socketpair", "socket", "sendto", "recvfrom", "shutdown", "bind", "getsockname",
            "setsockopt", "connect", "eventfd2", "epoll_create1", "epoll_ctl", "epoll_wait",
            "sendmsg", "recvmsg")
PID = re.compile(r"^(\[pid\s+\d+\]\s*|\d+\s+)")
ADDR = re.compile(r"0x[0-9a-f]{5,}")




def calls(path, drop_vdso=True):
    out = []
    for line in open(path):
        line = PID.sub("", line.rstrip("\n"))
        if line.startswith("+++") or (drop_vdso and line.endswith("<vdso>")):
            continue
        m = re.match(r"([a-z_0-9]+)\(", line)
        if m:
            out.append((m.group(1), re.sub(r"\s+=\s+", " = ", ADDR.sub("ADDR", line))))
    return out


def run(cmd, cwd, **kw):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=120, **kw)


def main():
    emu, traceme, clock_rv, clock_x86, *programs = [os.path.abspath(p) for p in sys.argv[1:]]
    with tempfile.TemporaryDirectory() as d:
        # 1. against real strace
        for prog in [traceme] + programs:
            name = os.path.basename(prog)
            native, mine = os.path.join(d, "native.txt"), os.path.join(d, "emu.txt")
            with open(os.devnull, "w") as null:
                subprocess.run(["strace", "-f", "-o", native, prog], cwd=d, stdout=null, timeout=120)
                subprocess.run([emu, "--strace", "-o", mine, prog], cwd=d, stdout=null, timeout=120)
            n = [c for c in calls(native) if c[0] not in EXPECTED_DIFFERENCES]
            e = [c for c in calls(mine) if c[0] not in EXPECTED_DIFFERENCES]
            first = next((i for i, (a, b) in enumerate(zip(n, e)) if a[0] != b[0]), None)
            check([c[0] for c in n] == [c[0] for c in e],
                  f"{name}: emu --strace makes the same {len(e)} syscalls as native strace "
                  f"(less {', '.join(EXPECTED_DIFFERENCES)})",
                  "" if first is None else f"first difference: native {n[first][1]}\n  emu    {e[first][1]}")
            if prog == traceme:
                for (a, la), (b, lb) in zip(n, e):
                    if a == b and a in COMPARED:
                        check(la == lb, f"traceme: {lb}", f"strace says {la}")

        # 2. the vDSO in the trace
        for prog in (clock_rv, clock_x86):
            name = os.path.basename(prog)
            for vdso in ("on", "off"):
                p = run([emu, "--strace", f"--vdso={vdso}", prog, "100"], d)
                lines = p.stderr.decode().splitlines()
                v = sum(1 for l in lines if l.startswith("clock_gettime(CLOCK_MONOTONIC") and l.endswith("<vdso>"))
                s = sum(1 for l in lines if l.startswith("clock_gettime(CLOCK_MONOTONIC") and not l.endswith("<vdso>"))
                want = (100, 0) if vdso == "on" else (0, 100)
                check((v, s) == want, f"{name} --vdso={vdso}: {v} clock_gettime lines marked <vdso>, {s} syscalls")
            p = run([emu, "-c", prog, "100"], d)
            err = p.stderr.decode()
            check(re.search(r"\s100\s+0\s+100 clock_gettime$", err, re.M) and "calls bypassed" in err,
                  f"{name}: -c splits clock_gettime into 0 trapped and 100 through the vDSO", err)

        # 3. the options
        p = run([emu, "--strace", "-e", "trace=openat,close", traceme], d)
        names = {l.split("(")[0] for l in p.stderr.decode().splitlines() if "(" in l and not l.startswith("+++")}
        check(names == {"openat", "close"}, f"-e trace=openat,close shows only those: {sorted(names)}")
        p = run([emu, "--strace", "-e", "trace=%memory", traceme], d)
        names = {l.split("(")[0] for l in p.stderr.decode().splitlines() if "(" in l}
        check(names and names <= {"brk", "mmap", "munmap", "mprotect", "mremap", "madvise", "msync"},
              f"-e trace=%memory shows only memory calls: {sorted(names)}")
        p = run([emu, "-e", "trace=vdso", traceme], d)
        lines = [l for l in p.stderr.decode().splitlines() if "(" in l]
        check(len(lines) == 3 and all(l.endswith("<vdso>") for l in lines),
              f"-e trace=vdso shows only the {len(lines)} vDSO calls")
        out = os.path.join(d, "trace.out")
        p = run([emu, "--strace", "-o", out, traceme], d)
        check(b"openat(" not in p.stderr and "openat(AT_FDCWD" in open(out).read(),
              "-o FILE writes the trace to FILE, not to stderr")
        p = run([emu, "--strace", "-s", "4", "-e", "trace=write", traceme], d)
        check('write(3, "root"..., 56)' in p.stderr.decode(), "-s 4 cuts strings after 4 bytes")
        p = run([emu, "-c", "-o", out, traceme], d)
        table = open(out).read()
        check(table.startswith("% time     seconds  usecs/call     calls    errors") and
              re.search(r"^\s*100\.00 .* total$", table, re.M) and "bypassed syscall through the vDSO" in table,
              "-c prints strace's table with a total and the vDSO split")
        p = run([emu, "-T", "-e", "trace=close", traceme], d)
        lines = [l for l in p.stderr.decode().splitlines() if l.startswith("close(")]
        check(lines and all(re.search(r" <\d+\.\d{6}>$", l) for l in lines), "-T appends the time spent")
        p = run([emu, "-tt", "-e", "trace=close", traceme], d)
        lines = [l for l in p.stderr.decode().splitlines() if "close(" in l]
        check(lines and all(re.match(r"\d\d:\d\d:\d\d\.\d{6} close\(", l) for l in lines),
              "-tt prefixes the wall-clock time")
        p = run([emu, "-strace", "-e", "trace=unlink", traceme], d)
        check('unlink("traceme.txt")' in p.stderr.decode(), "-strace is accepted as in qemu-user")
    finish()


if __name__ == "__main__":
    sys.exit(main())
