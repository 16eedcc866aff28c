#!/usr/bin/env python3
"""Real programs of this machine under emu, each held against its native
run: the same exit status, and the same output where the output is the
program's alone (where it is the system's -- ps, top -- the shape of it).
Each runs in a scratch directory of its own, natively first, then under
emu.  A program this machine lacks is skipped with the reason.

The JVM runs with -Xint: its JIT compilers patch code one thread runs while
another writes it, which emu's CPUs (one translation cache per thread) do
not see yet (docs/processes.md, "Known limits").

usage: real_programs.py EMU
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tally import check, finish

emu = os.path.abspath(sys.argv[1])
ENV = dict(os.environ, LC_ALL="C", LANG="C", NO_COLOR="1", TERM="dumb")

PY_ASYNC = r"""
import asyncio
async def handle(r, w):
    w.write((await r.readline()).upper()); await w.drain(); w.close()
async def main():
    srv = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection('127.0.0.1', port)
    w.write(b'ping\n'); print((await r.readline()).decode().strip())
    p = await asyncio.create_subprocess_exec('/bin/echo', 'child', stdout=asyncio.subprocess.PIPE)
    print((await p.communicate())[0].decode().strip(), p.returncode)
    srv.close(); await srv.wait_closed()
asyncio.run(main())
"""
PY_POOL = r"""
import multiprocessing as mp
def sq(x): return x * x
if __name__ == '__main__':
    with mp.Pool(2) as p: print(sum(p.map(sq, range(100))))
