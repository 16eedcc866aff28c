/* brk, mmap and friends over the guest memory map (mm/mm.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../hostcall/hostcall.h"
#include "../log/log.h"
#include "syscalls.h"

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)
#define MAP_DROPPABLE_ 0x08	/* Linux 6.11; not in this libc's headers */

SYSCALL_DEFINE(brk)
{
	struct mm *mm = t->process->mm;
	uint64_t want = a[0], old_top = PAGE_UP(mm->brk), new_top = PAGE_UP(want);
	/* Like the kernel: a refused request returns the unchanged break. */
	if (want < mm->brk_start || want >= mm->size)
		return mm->brk;
	if (new_top > old_top) {
		for (uint64_t at = old_top; at < new_top; at += GUEST_PAGE)
			if (mm_lookup(mm, at))
				return mm->brk;
		if (mm_map(mm, old_top, new_top - old_top, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[heap]"))
			return mm->brk;
	} else if (new_top < old_top) {
		mm_unmap(mm, new_top, old_top - new_top);
	}
	mm->brk = want;
	return want;
}

static bool range_free(struct mm *mm, uint64_t start, uint64_t len)
{
	for (uint64_t at = start; at < start + len; at += GUEST_PAGE)
		if (mm_lookup(mm, at))
			return false;
	return true;
}

SYSCALL_DEFINE(mmap)
{
	struct mm *mm = t->process->mm;
	uint64_t addr = a[0], len = PAGE_UP(a[1]), off = a[5];
	int prot = a[2], flags = a[3], fd = a[4];
	int type = flags & (MAP_SHARED | MAP_PRIVATE | MAP_SHARED_VALIDATE | MAP_DROPPABLE_);

	if (!a[1] || !len || (prot & ~PROT_ALL) || off % GUEST_PAGE)
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE &&
	    type != MAP_DROPPABLE_)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE)
		flags = (flags & ~MAP_SHARED_VALIDATE) | MAP_SHARED;
	/* MAP_DROPPABLE (for vgetrandom states): memory the kernel may drop
	 * under pressure; private anonymous memory that stays is a valid one. */
	if (type == MAP_DROPPABLE_ && (flags & MAP_ANONYMOUS))
		flags = (flags & ~MAP_DROPPABLE_) | MAP_PRIVATE;
	if (flags & MAP_ANONYMOUS)
		fd = -1;
	else if (fd < 0)
		return -EBADF;

	/* as get_unmapped_area(): past the space is ENOMEM */
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && addr % GUEST_PAGE)
		return -EINVAL;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && (addr >= mm->size || len > mm->size - addr))
		return -ENOMEM;
	/* /proc/self/maps names a file mapping by its path, as Linux does. */
	char path[4096] = "", link[32];
	if (fd >= 0) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, path, sizeof(path) - 1);
		path[n > 0 ? n : 0] = 0;
	}
	int share = flags & (MAP_SHARED | MAP_PRIVATE), err;
	const char *name = path[0] ? path : NULL;
	if (flags & MAP_FIXED) {
		err = mm_map(mm, addr, len, prot, share, fd, off, name);
	} else if (flags & MAP_FIXED_NOREPLACE) {
		err = mm_map_new(mm, addr, len, prot, share, fd, off, name);
	} else {
		/* A hint is taken when the range is free, as on Linux; the
		 * range is found and taken at once (other threads map too). */
		addr = PAGE_DOWN(addr);
		err = addr && addr < mm->size && len <= mm->size - addr ?
		      mm_map_new(mm, addr, len, prot, share, fd, off, name) : -EEXIST;
		if (err == -EEXIST)
			addr = mm_map_free(mm, len, prot, share, fd, off, name, &err);
	}
	if (!err && t->process->log)
		log_mmap(t, addr, len, prot, fd, off);
	/* the dynamic linker's own mappings: glibc's ld.so maps with MAP_COPY
	 * (MAP_PRIVATE|MAP_DENYWRITE), a flag the kernel ignores and nothing
	 * else passes; a program reading a library as data is left alone */
	if (!err && fd >= 0 && t->process->hc && (flags & MAP_DENYWRITE) && share == MAP_PRIVATE)
		hostcall_mapped(t, fd, addr, len, off);
	return err ? err : (long)addr;
}

SYSCALL_DEFINE(munmap)
{
	if (a[0] % GUEST_PAGE || !a[1])
		return -EINVAL;
	return mm_unmap(t->process->mm, a[0], a[1]);
}

SYSCALL_DEFINE(mprotect)
{
	if (a[2] & ~(uint64_t)PROT_ALL)
		return -EINVAL;
	return mm_protect(t->process->mm, a[0], a[1], a[2]);
}

