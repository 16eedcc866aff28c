#!/usr/bin/env python3
"""Bad input to emu: each case must end with one clear line on stderr naming
the problem and exit status 127 (not found) or 126 (cannot execute).

usage: bad_input.py EMU HELLO_RISCV64 HELLO_X86_64
"""
import os
import struct
import subprocess
import sys
import tempfile

from tally import check, finish

PT_LOAD, PT_INTERP = 1, 3


def phdrs(data):
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    return [(phoff + i * phentsize, struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize))
            for i in range(phnum)]


def patched(data, offset, fmt, *values):
    b = bytearray(data)
    struct.pack_into(fmt, b, offset, *values)
    return bytes(b)


def overlapping(data):
    loads = [(off, ph) for off, ph in phdrs(data) if ph[0] == PT_LOAD]
    (_, first), (off2, _) = loads[0], loads[1]
    return patched(data, off2 + 16, "<Q", first[3] + 0x100)      # p_vaddr inside the first


def with_interp(data, path):
    for off, ph in phdrs(data):
        if ph[0] == PT_INTERP:
            b = bytearray(data)
            s = path.encode() + b"\0"
            assert len(s) <= ph[5]
            b[ph[2]:ph[2] + ph[5]] = s.ljust(ph[5], b"\0")
            return bytes(b)
    raise SystemExit("no PT_INTERP in the dynamic program")


def cases(arch, hello):
    yield f"{arch} 32-bit ELF", patched(hello, 4, "B", 1), 126, "32-bit"
    yield f"{arch} big-endian ELF", patched(hello, 5, "B", 2), 126, "big-endian"
    yield f"{arch} foreign architecture", patched(hello, 18, "<H", 183), 126, "aarch64"
    yield f"{arch} truncated header", hello[:40], 126, "truncated"
    yield f"{arch} truncated segments", hello[:len(hello) // 2], 126, "past the end of the file"
    yield f"{arch} program headers outside the file", patched(hello, 32, "<Q", len(hello) + 64), 126, \
        "program headers past the end"
    yield f"{arch} overlapping segments", overlapping(hello), 126, "segments overlap"
    yield f"{arch} relocatable object", patched(hello, 16, "<H", 1), 126, "not an executable"


def main():
    emu, rv, x86 = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as d:
        all_cases = [
            ("missing file", None, 127, "No such file or directory"),
            ("directory", d, 126, "not a regular file"),
            ("empty file", b"", 126, "not an ELF file"),
            ("text file", b"just some text\n", 126, "not an ELF file"),
            ("missing interpreter", with_interp(open("/bin/true", "rb").read(), "/nonexistent/ld.so.1"),
             127, "/nonexistent/ld.so.1"),
        ]
        for arch, path in (("riscv64", rv), ("x86_64", x86)):
            all_cases += list(cases(arch, open(path, "rb").read()))
        for i, (name, content, status, words) in enumerate(all_cases):
            if content is None:
                path = os.path.join(d, "does-not-exist")
            elif isinstance(content, str):
                path = content
            else:
                path = os.path.join(d, f"case{i}")
                with open(path, "wb") as f:
                    f.write(content)
                os.chmod(path, 0o755)
            p = subprocess.run([emu, path], capture_output=True, timeout=60)
            err = p.stderr.decode(errors="replace")
            lines = err.splitlines()
            problems = []
            if p.returncode != status:
                problems.append(f"exit status {p.returncode}, want {status}")
            if words not in err:
                problems.append(f"stderr does not say {words!r}")
            if not err.startswith("emu: "):
                problems.append("stderr does not start with 'emu: '")
            if len(lines) != 1:
                problems.append(f"{len(lines)} lines on stderr")
            check(not problems, f"{name}: {lines[0] if lines else '(nothing on stderr)'}",
                  "; ".join(problems) + f"\nstderr: {err.strip()}")
    finish()


if __name__ == "__main__":
    sys.exit(main())
