/* Building linux-vdso.so.1 with libelf, in memory, for one arch.
 *
 * Like the kernel's: ET_DYN linked at 0 and never relocated, one R+X PT_LOAD
 * from the ELF header on, a read-only PT_DYNAMIC, a PT_NOTE with the Linux
 * version, PT_GNU_EH_FRAME over .eh_frame_hdr/.eh_frame, .dynsym/.dynstr with
 * DT_HASH (musl reads only that) and DT_GNU_HASH (glibc prefers it), and
 * DT_VERSYM + DT_VERDEF (Go dereferences the verdef unconditionally).
 * File offset == address, so the image is mapped as it is. */
#include <elf.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../arch/arch.h"
#include "../mm/mm.h"
#include "vdso.h"

#define SONAME "linux-vdso.so.1"
#define TEXT_ALIGN 16

/* A growing byte buffer for one section. */
struct buf {
	uint8_t *p;
	size_t n, cap;
};

static void *put(struct buf *b, const void *src, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
	}
	void *at = b->p + b->n;
	if (src)
		memcpy(at, src, n);
	else
		memset(at, 0, n);
	b->n += n;
	return at;
}

static void put_u8(struct buf *b, uint8_t v) { put(b, &v, 1); }
static void put_u32(struct buf *b, uint32_t v) { put(b, &v, 4); }
static void pad(struct buf *b, size_t align) { while (b->n % align) put_u8(b, 0); }

static void put_uleb(struct buf *b, uint64_t v)
{
	do {
		uint8_t c = v & 0x7f;
		v >>= 7;
		put_u8(b, c | (v ? 0x80 : 0));
	} while (v);
}

static void put_sleb(struct buf *b, int64_t v)
{
	for (;;) {
		uint8_t c = v & 0x7f;
		v >>= 7;
		if ((v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40))) {
			put_u8(b, c);
			return;
		}
		put_u8(b, c | 0x80);
	}
}

