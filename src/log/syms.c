/* The guest's objects and their symbols, read with libelf as each is
 * mapped: .symtab where the file has one, else .dynsym and the symbols of
 * its separate debug file (/usr/lib/debug/.build-id/, as gdb finds it).
 * Also the facts --show-startup reports of each: relocations by type,
 * IRELATIVE resolvers, init arrays, TLS and RELRO. */
#include "logint.h"

#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../arch/arch.h"
#include "../task/sched.h"

static int by_addr(const void *a, const void *b)
{
	const struct log_sym *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* the one shown first: sized, global before weak before local, then
	 * the name with fewer leading underscores, the shorter name */
	if (!!x->size != !!y->size)
		return x->size ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	size_t ux = strspn(x->name, "_"), uy = strspn(y->name, "_");
	if (ux != uy)
		return ux < uy ? -1 : 1;
	size_t lx = strlen(x->name), ly = strlen(y->name);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x->name, y->name);
}

/* A name worth showing: not a mapping symbol ($x, $d) or a local label. */
static bool showable(const char *name, const GElf_Sym *s)
{
	int type = GELF_ST_TYPE(s->st_info);
	if (!name || !*name || s->st_shndx == SHN_UNDEF || !s->st_value)
		return false;
	if (name[0] == '$' || (name[0] == '.' && name[1] == 'L'))
		return false;
	return type == STT_FUNC || type == STT_GNU_IFUNC || type == STT_NOTYPE || type == STT_OBJECT;
}

struct names {
	struct log_sym *syms;
	size_t n, cap;
	char **blobs;
	size_t nblobs;
};

/* Every symbol of the SYMTAB or DYNSYM sections of e, at bias. */
static void read_symbols(Elf *e, Elf64_Word want, uint64_t bias, struct names *out)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != want || !sh.sh_entsize)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t n = d ? sh.sh_size / sh.sh_entsize : 0, len = 0;
		for (size_t i = 1; i < n; i++) {
			GElf_Sym s;
			const char *name;
			if (gelf_getsym(d, i, &s) && showable(name = elf_strptr(e, sh.sh_link, s.st_name), &s))
				len += strlen(name) + 1;
		}
		char *blob = len ? malloc(len) : NULL, **nb;
		if (!blob || !(nb = realloc(out->blobs, (out->nblobs + 1) * sizeof(*nb)))) {
			free(blob);
			continue;
		}
		out->blobs = nb;
		out->blobs[out->nblobs++] = blob;
		for (size_t i = 1; i < n; i++) {
			GElf_Sym s;
			const char *name;
			if (!gelf_getsym(d, i, &s) || !showable(name = elf_strptr(e, sh.sh_link, s.st_name), &s))
				continue;
			if (out->n == out->cap) {
				size_t cap = out->cap ? out->cap * 2 : 256;
				struct log_sym *ns = realloc(out->syms, cap * sizeof(*ns));
				if (!ns)
					return;
				out->syms = ns;
				out->cap = cap;
			}
			size_t l = strlen(name) + 1;
			memcpy(blob, name, l);
			/* a symbol@version keeps its plain name */
			char *at = strchr(blob, '@');
			if (at)
				*at = 0;
			int bind = GELF_ST_BIND(s.st_info);
			out->syms[out->n++] = (struct log_sym){ s.st_value + bias, s.st_size, blob,
				GELF_ST_TYPE(s.st_info) == STT_GNU_IFUNC,
				bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2 };
			blob += l;
		}
	}
}

static bool has_section(Elf *e, Elf64_Word type)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == type)
			return true;
	return false;
}

/* The separate debug file named by the build id, if installed. */
static int debug_file(Elf *e)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		GElf_Nhdr nh;
		size_t off = 0, name_off, desc_off;
		while (d && (off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
			if (nh.n_type != NT_GNU_BUILD_ID || nh.n_namesz != 4 || nh.n_descsz < 2 ||
			    nh.n_descsz > 64 || memcmp((char *)d->d_buf + name_off, "GNU", 4))
				continue;
			const uint8_t *id = (const uint8_t *)d->d_buf + desc_off;
			char path[256];
			int k = snprintf(path, sizeof(path), "/usr/lib/debug/.build-id/%02x/", id[0]);
			for (size_t i = 1; i < nh.n_descsz; i++)
				k += snprintf(path + k, sizeof(path) - k, "%02x", id[i]);
			snprintf(path + k, sizeof(path) - k, ".debug");
			return open(path, O_RDONLY | O_CLOEXEC);
		}
	}
	return -1;
}

static void count_rel(struct log_obj *o, uint32_t type)
{
	o->rel_total++;
	for (unsigned i = 0; i < o->nrel; i++)
		if (o->rel[i].type == type) {
			o->rel[i].n++;
			return;
		}
	if (o->nrel < sizeof(o->rel) / sizeof(o->rel[0]))
		o->rel[o->nrel++] = (struct log_rel){ type, 1 };
}

