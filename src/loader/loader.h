/* The loader: ELF checking and mapping with libelf, the initial stack. */
#ifndef EMU_LOADER_H
#define EMU_LOADER_H

#include <stdint.h>
#include <stdio.h>

#include "../task/sched.h"

/* An ELF file opened and checked, not yet mapped. */
struct elf_file {
	const char *path;		/* as given, for messages */
	const char *owner;		/* for an interpreter: the program that named it */
	char *abspath;			/* resolved, for /proc/self/maps and exe */
	int fd;
	const struct arch *arch;
	uint16_t type;			/* ET_EXEC or ET_DYN */
	uint64_t entry, phoff;
	uint16_t phnum;
	struct elf_seg {
		uint64_t vaddr, memsz, offset, filesz;
		int prot;
	} *segs;
	int nsegs;
	uint64_t phdr_vaddr;		/* where the phdrs are in memory, unbiased */
	char *interp;			/* PT_INTERP, or NULL */
};

/* Where a mapped image landed. */
struct elf_load {
	uint64_t bias, entry, phdr, end;
};

/* Open and check path (the interpreter named by owner, if owner is set).
 * On failure prints one line naming the problem and returns the exit
 * status (127 not found, 126 cannot execute). */
int elf_open(struct elf_file *f, const char *path, const char *owner);
/* The same for a file open already (binfmt_misc's AT_EXECFD); takes fd. */
int elf_open_fd(struct elf_file *f, const char *path, const char *owner, int fd);
void elf_close(struct elf_file *f);
/* Bytes from the first to the end of the last PT_LOAD, page aligned. */
uint64_t elf_span(const struct elf_file *f);
/* Map f into the guest at bias (ET_DYN) or its own addresses (ET_EXEC). */
int elf_map(struct process *proc, const struct elf_file *f, uint64_t bias, struct elf_load *out);

/* Lay out argv, envp and auxv as create_elf_tables() does; sets proc->sp. */
int stack_build(struct process *proc, const struct elf_file *exe);

/* The kernel's rules before a loader runs (binfmt.c).  exec_resolve: the
 * program by PATH when its name has no '/', then #! scripts replaced by
 * their interpreters (cfg->path, argv0 and argv rewritten as the kernel
 * builds them); 0, or after one line on stderr the exit status (127 not
 * found, 126 not executable: EACCES, ENOEXEC, ELOOP). */
int exec_resolve(struct emu_config *cfg);
/* What exec would do with path: 0 an ELF file, 1 a #! script (its
 * interpreter and optional argument, *arg malloc'd), or -errno. */
int binfmt_check(const char *path, char *interp, size_t len, char **arg);
/* A guest's absolute path on the host: under the sysroot (-L) when it is
 * there, else the path itself. */
const char *sysroot_path(const char *sysroot, const char *path, char *buf, size_t size);

/* The teaching views, printed to out. */
void show_auxv(struct process *proc, FILE *out);
void show_stack(struct process *proc, FILE *out);

#endif
