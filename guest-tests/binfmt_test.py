#!/usr/bin/env python3
"""emu registered with binfmt_misc for real, in a private user and mount
namespace with a binfmt_misc instance of its own (Linux >= 6.7 gives each
user namespace one); the host's binfmt_misc is never touched.  Checks:
registration and status; a foreign program run by exec alone; argv[0]
under P; the O flag (emu runs the file the kernel opened for it); a minimal riscv64 root filesystem run with chroot, F making
the host's emu usable in it, with a guest that execs another guest there
and a dynamic one with its ld.so and libc; unregistering.

usage: binfmt_test.py EMU ARGV0_RISCV64 HELLO_RISCV64 HELLO_RISCV64_DYN static|dynamic
"""
import os
import shutil
import subprocess
import sys
import tempfile

from tally import check, finish

SYSROOT = "/usr/riscv64-linux-gnu"


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


def inside(emu, argv0, hello, hello_dyn, link, d):
    mnt = os.path.join(d, "binfmt")
    os.mkdir(mnt)
    if sh(["mount", "-t", "binfmt_misc", "none", mnt]).returncode:
        print("SKIP: this kernel gives a user namespace no binfmt_misc of its own (Linux < 6.7)")
        sys.exit(77)
    reg = sh([emu, "--binfmt", "register", "--flags", "POF", "--arch", "riscv64", "--mount", mnt])
    check(reg.returncode == 0, "--binfmt register --flags POF", reg.stderr)
    st = sh([emu, "--binfmt", "status", "--mount", mnt]).stdout
    check("enabled" in st and "interpreter " + emu in st and "flags: POF" in st and
          "magic 7f454c460201010000000000000000000200f300" in st,
          "--binfmt status shows the entry as the kernel has it", st)
    again = sh([emu, "--binfmt", "register", "--arch", "riscv64", "--mount", mnt])
    check(again.returncode == 1 and "registered already" in again.stderr,
          "registering twice is refused clearly", again.stderr)

    r = sh([hello, "direct"])
    check(r.returncode == 42 and r.stdout == "hello from direct with 1 argument(s)\n",
          "a riscv64 program runs by exec alone", r)
    r = subprocess.run(["chosen-name", "x"], executable=argv0, capture_output=True, text=True)
    check(r.stdout == "argv0=chosen-name argc=2\n", "P: the program gets the argv[0] it was given", r)

    # O: the kernel opens the program and hands emu the descriptor
    # (AT_EXECFD); strace shows emu never opening the program by its path
    log = os.path.join(d, "strace.log")
    r = sh(["strace", "-f", "-e", "trace=open,openat", "-o", log, argv0])
    opened = [l for l in open(log) if os.path.basename(argv0) in l and "open" in l]
    check(r.stdout == "argv0=%s argc=1\n" % argv0 and not opened,
          "O: emu runs the program from AT_EXECFD, never opening its path", "".join(opened) + str(r))

    # a riscv64 root: static guests, and a dynamic one with its ld.so and libc
    if link != "static":
        print("SKIP the chroot checks: this emu is linked dynamically (the sanitizer build), "
              "and a riscv64 root has none of its x86-64 libraries")
        return unregister(emu, hello, mnt)
    root = os.path.join(d, "root")
    for sub in ("bin", "lib"):
        os.makedirs(os.path.join(root, sub))
    shutil.copy(argv0, os.path.join(root, "bin/argv0"))
    shutil.copy(hello, os.path.join(root, "bin/hello"))
    shutil.copy(hello_dyn, os.path.join(root, "bin/hello-dyn"))
    for lib in ("ld-linux-riscv64-lp64d.so.1", "libc.so.6", "libm.so.6"):
        shutil.copy(os.path.realpath(os.path.join(SYSROOT, "lib", lib)), os.path.join(root, "lib", lib))
    r = sh(["chroot", root, "/bin/hello", "chroot"])
    check(r.returncode == 42 and "hello from chroot" in r.stdout, "F: a static guest in a riscv64 chroot", r)
    r = sh(["chroot", root, "/bin/argv0", "/bin/hello", "exec'd"])
    check(r.stdout == "argv0=/bin/argv0 argc=3\nhello from exec'd with 1 argument(s)\n" and r.returncode == 42,
          "a guest that execs another guest inside the chroot", r)
    r = sh(["chroot", root, "/bin/hello-dyn", "dynamic"])
    check(r.returncode == 42 and "hello from dynamic" in r.stdout,
          "a dynamic guest in the chroot, its ld.so and libc from there", r)

    unregister(emu, hello, mnt)


def unregister(emu, hello, mnt):
    un = sh([emu, "--binfmt", "unregister", "--arch", "riscv64", "--mount", mnt])
    st = sh([emu, "--binfmt", "status", "--mount", mnt]).stdout
    check(un.returncode == 0 and "emu-riscv64: not registered" in st, "--binfmt unregister", st)
    try:
        sh([hello, "x"])
        ran = True
    except OSError:
        ran = False
    check(not ran, "unregistered: exec of the riscv64 program fails again (ENOEXEC)")


def main():
    emu, argv0, hello, hello_dyn = map(os.path.abspath, sys.argv[1:5])
    link = sys.argv[5]
    if len(sys.argv) > 6:	# in the namespace
        inside(emu, argv0, hello, hello_dyn, link, sys.argv[6])
        finish()
    if sh(["unshare", "-Urm", "true"]).returncode:
        print("SKIP: no unprivileged user namespaces here (unshare -Urm fails)")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(["unshare", "-Urm", sys.executable, os.path.abspath(__file__),
                            emu, argv0, hello, hello_dyn, link, d], timeout=300)
        sys.exit(r.returncode)


if __name__ == "__main__":
    main()