/* Relocations by type, and the IRELATIVE resolvers (their addends). */
static void read_relocs(Elf *e, struct log_obj *o, const struct arch *arch)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC) || !sh.sh_entsize)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t n = d ? sh.sh_size / sh.sh_entsize : 0;
		if (sh.sh_type == SHT_RELR) {
			/* an address word, then bitmaps of 63 more */
			for (size_t i = 0; i < n; i++) {
				uint64_t w = ((const uint64_t *)d->d_buf)[i];
				o->relr += w & 1 ? __builtin_popcountll(w) - 1 : 1;
			}
			o->rel_total += o->relr;
			continue;
		}
		for (size_t i = 0; i < n && (sh.sh_type == SHT_RELA || sh.sh_type == SHT_REL); i++) {
			GElf_Rela r = { 0 };
			GElf_Rel rl;
			if (sh.sh_type == SHT_RELA ? !gelf_getrela(d, i, &r)
						   : !(gelf_getrel(d, i, &rl) && (r.r_info = rl.r_info, 1)))
				continue;
			uint32_t type = GELF_R_TYPE(r.r_info);
			count_rel(o, type);
			if (type == arch->log->r_irelative) {
				uint64_t *ni = realloc(o->irelative, (o->nirelative + 1) * sizeof(*ni));
				if (ni) {
					o->irelative = ni;
					ni[o->nirelative++] = r.r_addend + o->bias;
				}
			}
		}
	}
}

/* Program headers and sections: the span, RELRO, TLS, the init arrays. */
static void read_layout(Elf *e, struct log_obj *o)
{
	size_t n;
	uint64_t lo = UINT64_MAX, hi = 0;
	if (!elf_getphdrnum(e, &n)) {
		for (size_t i = 0; i < n; i++) {
			GElf_Phdr ph;
			if (!gelf_getphdr(e, i, &ph))
				continue;
			if (ph.p_type == PT_LOAD) {
				if (ph.p_vaddr < lo)
					lo = ph.p_vaddr;
				if (ph.p_vaddr + ph.p_memsz > hi)
					hi = ph.p_vaddr + ph.p_memsz;
			} else if (ph.p_type == PT_DYNAMIC) {
				o->dynamic = ph.p_vaddr + o->bias;
			} else if (ph.p_type == PT_GNU_RELRO) {
				o->relro = ph.p_vaddr + o->bias;
				o->relro_size = ph.p_memsz;
			} else if (ph.p_type == PT_TLS) {
				o->tls_memsz = ph.p_memsz;
				o->tls_align = ph.p_align;
			}
		}
	}
	if (lo < hi) {
		o->start = (lo & ~4095ULL) + o->bias;
		o->end = ((hi + 4095) & ~4095ULL) + o->bias;
	}
	size_t shstr;
	Elf_Scn *scn = NULL;
	if (elf_getshdrstrndx(e, &shstr))
		return;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		const char *name = elf_strptr(e, shstr, sh.sh_name);
		if (sh.sh_type == SHT_INIT_ARRAY) {
			o->init_array = sh.sh_addr + o->bias;
			o->init_array_size = sh.sh_size;
		} else if (sh.sh_type == SHT_PREINIT_ARRAY) {
			o->preinit_array = sh.sh_addr + o->bias;
			o->preinit_array_size = sh.sh_size;
		} else if (name && !strcmp(name, ".init") && (sh.sh_flags & SHF_EXECINSTR)) {
			o->init = sh.sh_addr + o->bias;
		}
	}
}

static struct log_obj *obj_new(struct emu_log *lg, const char *path, uint64_t bias,
			       enum log_obj_kind kind)
{
	struct log_obj *o = calloc(1, sizeof(*o)), **no;
	if (!o || !(o->path = strdup(path)) ||
	    !(no = realloc(lg->objs, (lg->nobjs + 1) * sizeof(*no)))) {
		if (o)
			free(o->path);
		free(o);
		return NULL;
	}
	lg->objs = no;
	const char *slash = strrchr(o->path, '/');
	o->name = slash ? slash + 1 : o->path;
	o->kind = kind;
	o->bias = bias;
	return o;
}

static void obj_free(struct log_obj *o)
{
	free(o->syms);
	free(o->strs);
	free(o->irelative);
	free(o->path);
	free(o);
}

