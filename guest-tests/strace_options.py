#!/usr/bin/env python3
"""Each of strace's options held against strace's own output: the same
program run under `strace OPTION -o FILE` and `emu --strace OPTION -o FILE`,
the two traces normalised as strace_norm does, and compared whole (the
filters, -y, -s, -v, -qq, -e signal=), by their counts (-c), by the shape
of their prefixes (-t, -tt, -ttt, -r, -T), file by file (-ff), or by the
lines that show the option (-x, -xx).  Then the refusals: an unknown
syscall, class, signal or status is an error, as strace's are.

usage: strace_options.py EMU FORKSIG_X86_64 MMSG_X86_64
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

from strace_norm import lines
from tally import check, finish

emu, forksig, mmsg = (os.path.abspath(a) for a in sys.argv[1:4])
decoders = os.path.join(os.path.dirname(os.path.abspath(__file__)), "decoders.py")
fdnames = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fdnames.py")
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/root", "LANG": "C", "LC_ALL": "C"}


def both(opts, cmd, d, out="t"):
    nat, mine = os.path.join(d, "strace-" + out), os.path.join(d, "emu-" + out)
    # output to /dev/null: a pipe would be a new one (another inode) each run
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=d, env=ENV)
    a = subprocess.run(["strace"] + opts + ["-o", nat] + cmd, timeout=120, **quiet)
    b = subprocess.run([emu, "--strace"] + opts + ["-o", mine] + cmd, timeout=300, **quiet)
    return nat, mine, a, b


def first_difference(x, y):
    for i, (l, m) in enumerate(zip(x, y)):
        if l != m:
            return f"line {i + 1}:\n- {l[:200]}\n+ {m[:200]}"
    return f"{len(x)} lines natively, {len(y)} under emu"


with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "f"), "wb") as f:
        f.write(b"hello\xff world\n")
    cat = ["/bin/cat", "f"]
    sh = ["/bin/sh", "-c", "cat f >/dev/null; id -u >/dev/null"]
    whole = [
        (["-e", "trace=%file"], cat), (["-e", "trace=!%file,%memory"], cat),
        (["--trace=%desc"], cat), (["-e", "trace=%memory"], cat), (["-f", "-e", "trace=%process"], sh),
        (["-f", "-e", "trace=%signal"], [forksig]), (["-f", "-e", "trace=%creds"], sh),
        (["-e", "trace=%pure"], sh), (["-e", "trace=%%stat"], cat), (["-e", "trace=%fstat"], cat),
        (["-e", "trace=openat,close,read"], cat), (["-z"], cat), (["-Z"], cat),
        (["-e", "status=failed"], cat), (["--status=!failed"], cat), (["-P", "f"], cat),
        (["--trace-path=/etc/ld.so.cache"], cat), (["-y"], cat), (["-s", "4"], cat), (["-v"], cat),
        (["-f", "-e", "signal=none"], [forksig]), (["-f", "--signal=SIGCHLD"], [forksig]),
        (["-f", "-qq"], [forksig]), (["-f", "-e", "trace=none"], [forksig]),
    ]
    # rseq is emu's one refusal on this path: a status filter keeps its line
    # on one side only, so no side has it here
    no_rseq = lambda ls: [l for l in ls if not l.startswith("rseq(")]
    # when a child's SIGCHLD comes, before or after the wait4 that reaps
    # it returns, is the scheduler's: those lines are held as a count
    chld = lambda ls: [l for l in ls if not l.startswith("--- SIGCHLD")] + \
        [f"{sum(l.startswith('--- SIGCHLD') for l in ls)} SIGCHLD lines"]
    for k, (opts, cmd) in enumerate(whole):
        nat, mine, a, b = both(opts, cmd, d, f"w{k}")
        x, y = chld(no_rseq(lines(nat))), chld(no_rseq(lines(mine)))
        check(x == y and a.returncode == b.returncode,
              f"{' '.join(opts)} {os.path.basename(cmd[0])}: the {len(x)} lines strace prints",
              first_difference(x, y))

    # the decoders past the common calls: the same lines as strace's
    calls = ("utimensat,getgroups,times,sched_getparam,sched_getscheduler,getpriority,flock,fallocate,"
             "memfd_create,sendfile,pselect6,getxattr,listxattr,sched_setaffinity,mknodat,setitimer,prctl,"
             "inotify_init1,inotify_add_watch,shmget,shmat,shmctl,personality,timerfd_create,"
             "timerfd_settime,close_range,timer_create,timer_delete,capget,openat2,ioctl")
    nat, mine, a, b = both(["-e", "trace=" + calls], ["/usr/bin/python3", "-I", "-S", decoders], d, "dec")
    x, y = lines(nat), lines(mine)
    check(x == y and a.returncode == b.returncode == 0 and len(x) > 30,
          f"-e trace=utimensat,...: {len(x)} lines of {calls.count(',') + 1} kinds of call as strace decodes them",
          first_difference(x, y))

    calls = ("sendmmsg,recvmmsg,epoll_pwait2,preadv2,pwritev2,semget,semtimedop,semctl,msgget,msgsnd,msgrcv,"
             "msgctl,set_mempolicy,get_mempolicy,mbind,get_robust_list,getcpu,clock_adjtime,shmget,shmctl,mincore")
    nat, mine, a, b = both(["-e", "trace=" + calls], [mmsg], d, "mmsg")
    x, y = lines(nat), lines(mine)
    check(x == y and len(x) == 30, f"{calls.replace(',', ', ')}: as strace decodes them", first_difference(x, y))

    # -yy: sockets by the kernel's protocol names and their endpoints, devices with their numbers
    nat, mine, a, b = both(["-yy", "-e", "trace=close,bind,listen,getsockname,sendto,recvfrom,openat"],
                           ["/usr/bin/python3", "-I", "-S", fdnames], d, "yy")
    x, y = lines(nat), lines(mine)
    check(x == y and any("UNIX-STREAM:[" in l for l in x) and any("<char 1:3>" in l for l in x),
          f"-yy: {len(x)} lines, sockets and devices named as strace names them", first_difference(x, y))

    # -c: the same calls, by name and number, in one table for the run
    nat, mine, a, b = both(["-f", "-c"], sh, d)
    def counts(path):
        rows = {}
        for l in open(path):
            f = l.split()
            if len(f) >= 5 and re.match(r"^\d+\.\d+$", f[0]) and f[-1] != "total":
                rows[f[-1]] = int(f[3])
        return rows
    x, y = counts(nat), counts(mine)
    check(x == y, f"-f -c: {len(x)} calls counted as strace counts them, one table for 3 processes",
          {k: (x.get(k), y.get(k)) for k in set(x) | set(y) if x.get(k) != y.get(k)})

    # -S: the table sorted as strace sorts it (by name; by calls, most first)
    def order(path):
        return [(l.split()[-1], int(l.split()[3])) for l in open(path)
                if len(l.split()) >= 5 and re.match(r"^\d+\.\d+$", l.split()[0]) and l.split()[-1] != "total"]
    nat, mine, a, b = both(["-f", "-c", "-S", "name"], sh, d)
    x, y = [n for n, _ in order(nat)], [n for n, _ in order(mine)]
    check(x == y and len(x) > 10, f"-S name: {len(y)} rows in strace's order", first_difference(x, y))
    nat, mine, a, b = both(["-f", "-c", "-S", "calls"], sh, d)
    y = [c for _, c in order(mine)]
    check(y == sorted(y, reverse=True) and sorted(order(nat)) == sorted(order(mine)),
          f"-S calls: {len(y)} rows, most calls first, the counts strace has")

    # -ff: a file a process, each its own trace
    for tool in ("strace", "emu"):
        base = os.path.join(d, tool + "-ff")
        subprocess.run(([emu, "--strace"] if tool == "emu" else ["strace"]) + ["-ff", "-o", base] + sh,
                       cwd=d, env=ENV, capture_output=True, timeout=300)
    got = {t: sorted(tuple(lines(p)) for p in glob.glob(os.path.join(d, t + "-ff.*"))) for t in ("strace", "emu")}
    check(len(got["emu"]) == 3 and got["emu"] == got["strace"],
          f"-ff -o FILE: {len(got['strace'])} files FILE.PID, each as strace writes it",
          f"{len(got['strace'])} natively, {len(got['emu'])} under emu")

    # -x, -xx: what is read from the file, in hex as strace shows it
    for opt in ("-x", "-xx"):
        nat, mine, a, b = both([opt], cat, d)
        pick = lambda p: [l for l in open(p) if l.startswith("read(3, \"hello")
                          or l.startswith("read(3, \"\\x68")]
        x, y = pick(nat), pick(mine)
        check(x and x == y, f"{opt}: the file's bytes as strace shows them", f"{x} {y}")

    # the prefixes and suffixes: the same shape
    shapes = {"-t": r"^\d\d:\d\d:\d\d [a-z+-]", "-tt": r"^\d\d:\d\d:\d\d\.\d{6} [a-z+-]",
              "-ttt": r"^\d{10}\.\d{6} [a-z+-]", "-r": r"^ +\d+\.\d{6} [a-z+-]",
              "-T": r"(<\d+\.\d{6}>|= \?)$|^\+\+\+"}
    for opt, shape in shapes.items():
        nat, mine, a, b = both([opt], cat, d)
        bad = [l for p in (nat, mine) for l in open(p) if "<vdso>" not in l and not re.search(shape, l)]
        check(not bad, f"{opt}: every line shaped as strace's", bad[:3])

    # refusals, as strace refuses them
    for expr, word in (("trace=bogus", "system call"), ("trace=%bogus", "system call"),
                       ("signal=SIGBOGUS", "signal"), ("status=bogus", "status")):
        a = subprocess.run(["strace", "-e", expr, "/bin/true"], capture_output=True, text=True)
        b = subprocess.run([emu, "--strace", "-e", expr, "/bin/true"], capture_output=True, text=True)
        check(a.returncode == b.returncode == 1 and f"invalid {word}" in a.stderr and
              f"invalid {word}" in b.stderr and len(b.stderr.splitlines()) == 1,
              f"-e {expr}: refused in one line, status 1, as strace", b.stderr)

    # a guest that closes every descriptor keeps its whole trace
    nat, mine, a, b = both(["-f"], [forksig], d, "closed")
    got = lines(mine)
    at = got.index("close_range(0, 4294967295, 0) = 0") if "close_range(0, 4294967295, 0) = 0" in got else -1
    check(at >= 0 and got[at + 1:at + 4] == ['write(1, "after\\n", 6) = -1 EBADF (Bad file descriptor)',
                                            "exit_group(0) = ?", "+++ exited with 0 +++"],
          "close_range(0, ~0U, 0): the trace goes on after it, to the exit line", got[at:at + 4])
finish()
