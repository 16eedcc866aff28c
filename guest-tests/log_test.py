#!/usr/bin/env python3
"""-d in_asm/exec/cpu/page, -D, -dfilter and --show-startup against real oracles.

- in_asm of a hand-written asm guest of each arch equals objdump -d's
  instructions for the same bytes, at the same addresses, with the same
  branch targets and symbols (binutils and Capstone spell a few aliases
  differently: ALIASES maps Capstone's to binutils' -M no-aliases forms);
- exec's block list of a static C guest has _start, __libc_start_main and
  main in that order (the symbols as readelf -s gives them);
- -dfilter START+SIZE (main's range from readelf) keeps the log inside it;
- cpu shows the registers at each block: the pc column equals the block;
- page: the map at start, then each change; every mmap the strace part
  of the same run (a dynamic hello) reports is in the page log at the
  address it returned;
- --show-startup of a dynamic hello: the link map lists ld.so, libc.so.6
  and linux-vdso.so.1; every ifunc resolver it reports is an IFUNC symbol
  of libc.so.6 by readelf (on x86_64, the string functions' among them;
  Debian's riscv64 glibc 2.36 has none for them, and readelf agrees);
  the vDSO lookups name symbols readelf finds in emu's vDSO; main is last.

usage: log_test.py EMU ASM_X86_64 ASM_RISCV64 HELLO_X86_64 HELLO_RISCV64
                   HELLO_X86_64_DYN HELLO_RISCV64_DYN
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tally import check, finish

emu, asm_x86, asm_rv, hello_x86, hello_rv, dyn_x86, dyn_rv = sys.argv[1:8]
OBJDUMP = {"x86_64": ["objdump", "-d", "-M", "intel"],
           "riscv64": ["riscv64-linux-gnu-objdump", "-d", "-M", "no-aliases"]}
READELF = {"x86_64": "readelf", "riscv64": "riscv64-linux-gnu-readelf"}

# Capstone's riscv aliases -> binutils' no-alias forms (operands as lists)
ALIASES = {
    "bnez": lambda o: ("bne", [o[0], "zero", o[1]]),
    "beqz": lambda o: ("beq", [o[0], "zero", o[1]]),
    "j": lambda o: ("jal", ["zero"] + o),
    "jal": lambda o: ("jal", ["ra"] + o if len(o) == 1 else o),
    "jr": lambda o: ("jalr", ["zero", "0(" + o[0] + ")"]),
    "ret": lambda o: ("jalr", ["zero", "0(ra)"]),
    "jalr": lambda o: ("jalr", ["ra", "0(" + o[0] + ")"] if len(o) == 1 else o),
    "mv": lambda o: ("addi", o + ["0"]),
    "li": lambda o: ("addi", [o[0], "zero", o[1]]),
    "nop": lambda o: ("addi", ["zero", "zero", "0"]),
}


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def numbers(s, bare_hex=False):
    """Every number as decimal; bare_hex: a lone hex token (objdump's branch target)."""
    if bare_hex and re.fullmatch(r"[0-9a-f]+", s):
        return str(int(s, 16))
    return re.sub(r"-?\b(0x[0-9a-f]+|\d+)\b", lambda m: str(int(m.group(0), 0)), s)


def canon(mnemonic, ops, sym, arch, objdump):
    """(mnemonic, operands, symbol) in one spelling for both printers."""
    mnemonic = mnemonic.lower()
    ops = [o.strip().lower().replace(" ", "") for o in ops.split(",")] if ops.strip() else []
    if sym and ops:
        ops[-1] = numbers(ops[-1], bare_hex=objdump)
    ops = [numbers(o) for o in ops]
    if arch == "riscv64" and not objdump and mnemonic in ALIASES:
        mnemonic, ops = ALIASES[mnemonic](ops)
    return mnemonic, ops, sym


def objdump_insns(arch, path):
    out = run(OBJDUMP[arch] + [path]).stdout
    insns = {}
    for line in out.splitlines():
        m = re.match(r"\s+([0-9a-f]+):\s+((?:[0-9a-f]{2,8} )+)\s*(\S+)\s*(.*)$", line)
        if not m:
            continue
        text = m.group(4).split("#")[0].strip()
        sym = re.search(r"<([^>]+)>", text)
        text = re.sub(r"\s*<[^>]+>", "", text)
        insns[int(m.group(1), 16)] = canon(m.group(3), text, sym and sym.group(1), arch, True)
    return insns


def in_asm(arch, path):
    r = run([emu, "-d", "in_asm", path])
    shown = {}
    for line in r.stderr.splitlines():
        m = re.match(r"0x([0-9a-f]{16}):  (?:[0-9a-f]{2} )+\s*(\S+)\s?(.*)$", line)
        if not m:
            continue
        sym = re.search(r"<([^>]+)>", m.group(3))
        text = re.sub(r"\s*<[^>]+>", "", m.group(3))
        shown[int(m.group(1), 16)] = canon(m.group(2), text, sym and sym.group(1), arch, False)
    return r, shown


for arch, path in (("x86_64", asm_x86), ("riscv64", asm_rv)):
    if not shutil.which(OBJDUMP[arch][0]):
        print(f"skip in_asm {arch}: {OBJDUMP[arch][0]} is not installed")
        continue
    want = objdump_insns(arch, path)
    r, shown = in_asm(arch, path)
    check(r.returncode == 0 and r.stdout == "ok\n", f"{arch}: the asm guest runs under -d in_asm",
          r.stdout + r.stderr[-500:])
    check(want and set(want) <= set(shown),
          f"{arch}: in_asm shows each of the {len(want)} instructions objdump finds",
          sorted(hex(a) for a in set(want) - set(shown)))
    bad = [(hex(a), shown[a], want.get(a)) for a in sorted(shown) if shown[a] != want.get(a)]
    check(not bad, f"{arch}: every instruction in_asm shows is objdump's, operands and symbols",
          "\n".join(map(str, bad[:8])))
    ins = re.findall(r"^IN: (\S+)$", r.stderr, re.M)
    check(ins and ins[0] == "_start", f"{arch}: the first block is _start's", ins[:3])


def symbols(arch, path):
    out = run([READELF[arch], "-sW", path]).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] in ("FUNC", "IFUNC"):
            syms.setdefault(f[7].split("@")[0], (int(f[1], 16), int(f[2], 0), f[3]))
    return syms


