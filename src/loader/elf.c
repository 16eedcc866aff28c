/* Checking an ELF file with libelf, and mapping its PT_LOAD segments the
 * way the kernel's load_elf_binary() does. */
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(struct elf_file *f, int status, const char *fmt, ...)
{
	va_list ap;
	if (f->owner)
		fprintf(stderr, "emu: %s: interpreter %s: ", f->owner, f->path);
	else
		fprintf(stderr, "emu: %s: ", f->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	elf_close(f);
	return status;
}

static const char *machine_name(unsigned m)
{
	switch (m) {
	case EM_386: return "i386";
	case EM_ARM: return "arm";
	case EM_AARCH64: return "aarch64";
	case EM_PPC: return "ppc";
	case EM_PPC64: return "ppc64";
	case EM_S390: return "s390";
	case EM_MIPS: return "mips";
	case EM_SPARCV9: return "sparc64";
	case 258: return "loongarch";	/* EM_LOONGARCH */
	case EM_RISCV: return "riscv";
	case EM_X86_64: return "x86_64";
	default: return "unknown";
	}
}

static int seg_prot(uint32_t flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

int elf_open(struct elf_file *f, const char *path, const char *owner)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		memset(f, 0, sizeof(*f));
		f->path = path;
		f->owner = owner;
		f->fd = -1;
		return fail(f, e == ENOENT || e == ENOTDIR ? 127 : 126, "%s", strerror(e));
	}
	return elf_open_fd(f, path, owner, fd);
}

int elf_open_fd(struct elf_file *f, const char *path, const char *owner, int fd)
{
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->owner = owner;
	f->fd = fd;
	struct stat st;
	if (fstat(f->fd, &st) < 0)
		return fail(f, 126, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(f, 126, "not a regular file");
	uint64_t size = st.st_size;
	f->abspath = realpath(path, NULL);

	unsigned char ident[EI_NIDENT] = { 0 };
	ssize_t got = pread(f->fd, ident, sizeof(ident), 0);
	if (got < SELFMAG || memcmp(ident, ELFMAG, SELFMAG))
		return fail(f, 126, "not an ELF file");
	if (got < EI_NIDENT || size < sizeof(Elf64_Ehdr))
		return fail(f, 126, "truncated ELF file (%llu bytes, shorter than its header)",
			    (unsigned long long)size);
	if (ident[EI_CLASS] != ELFCLASS64)
		return fail(f, 126, "%s ELF is not supported (emu runs 64-bit riscv64 and x86_64 programs)",
			    ident[EI_CLASS] == ELFCLASS32 ? "32-bit" : "unknown-class");
	if (ident[EI_DATA] != ELFDATA2LSB)
		return fail(f, 126, "big-endian ELF is not supported");

	elf_version(EV_CURRENT);
	Elf *e = elf_begin(f->fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	if (!e || !gelf_getehdr(e, &eh)) {
		if (e)
			elf_end(e);
		return fail(f, 126, "unreadable ELF header: %s", elf_errmsg(-1));
	}
	f->arch = arch_for_machine(eh.e_machine);
	if (!f->arch) {
		elf_end(e);
		return fail(f, 126, "ELF for %s (e_machine %u): emu runs riscv64 and x86_64 programs",
			    machine_name(eh.e_machine), eh.e_machine);
	}
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		elf_end(e);
		return fail(f, 126, "not an executable (ELF type %u)", eh.e_type);
	}
	f->type = eh.e_type;
	f->entry = eh.e_entry;
	f->phoff = eh.e_phoff;
	f->phnum = eh.e_phnum;
	if (eh.e_phnum == 0 || eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    eh.e_phoff > size || (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > size - eh.e_phoff) {
		elf_end(e);
		return fail(f, 126, "truncated ELF file (program headers past the end of the file)");
	}
	f->segs = calloc(eh.e_phnum, sizeof(*f->segs));
	for (int i = 0; i < eh.e_phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, i, &ph)) {
			elf_end(e);
			return fail(f, 126, "unreadable program header %d: %s", i, elf_errmsg(-1));
		}
		if (ph.p_type == PT_PHDR)
			f->phdr_vaddr = ph.p_vaddr;
		/* the first PT_INTERP names the interpreter, as load_elf_binary() has it */
		if (ph.p_type == PT_INTERP && !f->interp) {
			if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset || ph.p_filesz < 2) {
				elf_end(e);
				return fail(f, 126, "truncated ELF file (PT_INTERP past the end of the file)");
			}
			f->interp = calloc(1, ph.p_filesz + 1);
			if (!f->interp || pread(f->fd, f->interp, ph.p_filesz, ph.p_offset) != (ssize_t)ph.p_filesz) {
				elf_end(e);
				return fail(f, 126, "cannot read PT_INTERP");
			}
			if (f->interp[ph.p_filesz - 1]) {	/* the kernel's ENOEXEC */
				elf_end(e);
				return fail(f, 126, "PT_INTERP is not a NUL-terminated path");
			}
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > size || ph.p_filesz > size - ph.p_offset) {
			elf_end(e);
			return fail(f, 126, "truncated ELF file (segment %d ends at offset 0x%llx, past the end of the file at 0x%llx)",
				    i, (unsigned long long)(ph.p_offset + ph.p_filesz), (unsigned long long)size);
		}
		struct elf_seg *prev = f->nsegs ? &f->segs[f->nsegs - 1] : NULL;
		if (prev && ph.p_vaddr < prev->vaddr + prev->memsz) {
			elf_end(e);
			return fail(f, 126, "segments overlap (segment %d at 0x%llx starts inside the one before)",
				    i, (unsigned long long)ph.p_vaddr);
		}
		if ((ph.p_vaddr - ph.p_offset) % GUEST_PAGE) {
			elf_end(e);
			return fail(f, 126, "segment %d: address and file offset disagree modulo the page size", i);
		}
		if (ph.p_vaddr + ph.p_memsz < ph.p_vaddr || ph.p_vaddr + ph.p_memsz > (1ULL << f->arch->addr_bits)) {
			elf_end(e);
			return fail(f, 126, "segment %d at 0x%llx lies outside the %s address space",
				    i, (unsigned long long)ph.p_vaddr, f->arch->name);
		}
		f->segs[f->nsegs++] = (struct elf_seg){ ph.p_vaddr, ph.p_memsz, ph.p_offset,
							ph.p_filesz, seg_prot(ph.p_flags) };
	}
	elf_end(e);
	if (f->nsegs == 0)
		return fail(f, 126, "no loadable segments");
	/* Without PT_PHDR, the phdrs are wherever the segment holding them maps. */
	if (!f->phdr_vaddr)
		for (int i = 0; i < f->nsegs; i++)
			if (f->phoff >= f->segs[i].offset &&
			    f->phoff - f->segs[i].offset < f->segs[i].filesz)
				f->phdr_vaddr = f->segs[i].vaddr + f->phoff - f->segs[i].offset;
	return 0;
}