"""
NODE = r"""
const fs = require('fs'), cp = require('child_process');
fs.writeFileSync('n.txt', 'node\n');
setTimeout(() => {
  console.log(fs.readFileSync('n.txt', 'utf8').trim(), cp.execFileSync('/bin/echo', ['child']).toString().trim());
  cp.exec('exit 3', (e) => console.log('exit', e.code));
}, 20);
"""
JAVA = r"""
public class Main {
  public static void main(String[] a) throws Exception {
    int[] sums = new int[2];
    Thread[] ts = new Thread[2];
    for (int i = 0; i < 2; i++) { final int k = i; ts[i] = new Thread(() -> { for (int j = 0; j < 1000; j++) sums[k] += j; }); ts[i].start(); }
    for (Thread t : ts) t.join();
    System.out.println("threads " + (sums[0] + sums[1]));
  }
}
"""
MAKEFILE = "all: a.out b.out\n%.out: %.in\n\tcp $< $@\n\tcat $@\nclean:\n\trm -f *.out\n"


def setup(d):
    with open(os.path.join(d, "Main.java"), "w") as f:
        f.write(JAVA)
    with open(os.path.join(d, "Makefile"), "w") as f:
        f.write(MAKEFILE)
    for n in ("a", "b"):
        with open(os.path.join(d, n + ".in"), "w") as f:
            f.write(n * 3 + "\n")
    with open(os.path.join(d, "edit.txt"), "w") as f:
        f.write("one\ntwo\n")
    os.mkdir(os.path.join(d, "gm"))
    with open(os.path.join(d, "gm", "go.mod"), "w") as f:
        f.write("module example.com/m\n\ngo 1.20\n")
    with open(os.path.join(d, "gm", "main.go"), "w") as f:
        f.write('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("go", 6*7) }\n')
    with open(os.path.join(d, "gm", "main_test.go"), "w") as f:
        f.write('package main\n\nimport "testing"\n\nfunc TestAnswer(t *testing.T) {\n\tif 6*7 != 42 {\n\t\tt.Fatal()\n\t}\n}\n')
    with open(os.path.join(d, "h.rs"), "w") as f:
        f.write('fn main() { let t = std::thread::spawn(|| 6 * 7); println!("rust {}", t.join().unwrap()); }\n')


def same(native, mine):
    return native == mine


def shape(pattern):
    return lambda native, mine: bool(re.match(pattern, native)) and bool(re.match(pattern, mine))


# (what, program that must exist, shell command, how outputs compare)
CASES = [
    ("node -e with timers, fs and child_process", "node", "node -e \"$NODE\"", same),
    ("npm init -y && npm pack", "npm", "mkdir np && cd np && npm init -y >/dev/null && npm pack --silent", same),
    ("javac + java of a program with threads (-Xint)", "javac",
     "javac -J-Xint Main.java && java -Xint -cp . Main", same),
    ("go build of a small module", "go", "cd gm && go build -o m . && ./m", same),
    ("go test of a small module", "go", "cd gm && go test -count=1 . | sed 's/[0-9.]*s$//'", same),
    ("rustc of hello with a thread", "rustc", "rustc h.rs -o h && ./h", same),
    ("cargo new && cargo build", "cargo",
     "cargo new --vcs none -q cr && cd cr && cargo build -q --offline && ./target/debug/cr", same),
    ("python3 asyncio: a socket server and a subprocess", "python3", "python3 -c \"$PY_ASYNC\"", same),
    ("python3 multiprocessing Pool", "python3", "python3 -c \"$PY_POOL\"", same),
    ("tar c/x with xattrs", "tar",
     "mkdir x && echo data > x/f && (setfattr -n user.emu -v yes x/f 2>/dev/null || true) && "
     "tar --xattrs -cf x.tar x && mkdir y && tar --xattrs -xf x.tar -C y && cat y/x/f && "
     "(getfattr -n user.emu --only-values y/x/f 2>/dev/null; echo)", same),
    ("make -j2 of a small tree", "make", "make -s -j2 | sort && make -s clean", same),
    ("timeout 1 sleep 5 (exit 124)", "timeout", "timeout 1 sleep 5", same),
    ("id", "id", "id", same),
    ("flock -n", "flock", "flock -n lock -c 'echo locked' && flock -n lock true && echo again", same),
    ("vim -es editing a file", "vim", "vim -es -u NONE -c '%s/two/2/' -c 'wq' edit.txt && cat edit.txt", same),
    ("ps -ef", "ps", "ps -ef | head -1", same),
    ("top -bn1", "top", "top -bn1 | head -1", shape(r"^top - \d\d:\d\d:\d\d up ")),
]

with tempfile.TemporaryDirectory() as top:
    gocache = os.path.join(top, "gocache")	# warmed by the native run, so emu's go links
    env = dict(ENV, NODE=NODE, PY_ASYNC=PY_ASYNC, PY_POOL=PY_POOL, GOCACHE=gocache,
               GOPATH=os.path.join(top, "gopath"), GOFLAGS="-mod=mod", GOTOOLCHAIN="local",
               CARGO_HOME=os.path.join(top, "cargo"), npm_config_cache=os.path.join(top, "npm"),
               npm_config_update_notifier="false", npm_config_fund="false", npm_config_audit="false")
    for i, (what, prog, cmd, cmp) in enumerate(CASES):
        if not shutil.which(prog, path=env["PATH"]):
            print(f"skip {what}: {prog} is not on this machine")
            continue
        runs = []
        for runner in ([], [emu, "/bin/sh"]):
            d = os.path.join(top, f"{i}-{'emu' if runner else 'native'}")
            os.mkdir(d)
            setup(d)
            argv = runner + ["-c", cmd] if runner else ["/bin/sh", "-c", cmd]
            try:
                p = subprocess.run(argv, cwd=d, env=env, capture_output=True, text=True, timeout=600)
                runs.append((p.returncode, p.stdout, p.stderr))
            except subprocess.TimeoutExpired:
                runs.append((None, "", "timed out"))
        (rn, on, en), (re_, oe, ee) = runs
        check(rn == re_ and cmp(on, oe), f"{what}: exit {re_}, output as native",
              f"native: exit {rn}: {on[:300]!r} {en[-300:]!r}\nemu: exit {re_}: {oe[:300]!r} {ee[-500:]!r}")
finish()