/* The object replaces any it overlaps: their pages are gone. */
static struct log_obj *obj_read(struct emu_log *lg, struct log_obj *o, Elf *e)
{
	const struct arch *arch = lg->p->arch;
	GElf_Ehdr eh;
	if (!gelf_getehdr(e, &eh) || eh.e_machine != arch->e_machine) {
		obj_free(o);
		return NULL;
	}
	read_layout(e, o);
	read_relocs(e, o, arch);
	struct names nm = { 0 };
	if (has_section(e, SHT_SYMTAB)) {
		read_symbols(e, SHT_SYMTAB, o->bias, &nm);
	} else {
		read_symbols(e, SHT_DYNSYM, o->bias, &nm);
		int dfd = o->kind == LOG_OBJ_VDSO ? -1 : debug_file(e);
		Elf *de = dfd >= 0 ? elf_begin(dfd, ELF_C_READ_MMAP, NULL) : NULL;
		if (de) {
			read_symbols(de, SHT_SYMTAB, o->bias, &nm);
			o->debug_file = true;
			elf_end(de);
		}
		if (dfd >= 0)
			close(dfd);
	}
	qsort(nm.syms, nm.n, sizeof(*nm.syms), by_addr);
	o->syms = nm.syms;
	o->nsyms = nm.n;
	/* one blob to free: the names move into it */
	size_t len = 0;
	for (size_t i = 0; i < nm.n; i++)
		len += strlen(nm.syms[i].name) + 1;
	char *s = o->strs = malloc(len + 1);
	for (size_t i = 0; s && i < nm.n; i++) {
		size_t l = strlen(nm.syms[i].name) + 1;
		memcpy(s, nm.syms[i].name, l);
		nm.syms[i].name = s;
		s += l;
	}
	for (size_t i = 0; i < nm.nblobs; i++)
		free(nm.blobs[i]);
	free(nm.blobs);
	if (!o->strs)
		o->nsyms = 0;
	for (unsigned i = 0; i < lg->nobjs;) {
		struct log_obj *old = lg->objs[i];
		if (old->start < o->end && o->start < old->end) {
			obj_free(old);
			lg->objs[i] = lg->objs[--lg->nobjs];
		} else {
			i++;
		}
	}
	lg->objs[lg->nobjs++] = o;
	return o;
}

/* o read from e, both ended here; NULL if either is missing. */
static struct log_obj *obj_from(struct emu_log *lg, struct log_obj *o, Elf *e)
{
	if (o && e)
		o = obj_read(lg, o, e);
	else if (o)
		obj_free(o), o = NULL;
	if (e)
		elf_end(e);
	return o;
}

struct log_obj *syms_add_file(struct emu_log *lg, const char *path, int fd, uint64_t bias,
			      enum log_obj_kind kind)
{
	struct log_obj *o = obj_new(lg, path, bias, kind);
	return obj_from(lg, o, o ? elf_begin(fd, ELF_C_READ_MMAP, NULL) : NULL);
}

struct log_obj *syms_add_image(struct emu_log *lg, const char *name, const void *image,
			       uint64_t size, uint64_t base)
{
	struct log_obj *o = obj_new(lg, name, base, LOG_OBJ_VDSO);
	return obj_from(lg, o, o ? elf_memory((char *)image, size) : NULL);
}

struct log_obj *syms_obj_at(struct emu_log *lg, uint64_t addr)
{
	for (unsigned i = 0; i < lg->nobjs; i++)
		if (addr >= lg->objs[i]->start && addr < lg->objs[i]->end)
			return lg->objs[i];
	return NULL;
}

const struct log_sym *syms_at(const struct log_obj *o, uint64_t addr)
{
	size_t lo = 0, hi = o->nsyms;
	while (lo < hi) {	/* the first symbol above addr */
		size_t mid = (lo + hi) / 2;
		if (o->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	/* of those at the same address, the first is the one to show */
	const struct log_sym *s = &o->syms[lo - 1];
	while (s > o->syms && s[-1].addr == s->addr)
		s--;
	return s;
}

const char *syms_name(struct emu_log *lg, uint64_t addr, char *buf, size_t size)
{
	struct log_obj *o = syms_obj_at(lg, addr);
	const struct log_sym *s = o ? syms_at(o, addr) : NULL;
	if (s && s->size && addr >= s->addr + s->size)
		s = NULL;	/* past its end: in something nameless */
	if (s && addr == s->addr)
		snprintf(buf, size, "%s", s->name);
	else if (s)
		snprintf(buf, size, "%s+0x%llx", s->name, (unsigned long long)(addr - s->addr));
	else if (o)
		snprintf(buf, size, "%s+0x%llx", o->name, (unsigned long long)(addr - o->bias));
	else
		buf[0] = 0;
	return buf;
}

uint64_t syms_lookup(struct emu_log *lg, const char *name, struct log_obj **in)
{
	for (unsigned i = 0; i < lg->nobjs; i++)
		for (size_t k = 0; k < lg->objs[i]->nsyms; k++)
			if (!strcmp(lg->objs[i]->syms[k].name, name)) {
				if (in)
					*in = lg->objs[i];
				return lg->objs[i]->syms[k].addr;
			}
	return 0;
}

void syms_free(struct emu_log *lg)
{
	for (unsigned i = 0; i < lg->nobjs; i++)
		obj_free(lg->objs[i]);
	free(lg->objs);
	lg->objs = NULL;
	lg->nobjs = 0;
}