static uint32_t sysv_hash(const char *s)
{
	uint32_t h = 0;
	for (; *s; s++) {
		h = (h << 4) + (uint8_t)*s;
		uint32_t g = h & 0xf0000000;
		h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

static uint32_t gnu_hash(const char *s)
{
	uint32_t h = 5381;
	for (; *s; s++)
		h = h * 33 + (uint8_t)*s;
	return h;
}

static size_t str_add(struct buf *strtab, const char *s)
{
	size_t at = strtab->n;
	put(strtab, s, strlen(s) + 1);
	return at;
}

/* The sections, in file order. */
enum { S_HASH = 1, S_GNU_HASH, S_DYNSYM, S_DYNSTR, S_VERSYM, S_VERDEF, S_NOTE, S_TEXT,
       S_EH_FRAME_HDR, S_EH_FRAME, S_DYNAMIC, S_SHSTRTAB, S_COUNT };

static const struct {
	const char *name;
	uint32_t type;
	uint64_t flags, align;
	Elf_Type dtype;
} sec_info[S_COUNT] = {
	[S_HASH] = { ".hash", SHT_HASH, SHF_ALLOC, 8, ELF_T_WORD },
	[S_GNU_HASH] = { ".gnu.hash", SHT_GNU_HASH, SHF_ALLOC, 8, ELF_T_BYTE },
	[S_DYNSYM] = { ".dynsym", SHT_DYNSYM, SHF_ALLOC, 8, ELF_T_SYM },
	[S_DYNSTR] = { ".dynstr", SHT_STRTAB, SHF_ALLOC, 1, ELF_T_BYTE },
	[S_VERSYM] = { ".gnu.version", SHT_GNU_versym, SHF_ALLOC, 2, ELF_T_HALF },
	[S_VERDEF] = { ".gnu.version_d", SHT_GNU_verdef, SHF_ALLOC, 8, ELF_T_BYTE },
	[S_NOTE] = { ".note", SHT_NOTE, SHF_ALLOC, 4, ELF_T_BYTE },
	[S_TEXT] = { ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, TEXT_ALIGN, ELF_T_BYTE },
	[S_EH_FRAME_HDR] = { ".eh_frame_hdr", SHT_PROGBITS, SHF_ALLOC, 4, ELF_T_BYTE },
	[S_EH_FRAME] = { ".eh_frame", SHT_PROGBITS, SHF_ALLOC, 8, ELF_T_BYTE },
	[S_DYNAMIC] = { ".dynamic", SHT_DYNAMIC, SHF_ALLOC, 8, ELF_T_DYN },
	[S_SHSTRTAB] = { ".shstrtab", SHT_STRTAB, 0, 1, ELF_T_BYTE },
};

struct builder {
	const struct arch *arch;
	struct buf sec[S_COUNT];
	uint64_t addr[S_COUNT];		/* == file offset */
	struct func_code { uint64_t start, len; int signal_frame; } *code;
	size_t ncode;
};

/* .text: one piece of code per export that is not an alias. */
static void build_text(struct builder *b, struct vdso_sym *syms)
{
	const struct arch *a = b->arch;
	b->code = calloc(a->nvdso_exports, sizeof(*b->code));
	for (size_t i = 0; i < a->nvdso_exports; i++) {
		const struct vdso_export *e = &a->vdso_exports[i];
		syms[i].name = e->name;
		if (e->alias) {
			syms[i].addr = syms[i - 1].addr;
			syms[i].func = syms[i - 1].func;
			continue;
		}
		pad(&b->sec[S_TEXT], TEXT_ALIGN);
		uint64_t start = b->sec[S_TEXT].n;
		if (e->func) {
			put(&b->sec[S_TEXT], a->trap_stub, a->trap_stub_len);
			syms[i].func = vdso_func(e->func);
		} else {
			put(&b->sec[S_TEXT], e->code, e->code_len);
		}
		syms[i].addr = start + e->code_skip;	/* relative to .text for now */
		b->code[b->ncode++] = (struct func_code){ start, b->sec[S_TEXT].n - start, e->signal_frame };
	}
}

/* .eh_frame: a CIE for plain functions, one for the signal trampoline, an
 * FDE per piece of code; .eh_frame_hdr: the sorted lookup table. */
static void build_eh_frame(struct builder *b, uint64_t text_addr, uint64_t eh_addr, uint64_t hdr_addr)
{
	const struct arch_cfi *c = &b->arch->cfi;
	struct buf *eh = &b->sec[S_EH_FRAME];
	uint32_t cie_at[2];
	for (int sig = 0; sig < 2; sig++) {
		cie_at[sig] = eh->n;
		size_t len_at = eh->n;
		put_u32(eh, 0);			/* length, patched below */
		put_u32(eh, 0);			/* CIE id */
		put_u8(eh, 1);			/* version */
		put(eh, sig ? "zRS" : "zR", sig ? 4 : 3);
		put_uleb(eh, c->code_align);
		put_sleb(eh, c->data_align);
		put_uleb(eh, sig ? 64 : c->ra_column);
		put_uleb(eh, 1);		/* augmentation data: */
		put_u8(eh, 0x1b);		/* FDE pointers are pcrel sdata4 */
		if (!sig)
			put(eh, c->init, c->init_len);
		pad(eh, 8);
		*(uint32_t *)(eh->p + len_at) = eh->n - len_at - 4;
		if (!b->arch->sigframe_cfi)
			break;
	}
	uint32_t (*table)[2] = calloc(b->ncode, sizeof(*table));
	for (size_t i = 0; i < b->ncode; i++) {
		const struct func_code *f = &b->code[i];
		size_t at = eh->n;
		put_u32(eh, 0);
		put_u32(eh, at + 4 - cie_at[f->signal_frame]);	/* back to the CIE */
		int32_t pc = (int32_t)(text_addr + f->start - (eh_addr + eh->n));
		put_u32(eh, pc);
		put_u32(eh, f->len);
		put_uleb(eh, 0);		/* no augmentation data */
		if (f->signal_frame) {
			uint8_t cfi[512];
			put(eh, cfi, b->arch->sigframe_cfi(cfi));
		}
		pad(eh, 8);
		*(uint32_t *)(eh->p + at) = eh->n - at - 4;
		table[i][0] = text_addr + f->start - hdr_addr;
		table[i][1] = eh_addr + at - hdr_addr;
	}
	put_u32(eh, 0);				/* terminator */

	struct buf *h = &b->sec[S_EH_FRAME_HDR];
	put_u8(h, 1);				/* version */
	put_u8(h, 0x1b);			/* eh_frame_ptr: pcrel sdata4 */
	put_u8(h, 0x03);			/* fde_count: udata4 */
	put_u8(h, 0x3b);			/* table: datarel sdata4 */
	put_u32(h, (uint32_t)(eh_addr - (hdr_addr + 4)));
	put_u32(h, b->ncode);
	put(h, table, b->ncode * sizeof(*table));	/* code is laid out in order */
	free(table);
}

static int cmp_bucket(const void *x, const void *y, void *nb)
{
	const struct vdso_sym *a = x, *b = y;
	uint32_t ba = gnu_hash(a->name) % *(uint32_t *)nb, bb = gnu_hash(b->name) % *(uint32_t *)nb;
	return (ba > bb) - (ba < bb);
}

/* .dynsym, .dynstr, both hash tables and the version sections. */
static void build_symbols(struct builder *b, struct vdso_sym *syms, size_t n, uint64_t text_addr,
			  size_t *soname_at)
{
	struct buf *str = &b->sec[S_DYNSTR];
	put_u8(str, 0);
	*soname_at = str_add(str, SONAME);
	size_t ver_at = str_add(str, b->arch->vdso_version);

	/* GNU hash wants the symbols grouped by bucket. */
	uint32_t nbuckets = n / 4 + 1;
	qsort_r(syms, n, sizeof(*syms), cmp_bucket, &nbuckets);

	Elf64_Sym *sym = put(&b->sec[S_DYNSYM], NULL, sizeof(*sym));
	for (size_t i = 0; i < n; i++) {
		const struct vdso_export *e = NULL;
		for (size_t k = 0; k < b->arch->nvdso_exports; k++)
			if (!strcmp(b->arch->vdso_exports[k].name, syms[i].name))
				e = &b->arch->vdso_exports[k];
		syms[i].addr += text_addr;
		sym = put(&b->sec[S_DYNSYM], NULL, sizeof(*sym));
		sym->st_name = str_add(str, syms[i].name);
		sym->st_info = ELF64_ST_INFO(e->alias ? STB_WEAK : STB_GLOBAL, STT_FUNC);
		sym->st_shndx = S_TEXT;
		sym->st_value = syms[i].addr;
		sym->st_size = e->func || e->alias ? b->arch->trap_stub_len : e->code_len - e->code_skip;
	}
	size_t nsym = n + 1;

	/* DT_HASH */
	/* one put per table: a later put may move the buffer */
	uint32_t nb = nsym / 2 + 1;
	uint32_t *t = put(&b->sec[S_HASH], NULL, 4 * (2 + nb + nsym));
	uint32_t *bucket = t + 2, *chain = bucket + nb;
	t[0] = nb;
	t[1] = nsym;
	for (size_t i = 1; i < nsym; i++) {
		uint32_t h = sysv_hash(syms[i - 1].name) % nb;
		chain[i] = bucket[h];
		bucket[h] = i;
	}

	/* DT_GNU_HASH: one 64-bit bloom word is plenty for a dozen names. */
	const uint32_t shift = 6;
	uint32_t *gh = put(&b->sec[S_GNU_HASH], NULL, 16 + 8 + 4 * (nbuckets + n));
	gh[0] = nbuckets;
	gh[1] = 1;				/* symoffset: all but the null symbol */
	gh[2] = 1;				/* bloom words */
	gh[3] = shift;
	uint64_t *bloom = (uint64_t *)(gh + 4);
	uint32_t *gb = gh + 6, *gc = gb + nbuckets;
	for (size_t i = 0; i < n; i++) {
		uint32_t h = gnu_hash(syms[i].name), k = h % nbuckets;
		*bloom |= 1ULL << (h % 64) | 1ULL << ((h >> shift) % 64);
		if (!gb[k])
			gb[k] = i + 1;
		gc[i] = h & ~1U;
		if (i + 1 == n || gnu_hash(syms[i + 1].name) % nbuckets != k)
			gc[i] |= 1;			/* last of its bucket */
	}

	/* Every symbol is in version 2, the arch's LINUX_*; 1 is the file. */
	put(&b->sec[S_VERSYM], (uint16_t[]){ 0 }, 2);
	for (size_t i = 0; i < n; i++)
		put(&b->sec[S_VERSYM], (uint16_t[]){ 2 }, 2);
	const char *vname[2] = { SONAME, b->arch->vdso_version };
	size_t vstr[2] = { *soname_at, ver_at };
	for (int v = 0; v < 2; v++) {
		Elf64_Verdef d = { .vd_version = VER_DEF_CURRENT, .vd_flags = v ? 0 : VER_FLG_BASE,
				   .vd_ndx = v + 1, .vd_cnt = 1, .vd_hash = sysv_hash(vname[v]),
				   .vd_aux = sizeof(Elf64_Verdef),
				   .vd_next = v ? 0 : sizeof(Elf64_Verdef) + sizeof(Elf64_Verdaux) };
		Elf64_Verdaux x = { .vda_name = vstr[v], .vda_next = 0 };
		put(&b->sec[S_VERDEF], &d, sizeof(d));
		put(&b->sec[S_VERDEF], &x, sizeof(x));
	}
}

static void build_note(struct builder *b)
{
	/* ELF_NOTE(Linux, 0, LINUX_VERSION_CODE) of the kernel the guest sees */
	struct utsname u;
	unsigned maj = 0, min = 0, pat = 0;
	if (uname(&u) == 0)
		sscanf(u.release, "%u.%u.%u", &maj, &min, &pat);
	struct buf *n = &b->sec[S_NOTE];
	put_u32(n, 6);
	put_u32(n, 4);
	put_u32(n, 0);
	put(n, "Linux\0\0", 8);
	put_u32(n, (maj << 16) + (min << 8) + (pat > 255 ? 255 : pat));
}

static void build_dynamic(struct builder *b, size_t soname_at, size_t nsym)
{
	const Elf64_Dyn dyn[] = {
		{ DT_SONAME, { soname_at } },
		{ DT_HASH, { b->addr[S_HASH] } },
		{ DT_GNU_HASH, { b->addr[S_GNU_HASH] } },
		{ DT_STRTAB, { b->addr[S_DYNSTR] } },
		{ DT_SYMTAB, { b->addr[S_DYNSYM] } },
		{ DT_STRSZ, { b->sec[S_DYNSTR].n } },
		{ DT_SYMENT, { sizeof(Elf64_Sym) } },
		{ DT_VERSYM, { b->addr[S_VERSYM] } },
		{ DT_VERDEF, { b->addr[S_VERDEF] } },
		{ DT_VERDEFNUM, { 2 } },
		{ DT_NULL, { 0 } },
	};
	(void)nsym;
	put(&b->sec[S_DYNAMIC], dyn, sizeof(dyn));
}

static int write_elf(struct builder *b, struct vdso_image *img, uint64_t load_end)
{
	int fd = memfd_create("linux-vdso.so.1", MFD_CLOEXEC);
	Elf *e = fd >= 0 ? elf_begin(fd, ELF_C_WRITE, NULL) : NULL;
	if (!e)
		goto fail;
	elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
	Elf64_Ehdr *eh = elf64_newehdr(e);
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_DYN;
	eh->e_machine = b->arch->e_machine;
	eh->e_version = EV_CURRENT;
	eh->e_flags = b->arch->elf_flags;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_shstrndx = S_SHSTRTAB;
	Elf64_Phdr *ph = elf64_newphdr(e, 4);
	ph[0] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, 0, 0, load_end, load_end, GUEST_PAGE };
	ph[1] = (Elf64_Phdr){ PT_DYNAMIC, PF_R, b->addr[S_DYNAMIC], b->addr[S_DYNAMIC],
			      b->addr[S_DYNAMIC], b->sec[S_DYNAMIC].n, b->sec[S_DYNAMIC].n, 8 };
	ph[2] = (Elf64_Phdr){ PT_NOTE, PF_R, b->addr[S_NOTE], b->addr[S_NOTE], b->addr[S_NOTE],
			      b->sec[S_NOTE].n, b->sec[S_NOTE].n, 4 };
	ph[3] = (Elf64_Phdr){ PT_GNU_EH_FRAME, PF_R, b->addr[S_EH_FRAME_HDR], b->addr[S_EH_FRAME_HDR],
			      b->addr[S_EH_FRAME_HDR], b->sec[S_EH_FRAME_HDR].n,
			      b->sec[S_EH_FRAME_HDR].n, 4 };
	uint64_t end = 0;
	for (int s = 1; s < S_COUNT; s++) {
		Elf_Scn *scn = elf_newscn(e);
		Elf_Data *d = elf_newdata(scn);
		d->d_buf = b->sec[s].p;
		d->d_size = b->sec[s].n;
		d->d_type = sec_info[s].dtype;
		d->d_align = sec_info[s].align;
		d->d_version = EV_CURRENT;
		Elf64_Shdr *sh = elf64_getshdr(scn);
		sh->sh_name = 0;
		sh->sh_type = sec_info[s].type;
		sh->sh_flags = sec_info[s].flags;
		sh->sh_addr = sec_info[s].flags & SHF_ALLOC ? b->addr[s] : 0;
		sh->sh_offset = b->addr[s];
		sh->sh_size = b->sec[s].n;
		sh->sh_addralign = sec_info[s].align;
		if (s == S_HASH || s == S_GNU_HASH || s == S_DYNSYM || s == S_VERSYM || s == S_DYNAMIC)
			sh->sh_link = s == S_DYNSYM || s == S_DYNAMIC ? S_DYNSTR : S_DYNSYM;
		if (s == S_VERDEF) {
			sh->sh_link = S_DYNSTR;
			sh->sh_info = 2;
		}
		if (s == S_DYNSYM) {
			sh->sh_info = 1;	/* first global symbol */
			sh->sh_entsize = sizeof(Elf64_Sym);
		}
		if (s == S_HASH)
			sh->sh_entsize = 4;
		if (s == S_VERSYM)
			sh->sh_entsize = 2;
		if (s == S_DYNAMIC)
			sh->sh_entsize = sizeof(Elf64_Dyn);
		if (b->addr[s] + b->sec[s].n > end)
			end = b->addr[s] + b->sec[s].n;
	}
	/* section names: .shstrtab was filled in order, so name i is at its offset */
	size_t off = 1;
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		Elf64_Shdr *sh = elf64_getshdr(scn);
		sh->sh_name = off;
		off += strlen((char *)b->sec[S_SHSTRTAB].p + off) + 1;
	}
	eh->e_shoff = (end + 7) & ~7ULL;
	if (elf_update(e, ELF_C_WRITE) < 0)
		goto fail;
	elf_end(e);
	e = NULL;
	off_t size = lseek(fd, 0, SEEK_END);
	img->size = PAGE_UP(size);
	img->data = calloc(1, img->size);
	if (pread(fd, img->data, size, 0) != size)
		goto fail;
	close(fd);
	return 0;
fail:
	fprintf(stderr, "emu: cannot build the vDSO: %s\n", elf_errmsg(-1));
	if (e)
		elf_end(e);
	if (fd >= 0)
		close(fd);
	return -1;
}

