#!/usr/bin/env python3
"""Bad input to emu: each case must end with one clear line on stderr naming
the problem and exit status 127 (not found) or 126 (cannot execute).  The
cases the kernel decides before any loader runs (a missing file, a
directory, no execute permission, neither ELF nor #!, a name not in PATH)
take their status and error from the oracle: the kernel's execve of the
same file (through Python's subprocess, which has no sh fallback for
ENOEXEC as execvp has), 127 for ENOENT and 126 for the rest, as shells do.

usage: bad_input.py EMU HELLO_RISCV64 HELLO_X86_64
"""
import errno
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


NATIVE = "native"	# status and words: what the kernel says of the same file


def native(path):
    try:
        subprocess.run([path], capture_output=True, timeout=60)
    except OSError as e:
        return (127 if e.errno == errno.ENOENT else 126), os.strerror(e.errno)
    raise SystemExit(f"{path} ran natively: not a bad input")


def main():
    emu, rv, x86 = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as d:
        all_cases = [
            ("missing file", None, NATIVE, None),
            ("directory", d, NATIVE, None),
            ("empty file", b"", NATIVE, None),
            ("text file", b"just some text\n", NATIVE, None),
            ("not executable", (b"#!/bin/sh\n", 0o644), NATIVE, None),
            ("a name not in PATH", "no-such-program-anywhere", NATIVE, None),
            ("#! with a missing interpreter", b"#!/nonexistent/sh\n", NATIVE, None),
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
                data, mode = content if isinstance(content, tuple) else (content, 0o755)
                path = os.path.join(d, f"case{i}")
                with open(path, "wb") as f:
                    f.write(data)
                os.chmod(path, mode)
            if status == NATIVE:
                status, words = native(path)
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
