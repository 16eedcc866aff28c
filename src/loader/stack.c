/* The initial stack, laid out top-down in the order the kernel's
 * create_elf_tables() (fs/binfmt_elf.c) builds it:
 *
 *   top:  8 zero bytes, AT_EXECFN string, envp strings, argv strings
 *         (sub-page random gap on x86), AT_PLATFORM string, 16 AT_RANDOM bytes
 *         auxv pairs ending in AT_NULL, envp[] NULL, argv[] NULL, argc  <- sp
 *   sp is 16-byte aligned.
 */
#include "loader.h"

#include "../task/process.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#define STACK_SIZE (8ULL << 20)	/* RLIMIT_STACK's usual 8 MiB, mapped up front */
#define MAX_AUXV 48

static uint64_t push_bytes(struct process *proc, uint64_t *p, const void *src, size_t n)
{
	*p -= n;
	memcpy(proc->mm->host + *p, src, n);
	return *p;
}

static uint64_t push_str(struct process *proc, uint64_t *p, const char *s)
{
	return push_bytes(proc, p, s, strlen(s) + 1);
}

static void random_bytes(struct process *proc, uint8_t *out, size_t n)
{
	if (proc->cfg->have_seed) {
		for (size_t i = 0; i < n; i++)
			out[i] = process_random(proc, 0) >> 56;
		return;
	}
	if (getrandom(out, n, 0) != (ssize_t)n)
		for (size_t i = 0; i < n; i++)
			out[i] = process_random(proc, 0) >> 56;
}

int stack_build(struct process *proc, const struct elf_file *exe)
{
	const struct emu_config *c = proc->cfg;
	struct stack_layout *L = &proc->stack;
	uint64_t top = L->top;

	if (mm_map(proc->mm, top - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[stack]")) {
		fprintf(stderr, "emu: cannot map the stack\n");
		return -1;
	}
	int envc = 0;
	while (c->envp[envc])
		envc++;
	int argc = c->argc + 1;
	const char *execfn = c->execfn ? c->execfn : c->path;
	size_t strings = 8 + strlen(execfn) + 1 + strlen(c->argv0) + 1;
	for (int i = 0; i < c->argc; i++)
		strings += strlen(c->argv[i]) + 1;
	for (int i = 0; i < envc; i++)
		strings += strlen(c->envp[i]) + 1;
	if (strings > STACK_SIZE / 4) {
		fprintf(stderr, "emu: argument list too long\n");
		return -1;
	}

	/* The strings, as execve copied them: argv lowest, then envp, then
	 * the file name, under a NULL word at the very top. */
	uint64_t p = top - 8;
	memset(proc->mm->host + p, 0, 8);
	L->execfn = push_str(proc, &p, execfn);
	uint64_t envs[envc + 1], args[argc + 1];
	for (int i = envc - 1; i >= 0; i--)
		envs[i] = push_str(proc, &p, c->envp[i]);
	for (int i = argc - 1; i >= 1; i--)
		args[i] = push_str(proc, &p, c->argv[i - 1]);
	args[0] = push_str(proc, &p, c->argv0);
	L->strings = p;
	envs[envc] = args[argc] = 0;

	if (proc->arch->stack_align_rnd)
		p = (p - process_random(proc, 8192)) & ~15ULL;
	L->platform = proc->arch->platform ? push_str(proc, &p, proc->arch->platform) : 0;
	uint8_t rnd[16];
	random_bytes(proc, rnd, sizeof(rnd));
	L->random = push_bytes(proc, &p, rnd, sizeof(rnd));

	uint64_t aux[MAX_AUXV][2];
	int n = proc->arch->auxv_head(proc, aux);
#define AUX(id, val) (aux[n][0] = (id), aux[n][1] = (val), n++)
	AUX(AT_HWCAP, proc->hwcap);
	AUX(AT_PAGESZ, GUEST_PAGE);
	AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
	AUX(AT_PHDR, proc->phdr);
	AUX(AT_PHENT, sizeof(Elf64_Phdr));
	AUX(AT_PHNUM, exe->phnum);
	AUX(AT_BASE, proc->interp_base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, proc->exe_entry);
	AUX(AT_UID, getuid());
	AUX(AT_EUID, geteuid());
	AUX(AT_GID, getgid());
	AUX(AT_EGID, getegid());
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, L->random);
	if (proc->arch->has_hwcap2)
		AUX(AT_HWCAP2, proc->hwcap2);
	AUX(AT_EXECFN, L->execfn);
	if (L->platform)
		AUX(AT_PLATFORM, L->platform);
	AUX(AT_NULL, 0);
#undef AUX

	/* sp = STACK_ROUND(p - auxv, argc + envc + 3 words) */
	uint64_t words = (uint64_t)argc + 1 + envc + 1 + 1;
	uint64_t sp = (p - n * 16 - words * 8) & ~15ULL;
	L->sp = sp;
	L->argc = argc;
	L->envc = envc;
	L->argv = sp + 8;
	L->envp = L->argv + 8 * (argc + 1);
	L->auxv = L->envp + 8 * (envc + 1);
	L->auxv_end = L->auxv + n * 16;
	uint64_t argc64 = argc;
	memcpy(proc->mm->host + sp, &argc64, 8);
	memcpy(proc->mm->host + L->argv, args, 8 * (argc + 1));
	memcpy(proc->mm->host + L->envp, envs, 8 * (envc + 1));
	memcpy(proc->mm->host + L->auxv, aux, n * 16);
	return 0;
}