for arch, path, dyn in (("x86_64", hello_x86, dyn_x86), ("riscv64", hello_rv, dyn_rv)):
    r = run([emu, "-d", "exec", path])
    names = [m.group(1) for m in re.finditer(r"^Trace \d+: 0x[0-9a-f]+ \[\d+ bytes\] (\S+)$", r.stderr, re.M)]
    order = [n for n in names if n in ("_start", "__libc_start_main", "main")]
    firsts = sorted(set(order), key=order.index)
    check(firsts == ["_start", "__libc_start_main", "main"],
          f"{arch}: exec shows _start, __libc_start_main, main in that order", firsts)
    syms = symbols(arch, path)
    addrs = {int(m.group(1), 16): m.group(2) for m in
             re.finditer(r"^Trace \d+: 0x([0-9a-f]+) \[\d+ bytes\] (\S+)$", r.stderr, re.M)}
    main_at = syms["main"][0]
    check(addrs.get(main_at) == "main", f"{arch}: exec's main is at readelf's address {main_at:#x}")

    lo, size = syms["main"][0], syms["main"][1]
    r = run([emu, "-d", "exec,cpu", "-dfilter", f"{lo:#x}+{size:#x}", path])
    blocks = [int(a, 16) for a in re.findall(r"^Trace \d+: 0x([0-9a-f]+)", r.stderr, re.M)]
    check(blocks and all(lo <= b < lo + size for b in blocks),
          f"{arch}: -dfilter {lo:#x}+{size:#x} keeps exec to main ({len(blocks)} blocks)",
          [hex(b) for b in blocks if not lo <= b < lo + size][:5])
    pcreg = "rip" if arch == "x86_64" else "pc"
    pcs = [int(v, 16) for v in re.findall(rf"(?:^|\s){pcreg}\s+([0-9a-f]{{16}})", r.stderr, re.M)]
    check(pcs == blocks, f"{arch}: cpu's {pcreg} before each block is the block's address",
          (pcs[:4], blocks[:4]))

    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, "log")
        r = run([emu, "-d", "page,strace", "-D", log, dyn, "x"])
        text = open(log).read()
        check("page:" not in r.stderr and "page layout" in text,
              f"{arch}: -D FILE takes the page log, stderr does not get it")
        maps = re.findall(r"^page: map\s+0x([0-9a-f]+)-", text, re.M)
        returned = re.findall(r"^mmap\(.*\) = 0x([0-9a-f]+)$", r.stderr, re.M)
        check(returned and all(int(a, 16) in {int(m, 16) for m in maps} for a in returned),
              f"{arch}: each of the {len(returned)} mmaps strace shows is in the page log",
              (returned, maps))


