#!/usr/bin/env python3
"""The host's own x86-64 programs under emu, compared with their native runs:
coreutils, the shell (single-process commands; pipelines are in shell.py)
and python3.

usage: host_programs.py EMU
"""
import os
import subprocess
import sys
import tempfile

from tally import check, finish

emu = os.path.abspath(sys.argv[1])
with tempfile.TemporaryDirectory() as top:
    # a private parent: "ls -la" shows the link count of "..", which other
    # tests change when they make directories in /tmp concurrently
    d = os.path.join(top, "t")
    os.mkdir(d)
    for i, name in enumerate(["zeta", "alpha", "Mid dle", ".hidden"]):
        with open(os.path.join(d, name), "w") as f:
            f.write("line %d\n" % i * (i + 1))
    os.mkdir(os.path.join(d, "subdir"))
    words = os.path.join(d, "words")
    with open(words, "w") as f:
        f.write("pear\napple\nfig\nbanana\napple\n")
    cases = [
        ["/bin/ls", "-la", "--time-style=+%s", d],
        ["/bin/ls", "-R", d],
        ["/bin/cat", words, "/etc/os-release"],
        ["/usr/bin/sort", "-u", words],
        ["/usr/bin/wc", words],
        ["/usr/bin/sha256sum", words],
        ["/bin/sh", "-c", 'x=6; echo "$((x * 7)) $0 ${HOME:+has-home}"; for w in a b c; do printf "%s-" "$w"; done; echo'],
        ["/usr/bin/python3", "-c",
         "import json, hashlib, re, math, collections\n"
         "print(json.dumps({'k': [1, 2.5, None]}, sort_keys=True))\n"
         "print(hashlib.sha256(b'emu').hexdigest(), hashlib.md5(b'emu').hexdigest())\n"
         "print(re.findall(r'\\d+', 'a1b22c333'), math.factorial(30))\n"
         "print(collections.Counter('mississippi').most_common(2))"],
    ]
    env = dict(os.environ, LC_ALL="C")
    for cmd in cases:
        want = subprocess.run(cmd, capture_output=True, env=env, cwd=d, timeout=120)
        got = subprocess.run([emu] + cmd, capture_output=True, env=env, cwd=d, timeout=300)
        same = got.stdout == want.stdout and got.returncode == want.returncode
        check(same and not got.stderr, f"{' '.join(cmd)[:70]}: same output and status as native",
              f"exit {got.returncode} vs {want.returncode}\nemu stderr: {got.stderr.decode()[:500]}\n"
              f"emu: {got.stdout.decode()[:300]}\nnative: {want.stdout.decode()[:300]}")
finish()