int vdso_build(const void *arch_, struct vdso_image *img)
{
	const struct arch *arch = arch_;
	struct builder b = { .arch = arch };
	memset(img, 0, sizeof(*img));
	elf_version(EV_CURRENT);

	size_t n = arch->nvdso_exports;
	img->syms = calloc(n, sizeof(*img->syms));
	img->nsyms = n;
	build_text(&b, img->syms);
	build_note(&b);
	put_u8(&b.sec[S_SHSTRTAB], 0);
	for (int s = 1; s < S_COUNT; s++)
		str_add(&b.sec[S_SHSTRTAB], sec_info[s].name);

	/* Lay out in file order; the symbol tables need .text's address and
	 * .eh_frame its own, so those sizes are known before their contents. */
	size_t soname_at;
	uint64_t at = sizeof(Elf64_Ehdr) + 4 * sizeof(Elf64_Phdr);
	struct vdso_sym *tmp = malloc(n * sizeof(*tmp));
	memcpy(tmp, img->syms, n * sizeof(*tmp));
	/* Symbol sections do not depend on addresses for their size. */
	struct builder sizing = { .arch = arch };
	build_symbols(&sizing, tmp, n, 0, &soname_at);
	for (int s = S_HASH; s <= S_VERDEF; s++) {
		at = (at + sec_info[s].align - 1) & ~(sec_info[s].align - 1);
		b.addr[s] = at;
		at += sizing.sec[s].n;
	}
	at = (at + 3) & ~3ULL;
	b.addr[S_NOTE] = at;
	at += b.sec[S_NOTE].n;
	at = (at + TEXT_ALIGN - 1) & ~(uint64_t)(TEXT_ALIGN - 1);
	b.addr[S_TEXT] = at;
	at += b.sec[S_TEXT].n;
	at = (at + 3) & ~3ULL;
	b.addr[S_EH_FRAME_HDR] = at;
	at += 12 + 8 * b.ncode;
	at = (at + 7) & ~7ULL;
	b.addr[S_EH_FRAME] = at;
	build_symbols(&b, img->syms, n, b.addr[S_TEXT], &soname_at);
	build_eh_frame(&b, b.addr[S_TEXT], b.addr[S_EH_FRAME], b.addr[S_EH_FRAME_HDR]);
	at += b.sec[S_EH_FRAME].n;
	at = (at + 7) & ~7ULL;
	b.addr[S_DYNAMIC] = at;
	build_dynamic(&b, soname_at, n + 1);
	at += b.sec[S_DYNAMIC].n;
	uint64_t load_end = at;
	b.addr[S_SHSTRTAB] = at;

	int r = write_elf(&b, img, load_end);
	for (int s = 0; s < S_COUNT; s++) {
		free(b.sec[s].p);
		free(sizing.sec[s].p);
	}
	free(b.code);
	free(sizing.code);
	free(tmp);
	return r;
}

void vdso_image_free(struct vdso_image *img)
{
	free(img->data);
	free(img->syms);
	memset(img, 0, sizeof(*img));
}
