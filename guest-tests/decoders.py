"""Calls whose arguments strace decodes past the common ones (file times,
groups, times, scheduling, locks, xattrs, select, itimers, prctl, inotify,
SysV shm, personality, timerfd, close_range, POSIX timers, capabilities,
openat2, a pseudo-terminal's ioctls), made from python through its os module and libc, for
strace_options.py to trace natively and under emu.  Run in a scratch
directory: it makes and removes g and fifo there."""
import os, select, signal, ctypes, struct, fcntl
open('g','w').close(); fd=os.open('g', os.O_RDWR)
os.utime('g', (5, 6)); os.utime('g', None); os.utime('g', ns=(5_000_000_001, 6))
os.getgroups(); os.times(); os.sched_getparam(0); os.sched_getscheduler(0); os.getpriority(os.PRIO_PROCESS, 0)
fcntl.flock(fd, fcntl.LOCK_EX|fcntl.LOCK_NB); os.posix_fallocate(fd, 0, 10)
m = os.memfd_create('x', os.MFD_CLOEXEC); os.sendfile(m, fd, 0, 5)
select.select([fd], [], [], 0.01)
r,w=os.pipe(); select.select([r], [w], [], 1.5)
try: os.getxattr('g', 'user.x')
except OSError: pass
os.listxattr('g'); os.sched_setaffinity(0, {0}); os.mknod('fifo', 0o600|0o010000)
signal.setitimer(signal.ITIMER_REAL, 0.5); signal.setitimer(signal.ITIMER_REAL, 0)
libc=ctypes.CDLL(None); libc.prctl(15, b'myname', 0, 0, 0); b=ctypes.create_string_buffer(16); libc.prctl(16, b, 0,0,0)
i=libc.inotify_init1(0o2000000); libc.inotify_add_watch(i, b'g', 2)
k=libc.shmget(0, 4096, 0o1600); libc.shmat.restype=ctypes.c_void_p; a=libc.shmat(k, None, 0); libc.shmctl(k, 0, None)
libc.personality(0xffffffff)
t=libc.timerfd_create(1, 0o2000000)
its=struct.pack('qqqq', 0, 0, 5, 0); libc.timerfd_settime(t, 0, its, None)
libc.syscall(436, 50, 60, 0)
tid=ctypes.c_int(); libc.timer_create(1, None, ctypes.byref(tid)); libc.timer_delete(tid)
hdr=struct.pack('II', 0x20080522, 0); data=ctypes.create_string_buffer(24); libc.capget(hdr, data)
libc.syscall(437, -100, b'g', struct.pack('QQQ', 0o2000000, 0, 0), 24)
os.unlink('fifo'); os.unlink('g')
# a pseudo-terminal's ioctls: termios, window sizes, ints, none
import pty, termios, array
m, s = pty.openpty()
termios.tcgetattr(s)
fcntl.ioctl(s, termios.TIOCGWINSZ, b'\0' * 8)
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
n = array.array('i', [0]); fcntl.ioctl(m, termios.FIONREAD, n)
fcntl.ioctl(m, termios.FIONBIO, struct.pack('i', 1))
fcntl.ioctl(m, termios.FIOCLEX)
t = termios.tcgetattr(s); t[3] &= ~termios.ECHO; termios.tcsetattr(s, termios.TCSANOW, t)
