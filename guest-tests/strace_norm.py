"""How a strace -f trace and emu's are made comparable: pids and tids,
addresses, times, random bytes and ports normalised; the alignment of
" = " (it depends on how long the addresses were) collapsed; emu's <vdso>
lines dropped (strace cannot see those calls); each task's lines together,
with strace's <unfinished ...> and <... resumed> halves joined; and the
known differences, each with its reason, made the same and counted."""
import re

NOISE = [
    (re.compile(r"(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+"), r"\1:PORT"),	# a socket's endpoint
    (re.compile(r"\s+=\s+"), " = "),
    (re.compile(r"0x[0-9a-f]{5,}"), "ADDR"),
    (re.compile(r"\b\d{3,7}\b(?= \+\+\+)"), "N"),
    (re.compile(r"(tv_sec|tv_nsec|tv_usec)=\d+"), r"\1=N"),
    (re.compile(r"htons\(\d+\)"), "htons(PORT)"),
    (re.compile(r"(pipe|socket|anon_inode):\[\d+\]"), r"\1:[INODE]"),
    (re.compile(r"(UNIX|UNIX-STREAM|TCP|UDP|TCPv6|UDPv6):\[\d+(->\d+)?"),
     lambda m: m.group(1) + ":[INODE" + ("->INODE" if m.group(2) else "")),
    (re.compile(r"\d+\.\d+"), "T"),
    (re.compile(r'"(\\x[0-9a-f]{2})+"'), '"BYTES"'),
    (re.compile(r"(si_pid|si_uid|child_tid|pid|si_utime|si_stime|tms_[a-z]+)=\d+( /\* T s \*/)?"), r"\1=N"),
    (re.compile(r"^(times\(.*\)) = \d+"), r"\1 = TICKS"),
    (re.compile(r"^getcpu\(\[\d+\]"), "getcpu([CPU]"),	# where the scheduler put it
    (re.compile(r"\b(shm_cpid|shm_lpid|msg_lspid|msg_lrpid|shm_[acd]time|msg_[src]time|sem_[oc]time)=\d+"),
     r"\1=N"),							# an IPC object's pids and times
    # the clock's state moves on between the runs
    (re.compile(r"\b(offset|freq|maxerror|esterror|ppsfreq|jitter|stabil|jitcnt|calcnt|errcnt|stbcnt)=-?\d+"), r"\1=N"),
    (re.compile(r"^((shm|sem|msg)get\(.*\)) = \d+"), r"\1 = IPCID"),	# the system's next id
    (re.compile(r"^(shmat|shmctl|semctl|semop|semtimedop|msgctl|msgsnd|msgrcv)\(\d+"), r"\1(IPCID"),
    # what the system says of itself changes between the two runs
    (re.compile(r"(uptime|freeram|sharedram|bufferram|procs)=\d+"), r"\1=N"),
    (re.compile(r"loads=\[\d+, \d+, \d+\]"), "loads=[N, N, N]"),	# the machine's load moves
    (re.compile(r"^((set_tid_address|getpid|gettid|getppid|clone|clone3|fork|vfork|wait4|getpgrp|rt_sigreturn)\(.*\)) = \d+"),
     r"\1 = PID"),
    (re.compile(r"\[\{WIFEXITED"), "[{WIFEXITED"),
    (re.compile(r"^(wait4|waitid|kill|tgkill|tkill|getpgid|setpgid|getsid)\((-?)\d+"), r"\1(\2PID"),
    (re.compile(r"^tgkill\(PID, \d+"), "tgkill(PID, TID"),
    (re.compile(r"\s+$"), ""),
]
# Where emu differs from the kernel on purpose, not in how it traces: each
# such line is made the same on both sides, and counted, with its reason.
KNOWN = {
    re.compile(r"^(rseq\(.*\)) = (0|-1 ENOSYS .*)$"):
        "rseq: emu refuses it as a kernel without CONFIG_RSEQ does (glibc then goes on without it)",
}
# Lines whose number is the scheduler's, natively as under emu: a futex call
# happens only when a lock is contended; left out of both sides, and counted.
SCHEDULED = re.compile(r"^futex\(")
known_seen = {}
PID = re.compile(r"^(\d+) +|^\[pid +(\d+)\] ")
UNFINISHED = re.compile(r" <unfinished \.\.\.>$")
RESUMED = re.compile(r"^<\.\.\. [a-z0-9_]+ resumed>")


def lines(path):
    """The trace's lines, normalised, each process's (or thread's) together:
    how the lines of concurrent processes
    interleave, and so where strace splits a call into <unfinished ...> and
    <... resumed>, is the scheduler's choice, not the tracer's."""
    procs, pending = {}, {}
    for l in open(path, errors="replace"):
        l = l.rstrip("\n")
        m = PID.match(l)
        pid = (m.group(1) or m.group(2)) if m else "first"
        if m:
            l = l[m.end():]
        if pid == "first" and procs and "first" not in procs:
            pid = next(iter(procs))
        if UNFINISHED.search(l):
            pending[pid] = UNFINISHED.sub("", l)
            continue
        if RESUMED.match(l) and pid in pending:
            l = pending.pop(pid) + RESUMED.sub("", l)
        if "<vdso>" in l:
            continue
        for pat, rep in NOISE:
            l = pat.sub(rep, l)
        for pat, why in KNOWN.items():
            if pat.match(l):
                l = pat.sub(r"\1 = (as the kernel, or refused as documented)", l)
                known_seen[why] = known_seen.get(why, 0) + 1
        if SCHEDULED.match(l):
            known_seen["futex: made only when a lock is contended, which is the scheduler's doing"] = \
                known_seen.get("futex: made only when a lock is contended, which is the scheduler's doing", 0) + 1
            continue
        procs.setdefault(pid, []).append(l)
    # the first task first; the others (which of two children starts first
    # is the scheduler's) by what they ran, then by what they did
    groups = list(procs.values())
    key = lambda g: (next((l for l in g if l.startswith("execve(")), ""), g)
    groups[1:] = sorted(groups[1:], key=key)
    return [l for g in groups for l in g]


