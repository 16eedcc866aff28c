/* Binding a library to the host: when the guest maps a shared object of
 * a --host-lib family, each function the table has gets its dynamic
 * symbol (the library's default version of the name) pointed at the
 * function's stub, in the guest's own copy of .dynsym, before ld.so reads
 * it.  ld.so then binds every reference to the stub, unchanged; an IFUNC
 * becomes a plain function (the host chose its own implementation).  The
 * file is untouched, and so is the library's code: its calls to itself
 * stay emulated.  libc also tells where errno lives. */
#include <elf.h>
#include <gelf.h>
#include <libelf.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "hostcall_int.h"

static const struct { const char *soname; uint8_t lib; } families[] = {
	{ "libm.so.6", HL_LIBM }, { "libz.so.1", HL_LIBZ }, { "libc.so.6", HL_LIBC },
};

/* The rows by name, for bsearch. */
static const struct hostcall **by_name;
static pthread_once_t sorted = PTHREAD_ONCE_INIT;

static int cmp_rows(const void *x, const void *y)
{
	const struct hostcall *a = *(const struct hostcall *const *)x, *b = *(const struct hostcall *const *)y;
	int c = strcmp(a->name, b->name);
	return c ? c : a->lib - b->lib;
}

static void sort_rows(void)
{
	by_name = malloc(hostcall_count * sizeof(*by_name));
	for (unsigned i = 0; i < hostcall_count; i++)
		by_name[i] = &hostcall_table[i];
	qsort(by_name, hostcall_count, sizeof(*by_name), cmp_rows);
}

static const struct hostcall *row(const char *name, unsigned lib)
{
	struct hostcall key = { .name = name, .lib = lib };
	const struct hostcall *k = &key, **r = bsearch(&k, by_name, hostcall_count, sizeof(*by_name), cmp_rows);
	return r ? *r : NULL;
}

/* libc's GOT slot that __errno_location reads errno's TP offset from: the
 * arch's TPOFF relocation of the errno symbol (or of its offset). */
static void find_errno(struct hostcall_state *s, const struct arch *a, Elf *e, Elf_Scn *dynsym,
		       uint64_t base)
{
	GElf_Shdr sh;
	gelf_getshdr(dynsym, &sh);
	Elf_Data *d = elf_getdata(dynsym, NULL);
	size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0, idx = 0;
	GElf_Sym sym, errno_sym = { 0 };
	for (size_t i = 1; i < n && !idx; i++)
		if (gelf_getsym(d, i, &sym) && GELF_ST_TYPE(sym.st_info) == STT_TLS &&
		    !strcmp(elf_strptr(e, sh.sh_link, sym.st_name), "errno"))
			idx = i, errno_sym = sym;
	if (!idx)
		return;
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr rsh;
		if (!gelf_getshdr(scn, &rsh) || rsh.sh_type != SHT_RELA)
			continue;
		Elf_Data *rd = elf_getdata(scn, NULL);
		for (size_t i = 0; rd && rsh.sh_entsize && i < rsh.sh_size / rsh.sh_entsize; i++) {
			GElf_Rela r;
			if (!gelf_getrela(rd, i, &r) || GELF_R_TYPE(r.r_info) != a->hostcall->r_tpoff)
				continue;
			size_t rs = GELF_R_SYM(r.r_info);
			if ((rs == idx && r.r_addend == 0) ||
			    (rs == 0 && (uint64_t)r.r_addend == errno_sym.st_value)) {
				s->errno_slot = base + r.r_offset;
				return;
			}
		}
	}
}

/* A name the arch leaves to the guest's library: a stem of guest_only
 * with nothing or a float suffix after it. */
static bool guest_only(const struct arch *a, const char *name)
{
	static const char *const sfx[] = { "", "f", "f32", "f64", "f32x" };
	for (const char *const *g = a->hostcall->guest_only; g && *g; g++) {
		size_t n = strlen(*g);
		for (size_t i = 0; !strncmp(name, *g, n) && i < sizeof(sfx) / sizeof(sfx[0]); i++)
			if (!strcmp(name + n, sfx[i]))
				return true;
	}
	return false;
}

