#!/usr/bin/env python3
"""The kernel's exec rules before emulation, against the kernel itself:
a #! script runs its interpreter (the host's /bin/sh, or a foreign program
that emu emulates: its argv is the one the kernel builds for a native
interpreter), a name without '/' is found in PATH, and a guest's exec
re-runs emu even when emu's own path has gone.

usage: exec_rules.py EMU ARGS_X86_64 ARGS_RISCV64
"""
import os
import shutil
import subprocess
import sys
import tempfile

from tally import check, finish


def run(argv, **kw):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=60, **kw)
    return p.returncode, p.stdout, p.stderr


def main():
    emu, args_x86, args_rv = map(os.path.abspath, sys.argv[1:4])
    with tempfile.TemporaryDirectory() as d:
        # a shell script, natively and under emu
        sh = os.path.join(d, "s.sh")
        with open(sh, "w") as f:
            f.write('#!/bin/sh\necho "0=$0 1=$1 2=$2 #=$#"\nexit 7\n')
        os.chmod(sh, 0o755)
        want, got = run([sh, "a", "b c"]), run([emu, sh, "a", "b c"])
        check(got == want, "#!/bin/sh script: output and status as native", f"{got} vs {want}")
        # #!INTERP ARG: the same argv for a native interpreter and a foreign one
        outs = []
        for name, interp, cmd in (("native", args_x86, []), ("emu", args_rv, [emu])):
            os.makedirs(os.path.join(d, name))
            script = os.path.join(d, name, "prog")
            with open(script, "w") as f:
                f.write(f"#!{interp} one\n")
            os.chmod(script, 0o755)
            outs.append(run(cmd + ["./prog", "two", "three four"], cwd=os.path.join(d, name)))
        check(outs[0] == outs[1], "#!riscv64-program arg: argv and AT_EXECFN as the kernel gives a native one",
              f"emu: {outs[1]}\nnative: {outs[0]}")
        # the same script exec'd by a guest (sh), not by emu's command line
        outs = [run(cmd + ["/bin/sh", "-c", "exec ./prog two"], cwd=os.path.join(d, name))
                for name, cmd in (("native", []), ("emu", [emu]))]
        check(outs[0] == outs[1], "a guest's exec of the script: the same argv and AT_EXECFN",
              f"emu: {outs[1]}\nnative: {outs[0]}")
        # PATH lookup, as execvp
        want, got = run(["ls", "-d", "/"]), run([emu, "ls", "-d", "/"])
        check(got == want, "a name without '/' is found in PATH", f"{got} vs {want}")
        # a guest's exec after emu's own file has gone: emu re-runs itself
        # through the descriptor it holds, not by its path
        copy = os.path.join(d, "emu-copy")
        shutil.copy2(emu, copy)
        got = run([copy, "/bin/sh", "-c", 'rm "$0"; exec "$1" after', copy, args_rv])
        check(got[0] == 0 and 'argv[1]="after"' in got[1] and not os.path.exists(copy),
              "a guest's exec works after emu's path is gone", str(got))
        env = dict(os.environ, PATH=os.path.dirname(args_rv))
        got = run([emu, os.path.basename(args_rv), "x"], env=env)
        check(got[0] == 0 and 'argv[1]="x"' in got[1], "a foreign program found in PATH", str(got))
    finish()


if __name__ == "__main__":
    main()
