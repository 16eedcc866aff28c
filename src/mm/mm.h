/* Guest memory: one host reservation holds the whole guest address space, so
 * guest address g lives at host address base + g and every guest-contiguous
 * range is host-contiguous.  The VMA list is the single authority on what is
 * mapped and with which rights: the CPU's TLB-fill hook, every syscall that
 * touches guest memory and /proc/self/maps all ask it. */
#ifndef EMU_MEM_H
#define EMU_MEM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define GUEST_PAGE 4096ULL
#define PAGE_DOWN(x) ((x) & ~(GUEST_PAGE - 1))
#define PAGE_UP(x) (((x) + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1))

struct vma {
	uint64_t start, end;	/* [start, end), page aligned */
	int prot;		/* PROT_READ|PROT_WRITE|PROT_EXEC as the guest sees it */
	int flags;		/* MAP_SHARED / MAP_PRIVATE (| MAP_ANONYMOUS) */
	uint64_t offset;	/* file offset of start */
	dev_t dev;
	ino_t ino;
	char *name;		/* path, "[heap]", "[stack]", or NULL */
};

/* What a change of the map can leave behind in the CPUs: nothing (pages
 * mapped where there were none: no TLB entry or translation can exist for
 * them), TLB entries of the old pages, or also translations of old code. */
enum mm_stale { MM_STALE_NONE, MM_STALE_TLB, MM_STALE_CODE };

struct mm {
	uint8_t *host;		/* host address of guest address 0 */
	uint8_t *spare;		/* one more page after the last guest address, for
				 * pages the CPU sees elsewhere (x86 vsyscall) */
	uint64_t size;		/* guest addresses are < size */
	struct vma *v;		/* sorted, non-overlapping */
	size_t n, cap;
	size_t last;		/* index of the VMA mm_lookup() found last */
	uint64_t brk_start, brk;
	uint64_t mmap_base;	/* top-down search for mmap(NULL, ...) starts here */
	/* Told before a change that can leave something stale (a world-stop),
	 * and after every change, with what may now be stale: */
	void (*before)(void *opaque);
	void (*changed)(void *opaque, uint64_t start, uint64_t end, enum mm_stale stale);
	void *opaque;
	/* -d page: told of every change that took place (src/log/) */
	void (*log)(void *log_opaque, const char *op, uint64_t start, uint64_t end, int prot,
		    const char *name);
	void *log_opaque;
	bool shared;		/* threads: the VMA list is read and written under lock */
	pthread_rwlock_t lock;
};

int mm_init(struct mm *mm, unsigned addr_bits);
void mm_destroy(struct mm *mm);

/* Map [start, start+len) replacing whatever was there; fd < 0 is anonymous
 * memory.  Returns 0 or -errno. */
int mm_map(struct mm *mm, uint64_t start, uint64_t len, int prot, int flags,
	   int fd, off_t off, const char *name);
/* The same where nothing is mapped yet, or -EEXIST (MAP_FIXED_NOREPLACE). */
int mm_map_new(struct mm *mm, uint64_t start, uint64_t len, int prot, int flags,
	       int fd, off_t off, const char *name);
/* At a free range, found and taken atomically with respect to other
 * threads' maps; the address, or 0 and *err. */
uint64_t mm_map_free(struct mm *mm, uint64_t len, int prot, int flags, int fd, off_t off,
		     const char *name, int *err);
/* Record [start, start+len) as holding pages the host already put there
 * (mremap), with like's attributes; skip is how far into like it starts. */
int mm_adopt(struct mm *mm, uint64_t start, uint64_t len, const struct vma *like,
	     uint64_t skip, const char *name);
int mm_unmap(struct mm *mm, uint64_t start, uint64_t len);
int mm_protect(struct mm *mm, uint64_t start, uint64_t len, int prot);
/* prctl(PR_SET_VMA_ANON_NAME): anonymous pages shown as [anon:name] in
 * /proc/self/maps (name NULL: no name); -ENOMEM for a hole, -EBADF for a
 * file's pages. */
int mm_name(struct mm *mm, uint64_t start, uint64_t len, const char *name);
/* A free range of len bytes, highest first below mm->mmap_base, or 0. */
uint64_t mm_find_free(struct mm *mm, uint64_t len);
/* The VMA holding addr, or NULL; with threads, good until the next change. */
const struct vma *mm_lookup(const struct mm *mm, uint64_t addr);
/* The guest's rights on addr, or -1 where nothing is mapped. */
int mm_prot(const struct mm *mm, uint64_t addr);

/* The translation API: a host pointer for [g, g+len) only if every byte of it
 * is mapped with at least prot; NULL otherwise (callers return -EFAULT). */
void *guest_ptr(const struct mm *mm, uint64_t g, uint64_t len, int prot);
int guest_read(const struct mm *mm, uint64_t g, void *dst, size_t len);
int guest_write(const struct mm *mm, uint64_t g, const void *src, size_t len);
/* A NUL-terminated guest string readable in full, or NULL. */
const char *guest_str(const struct mm *mm, uint64_t g);

/* For a pointer handed to the host kernel untouched: a host address every
 * host syscall refuses with EFAULT (the kernel half).  A bad guest pointer
 * becomes it, so that the kernel's own checks (the descriptor, the flags)
 * come first, in the kernel's order, and EFAULT last, as natively. */
#define GUEST_FAULT ((void *)~(uintptr_t)4095)
/* g for the host kernel: NULL for 0; the host address when [g, g+len)
 * has prot up to its end or up to a page not mapped (which the host has
 * as PROT_NONE: its kernel faults there as the guest's would); else
 * GUEST_FAULT.  Never for memory emu itself reads or writes. */
void *guest_pass(const struct mm *mm, uint64_t g, uint64_t len, int prot);
/* A whole readable NUL-terminated string at g, NULL for 0, or GUEST_FAULT. */
const char *guest_pass_str(const struct mm *mm, uint64_t g);

#endif
