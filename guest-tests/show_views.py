#!/usr/bin/env python3
"""--show-auxv and --show-stack against what the guest really received.

The guest auxv-dump prints its sp, argv pointers and every auxv entry read
straight off its initial stack; the views emu prints in the same run must
agree with it entry by entry.  The auxv order is checked against the
kernel's create_elf_tables() order, and on x86_64 against a native run.

usage: show_views.py EMU AUXV_DUMP_RISCV64 AUXV_DUMP_X86_64
"""
import re
import subprocess
import sys

from tally import check, finish

AT = {"AT_NULL": 0, "AT_IGNORE": 1, "AT_EXECFD": 2, "AT_PHDR": 3, "AT_PHENT": 4, "AT_PHNUM": 5,
      "AT_PAGESZ": 6, "AT_BASE": 7, "AT_FLAGS": 8, "AT_ENTRY": 9, "AT_NOTELF": 10, "AT_UID": 11,
      "AT_EUID": 12, "AT_GID": 13, "AT_EGID": 14, "AT_PLATFORM": 15, "AT_HWCAP": 16,
      "AT_CLKTCK": 17, "AT_SECURE": 23, "AT_BASE_PLATFORM": 24, "AT_RANDOM": 25,
      "AT_HWCAP2": 26, "AT_EXECFN": 31, "AT_SYSINFO_EHDR": 33, "AT_MINSIGSTKSZ": 51,
      "AT_L1I_CACHESIZE": 40, "AT_L1I_CACHEGEOMETRY": 41, "AT_L1D_CACHESIZE": 42,
      "AT_L1D_CACHEGEOMETRY": 43, "AT_L2_CACHESIZE": 44, "AT_L2_CACHEGEOMETRY": 45,
      "AT_L3_CACHESIZE": 46, "AT_L3_CACHEGEOMETRY": 47}

# create_elf_tables(): ARCH_DLINFO first, then the common entries.
COMMON = [16, 6, 17, 3, 4, 5, 7, 8, 9, 11, 12, 13, 14, 23, 25]
KERNEL_ORDER = {
    "riscv64": [33] + list(range(40, 48)) + [51] + COMMON + [31, 0],
    "x86_64": [33, 51] + COMMON + [26, 31, 15, 0],
}
# What a native x86_64 kernel adds that emu does not offer: rseq
# (AT_RSEQ_FEATURE_SIZE/ALIGN), as emu answers rseq with ENOSYS.
NOT_YET = {27, 28}





def num(tok):
    return int(tok, 16) if tok.startswith("0x") else int(tok)


def guest_view(out):
    g = {"argv": [], "auxv": []}
    for line in out.splitlines():
        w = line.split()
        if w[0] == "sp":
            g["sp"] = num(w[1])
        elif w[0].startswith("argv["):
            g["argv"].append(num(w[1]))
        elif w[0] == "auxv":
            g["auxv"].append((int(w[1]), num(w[2])))
    return g


def emu_views(err):
    auxv, stack_auxv, argv, argc_at = [], [], [], None
    section = None
    for line in err.splitlines():
        if line.startswith("auxv of "):
            section = "auxv"
            continue
        if line.startswith("initial stack of "):
            section = "stack"
            continue
        if section == "auxv" and line.startswith("  AT_"):
            w = line.split()
            auxv.append((AT.get(w[0], -1), num(w[1])))
        elif section == "stack":
            m = re.match(r"\s+0x([0-9a-f]+)\s+(.*)", line)
            if not m:
                continue
            addr, rest = int(m.group(1), 16), m.group(2)
            if rest.startswith("argc = "):
                argc_at = addr
            elif rest.startswith("argv["):
                argv.append((addr, num(rest.split("=")[1].split()[0])))
            elif rest.startswith("auxv "):
                w = rest.split()
                stack_auxv.append((AT.get(w[1], -1), num(w[2])))
    return auxv, stack_auxv, argv, argc_at


SIZED = [(r"argc = |argv\[|envp\[", lambda r: 8), (r"auxv ", lambda r: 16),
         (r"AT_RANDOM bytes", lambda r: 16), (r"8 zero bytes", lambda r: 8),
         (r"padding, (\d+) bytes|argv and envp strings, (\d+) bytes",
          lambda m: int(m.group(1) or m.group(2))),
         (r'AT_PLATFORM string: "(.*)"|AT_EXECFN string: "(.*)"',
          lambda m: len((m.group(1) or m.group(2) or "").encode()) + 1)]


