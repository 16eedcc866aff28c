/* Guest memory: the host reservation, the VMA list, and the checked
 * translation API (see mem.h). */
#include "mm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

int mm_init(struct mm *mm, unsigned addr_bits)
{
	memset(mm, 0, sizeof(*mm));
	mm->size = 1ULL << addr_bits;
	/* Address space only: nothing is committed until a guest mapping asks. */
	void *p = mmap(NULL, mm->size + GUEST_PAGE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	mm->host = p;
	mm->spare = mm->host + mm->size;
	pthread_rwlock_init(&mm->lock, NULL);
	if (mprotect(mm->spare, GUEST_PAGE, PROT_READ | PROT_WRITE) < 0)
		return -errno;
	return 0;
}

void mm_destroy(struct mm *mm)
{
	for (size_t i = 0; i < mm->n; i++)
		free(mm->v[i].name);
	free(mm->v);
	if (mm->host)
		munmap(mm->host, mm->size + GUEST_PAGE);
	memset(mm, 0, sizeof(*mm));
}

/* Index of the first VMA whose end is above addr (may be mm->n). */
static size_t vma_index(const struct mm *mm, uint64_t addr)
{
	size_t lo = 0, hi = mm->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (mm->v[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* With threads the VMA list is read under the lock (writers take it for
 * writing); a single-threaded process skips it. */
static void rd_lock(const struct mm *mm)
{
	if (mm->shared)
		pthread_rwlock_rdlock((pthread_rwlock_t *)&mm->lock);
}

static void rd_unlock(const struct mm *mm)
{
	if (mm->shared)
		pthread_rwlock_unlock((pthread_rwlock_t *)&mm->lock);
}

static const struct vma *lookup(const struct mm *mm, uint64_t addr)
{
	/* Most lookups hit the VMA the last one found (the stack, mostly). */
	size_t i = __atomic_load_n(&mm->last, __ATOMIC_RELAXED);
	if (i < mm->n && mm->v[i].start <= addr && addr < mm->v[i].end)
		return &mm->v[i];
	i = vma_index(mm, addr);
	if (i < mm->n && mm->v[i].start <= addr) {
		__atomic_store_n(&((struct mm *)mm)->last, i, __ATOMIC_RELAXED);
		return &mm->v[i];
	}
	return NULL;
}

const struct vma *mm_lookup(const struct mm *mm, uint64_t addr)
{
	rd_lock(mm);
	const struct vma *v = lookup(mm, addr);
	rd_unlock(mm);
	return v;
}

int mm_prot(const struct mm *mm, uint64_t addr)
{
	rd_lock(mm);
	const struct vma *v = lookup(mm, addr);
	int prot = v ? v->prot : -1;
	rd_unlock(mm);
	return prot;
}

static int vma_insert(struct mm *mm, size_t at, const struct vma *v)
{
	if (mm->n == mm->cap) {
		size_t cap = mm->cap ? mm->cap * 2 : 32;
		struct vma *nv = realloc(mm->v, cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		mm->v = nv;
		mm->cap = cap;
	}
	memmove(&mm->v[at + 1], &mm->v[at], (mm->n - at) * sizeof(*v));
	mm->v[at] = *v;
	mm->n++;
	return 0;
}

static void vma_remove(struct mm *mm, size_t at)
{
	free(mm->v[at].name);
	memmove(&mm->v[at], &mm->v[at + 1], (mm->n - at - 1) * sizeof(struct vma));
	mm->n--;
}

/* Make addr a VMA boundary, splitting the VMA that straddles it. */
static int vma_split_at(struct mm *mm, uint64_t addr)
{
	size_t i = vma_index(mm, addr);
	if (i == mm->n || mm->v[i].start >= addr)
		return 0;
	struct vma hi = mm->v[i];
	hi.start = addr;
	if (hi.name && !(hi.name = strdup(hi.name)))
		return -ENOMEM;
	if (!(hi.flags & MAP_ANONYMOUS))
		hi.offset += addr - mm->v[i].start;
	mm->v[i].end = addr;
	return vma_insert(mm, i + 1, &hi);
}

static bool vma_mergeable(const struct vma *a, const struct vma *b)
{
	if (a->end != b->start || a->prot != b->prot || a->flags != b->flags ||
	    a->dev != b->dev || a->ino != b->ino)
		return false;
	if ((a->name == NULL) != (b->name == NULL) ||
	    (a->name && strcmp(a->name, b->name)))
		return false;
	return (a->flags & MAP_ANONYMOUS) || a->offset + (a->end - a->start) == b->offset;
}

/* Merge neighbours around [start, end) as the kernel does, so that
 * /proc/self/maps shows what Linux would. */
static void vma_merge_around(struct mm *mm, uint64_t start, uint64_t end)
{
	size_t i = vma_index(mm, start ? start - 1 : 0);
	while (i + 1 < mm->n && mm->v[i].start <= end) {
		if (vma_mergeable(&mm->v[i], &mm->v[i + 1])) {
			mm->v[i].end = mm->v[i + 1].end;
			vma_remove(mm, i + 1);
		} else {
			i++;
		}
	}
}

/* What stale state the pages now in [start, end) can have left in a CPU:
 * none where nothing is mapped; translations where code is. */
static enum mm_stale stale_in(const struct mm *mm, uint64_t start, uint64_t end)
{
	enum mm_stale s = MM_STALE_NONE;
	for (size_t i = vma_index(mm, start); i < mm->n && mm->v[i].start < end; i++) {
		if (mm->v[i].prot & PROT_EXEC)
			return MM_STALE_CODE;
		s = MM_STALE_TLB;
	}
	return s;
}

static void changed(struct mm *mm, uint64_t start, uint64_t end, enum mm_stale stale)
{
	if (mm->shared)
		pthread_rwlock_unlock(&mm->lock);
	if (mm->changed)
		mm->changed(mm->opaque, start, end, stale);
}

/* Before a change of [start, end): the list is ours, and if the change can
 * leave anything stale, the other threads have left guest code first
 * (world-stop).  Mapping where nothing was needs no stop.  Every path after
 * this ends in changed() or unchanged(). */
static enum mm_stale changing(struct mm *mm, uint64_t start, uint64_t end)
{
	if (mm->shared)
		pthread_rwlock_wrlock(&mm->lock);
	enum mm_stale s = stale_in(mm, start, end);
	if (s != MM_STALE_NONE && mm->before) {
		if (mm->shared)
			pthread_rwlock_unlock(&mm->lock);
		mm->before(mm->opaque);
		if (mm->shared)
			pthread_rwlock_wrlock(&mm->lock);
		s = stale_in(mm, start, end);
	}
	return s;
}

/* After changed(): what -d page shows. */
static void logged(struct mm *mm, const char *op, uint64_t start, uint64_t end, int prot,
		   const char *name)
{
	if (mm->log)
		mm->log(mm->log_opaque, op, start, end, prot, name);
}

static int unchanged(struct mm *mm, int err)
{
	changed(mm, 0, 0, MM_STALE_NONE);
	return err;
}

static bool range_ok(const struct mm *mm, uint64_t start, uint64_t len)
{
	return len && start % GUEST_PAGE == 0 && len <= mm->size &&
	       start <= mm->size - len;
}

/* Drop the VMAs in [start, end); the caller re-maps the host pages. */
static int vma_clear(struct mm *mm, uint64_t start, uint64_t end)
{
	int err = vma_split_at(mm, start);
	if (!err)
		err = vma_split_at(mm, end);
	if (err)
		return err;
	size_t i = vma_index(mm, start);
	while (i < mm->n && mm->v[i].start < end)
		vma_remove(mm, i);
	return 0;
}

static bool range_has_vma(const struct mm *mm, uint64_t start, uint64_t end)
{
	size_t i = vma_index(mm, start);
	return (i < mm->n && mm->v[i].start < end) || (i > 0 && mm->v[i - 1].end > start);
}

/* noreplace: -EEXIST if anything is mapped there, decided under the same
 * hold of the list as the mapping (MAP_FIXED_NOREPLACE, and mmap(NULL) in
 * threads: two of them never get one range). */
static int do_map(struct mm *mm, uint64_t start, uint64_t len, int prot, int flags,
		  int fd, off_t off, const char *name, bool noreplace);

int mm_map(struct mm *mm, uint64_t start, uint64_t len, int prot, int flags,
	   int fd, off_t off, const char *name)
{
	return do_map(mm, start, len, prot, flags, fd, off, name, false);
}

int mm_map_new(struct mm *mm, uint64_t start, uint64_t len, int prot, int flags,
	       int fd, off_t off, const char *name)
{
	return do_map(mm, start, len, prot, flags, fd, off, name, true);
}

uint64_t mm_map_free(struct mm *mm, uint64_t len, int prot, int flags, int fd, off_t off,
		     const char *name, int *err)
{
	for (int tries = 0; tries < 64; tries++) {
		uint64_t at = mm_find_free(mm, len);
		if (!at) {
			*err = -ENOMEM;
			return 0;
		}
		*err = mm_map_new(mm, at, len, prot, flags, fd, off, name);
		if (*err != -EEXIST)
			return *err ? 0 : at;
	}
	*err = -ENOMEM;
	return 0;
}

static int do_map(struct mm *mm, uint64_t start, uint64_t len, int prot, int flags,
		  int fd, off_t off, const char *name, bool noreplace)
{
	len = PAGE_UP(len);
	if (!range_ok(mm, start, len))
		return -EINVAL;
	bool shared = flags & MAP_SHARED;
	int hprot = PROT_READ | PROT_WRITE;
	int hflags = MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE);
	struct vma v = { .start = start, .end = start + len, .prot = prot,
			 .flags = flags & (MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS) };
	if (fd < 0) {
		hflags |= MAP_ANONYMOUS;
		v.flags |= MAP_ANONYMOUS;
		fd = -1;
		off = 0;
	} else {
		struct stat st;
		if (fstat(fd, &st) < 0)
			return -errno;
		v.dev = st.st_dev;
		v.ino = st.st_ino;
		v.offset = off;
		/* A shared mapping writes through to the file: only as the guest asked. */
		if (shared)
			hprot = PROT_READ | (prot & PROT_WRITE);
	}
	if (name && !(v.name = strdup(name)))
		return -ENOMEM;
	enum mm_stale stale = changing(mm, start, start + len);
	if (noreplace && range_has_vma(mm, start, start + len)) {
		free(v.name);
		return unchanged(mm, -EEXIST);
	}
	void *h = mmap(mm->host + start, len, hprot, hflags, fd, off);
	if (h == MAP_FAILED) {
		free(v.name);
		return unchanged(mm, -errno);
	}
	int err = vma_clear(mm, start, start + len);
	if (!err)
		err = vma_insert(mm, vma_index(mm, start), &v);
	if (err) {
		free(v.name);
		return unchanged(mm, err);
	}
	vma_merge_around(mm, start, start + len);
	changed(mm, start, start + len, stale);
	logged(mm, "map", start, start + len, prot, name);
	return 0;
}

int mm_unmap(struct mm *mm, uint64_t start, uint64_t len)
{
	len = PAGE_UP(len);
	if (!range_ok(mm, start, len))
		return -EINVAL;
	enum mm_stale stale = changing(mm, start, start + len);
	int err = vma_clear(mm, start, start + len);
	if (err)
		return unchanged(mm, err);
	/* Give the pages back to the host but keep the reservation. */
	mmap(mm->host + start, len, PROT_NONE,
	     MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	changed(mm, start, start + len, stale);
	logged(mm, "unmap", start, start + len, 0, NULL);
	return 0;
}

/* A page-aligned start and the length in whole pages, inside the guest's
 * space (mprotect's EINVAL and ENOMEM); a length of 0 is nothing to do. */
static int page_range(const struct mm *mm, uint64_t start, uint64_t *len)
{
	if (start % GUEST_PAGE)
		return -EINVAL;
	*len = PAGE_UP(*len);
	return *len && !range_ok(mm, start, *len) ? -ENOMEM : 0;
}

/* [start, end) mapped throughout, as Linux's mprotect wants it (ENOMEM
 * for a hole), every VMA in it with the flags need (EBADF if not), and
 * split at both ends; the list is held. */
static int range_vmas(struct mm *mm, uint64_t start, uint64_t end, int need)
{
	uint64_t at = start;
	for (size_t i = vma_index(mm, start); at < end; i++) {
		if (i == mm->n || mm->v[i].start > at)
			return -ENOMEM;
		if ((mm->v[i].flags & need) != need)
			return -EBADF;
		at = mm->v[i].end;
	}
	int err = vma_split_at(mm, start);
	return err ? err : vma_split_at(mm, end);
}

int mm_protect(struct mm *mm, uint64_t start, uint64_t len, int prot)
{
	int err = page_range(mm, start, &len);
	if (err || !len)
		return err;
	uint64_t end = start + len;
	/* A page made executable has no translations yet: only code that
	 * was executable can be stale. */
	enum mm_stale stale = changing(mm, start, end);
	err = range_vmas(mm, start, end, 0);
	if (err)
		return unchanged(mm, err);
	for (size_t i = vma_index(mm, start); i < mm->n && mm->v[i].start < end; i++) {
		struct vma *v = &mm->v[i];
		if ((v->flags & MAP_SHARED) && !(v->flags & MAP_ANONYMOUS) &&
		    mprotect(mm->host + v->start, v->end - v->start,
			     PROT_READ | (prot & PROT_WRITE)) < 0)
			return unchanged(mm, -errno);
		v->prot = prot;
	}
	vma_merge_around(mm, start, end);
	changed(mm, start, end, stale);
	logged(mm, "protect", start, end, prot, NULL);
	return 0;
}

int mm_name(struct mm *mm, uint64_t start, uint64_t len, const char *name)
{
	int err = page_range(mm, start, &len);
	if (err || !len)
		return err;
	char *label = NULL;
	if (name && asprintf(&label, "[anon:%s]", name) < 0)
		return -ENOMEM;
	if (mm->shared)
		pthread_rwlock_wrlock(&mm->lock);
	uint64_t end = start + len;
	/* a file's pages have the file's name: EBADF */
	err = range_vmas(mm, start, end, MAP_ANONYMOUS);
	for (size_t i = vma_index(mm, start); !err && i < mm->n && mm->v[i].start < end; i++) {
		struct vma *v = &mm->v[i];
		if (v->name && strncmp(v->name, "[anon:", 6))
			continue;	/* [stack], [vdso]: named by the kernel */
		free(v->name);
		v->name = label ? strdup(label) : NULL;
	}
	if (!err)
		vma_merge_around(mm, start, end);
	if (mm->shared)
		pthread_rwlock_unlock(&mm->lock);
	free(label);
	return err;
}

static uint64_t find_free(struct mm *mm, uint64_t len);

uint64_t mm_find_free(struct mm *mm, uint64_t len)
{
	rd_lock(mm);
	uint64_t at = find_free(mm, len);
	rd_unlock(mm);
	return at;
}

static uint64_t find_free(struct mm *mm, uint64_t len)
{
	len = PAGE_UP(len);
	uint64_t top = mm->mmap_base;
	size_t i = vma_index(mm, top);
	/* Walk the gaps below top, highest first. */
	while (top >= len + GUEST_PAGE * 16) {
		uint64_t floor = i > 0 ? mm->v[i - 1].end : GUEST_PAGE * 16;
		if (i < mm->n && mm->v[i].start < top)
			top = mm->v[i].start;
		if (top >= floor + len)
			return top - len;
		if (i == 0)
			break;
		top = mm->v[--i].start;
	}
	return 0;
}

void *guest_ptr(const struct mm *mm, uint64_t g, uint64_t len, int prot)
{
	if (g >= mm->size || len > mm->size - g)
		return NULL;
	void *p = mm->host + g;
	rd_lock(mm);
	for (uint64_t at = g; at < g + len;) {
		const struct vma *v = lookup(mm, at);
		if (!v || (v->prot & prot) != prot) {
			p = NULL;
			break;
		}
		at = v->end;
	}
	rd_unlock(mm);
	return p;
}

int guest_read(const struct mm *mm, uint64_t g, void *dst, size_t len)
{
	const void *p = guest_ptr(mm, g, len, PROT_READ);
	if (!p)
		return -EFAULT;
	memcpy(dst, p, len);
	return 0;
}

int guest_write(const struct mm *mm, uint64_t g, const void *src, size_t len)
{
	void *p = guest_ptr(mm, g, len, PROT_WRITE);
	if (!p)
		return -EFAULT;
	memcpy(p, src, len);
	return 0;
}

const char *guest_str(const struct mm *mm, uint64_t g)
{
	/* Walk VMA by VMA so a string running into unmapped memory is -EFAULT. */
	uint64_t at = g;
	const char *s = NULL;
	rd_lock(mm);
	for (;;) {
		const struct vma *v = lookup(mm, at);
		if (!v || !(v->prot & PROT_READ))
			break;
		const char *p = (const char *)mm->host + at;
		if (memchr(p, 0, v->end - at)) {
			s = (const char *)mm->host + g;
			break;
		}
		at = v->end;
	}
	rd_unlock(mm);
	return s;
}

void *guest_pass(const struct mm *mm, uint64_t g, uint64_t len, int prot)
{
	if (!g)
		return NULL;
	if (g >= mm->size)
		return GUEST_FAULT;
	/* running to the end of the guest's space would let the host run
	 * on into emu's own memory: refused whole */
	bool clamped = len > mm->size - g;
	uint64_t end = clamped ? mm->size : g + len;
	void *p = mm->host + g;
	rd_lock(mm);
	uint64_t at = g;
	while (at < end) {
		const struct vma *v = lookup(mm, at);
		if (!v)
			break;
		if ((v->prot & prot) != prot) {
			p = GUEST_FAULT;
			break;
		}
		at = v->end;
	}
	if (at >= end && clamped)
		p = GUEST_FAULT;
	rd_unlock(mm);
	return p;
}

const char *guest_pass_str(const struct mm *mm, uint64_t g)
{
	const char *s = g ? guest_str(mm, g) : NULL;
	return s || !g ? s : GUEST_FAULT;
}

int mm_adopt(struct mm *mm, uint64_t start, uint64_t len, const struct vma *like,
	     uint64_t skip, const char *name)
{
	struct vma v = *like;
	v.start = start;
	v.end = start + PAGE_UP(len);
	if (!(v.flags & MAP_ANONYMOUS))
		v.offset += skip;
	v.name = name ? strdup(name) : NULL;
	enum mm_stale stale = changing(mm, v.start, v.end);
	int err = vma_clear(mm, v.start, v.end);
	if (!err)
		err = vma_insert(mm, vma_index(mm, v.start), &v);
	if (err) {
		free(v.name);
		return unchanged(mm, err);
	}
	vma_merge_around(mm, v.start, v.end);
	changed(mm, v.start, v.end, stale);
	logged(mm, "remap", v.start, v.end, v.prot, name);
	return 0;
}
