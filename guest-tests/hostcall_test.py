#!/usr/bin/env python3
"""--host-lib against the guest's own libraries.

libm: hostlibm's sweep (every function --host-lib=libm serves, over special
values and a fixed random set; a line per call with the result's bits,
pointer outputs, errno and the FP flags) under emu --host-lib=libm, against
  - x86-64: the native run (the same glibc): every line equal, bit for bit;
  - riscv64: qemu-user running the guest's own libm: NaN for NaN, errno for
    errno, the flags but inexact (C's Annex F leaves when functions raise
    it unspecified, and riscv64's libm is built with FMA contraction), and
    results within ULP_BOUND units in the last place (BESSEL_BOUND for the
    Bessel and gamma functions, whose glibc bounds are wider).
The differences are printed, function by function, with the largest ULP
distance.  The calls must really have been host calls: -c's host-call table
counts them.

zlib and libc: hostz and hoststr print what they compute (compressed bytes,
checksums, stream round trips with small buffers, string results, and the
SIGSEGV a bad pointer gets); emu --host-lib=all must print what the
oracle prints (native, qemu-user), and -c must show the host calls.

hostthr: four threads and a forked child call sin and log(-1): the sorted
output (sums, each thread's EDOM count) is the oracle's, and -f -c counts
every task's calls.

usage: hostcall_test.py EMU QEMU LIBM.x86_64 LIBM.riscv64 Z.x86_64 Z.riscv64 STR.x86_64 STR.riscv64
                        THR.x86_64 THR.riscv64 RVZLIB_DIR
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

from tally import check, finish

ULP_BOUND = 4
BESSEL_BOUND = 16
BESSEL = re.compile(r"^(j0|j1|jn|y0|y1|yn|tgamma|lgamma)")
RV_SYSROOT = "/usr/riscv64-linux-gnu"
emu, qemu = sys.argv[1], sys.argv[2]
libm = {"x86_64": sys.argv[3], "riscv64": sys.argv[4]}
zprog = {"x86_64": sys.argv[5], "riscv64": sys.argv[6]}
sprog = {"x86_64": sys.argv[7], "riscv64": sys.argv[8]}
tprog = {"x86_64": sys.argv[9], "riscv64": sys.argv[10]}
rvzlib = sys.argv[11]


def run(cmd, env=None):
    e = dict(os.environ, QEMU_LD_PREFIX=RV_SYSROOT, **(env or {}))
    return subprocess.run(cmd, capture_output=True, timeout=600, env=e)


def oracle(arch, prog, env=None):
    return run(([] if arch == "x86_64" else [qemu]) + [prog], env)


def host_counts(stderr):
    """-c's host-call table: name -> calls"""
    text = stderr.decode(errors="replace")
    table = text.split("host call\n", 1)
    counts = {}
    for line in table[1].splitlines() if len(table) > 1 else []:
        m = re.match(r"\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+(\d+)\s+(\w+)\s+(\w+)$", line)
        if m:
            counts[m.group(3)] = int(m.group(1))
    return counts


def ordered(bits, width):
    """an IEEE value's bits as an integer in the values' order"""
    sign = 1 << (width - 1)
    return -(bits & (sign - 1)) if bits & sign else bits


def is_nan(bits, width):
    return (bits >> (52 if width == 64 else 23)) & (0x7ff if width == 64 else 0xff) == \
        (0x7ff if width == 64 else 0xff) and bits & ((1 << (52 if width == 64 else 23)) - 1)


def compare_value(a, b):
    """ULP distance of two hex fields, None if they are not IEEE values of
    one width, 'nan' for a NaN-ness mismatch"""
    if not re.fullmatch(r"[0-9a-f]{8}|[0-9a-f]{16}", a) or len(a) != len(b):
        return None if a == b else "other"
    w = len(a) * 4
    x, y = int(a, 16), int(b, 16)
    if is_nan(x, w) or is_nan(y, w):
        return 0 if is_nan(x, w) and is_nan(y, w) else "nan"
    return abs(ordered(x, w) - ordered(y, w))