void elf_close(struct elf_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	free(f->segs);
	free(f->interp);
	free(f->abspath);
	f->abspath = NULL;
	f->segs = NULL;
	f->interp = NULL;
}

uint64_t elf_span(const struct elf_file *f)
{
	const struct elf_seg *last = &f->segs[f->nsegs - 1];
	return PAGE_UP(last->vaddr + last->memsz) - PAGE_DOWN(f->segs[0].vaddr);
}

int elf_map(struct process *proc, const struct elf_file *f, uint64_t bias, struct elf_load *out)
{
	uint64_t end = 0;
	for (int i = 0; i < f->nsegs; i++) {
		const struct elf_seg *s = &f->segs[i];
		uint64_t start = PAGE_DOWN(s->vaddr + bias);
		uint64_t file_end = s->vaddr + bias + s->filesz;
		uint64_t mem_end = s->vaddr + bias + s->memsz;
		int err = 0;
		/* A later segment sharing a page replaces it, as MAP_FIXED does. */
		if (s->filesz)
			err = mm_map(proc->mm, start, file_end - start, s->prot, MAP_PRIVATE,
				     f->fd, PAGE_DOWN(s->offset), f->abspath);
		if (!err && s->memsz > s->filesz) {
			/* .bss: the rest of the last file page, then anonymous pages. */
			if (s->filesz)
				memset(proc->mm->host + file_end, 0, PAGE_UP(file_end) - file_end);
			uint64_t anon = s->filesz ? PAGE_UP(file_end) : start;
			if (PAGE_UP(mem_end) > anon)
				err = mm_map(proc->mm, anon, PAGE_UP(mem_end) - anon, s->prot,
					     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, NULL);
		}
		if (err) {
			fprintf(stderr, "emu: %s: cannot map segment at 0x%llx: %s\n", f->path,
				(unsigned long long)start, strerror(-err));
			return -1;
		}
		if (mem_end > end)
			end = mem_end;
	}
	out->bias = bias;
	out->entry = f->entry + bias;
	out->phdr = f->phdr_vaddr + bias;
	out->end = end;
	return 0;
}
