#!/usr/bin/env python3
"""gdb-multiarch against `emu -g`, in batch mode, on gdbtarget.c built
static and dynamic for both arches.  The oracles:
  - native gdb on the x86-64 program (the same script, `starti` for
    `target remote`): for x86-64 the transcripts must be the same;
  - the same native transcript for riscv64 where the script is source-level
    (same program, same source: same lines, values and frames);
  - qemu-riscv64 -g for the machine-level script on riscv64 (registers,
    stepi), which its stub has (it has no watchpoints, no catch syscall);
  - a small client of our own for what gdb 13 cannot ask on riscv64
    (QCatchSyscalls) and for the protocol's corners (a bad address, a
    second connection, the svr4 library list).
Every gdb run has a timeout; a failure prints the transcripts."""
import os
import re
import signal
import socket
import subprocess
import sys
import time

GDB = "gdb-multiarch"
TIMEOUT = 60


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def listening(port):
    """Whether something listens on port (without connecting: a stub takes
    one connection only)."""
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            for line in open(name).read().splitlines()[1:]:
                f = line.split()
                if int(f[1].rsplit(":", 1)[1], 16) == port and f[3] == "0A":
                    return True
        except OSError:
            pass
    return False


def gdb(prog, script, target, interrupt_after=None, args=(), pre=()):
    """Run gdb on prog with script; target is 'native' (prog run with
    args) or a port."""
    head = "starti %s >/dev/null" % " ".join(args) if target == "native" else "target remote :%d" % target
    argv = [GDB, "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off",
            "-ex", "set width 0"]
    for line in list(pre) + [head]:
        argv += ["-ex", line]
    for line in script:
        argv += ["-ex", line]
    argv.append(prog)
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if interrupt_after:
        time.sleep(interrupt_after)
        p.send_signal(signal.SIGINT)	# what ^C at gdb's prompt does
    return finish(p, "gdb")[0]


def finish(p, what):
    """A process's output, or what it had when TIMEOUT ran out (killed)."""
    try:
        return p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return out + "\n<%s timed out>" % what, err


