/* The teaching views of ELF start-up: --show-auxv and --show-stack.  Both read
 * the stack the guest will really see, from guest memory. */
#include "loader.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

static const struct auxv_name {
	uint64_t type;
	const char *name, *meaning;
} auxv_names[] = {
	{ AT_NULL, "AT_NULL", "end of vector" },
	{ AT_IGNORE, "AT_IGNORE", "entry to ignore" },
	{ AT_EXECFD, "AT_EXECFD", "file descriptor of the program" },
	{ AT_PHDR, "AT_PHDR", "program headers of the program" },
	{ AT_PHENT, "AT_PHENT", "size of one program header" },
	{ AT_PHNUM, "AT_PHNUM", "number of program headers" },
	{ AT_PAGESZ, "AT_PAGESZ", "system page size" },
	{ AT_BASE, "AT_BASE", "base address of the interpreter (0: none)" },
	{ AT_FLAGS, "AT_FLAGS", "flags" },
	{ AT_ENTRY, "AT_ENTRY", "entry point of the program" },
	{ AT_NOTELF, "AT_NOTELF", "program is not ELF" },
	{ AT_UID, "AT_UID", "real user id" },
	{ AT_EUID, "AT_EUID", "effective user id" },
	{ AT_GID, "AT_GID", "real group id" },
	{ AT_EGID, "AT_EGID", "effective group id" },
	{ AT_PLATFORM, "AT_PLATFORM", "string identifying the CPU" },
	{ AT_HWCAP, "AT_HWCAP", "CPU capabilities" },
	{ AT_CLKTCK, "AT_CLKTCK", "frequency of times()" },
	{ AT_SECURE, "AT_SECURE", "secure mode (setuid and the like)" },
	{ AT_BASE_PLATFORM, "AT_BASE_PLATFORM", "string identifying the real platform" },
	{ AT_RANDOM, "AT_RANDOM", "address of 16 random bytes" },
	{ AT_HWCAP2, "AT_HWCAP2", "more CPU capabilities" },
	{ AT_EXECFN, "AT_EXECFN", "file name of the program" },
	{ AT_SYSINFO_EHDR, "AT_SYSINFO_EHDR", "address of the vDSO's ELF header" },
	{ AT_MINSIGSTKSZ, "AT_MINSIGSTKSZ", "minimal stack size for signal delivery" },
	{ AT_L1I_CACHESIZE, "AT_L1I_CACHESIZE", "L1 instruction cache size (0: unknown)" },
	{ AT_L1I_CACHEGEOMETRY, "AT_L1I_CACHEGEOMETRY", "L1 instruction cache geometry" },
	{ AT_L1D_CACHESIZE, "AT_L1D_CACHESIZE", "L1 data cache size (0: unknown)" },
	{ AT_L1D_CACHEGEOMETRY, "AT_L1D_CACHEGEOMETRY", "L1 data cache geometry" },
	{ AT_L2_CACHESIZE, "AT_L2_CACHESIZE", "L2 cache size (0: unknown)" },
	{ AT_L2_CACHEGEOMETRY, "AT_L2_CACHEGEOMETRY", "L2 cache geometry" },
	{ AT_L3_CACHESIZE, "AT_L3_CACHESIZE", "L3 cache size (0: unknown)" },
	{ AT_L3_CACHEGEOMETRY, "AT_L3_CACHEGEOMETRY", "L3 cache geometry" },
};

static const struct auxv_name *auxv_name(uint64_t type)
{
	for (size_t i = 0; i < sizeof(auxv_names) / sizeof(auxv_names[0]); i++)
		if (auxv_names[i].type == type)
			return &auxv_names[i];
	return NULL;
}

static uint64_t word(struct process *proc, uint64_t addr)
{
	uint64_t v = 0;
	guest_read(proc->mm, addr, &v, 8);
	return v;
}

