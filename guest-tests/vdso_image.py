#!/usr/bin/env python3
"""The vDSO image emu generates, read by binutils: `readelf -a --wide` has
nothing to warn about, `objdump -T` lists every symbol with its version, and
the layout is the kernel's (one PT_LOAD from offset 0, read-only PT_DYNAMIC,
no relocations, an FDE for every entry, a signal-frame CIE on riscv64).

usage: vdso_image.py EMU
"""
import os
import subprocess
import sys

from tally import check, finish
import tempfile

EXPECT = {
    "x86_64": ("objdump", "LINUX_2.6", ["__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time",
                                       "__vdso_getcpu", "__vdso_clock_getres", "__vdso_getrandom",
                                       "clock_gettime", "gettimeofday", "time", "getcpu",
                                       "clock_getres", "getrandom"]),
    "riscv64": ("riscv64-linux-gnu-objdump", "LINUX_4.15",
                ["__vdso_rt_sigreturn", "__vdso_gettimeofday", "__vdso_clock_gettime",
                 "__vdso_clock_getres", "__vdso_getcpu", "__vdso_flush_icache",
                 "__vdso_riscv_hwprobe", "__vdso_getrandom"]),
}




def run(*cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


with tempfile.TemporaryDirectory() as d:
    for arch, (objdump, version, names) in EXPECT.items():
        path = os.path.join(d, f"vdso.{arch}.so")
        rc, _, err = run(sys.argv[1], "--dump-vdso", path, "--arch", arch)
        check(rc == 0 and os.path.getsize(path) % 4096 == 0, f"{arch}: --dump-vdso wrote a page-sized image")
        rc, out, err = run("readelf", "-a", "--wide", path)
        check(rc == 0 and err == "" and "Warning" not in out,
              f"{arch}: readelf -a --wide has no warning or error{': ' + err.strip() if err else ''}")
        check("Library soname: [linux-vdso.so.1]" in out, f"{arch}: DT_SONAME is linux-vdso.so.1")
        check("There are no relocations in this file." in out, f"{arch}: no relocations")
        for tag in ("(HASH)", "(GNU_HASH)", "(VERSYM)", "(VERDEF)", "(SYMTAB)", "(STRTAB)"):
            check(tag in out, f"{arch}: dynamic section has {tag}")
        loads = [l.split() for l in out.splitlines() if l.strip().startswith("LOAD")]
        check(len(loads) == 1 and loads[0][1] == "0x000000" and int(loads[0][2], 16) == 0
              and loads[0][6:8] == ["R", "E"], f"{arch}: one R+X PT_LOAD at offset and address 0")
        dyn = [l.split() for l in out.splitlines() if l.strip().startswith("DYNAMIC ")]
        check(len(dyn) == 1 and dyn[0][6] == "R", f"{arch}: PT_DYNAMIC is read-only")
        check(any(l.strip().startswith("NOTE") for l in out.splitlines()) and "GNU_EH_FRAME" in out,
              f"{arch}: PT_NOTE and PT_GNU_EH_FRAME")
        check("TLS" not in [l.split()[0] for l in out.splitlines() if l.startswith("  ") and l.split()],
              f"{arch}: no PT_TLS")
        rc, out, err = run(objdump, "-T", path)
        for name in names:
            check(any(l.split()[-2:] == [version, name] for l in out.splitlines() if l.split()),
                  f"{arch}: objdump -T lists {name} in {version}")
        rc, frames, err = run("readelf", "--debug-dump=frames", path)
        check(frames.count(" FDE ") == len(set(n.removeprefix("__vdso_") for n in names)),
              f"{arch}: an FDE for every entry")
        if arch == "riscv64":
            check('Augmentation:          "zRS"' in frames and "r64 at cfa-784" in frames,
                  "riscv64: __vdso_rt_sigreturn's FDE is a signal frame restoring pc from the ucontext")
            rc, dis, err = run(objdump, "-d", path)
            check("li\ta7,139" in dis and "ecall" in dis, "riscv64: __vdso_rt_sigreturn is li a7,139; ecall")
finish()
