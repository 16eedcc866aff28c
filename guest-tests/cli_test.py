#!/usr/bin/env python3
"""emu's command line as a qemu-user user meets it: --version, --help and
the man page saying the same options, the static build, -cpu, qemu's
spellings (taken, or refused by name, and never taken from the program's
own arguments), the environment spellings for binfmt_misc.

usage: cli_test.py EMU MAN_PAGE VERSION UNICORN_VERSION STATIC ARGS_RISCV64 ARGS_X86_64
"""
import os
import re
import subprocess
import sys

from tally import check, finish


def run(argv, env=None):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, **(env or {})))
    return p.returncode, p.stdout, p.stderr


def main():
    emu, man, version, uc_version, static, args_rv, args_x86 = sys.argv[1:8]
    rc, out, err = run([emu, "--version"])
    check(rc == 0 and out.startswith("emu %s\n" % version) and "Unicorn %s" % uc_version in out and
          "riscv64" in out and "x86_64" in out, "--version: emu's, Unicorn's, the arches", out)
    rc, help_text, _ = run([emu, "--help"])
    check(rc == 0 and "%%" not in help_text, "--help prints its text as meant (no %%)")
    p = subprocess.run(["man", "--warnings", "-l", man], capture_output=True, text=True,
                       env=dict(os.environ, MANWIDTH="80"))
    check(p.returncode == 0 and "emu" in p.stdout and not p.stderr.strip(),
          "man -l docs/emu.1 renders without warnings", p.stderr)
    opts = set(re.findall(r"(?<![\w-])(--?[a-z][a-z0-9-]*)", help_text))
    page = p.stdout.replace("\u2010", "-")
    missing = sorted(o for o in opts if o not in page)
    check(not missing, "every option of --help is in the man page", " ".join(missing))
    if static == "true":
        p = subprocess.run(["ldd", emu], capture_output=True, text=True)
        check("not a dynamic executable" in p.stdout + p.stderr, "ldd: the static emu is not dynamic",
              p.stdout + p.stderr)
    rc, out, _ = run([emu, "-cpu", "help"])
    check(rc == 0 and "Haswell" in out and "sifive-u54" in out, "-cpu help lists both arches' models", out)
    for model in ("Skylake-Server", "EPYC"):
        rc, out, err = run([emu, "-cpu", model, args_x86, "x"])
        check(rc == 0 and 'argv[1]="x"' in out, "-cpu %s runs an x86-64 guest" % model, err)
    rc, out, err = run([emu, "-cpu", "any", args_rv, "x"])
    check(rc == 0 and 'argv[1]="x"' in out, "-cpu any runs a riscv64 guest", err)
    rc, out, err = run([emu, "-cpu", "no-such-cpu", args_rv])
    check(rc == 1 and err.count("\n") == 1 and "not a riscv64 CPU model" in err, "an unknown -cpu: one line", err)
    # qemu's spellings
    rc, out, err = run([emu, "-L", "/nonexistent", "-strace", args_rv])
    check(rc == 0 and "exit_group(0)" in err, "-strace after -L DIR is the trace option", err[-200:])
    rc, out, err = run([emu, "-singlestep", args_rv])
    check(rc == 1 and "-singlestep is not supported" in err, "qemu's -singlestep is refused by name", err)
    rc, out, err = run([emu, "-dfilter", "0x10000+0x100", "-d", "exec", args_rv])
    check(rc == 0 and "Trace " not in err, "qemu's -dfilter spelling is taken (no block of args there)", err[-200:])
    rc, out, err = run([emu, args_rv], env={"EMU_LOG": "exec"})
    check(rc == 0 and "Trace " in err and "_start" in err, "EMU_LOG=exec logs", err[-200:])
    rc, out, err = run([emu, args_rv, "-strace", "-L", "x"])
    check(rc == 0 and 'argv[1]="-strace"' in out and 'argv[2]="-L"' in out and "exit_group" not in err,
          "the program's own arguments are never emu's", out + err)
    rc, out, err = run([emu, "-E", "EMU_TEST_VAR=a,EMU_TEST_UNSET=b", "-U", "EMU_TEST_UNSET", args_rv])
    check("EMU_TEST_VAR=a\n" in out and "EMU_TEST_UNSET=(unset)" in out, "-E and -U take comma lists", out)
    # the environment's spelling
    rc, out, err = run([emu, args_rv], env={"EMU_STRACE": "1"})
    check("exit_group(0)" in err, "EMU_STRACE=1 traces", err[-200:])
    rc, out, err = run([emu, args_rv], env={"EMU_SET_ENV": "EMU_TEST_VAR=set,EMU_TEST_UNSET=x",
                                            "EMU_UNSET_ENV": "EMU_TEST_UNSET"})
    check("EMU_TEST_VAR=set\n" in out and "EMU_TEST_UNSET=(unset)" in out, "EMU_SET_ENV and EMU_UNSET_ENV", out)
    rc, out, err = run([emu, args_rv], env={"EMU_CPU": "no-such-cpu"})
    check(rc == 1 and "no-such-cpu" in err, "EMU_CPU picks the model", err)
    rc, out, err = run([emu, "/usr/bin/env"], env={"EMU_GDB": ""})
    check(rc == 0, "an empty EMU_GDB is no gdb", err)
    finish()


if __name__ == "__main__":
    main()