def libm_sweep(arch):
    want = oracle(arch, libm[arch])
    got = run([emu, "--host-lib=libm", libm[arch]])
    counted = run([emu, "--host-lib=libm", "-c", libm[arch]])
    calls = host_counts(counted.stderr)
    check(want.returncode == 0 and got.returncode == 0,
          f"{arch}: the sweep runs (oracle {want.returncode}, emu {got.returncode})")
    check(sum(calls.values()) > 20000 and len(calls) > 150,
          f"{arch}: {sum(calls.values())} host calls of {len(calls)} functions in the sweep")
    wl, gl = want.stdout.decode().splitlines(), got.stdout.decode().splitlines()
    check(len(wl) == len(gl) and len(wl) > 30000, f"{arch}: {len(wl)} lines, {len(gl)} under emu")
    worst, bad = {}, {}
    for w, g in zip(wl, gl):
        if w == g:
            continue
        wf, gf = w.split(), g.split()
        name = wf[0]
        if arch == "x86_64" or wf[:2] != gf[:2] or len(wf) != len(gf):
            bad.setdefault(name, []).append((w, g))
            continue
        # errno and flags: the last two fields; riscv64: flags but NX (1)
        ew, fw = wf[-2], int(wf[-1][1:], 16)
        eg, fg = gf[-2], int(gf[-1][1:], 16)
        ok = ew == eg and (fw & ~1) == (fg & ~1)
        ulps = 0
        for a, b in zip(wf[2:-2], gf[2:-2]):
            d = compare_value(a, b)
            if d is None:
                continue
            if d in ("nan", "other"):
                ok = False
            else:
                ulps = max(ulps, d)
        bound = BESSEL_BOUND if BESSEL.match(name) else ULP_BOUND
        worst[name] = max(worst.get(name, 0), ulps)
        if not ok or ulps > bound:
            bad.setdefault(name, []).append((w, g))
    for name, lines in sorted(bad.items()):
        print(f"  {arch} {name}: {len(lines)} lines differ, e.g.\n    want {lines[0][0]}\n    got  {lines[0][1]}")
    if worst:
        print(f"  {arch}: largest ULP distance by function: " +
              ", ".join(f"{n} {u}" for n, u in sorted(worst.items(), key=lambda x: -x[1])))
    check(not bad, f"{arch}: every libm line as the guest's own library has it"
          + ("" if arch == "x86_64" else f" (within {ULP_BOUND} ULP, {BESSEL_BOUND} for Bessel/gamma)"))


def same_output(arch, prog, what, names, env=None):
    want = oracle(arch, prog, env)
    got = run([emu, "--host-lib=all", prog], env)
    check(want.returncode == got.returncode and want.stdout == got.stdout and want.stdout,
          f"{arch} {what}: the output and status (rc {got.returncode}) of the guest's own library")
    if want.stdout != got.stdout:
        for a, b in zip(want.stdout.decode().splitlines(), got.stdout.decode().splitlines()):
            if a != b:
                print(f"    want {a}\n    got  {b}")
                break
    counted = run([emu, "--host-lib=all", "-c", prog], env)
    calls = host_counts(counted.stderr)
    missing = [n for n in names if not calls.get(n)]
    check(not missing, f"{arch} {what}: host calls of {', '.join(names)}"
          + (f" (not: {', '.join(missing)})" if missing else ""))


def threads(arch):
    want = oracle(arch, tprog[arch])
    got = run([emu, "--host-lib=libm", tprog[arch]])
    srt = lambda p: sorted(p.stdout.decode().splitlines())
    check(want.returncode == got.returncode == 0 and srt(want) == srt(got) and len(srt(want)) == 5,
          f"{arch} threads and fork: each task's results and errno as the oracle's")
    calls = host_counts(run([emu, "--host-lib=libm", "-f", "-c", tprog[arch]]).stderr)
    check(calls.get("sin") == 500000 and calls.get("log") == 500000,
          f"{arch} threads and fork: every task's calls were host calls ({calls})")


def refusals():
    p = run([emu, "--host-lib=libq", libm["x86_64"]])
    check(p.returncode == 1 and p.stderr.decode().count("\n") == 1 and b"libq" in p.stderr,
          f"--host-lib=libq: one line naming it, status 1 ({p.returncode})")
    # without the option nothing changes: no [hostcalls] mapping, no host call
    p = run([emu, "-c", libm["x86_64"]])
    check(p.returncode == 0 and not host_counts(p.stderr), "without --host-lib: no host call")
    with tempfile.NamedTemporaryFile("r") as out:
        run([emu, "--host-lib=libm", "-e", "trace=sin", "-o", out.name, libm["x86_64"]])
        lines = [l for l in out.read().splitlines() if l.startswith("sin(")]
    check(lines and all(l.endswith("<host>") for l in lines) and re.match(r"sin\(0\)\s+= 0 <host>", lines[0]),
          f"-e trace=sin shows sin's host calls marked <host> ({lines[:1]})")


for arch in ("x86_64", "riscv64"):
    libm_sweep(arch)
    zenv = {"LD_LIBRARY_PATH": rvzlib} if arch == "riscv64" else None
    if arch == "riscv64" and not os.path.exists(os.path.join(rvzlib, "libz.so.1")):
        check(False, f"riscv64 zlib: no riscv64 libz.so.1 in {rvzlib} (tools/setup builds it)")
    else:
        same_output(arch, zprog[arch], "zlib", ["compress2", "uncompress", "crc32", "adler32",
                                                "deflateInit2_", "deflate", "inflateInit_",
                                                "inflate", "inflateEnd", "deflateEnd"], zenv)
    same_output(arch, sprog[arch], "string", ["memcpy", "memset", "memcmp", "memchr", "strlen",
                                              "strcmp", "strncmp", "strchr", "strrchr", "strstr",
                                              "strcpy", "strcat"])
    threads(arch)
refusals()
finish()
