#!/usr/bin/env python3
"""Run one guest program under emu and under its oracle (the native run for
x86_64, qemu-user for riscv64) and compare stdout and exit status.

usage: oracle.py --emu EMU --oracle native|qemu-riscv64|none [--allow-stderr] PROGRAM [ARGS...]

With --oracle none the program checks itself: it must exit 0 and end with
"N passed, 0 failed" (or, from check.h, "0 failures").
"""
import argparse
import difflib
import os
import subprocess
import sys
import tempfile


def run(cmd, env, cwd):
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--emu", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--allow-stderr", action="store_true",
                    help="emu may print to stderr (its fault report)")
    ap.add_argument("program")
    ap.add_argument("args", nargs="*")
    o = ap.parse_args()
    prog = os.path.abspath(o.program)

    # The guest environment: EMU_TEST_VAR set and EMU_TEST_UNSET absent.  The
    # oracle gets it directly; emu gets the host's with -E and -U applied.
    base = dict(os.environ, EMU_TEST_UNSET="present")
    base.pop("EMU_TEST_VAR", None)
    want_env = dict(base, EMU_TEST_VAR="hello")
    del want_env["EMU_TEST_UNSET"]
    # qemu finds a dynamic riscv64 guest's libraries only when told where
    want_env.setdefault("QEMU_LD_PREFIX", "/usr/riscv64-linux-gnu")

    oracle = [prog] if o.oracle == "native" else [o.oracle, prog]
    emu = [os.path.abspath(o.emu), "-E", "EMU_TEST_VAR=hello", "-U", "EMU_TEST_UNSET", prog]
    with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
        got = run(emu + o.args, base, d2)
        if o.oracle == "none":
            lines = got[1].splitlines()
            ok = (got[0] == 0 and bool(lines) and not got[2] and
                  (lines[-1].endswith(" 0 failed") or lines[-1] == "0 failures"))
            print(got[1] + got[2])
            print(("PASS" if ok else "FAIL") + f" {os.path.basename(prog)} (its own checks)")
            return 0 if ok else 1
        want = run(oracle + o.args, want_env, d1)

    name = os.path.basename(prog)
    ok = True
    if got[1] != want[1]:
        ok = False
        print(f"{name}: stdout differs from {o.oracle}:")
        sys.stdout.writelines(difflib.unified_diff(
            want[1].splitlines(True), got[1].splitlines(True), o.oracle, "emu"))
    if got[0] != want[0]:
        ok = False
        print(f"{name}: exit status {got[0]} under emu, {want[0]} under {o.oracle}")
    if got[2] and not o.allow_stderr:
        ok = False
        print(f"{name}: emu wrote to stderr:\n{got[2]}")
    print(("PASS" if ok else "FAIL") + f" {name} (exit {got[0]}, {len(got[1].splitlines())} lines)")
    if got[2] and o.allow_stderr:
        print("emu stderr: " + got[2].strip())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