static void print_quoted(struct process *proc, uint64_t addr, FILE *out)
{
	const char *s = guest_str(proc->mm, addr);
	fputc('"', out);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < 32 || (unsigned char)*s >= 127)
			fprintf(out, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

static void print_random(struct process *proc, uint64_t addr, FILE *out)
{
	for (int i = 0; i < 16; i++)
		fprintf(out, "%02x", proc->mm->host[addr + i]);
}

/* The value of one auxv entry, with what it points at. */
static void print_auxv_value(struct process *proc, uint64_t type, uint64_t val, FILE *out)
{
	switch (type) {
	case AT_EXECFN: case AT_PLATFORM: case AT_BASE_PLATFORM:
		fprintf(out, "0x%llx -> ", (unsigned long long)val);
		print_quoted(proc, val, out);
		break;
	case AT_RANDOM:
		fprintf(out, "0x%llx -> ", (unsigned long long)val);
		print_random(proc, val, out);
		break;
	case AT_PHENT: case AT_PHNUM: case AT_PAGESZ: case AT_CLKTCK: case AT_UID:
	case AT_EUID: case AT_GID: case AT_EGID: case AT_SECURE: case AT_MINSIGSTKSZ:
	case AT_L1I_CACHESIZE: case AT_L1D_CACHESIZE: case AT_L2_CACHESIZE: case AT_L3_CACHESIZE:
		fprintf(out, "%llu", (unsigned long long)val);
		break;
	default:
		fprintf(out, "0x%llx", (unsigned long long)val);
	}
}

void show_auxv(struct process *proc, FILE *out)
{
	fprintf(out, "auxv of %s (%s), %llu entries at 0x%llx:\n", proc->cfg->path, proc->arch->name,
		(unsigned long long)(proc->stack.auxv_end - proc->stack.auxv) / 16,
		(unsigned long long)proc->stack.auxv);
	for (uint64_t a = proc->stack.auxv; a < proc->stack.auxv_end; a += 16) {
		uint64_t type = word(proc, a), val = word(proc, a + 8);
		const struct auxv_name *n = auxv_name(type);
		fprintf(out, "  %-21s ", n ? n->name : "AT_?");
		print_auxv_value(proc, type, val, out);
		fprintf(out, "  (%s)\n", n ? n->meaning : "unknown entry");
	}
}

void show_stack(struct process *proc, FILE *out)
{
	const struct stack_layout *L = &proc->stack;
	fprintf(out, "initial stack of %s (%s), from sp up:\n", proc->cfg->path, proc->arch->name);
	fprintf(out, "  0x%llx  argc = %d\n", (unsigned long long)L->sp, L->argc);
	for (int i = 0; i <= L->argc; i++) {
		uint64_t a = L->argv + 8 * i, v = word(proc, a);
		fprintf(out, "  0x%llx  argv[%d] = 0x%llx", (unsigned long long)a, i, (unsigned long long)v);
		if (v)
			fputs(" -> ", out), print_quoted(proc, v, out), fputc('\n', out);
		else
			fprintf(out, " (NULL: end of argv)\n");
	}
	for (int i = 0; i <= L->envc; i++) {
		uint64_t a = L->envp + 8 * i, v = word(proc, a);
		fprintf(out, "  0x%llx  envp[%d] = 0x%llx", (unsigned long long)a, i, (unsigned long long)v);
		if (v)
			fputs(" -> ", out), print_quoted(proc, v, out), fputc('\n', out);
		else
			fprintf(out, " (NULL: end of envp)\n");
	}
	for (uint64_t a = L->auxv; a < L->auxv_end; a += 16) {
		uint64_t type = word(proc, a), val = word(proc, a + 8);
		const struct auxv_name *n = auxv_name(type);
		fprintf(out, "  0x%llx  auxv %-21s ", (unsigned long long)a, n ? n->name : "AT_?");
		print_auxv_value(proc, type, val, out);
		fputc('\n', out);
	}
	uint64_t next = L->platform ? L->platform : L->random;
	if (next > L->random)
		next = L->random;
	if (next > L->auxv_end)
		fprintf(out, "  0x%llx  padding, %llu bytes (16-byte alignment of sp)\n",
			(unsigned long long)L->auxv_end, (unsigned long long)(next - L->auxv_end));
	fprintf(out, "  0x%llx  AT_RANDOM bytes: ", (unsigned long long)L->random);
	print_random(proc, L->random, out);
	fputc('\n', out);
	uint64_t after = L->random + 16;
	if (L->platform) {
		fprintf(out, "  0x%llx  AT_PLATFORM string: ", (unsigned long long)L->platform);
		print_quoted(proc, L->platform, out);
		fputc('\n', out);
		after = L->platform + strlen(proc->arch->platform) + 1;
	}
	if (L->strings > after)
		fprintf(out, "  0x%llx  padding, %llu bytes (random stack offset and alignment)\n",
			(unsigned long long)after, (unsigned long long)(L->strings - after));
	fprintf(out, "  0x%llx  argv and envp strings, %llu bytes\n", (unsigned long long)L->strings,
		(unsigned long long)(L->execfn - L->strings));
	fprintf(out, "  0x%llx  AT_EXECFN string: ", (unsigned long long)L->execfn);
	print_quoted(proc, L->execfn, out);
	fputc('\n', out);
	fprintf(out, "  0x%llx  8 zero bytes (end marker)\n", (unsigned long long)(L->top - 8));
	fprintf(out, "  0x%llx  top of the stack\n", (unsigned long long)L->top);
}