def stack_gaps(err):
    """Walk --show-stack's lines: each must start where the one before ends.
    Returns the places where that fails, and the padding below AT_RANDOM."""
    holes, end, pad = [], None, 0
    for line in err.splitlines():
        m = re.match(r"\s+0x([0-9a-f]+)\s+(.*)", line)
        if not m:
            continue
        addr, rest = int(m.group(1), 16), m.group(2)
        if end is not None and addr != end:
            holes.append(f"0x{end:x}..0x{addr:x} before {rest[:20]!r}")
        if rest == "top of the stack":
            break
        for pat, size in SIZED:
            mm = re.match(pat, rest)
            if mm:
                end = addr + size(mm)
                break
        else:
            holes.append(f"unknown line {rest[:30]!r}")
            end = None
        if rest.startswith("padding") and "alignment of sp" in rest:
            pad = end - addr
    return holes, pad


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def main():
    emu = sys.argv[1]
    for arch, prog in (("riscv64", sys.argv[2]), ("x86_64", sys.argv[3])):
        rc, out, err = run([emu, "--seed", "7", "--show-auxv", "--show-stack", prog, "a1", "a 2"])
        check(rc == 0, f"{arch}: guest ran (exit {rc})")
        g = guest_view(out)
        auxv, stack_auxv, argv, argc_at = emu_views(err)
        check(auxv == g["auxv"], f"{arch}: --show-auxv lists exactly the {len(g['auxv'])} entries the guest received")
        check(stack_auxv == g["auxv"], f"{arch}: --show-stack lists the same auxv entries")
        check(-1 not in [t for t, _ in auxv], f"{arch}: every entry is named")
        off = run([emu, "--vdso=off", prog])[1]
        check(33 not in [t for t, _ in guest_view(off)["auxv"]], f"{arch}: --vdso=off passes no AT_SYSINFO_EHDR")
        check(argc_at == g["sp"], f"{arch}: --show-stack starts at the guest's sp 0x{g['sp']:x}")
        check(g["sp"] % 16 == 0, f"{arch}: sp is 16-byte aligned")
        check([v for _, v in argv] == g["argv"], f"{arch}: argv pointers match")
        check([a for a, _ in argv] == [g["sp"] + 8 + 8 * i for i in range(len(argv))],
              f"{arch}: argv[] sits right above argc")
        types = [t for t, _ in g["auxv"]]
        check(types == KERNEL_ORDER[arch], f"{arch}: auxv order is create_elf_tables' order: {types}")
        for name in ("argv[0]", "envp[0]", "AT_RANDOM bytes", "AT_EXECFN string"):
            check(name in err, f"{arch}: --show-stack shows {name}")
        # The padding below AT_RANDOM depends on the strings' lengths (riscv64:
        # no arch_align_stack) and on how many pointers there are: vary both.
        gaps = set()
        for n in range(32):
            more = ["-E", "EMU_PAD2=1"] if n >= 16 else []
            e = run([emu, "--show-stack", "-E", "EMU_PAD=" + "x" * (n % 16)] + more + [prog])[2]
            holes, pad = stack_gaps(e)
            if holes:
                check(False, f"{arch}: --show-stack with a {n}-byte variable leaves bytes unexplained: {holes}")
                break
            gaps.add(pad)
        else:
            check(len(gaps) > 1, f"{arch}: --show-stack accounts for every byte from sp to the top, "
                  f"padding shown only where there is a gap (below AT_RANDOM: {sorted(gaps)})")

        err0 = run([emu, "-0", "custom-name", "--show-stack", prog])[2]
        check('argv[0] = ' in err0 and '-> "custom-name"' in err0.split("argv[0] = ")[1].splitlines()[0],
              f"{arch}: -0 sets argv[0]")

        a = run([emu, "--no-aslr", prog])[1]
        b = run([emu, "--no-aslr", prog])[1]
        check(a == b, f"{arch}: --no-aslr gives the same addresses twice")
        s1 = guest_view(run([emu, "--seed", "1", prog])[1])["sp"]
        s2 = guest_view(run([emu, "--seed", "2", prog])[1])["sp"]
        check(s1 != s2, f"{arch}: different seeds give different stacks")

        if arch == "x86_64":
            native = [t for t, _ in guest_view(run([prog])[1])["auxv"]]
            check([t for t in native if t not in NOT_YET] == types,
                  f"x86_64: same auxv entries in the same order as the native kernel "
                  f"(less {sorted(NOT_YET & set(native))})")
    finish()


if __name__ == "__main__":
    sys.exit(main())
