#!/usr/bin/env python3
"""Every syscall with hostile arguments (guest-tests/hostile.c), under emu
and natively, as an unprivileged user (nobody), in a scratch directory.

Each call runs in a forked child; its line says the result (or errno), the
descriptors it left open, whether bytes around its buffer or in read-only
memory changed, or the signal that ended it.  What must never happen, on
either arch, fails the test: emu's child dying where the native one did
not (a crash), a descriptor count or a memory canary that differs (a leak,
a write outside what the call may write; more descriptors than the
kernel's call left), a sanitizer report, a hang.  A
different result fails too, unless the syscall is one emu documents as
refused (ENOSYS in docs/syscalls.md), a number emu's table has no name
for (a newer kernel's; ENOSYS), or one of KNOWN below, each with its
reason; the test prints how many differences it lets pass, and why.

x86_64 is compared with the native kernel call for call.  riscv64 is
compared with the native x86_64 kernel by syscall name, on the patterns
whose values do not depend on the program's own addresses (0, -1, an
unmapped and a kernel-half address), but for the SysV IPC calls (RUN_STATE).

usage: hostile_test.py EMU HOSTILE_X86_64 HOSTILE_RISCV64 SYSCALLS_MD [--full]
"""
import collections
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tally import check, finish

emu, hx86, hrv, syscalls_md = (os.path.abspath(a) for a in sys.argv[1:5])
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
LAST = 470
SAME_VALUES = {0, 1, 2, 4}	# patterns that are the same numbers on both arches
# Calls whose result depends on the SysV objects earlier calls of the same
# run made (an id or key that exists or not): riscv64's run makes its calls
# in another order, so these are compared on x86_64 only, call for call.
RUN_STATE = {"msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semtimedop",
             "semctl", "shmget", "shmat", "shmdt", "shmctl"}

# Results emu gives that differ from the kernel's, and why.
KNOWN = {
    # emu's own memory map (src/syscalls/mm.c) checks in its own order
    "mmap": "emu's mm: EINVAL for a bad length before the descriptor's EBADF",
    "mprotect": "emu's mm: EINVAL before ENOMEM for a range past the guest's space",
    "mremap": "emu's mm: EFAULT for an old range it does not map",
    "msync": "emu's mm: ENOMEM before EINVAL",
    "mincore": "emu's mm: ENOMEM before the vector's EFAULT",
    "madvise": "emu's mm: unknown advice accepted",
    "mlock": "emu's mm: ENOMEM before EINVAL", "munlock": "emu's mm: ENOMEM before EINVAL",
    "mlock2": "emu's mm: ENOMEM before EINVAL", "mlockall": "emu's mm: ENOMEM for flags the kernel accepts",
    "pkey_mprotect": "a kernel without pkeys: EINVAL", "pkey_alloc": "a kernel without pkeys: ENOSPC",
    "mbind": "a kernel without NUMA: the pointer checked first",
    "set_mempolicy": "a kernel without NUMA: the pointer checked first",
    "get_mempolicy": "a kernel without NUMA: the pointer checked first",
    # struct translation before the call
    "wait4": "emu writes the status and rusage itself: EFAULT before the options' EINVAL",
    "sched_getaffinity": "emu's CPU set: the mask checked before the pid and size",
    "get_robust_list": "emu keeps the robust list: ESRCH for other tasks",
    "prlimit64": "emu's own RLIMIT_STACK and friends: EPERM before the copy's EFAULT",
    "execve": "emu resolves the program itself: the name's EFAULT before ELOOP",
    "splice": "the offsets checked before the descriptors",
    "clock_adjtime": "struct timex checked before the clock",
    "rt_tgsigqueueinfo": "emu's own threads: EPERM before the size checks",
    "pselect6": "the sigmask argument read before the timeout",
    "ioctl": "emu's request table: the argument checked before ENOTTY",
    "readv": "a count of 0 with a kernel-half iovec", "writev": "a count of 0 with a kernel-half iovec",
    "vmsplice": "a count of 0 with a kernel-half iovec",
    "poll": "a count of 0 with a kernel-half array",
    "futex": "emu's futex: EINVAL for an unknown operation (the kernel: ENOSYS)",
    "recvfrom": "the length pointer checked before the descriptor",
    "mknod": "emu checks the path before the mode", "mknodat": "emu checks the path before the mode",
    "utimes": "the times read before the path", "futimesat": "the times read before the path",
    "readlinkat": "the size checked before the directory",
    "sched_setscheduler": "the policy checked before the parameter",
    "recvmmsg": "the flags checked before the messages", "sendmmsg": "the flags checked before the socket",
    "setpgid": "EINVAL for a negative pgid before the process lookup",
    "tgkill": "emu's own threads: the signal checked before the lookup",
    "openat": "the flags of a program address (pattern 3 only differs by its value)",
    "rseq": "refused as a kernel without rseq would (glibc then goes on without it)",
}


def names(arch):
    d = {}
    with open(os.path.join(src, "arch", arch, "syscall_names.h")) as f:
        for m in re.finditer(r'\[(\d+)\]\s*=\s*"(\w+)"', f.read()):
            d[int(m.group(1))] = m.group(2)
    return d