SYSCALL_DEFINE(mremap)
{
	struct mm *mm = t->process->mm;
	uint64_t old = a[0], old_len = PAGE_UP(a[1]), new_len = PAGE_UP(a[2]);
	int flags = a[3];
	if (old % GUEST_PAGE || !new_len || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	const struct vma *v = mm_lookup(mm, old);
	if (!v || old + old_len > v->end)
		return -EFAULT;
	if (flags & MREMAP_FIXED)
		return -EINVAL;	/* no user of it yet; refuse rather than guess */
	if (new_len <= old_len) {
		if (new_len < old_len)
			mm_unmap(mm, old + new_len, old_len - new_len);
		return old;
	}
	/* Grow in place when the pages after are free... */
	if (old + new_len <= mm->size && range_free(mm, old + old_len, new_len - old_len)) {
		int err = (v->flags & MAP_ANONYMOUS)
			? mm_map(mm, old + old_len, new_len - old_len, v->prot, v->flags, -1, 0, v->name)
			: -ENOMEM;
		if (!err)
			return old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	/* ...else move: the host moves the pages, file-backed ones included. */
	uint64_t to = mm_find_free(mm, new_len);
	if (!to)
		return -ENOMEM;
	struct vma copy = *v;
	char *name = v->name ? strdup(v->name) : NULL;
	void *h = mremap(mm->host + old, old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED,
			 mm->host + to);
	if (h == MAP_FAILED) {
		free(name);
		return -errno;
	}
	long r = mm_adopt(mm, to, new_len, &copy, old - copy.start, name);
	free(name);
	if (r)
		return r;
	/* The old range's host pages went with mremap; forget its VMAs. */
	mm_unmap(mm, old, old_len);
	return to;
}

SYSCALL_DEFINE(madvise)
{
	if (a[0] % GUEST_PAGE)
		return -EINVAL;
	/* Advice only; MADV_DONTNEED's zeroing is the one effect programs rely on. */
	if (a[2] == MADV_DONTNEED) {
		void *p = guest_ptr(t->process->mm, a[0], PAGE_UP(a[1]), 0);
		if (!p)
			return -ENOMEM;
		return host_ret(madvise(p, PAGE_UP(a[1]), MADV_DONTNEED));
	}
	return 0;
}

SYSCALL_DEFINE(msync)
{
	void *p = guest_ptr(t->process->mm, a[0], a[1], 0);
	if (a[0] % GUEST_PAGE)
		return -EINVAL;
	if (!p)
		return -ENOMEM;
	return host_ret(msync(p, PAGE_UP(a[1]), a[2]));
}

SYSCALL_DEFINE(mincore)
{
	/* Linux says ENOMEM for a range that is not all mapped */
	if (a[0] % GUEST_PAGE)
		return -EINVAL;
	void *p = guest_ptr(t->process->mm, a[0], a[1], 0);
	if (!p)
		return -ENOMEM;
	GUEST_BUF(vec, a[2], PAGE_UP(a[1]) / GUEST_PAGE, PROT_WRITE);
	return host_ret(mincore(p, a[1], vec));
}

/* Locking guest pages is locking the host pages behind them. */
SYSCALL_DEFINE(mlock)
{
	void *p = guest_ptr(t->process->mm, a[0], a[1], 0);
	return p || !a[1] ? host_ret(syscall(SYS_mlock, p, a[1])) : -ENOMEM;
}

SYSCALL_DEFINE(mlock2)
{
	void *p = guest_ptr(t->process->mm, a[0], a[1], 0);
	return p || !a[1] ? host_ret(syscall(SYS_mlock2, p, a[1], a[2])) : -ENOMEM;
}

SYSCALL_DEFINE(munlock)
{
	void *p = guest_ptr(t->process->mm, a[0], a[1], 0);
	return p || !a[1] ? host_ret(syscall(SYS_munlock, p, a[1])) : -ENOMEM;
}

/* all of emu's memory too: a superset of what the guest asked */
SYSCALL_DEFINE(mlockall)   { return host_ret(syscall(SYS_mlockall, a[0])); }
SYSCALL_DEFINE(munlockall) { return host_ret(syscall(SYS_munlockall)); }

/* guest threads are host threads: the host's barrier orders them all */
SYSCALL_DEFINE(membarrier) { return host_ret(syscall(SYS_membarrier, a[0], a[1], a[2])); }

/* NUMA policy: the host's, on the host pages behind guest addresses */
SYSCALL_DEFINE(get_mempolicy)
{
	GUEST_OUT(mode, a[0], int);
	GUEST_OPT(mask, a[1], (a[2] + 7) / 8, PROT_WRITE);
	void *addr = a[3] ? guest_ptr(t->process->mm, a[3], 1, 0) : NULL;
	if (a[3] && !addr && (a[4] & 2 /* MPOL_F_ADDR */))
		return -EFAULT;
	return host_ret(syscall(SYS_get_mempolicy, mode, mask, a[2], addr, a[4]));
}

SYSCALL_DEFINE(set_mempolicy)
{
	GUEST_OPT(mask, a[1], (a[2] + 7) / 8, PROT_READ);
	return host_ret(syscall(SYS_set_mempolicy, a[0], mask, a[2]));
}

SYSCALL_DEFINE(mbind)
{
	void *p = guest_ptr(t->process->mm, a[0], a[1], 0);
	GUEST_OPT(mask, a[3], (a[4] + 7) / 8, PROT_READ);
	if (!p && a[1])
		return -EFAULT;
	return host_ret(syscall(SYS_mbind, p, a[1], a[2], mask, a[4], a[5]));
}

/* Protection keys: none, as on a CPU without PKU (Unicorn's has none):
 * pkey_alloc finds no key, the default key -1 is plain mprotect. */
SYSCALL_DEFINE(pkey_alloc) { return a[0] || a[1] > 3 ? -EINVAL : -ENOSPC; }
SYSCALL_DEFINE(pkey_free)  { return -EINVAL; }

SYSCALL_DEFINE(pkey_mprotect)
{
	if ((int)a[3] != -1)
		return -EINVAL;
	return sys_mprotect(t, a);
}