def ifuncs(arch, lib):
    """IFUNC symbols of lib and of its debug file (by build id), if installed."""
    files = [lib]
    bid = re.search(r"Build ID: ([0-9a-f]+)", run([READELF[arch], "-n", lib]).stdout)
    if bid:
        dbg = f"/usr/lib/debug/.build-id/{bid.group(1)[:2]}/{bid.group(1)[2:]}.debug"
        files += [dbg] if os.path.exists(dbg) else []
    names = set()
    for f in files:
        out = run([READELF[arch], "-sW", f]).stdout
        names |= {l.split()[7].split("@")[0] for l in out.splitlines()
                  if len(l.split()) >= 8 and l.split()[3] == "IFUNC"}
    return names


LIBC = {"x86_64": "/lib/x86_64-linux-gnu/libc.so.6", "riscv64": "/usr/riscv64-linux-gnu/lib/libc.so.6"}
for arch, path in (("x86_64", dyn_x86), ("riscv64", dyn_rv)):
    r = run([emu, "--show-startup", path, "world"])
    lines = [l for l in r.stderr.splitlines() if l.startswith("  ")]
    native = run([path, "world"]) if arch == "x86_64" else None
    check(r.returncode == (native.returncode if native else 42) and "world" in r.stdout,
          f"{arch}: the dynamic hello runs under --show-startup (its status: {r.returncode})",
          r.stderr[-400:])
    linkmap = [l.split()[1] for l in lines if re.match(r"\s+\[\d+\] ", l)]
    base = [os.path.basename(n.rstrip(",")) for n in linkmap]
    ld = {"x86_64": "ld-linux-x86-64.so.2", "riscv64": "ld-linux-riscv64-lp64d.so.1"}[arch]
    check({ld, "libc.so.6", "linux-vdso.so.1"} <= set(base), f"{arch}: the link map lists {ld}, libc.so.6, linux-vdso.so.1", base)
    chosen = re.findall(r"ifunc resolver returned: (\S+) chose", r.stderr)
    called = re.findall(r"calls the ifunc resolver of (\S+) \[libc\.so\.6\]", r.stderr)
    libc_ifuncs = ifuncs(arch, LIBC[arch])
    stringy = {n for n in libc_ifuncs if re.match(r"(str|mem|stp|wcs|wmem|rindex|index)", n)}
    check(set(called) <= libc_ifuncs, f"{arch}: each resolver reported ({len(set(called))}) is an IFUNC of libc.so.6 by readelf",
          set(called) - libc_ifuncs)
    check(len(chosen) == len(called) + sum(1 for c in re.findall(r"calls the ifunc resolver of \S+ \[(\S+)\]", r.stderr) if c != "libc.so.6"),
          f"{arch}: each resolver called returned, with its choice")
    if stringy:
        check(stringy & set(called), f"{arch}: libc's string-function resolvers are among them",
              sorted(stringy)[:5])
    else:
        check(not [c for c in called if re.match(r"(str|mem)", c)],
              f"{arch}: readelf finds no string-function IFUNC in libc.so.6, and emu reports none")
    vdso = re.findall(r"looks at the vDSO's symbol (\S+) ", r.stderr)
    with tempfile.TemporaryDirectory() as d:
        img = os.path.join(d, "vdso.so")
        run([emu, "--dump-vdso", img, "--arch", arch])
        vsyms = {l.split()[7].split("@")[0] for l in run([READELF[arch], "-sW", "--dyn-syms", img]).stdout.splitlines()
                 if len(l.split()) >= 8}
    check(vdso and set(vdso) <= vsyms and "__vdso_clock_gettime" in vdso,
          f"{arch}: ld.so's vDSO lookups ({len(vdso)}) are symbols readelf finds in the vDSO", (vdso, vsyms))
    check("AT_SYSINFO_EHDR" in r.stderr, f"{arch}: the read of AT_SYSINFO_EHDR is seen")
    check(lines and "main(" in lines[-1] and "reached" in lines[-1], f"{arch}: main is the last line",
          lines[-1:] if lines else r.stderr[-300:])

r = run([emu, "-d", "help"])
check(r.returncode == 0 and all(i in r.stdout for i in ("in_asm", "exec", "cpu", "page", "strace")),
      "-d help lists the items")
r = run([emu, "-d", "in_asm,bogus", hello_x86])
check(r.returncode == 1 and r.stderr.count("\n") == 1 and "bogus" in r.stderr,
      "-d with an unknown item: one line naming it, status 1", r.stderr)
r = run([emu, "-dfilter", "main", hello_x86])
check(r.returncode == 1 and "-dfilter" in r.stderr, "-dfilter with a bad range is refused", r.stderr)
finish()