/* Point the family's functions at their stubs. */
static void redirect(struct task *t, Elf *e, Elf_Scn *dynsym, Elf_Scn *versym, unsigned lib,
		     uint64_t addr, uint64_t len, uint64_t base)
{
	struct mm *mm = t->process->mm;
	const struct hostcall_state *s = t->process->hc;
	GElf_Shdr sh;
	gelf_getshdr(dynsym, &sh);
	Elf_Data *d = elf_getdata(dynsym, NULL), *vd = versym ? elf_getdata(versym, NULL) : NULL;
	size_t n = sh.sh_entsize == sizeof(Elf64_Sym) ? sh.sh_size / sh.sh_entsize : 0;
	if (sh.sh_offset + n * sizeof(Elf64_Sym) > len)
		return;		/* not in what was mapped: not a library as ld.so maps one */
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		if (!gelf_getsym(d, i, &sym) || sym.st_shndx == SHN_UNDEF ||
		    (GELF_ST_TYPE(sym.st_info) != STT_FUNC && GELF_ST_TYPE(sym.st_info) != STT_GNU_IFUNC))
			continue;
		if (vd && (i + 1) * 2 <= vd->d_size && (((uint16_t *)vd->d_buf)[i] & 0x8000))
			continue;	/* an older, hidden version of the name */
		const struct hostcall *h = row(elf_strptr(e, sh.sh_link, sym.st_name), lib);
		if (!h || guest_only(t->process->arch, h->name))
			continue;
		Elf64_Sym *live = (Elf64_Sym *)(mm->host + addr + sh.sh_offset) + i;
		live->st_info = ELF64_ST_INFO(GELF_ST_BIND(sym.st_info), STT_FUNC);
		live->st_value = s->stubs + (h - hostcall_table) * HC_SLOT - base;
	}
}

void hostcall_mapped(struct task *t, int fd, uint64_t addr, uint64_t len, uint64_t off)
{
	struct hostcall_state *s = t->process->hc;
	const struct arch *a = t->process->arch;
	if (!s || off)
		return;		/* .dynsym is in what offset 0 maps */
	pthread_once(&sorted, sort_rows);
	elf_version(EV_CURRENT);
	Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	GElf_Ehdr eh;
	size_t nph;
	if (!e || !gelf_getehdr(e, &eh) || eh.e_type != ET_DYN || eh.e_machine != a->e_machine ||
	    elf_getphdrnum(e, &nph))
		goto out;
	GElf_Phdr ph = { 0 };
	for (size_t i = 0; i < nph && ph.p_type != PT_LOAD; i++)
		gelf_getphdr(e, i, &ph);
	if (ph.p_type != PT_LOAD || ph.p_offset)
		goto out;
	uint64_t base = addr - PAGE_DOWN(ph.p_vaddr);
	Elf_Scn *scn = NULL, *dynsym = NULL, *versym = NULL;
	const char *soname = NULL;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_DYNSYM)
			dynsym = scn;
		if (sh.sh_type == SHT_GNU_versym)
			versym = scn;
		Elf_Data *d = sh.sh_type == SHT_DYNAMIC ? elf_getdata(scn, NULL) : NULL;
		for (size_t i = 0; d && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Dyn dyn;
			if (gelf_getdyn(d, i, &dyn) && dyn.d_tag == DT_SONAME)
				soname = elf_strptr(e, sh.sh_link, dyn.d_un.d_val);
		}
	}
	for (size_t f = 0; soname && dynsym && f < sizeof(families) / sizeof(families[0]); f++) {
		if (strcmp(soname, families[f].soname))
			continue;
		if (families[f].lib == HL_LIBC)
			find_errno(s, a, e, dynsym, base);
		if (s->libs & (1u << families[f].lib))
			redirect(t, e, dynsym, versym, families[f].lib, addr, len, base);
	}
out:
	if (e)
		elf_end(e);
}