def refused(arch):
    """The syscalls docs/syscalls.md lists as ENOSYS for arch."""
    text = open(syscalls_md).read()
    part = text.split("## " + arch)[1].split("\n## ")[0]
    return set(re.findall(r"^\| (\w+) \| ENOSYS", part, re.M))


# As nobody, and in an IPC namespace of its own: the calls make SysV queues,
# semaphores and segments with random keys, which would outlive the run and
# make the next run's msgget(IPC_EXCL) EEXIST where this one's succeeded.
def as_nobody(cmd):
    if os.geteuid() == 0 and shutil.which("setpriv"):
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
        if shutil.which("unshare"):
            cmd = ["unshare", "--ipc"] + cmd
    return cmd


def run(cmd, work, env=None):
    r = subprocess.run(as_nobody(cmd), cwd=work, capture_output=True, text=True, timeout=900, env=env)
    lines = {}
    for l in r.stdout.splitlines():
        nr, p, rest = l.split(" ", 2)
        lines[(int(nr), int(p))] = rest
    return r, lines


scratch = tempfile.mkdtemp(prefix="hostile-")
os.chmod(scratch, 0o777)
logs = os.path.join(scratch, "sanitizer")
os.mkdir(logs)
os.chmod(logs, 0o777)
env = dict(os.environ)
# A sanitizer's report: in log_path where the sanitizer writes there, and
# always the exit status SANITIZED (the guest's child has no stderr).
SANITIZED = 86
for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
    env[var] = ((env.get(var, "") + ":" if env.get(var) else "") +
                f"log_path={logs}/{var[:5].lower()}:exitcode={SANITIZED}")

work = os.path.join(scratch, "native")
os.mkdir(work)
os.chmod(work, 0o777)
_, native = run([hx86, "0", str(LAST)], work)
nx86, nrv = names("x86_64"), names("riscv64")
native_by_name = {(nx86.get(nr, f"#{nr}"), p): v for (nr, p), v in native.items()}
check(len(native) > 3000, f"the native run made {len(native)} calls")

for arch, prog, table in (("x86_64", hx86, nx86), ("riscv64", hrv, nrv)):
    work = os.path.join(scratch, arch)
    os.mkdir(work)
    os.chmod(work, 0o777)
    try:
        r, got = run([emu, prog, "0", str(LAST)], work, env)
    except subprocess.TimeoutExpired:
        check(False, f"{arch}: the run ends (no hang)")
        continue
    check(r.returncode == 0 and len(got) > 2500, f"{arch}: emu ran {len(got)} calls and exited 0",
          r.stderr[-400:])
    nofs = refused(arch)
    crash, leak, wrote, differ, allowed = [], [], [], [], collections.Counter()
    for (nr, p), v in sorted(got.items()):
        name = table.get(nr, f"#{nr}")
        if arch == "x86_64":
            want = native.get((nr, p))
        elif p in SAME_VALUES and name not in RUN_STATE:
            want = native_by_name.get((name, p))
        else:
            continue
        if want is None or want == v:
            continue
        what = f"{name}({p}): native {want!r}, emu {v!r}"
        if v.startswith(("killed", "exited")) and not want.startswith(("killed", "exited")):
            crash.append(what)
        elif name.startswith("#"):
            allowed["numbers emu's table has no name for (ENOSYS)"] += 1
        elif v.startswith("ENOSYS") and name in nofs:
            allowed["documented ENOSYS"] += 1
        elif not v.startswith(("killed", "exited")) and not want.startswith(("killed", "exited")):
            nf = lambda s: re.search(r"newfds=(-?\d+)", s).group(1)
            mem = lambda s: re.search(r"around=\d ro=\d", s).group(0)
            if int(nf(v)) > int(nf(want)):
                leak.append(what)
            elif mem(v) != mem(want):
                wrote.append(what)
            elif name in KNOWN:
                allowed[name] += 1
            else:
                differ.append(what)
        elif name in KNOWN:
            allowed[name] += 1
        else:
            differ.append(what)
    check(not crash, f"{arch}: no call ends emu's child where the native one goes on "
          f"(exit {SANITIZED}: a sanitizer's report)", "\n".join(crash[:10]))
    check(not leak, f"{arch}: every call leaves the descriptors the kernel leaves", "\n".join(leak[:10]))
    check(not wrote, f"{arch}: no call writes memory the kernel's call does not", "\n".join(wrote[:10]))
    check(not differ, f"{arch}: every other result is the kernel's ({len(differ)} differ)", "\n".join(differ[:20]))
    print(f"     {arch}: let pass: " + ", ".join(f"{k} {n}" for k, n in sorted(allowed.items())))
    if "runtime error:" in r.stderr or "Sanitizer" in r.stderr:
        check(False, f"{arch}: no sanitizer report from emu itself", r.stderr[-2000:])
reports = glob.glob(os.path.join(logs, "*"))
check(not reports, "no sanitizer report", "".join(open(f).read()[:2000] for f in reports[:2]))
shutil.rmtree(scratch, ignore_errors=True)
finish()