def session(emu, prog, args, script, interrupt_after=None):
    """gdb against emu: (gdb transcript, guest stdout, emu status)."""
    port = free_port()
    proc = subprocess.Popen([emu, "-g", str(port), prog] + args, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait_listening(proc)
    out = gdb(prog, script, port, interrupt_after)
    gout, gerr = finish(proc, "emu")
    return out, gout, proc.returncode, gerr


def wait_listening(proc):
    """emu says where it waits on stderr; read up to that line."""
    line = proc.stderr.readline()
    if "waiting for gdb" not in line:
        raise RuntimeError("emu -g did not listen: " + line)
    return line


def qemu_session(qemu, prog, args, script):
    port = free_port()
    env = dict(os.environ, QEMU_LD_PREFIX="/usr/riscv64-linux-gnu")
    proc = subprocess.Popen([qemu, "-g", str(port), prog] + args, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    for _ in range(100):
        if listening(port):
            break
        time.sleep(0.05)
    # qemu's stub has no vFile: gdb reads the sysroot's libraries itself
    out = gdb(prog, script, port, pre=["set sysroot /usr/riscv64-linux-gnu"])
    finish(proc, "qemu")
    return out


NOISE = re.compile(r"^(Reading .* from remote target\.\.\.|warning: File transfers from remote"
                   r"|\[Thread debugging using libthread_db|Using host libthread_db"
                   r"|\[Detaching after fork|\[Inferior 1 \(.*\) detached\]"
                   r"|\(\*\): Shared library is missing|Program stopped\.$|0x[0-9a-f]+ in _start \(\))")


def normal(out):
    """The transcript from the first command's output on, addresses out."""
    lines = out.splitlines()
    for i, l in enumerate(lines):
        if l.startswith(("Breakpoint 1 at", "Hardware watchpoint", "Catchpoint", "$1")):
            lines = lines[i:]
            break
    keep = []
    for l in lines:
        if NOISE.match(l):
            continue
        l = re.sub(r"0x[0-9a-f]+", "0xADDR", l)
        l = re.sub(r"process \d+", "process N", l)
        l = re.sub(r"target:", "", l)
        # at a function's first instruction its arguments are not yet
        # where the debug info says: gdb shows whatever is there
        l = re.sub(r"mark \(.*\) at", "mark (...) at", l)
        keep.append(l.rstrip())
    while keep and not keep[0]:
        keep.pop(0)
    return keep


failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        failures += 1
        print("     " + detail.replace("\n", "\n     "))


def same(name, got, want, context=""):
    g, w = normal(got), normal(want)
    detail = ""
    if g != w:
        import difflib
        detail = "\n".join(difflib.unified_diff(w, g, "oracle", "emu", lineterm="")) + "\n" + context
    check(name, g == w, detail)


# Source-level: the same on every arch, as native gdb on x86-64 has it.
SOURCE = ["break bump", "continue", "bt", "next", "next", "watch counter", "continue",
          "continue", "delete", "rwatch counter", "continue", "delete", "awatch counter", "continue",
          "continue", "delete", "hbreak on_alarm", "continue", "bt", "delete", "continue"]


def machine(arch):
    """Registers at mark's first instruction: x 0x1234abcd, d 2.5; one
    written before mark reads it."""
    reg, freg = ("$rdi", "$xmm0.v2_double[0]") if arch == "x86_64" else ("$a0", "$fa0.double")
    return ["break *mark", "continue", "p/x " + reg, "p " + freg, "set var %s = 0x77" % reg,
            "stepi", "p/x " + reg, "delete", "continue"]


class Client:
    """Just enough of the remote protocol to ask what gdb 13 cannot."""

    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.buf = b""

    def send(self, data):
        body = data.encode() if isinstance(data, str) else data
        self.s.sendall(b"$" + body + b"#%02x" % (sum(body) & 0xff))
        return self.reply()

    def reply(self):
        while True:
            i = self.buf.find(b"$")
            j = self.buf.find(b"#", i)
            if i >= 0 and j >= 0 and len(self.buf) >= j + 3:
                body = self.buf[i + 1:j]
                self.buf = self.buf[j + 3:]
                self.s.sendall(b"+")
                return body.decode("latin-1")
            chunk = self.s.recv(65536)
            if not chunk:
                return None
            self.buf += chunk


def raw_checks(emu, arch, prog, dyn):
    port = free_port()
    proc = subprocess.Popen([emu, "-g", str(port), prog], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait_listening(proc)
    c = Client(port)
    tag = "%s%s" % (arch, "-dyn" if dyn else "")
    check(tag + ": qSupported offers what gdb uses",
          all(f in c.send("qSupported:multiprocess+;swbreak+") for f in
              ("qXfer:features:read+", "QCatchSyscalls+", "multiprocess+", "vContSupported+")))
    stop = c.send("?")
    check(tag + ": stopped with SIGTRAP before the first instruction", stop.startswith("T05thread:p"), stop)
    check(tag + ": reading unmapped memory is an error reply", c.send("m8,4") == "E14")
    try:
        second = socket.create_connection(("127.0.0.1", port), timeout=2)
        second.close()
        refused = False
    except OSError:
        refused = True
    check(tag + ": a second connection is refused", refused)
    c.send("QPassSignals:e")	# SIGALRM, as gdb passes it
    write_nr = 64 if arch == "riscv64" else 1
    c.send("QCatchSyscalls:1;%x" % write_nr)
    entry = c.send("c")
    check(tag + ": catch syscall: entry of write (#%d)" % write_nr,
          ("syscall_entry:%x;" % write_nr) in entry, entry)
    ret = c.send("c")
    check(tag + ": catch syscall: return of write", ("syscall_return:%x;" % write_nr) in ret, ret)
    c.send("QCatchSyscalls:0")
    if dyn:
        lib = c.send("qXfer:libraries-svr4:read::0,3000")
        check(tag + ": svr4 list: ld.so, libc and linux-vdso.so.1",
              "ld-linux" in lib and "libc.so.6" in lib and "linux-vdso.so.1" in lib, lib)
    auxv = c.send("qXfer:auxv:read::0,800")
    check(tag + ": auxv has AT_SYSINFO_EHDR", auxv.startswith("l") and len(auxv) > 64, auxv[:80])
    end = c.send("c")
    check(tag + ": exit reported as W03 with the pid", end is not None and
          end.startswith("W03;process:%x" % proc.pid), str(end))
    proc.communicate(timeout=TIMEOUT)


def main():
    emu, qemu = sys.argv[1], sys.argv[2]
    bins = {os.path.basename(b).split(".", 1)[1]: b for b in sys.argv[3:]}
    if subprocess.run(["which", GDB], capture_output=True).returncode:
        print("SKIP: %s is not installed (tools/setup installs it)" % GDB)
        return 77
    x86 = bins["x86_64"]
    native_source = gdb(x86, SOURCE, "native")
    for kind in ("x86_64", "x86_64-dyn", "riscv64", "riscv64-dyn"):
        prog = bins[kind]
        arch = kind.split("-")[0]
        dyn = kind.endswith("-dyn")
        # Source level: riscv64-dyn's libc has no unwind info past the
        # signal frame's caller, so it stops at the handler's frames
        out, gout, rc, gerr = session(emu, prog, [], SOURCE)
        want = native_source if not dyn else gdb(bins["x86_64-dyn"], SOURCE, "native")
        if kind == "riscv64-dyn":
            check(kind + ": source-level session (breakpoint, next, watch, handler bt)",
                  "Old value = 1" in out and "<signal handler called>" in out and
                  "exited with code 03" in out, out)
        else:
            same(kind + ": source-level session as native gdb's", out, want, "guest stderr: " + gerr)
        check(kind + ": guest ran to its end, status 3", rc == 3 and "bye" in gout, "rc %s, %s" % (rc, gout))
        # Machine level: registers read and written
        out, gout, rc, gerr = session(emu, prog, [], machine(arch))
        oracle = gdb(prog, machine(arch), "native") if arch == "x86_64" else \
            qemu_session(qemu, prog, [], machine(arch))
        same(kind + ": registers as " + ("native gdb" if arch == "x86_64" else "qemu -g") + " has them",
             out, oracle)
        check(kind + ": a register gdb wrote is what the guest used", "mark 77 2.5" in gout, gout)
        # Threads: all three in the list, named after the program
        out, gout, rc, gerr = session(emu, prog, ["threads"],
                                      ["break threads_ready", "continue", "info threads", "continue"])
        n = len(re.findall(r"^\*?\s+\d+\s+Thread ", out, re.M))
        name = os.path.basename(prog)[:15]
        check(kind + ": info threads lists the 3 threads, named", n == 3 and out.count('"%s"' % name) >= 3, out)
        # ^C stops a running loop
        out, gout, rc, gerr = session(emu, prog, ["spin"], ["continue", "p spin = 0", "continue"],
                                      interrupt_after=1.5)
        check(kind + ": ^C stops a running guest", "Program received signal SIGINT" in out and
              re.search(r"main \(.*gdbtarget\.c:\d+", out) and "exited with code 03" in out, out)
        # a fault is reported, then kills the guest as Linux would
        script = ["continue", "bt 1", "continue"]
        out, gout, rc, gerr = session(emu, prog, ["segv"], script)
        if arch == "x86_64":
            same(kind + ": SIGSEGV stop and death as native gdb's", out, gdb(prog, script, "native", args=["segv"]))
        else:
            check(kind + ": SIGSEGV stop and death", "Program received signal SIGSEGV" in out and
                  "Program terminated with signal SIGSEGV" in out, out)
        # the forked child runs on without gdb; the parent stays debugged
        script = ["break child_work", "break mark", "continue", "delete", "continue"]
        out, gout, rc, gerr = session(emu, prog, ["fork"], script)
        check(kind + ": a forked child runs undebugged", "child" in gout and "Breakpoint 2, mark" in out and
              "Breakpoint 1, child_work" not in out, out + gout)
        # the vDSO: gdb finds it from the auxv and the guest's /proc maps
        if dyn:
            script = ["break main", "continue", "info sharedlibrary", "break __vdso_clock_gettime",
                      "continue", "bt 1", "info symbol $pc", "delete", "continue"]
            out, gout, rc, gerr = session(emu, prog, [], script)
            check(kind + ": clock_gettime stops in the vDSO gdb read from memory",
                  re.search(r"clock_gettime.* in section \.text of system-supplied DSO", out) and
                  re.search(r"ld-linux.*\n.*libc\.so\.6", out), out)
        if arch == "x86_64":
            script = ["catch syscall write", "continue", "continue", "delete", "continue"]
            same(kind + ": catch syscall write as native gdb's", session(emu, prog, [], script)[0],
                 gdb(prog, script, "native"))
        raw_checks(emu, arch, prog, dyn)
    print("%d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
