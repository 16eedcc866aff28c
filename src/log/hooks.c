/* The log's output and the hooks that feed in_asm, exec, cpu, page and
 * --show-startup. */
#include "logint.h"

#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../arch/arch.h"
#include "../arch/cpu.h"
#include "../ownfd.h"
#include "../task/sched.h"

static bool in_filter(const struct log_opts *o, uint64_t addr)
{
	if (!o->nranges)
		return true;
	for (unsigned i = 0; i < o->nranges; i++)
		if (addr >= o->ranges[i].lo && addr <= o->ranges[i].hi)
			return true;
	return false;
}

static void prot_str(int prot, char out[4])
{
	out[0] = prot & PROT_READ ? 'r' : '-';
	out[1] = prot & PROT_WRITE ? 'w' : '-';
	out[2] = prot & PROT_EXEC ? 'x' : '-';
	out[3] = 0;
}

static void page_changed(void *opaque, const char *op, uint64_t start, uint64_t end, int prot,
			 const char *name)
{
	struct emu_log *lg = opaque;
	char p[4];
	prot_str(prot, p);
	pthread_mutex_lock(&lg->lock);
	fprintf(lg->out, "page: %-7s 0x%012llx-0x%012llx %s%s%s\n", op, (unsigned long long)start,
		(unsigned long long)end, strcmp(op, "unmap") ? p : "", name ? " " : "", name ? name : "");
	pthread_mutex_unlock(&lg->lock);
}

/* The whole map, as /proc/self/maps lists it. */
static void page_layout(struct emu_log *lg)
{
	struct mm *mm = lg->p->mm;
	fprintf(lg->out, "page layout of %s:\n", lg->p->exe_path ? lg->p->exe_path : "the guest");
	fprintf(lg->out, "start            end              size             prot\n");
	for (size_t i = 0; i < mm->n; i++) {
		char p[4];
		prot_str(mm->v[i].prot, p);
		fprintf(lg->out, "%016llx-%016llx %016llx %s %s\n", (unsigned long long)mm->v[i].start,
			(unsigned long long)mm->v[i].end,
			(unsigned long long)(mm->v[i].end - mm->v[i].start), p,
			mm->v[i].name ? mm->v[i].name : "");
	}
}

static void cpu_state(struct emu_log *lg, struct task *t)
{
	/* the general registers and flags, as gdb's target description names them */
	const struct arch_gdb *g = t->process->arch->gdb;
	int col = 0;
	for (unsigned i = 0; i < g->nregs; i++) {
		const struct gdb_reg *r = &g->regs[i];
		if (r->feature || r->uc_reg < 0 || (r->bytes != 8 && !strstr(r->type, "flags")))
			continue;
		fprintf(lg->out, "%s%-6s %0*llx", col % 4 ? "  " : "", r->name, 2 * r->bytes,
			(unsigned long long)cpu_reg_read(t, r->uc_reg));
		if (++col % 4 == 0)
			fputc('\n', lg->out);
	}
	fputs(col % 4 ? "\n\n" : "\n", lg->out);
}

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct task *t = opaque;
	struct emu_log *lg = t->process->log;
	(void)uc;
	pthread_mutex_lock(&lg->lock);
	if (lg->st)
		startup_block(lg, t, addr);
	if (in_filter(lg->o, addr)) {
		if (lg->o->items & LOG_CPU)
			cpu_state(lg, t);
		if (lg->o->items & LOG_IN_ASM)
			disas_block(lg, t, addr, size);
		if (lg->o->items & LOG_EXEC) {
			char sym[160];
			fprintf(lg->out, "Trace %d: 0x%016llx [%u bytes] %s\n", t->tid,
				(unsigned long long)addr, size, syms_name(lg, addr, sym, sizeof(sym)));
		}
	}
	pthread_mutex_unlock(&lg->lock);
}

int log_open(struct process *p)
{
	const struct log_opts *o = &p->cfg->log;
	if (!(o->items & ~(LOG_STRACE | LOG_NOCHAIN)) && !o->startup)
		return 0;
	struct emu_log *lg = calloc(1, sizeof(*lg));
	if (!lg)
		return -1;
	lg->o = o;
	lg->p = p;
	lg->seen_code_gen = p->code_gen;
	pthread_mutex_init(&lg->lock, NULL);
	lg->out = o->fd >= 0 ? fdopen(own_fd(dup(o->fd)), "a") : stderr;
	if (!lg->out) {
		free(lg);
		return -1;
	}
	setvbuf(lg->out, NULL, _IOLBF, 0);
	elf_version(EV_CURRENT);
	p->log = lg;
	if ((o->items & LOG_IN_ASM) && disas_open(lg))
		return -1;
	if (o->startup && startup_open(lg))
		return -1;
	if (o->items & LOG_PAGE) {
		p->mm->log = page_changed;
		p->mm->log_opaque = lg;
	}
	return 0;
}

void log_close(struct process *p)
{
	struct emu_log *lg = p->log;
	if (!lg)
		return;
	p->mm->log = NULL;
	if (lg->st)
		startup_close(lg);
	disas_close(lg);
	syms_free(lg);
	if (lg->out != stderr)
		fclose(lg->out);
	else
		fflush(stderr);
	pthread_mutex_destroy(&lg->lock);
	free(lg);
	p->log = NULL;
}

void log_forked(struct process *p)
{
	pthread_mutex_init(&p->log->lock, NULL);
}

int log_task(struct task *t)
{
	struct emu_log *lg = t->process->log;
	uc_hook h;
	if (!lg || !(lg->o->items & (LOG_IN_ASM | LOG_EXEC | LOG_CPU) || lg->st))
		return 0;
	return uc_hook_add(t->uc, &h, UC_HOOK_BLOCK, on_block, t, 1, 0) ? -1 : 0;
}

void log_object_file(struct process *p, const char *path, int fd, uint64_t bias,
		     enum log_obj_kind kind, uint64_t pc)
{
	struct emu_log *lg = p->log;
	pthread_mutex_lock(&lg->lock);
	struct log_obj *o = syms_add_file(lg, path, fd, bias, kind);
	if (o && lg->st)
		startup_object(lg, o, pc);
	pthread_mutex_unlock(&lg->lock);
}

void log_object_image(struct process *p, const char *name, uint64_t base, uint64_t size)
{
	struct emu_log *lg = p->log;
	pthread_mutex_lock(&lg->lock);
	struct log_obj *o = syms_add_image(lg, name, p->mm->host + base, size, base);
	if (o && lg->st)
		startup_object(lg, o, 0);
	pthread_mutex_unlock(&lg->lock);
}

/* ld.so maps an object's first PT_LOAD (offset 0) over its whole span,
 * then the other segments over that: the first is where it is. */
void log_mmap(struct task *t, uint64_t addr, uint64_t len, int prot, int fd, uint64_t off)
{
	struct process *p = t->process;
	unsigned char id[EI_NIDENT];
	char link[64], path[4096];
	if (fd < 0 || off || pread(fd, id, sizeof(id), 0) != sizeof(id) || memcmp(id, ELFMAG, SELFMAG))
		return;
	Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	size_t n;
	uint64_t first = UINT64_MAX;
	if (e && !elf_getphdrnum(e, &n))
		for (size_t i = 0; i < n; i++) {
			GElf_Phdr ph;
			if (gelf_getphdr(e, i, &ph) && ph.p_type == PT_LOAD && ph.p_vaddr < first)
				first = ph.p_vaddr;
		}
	if (e)
		elf_end(e);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t l = readlink(link, path, sizeof(path) - 1);
	if (first == UINT64_MAX || l <= 0)
		return;
	path[l] = 0;
	(void)len, (void)prot;
	log_object_file(p, path, fd, addr - (first & ~4095ULL), LOG_OBJ_LIB, p->arch->pc(t));
}

void log_syscall(struct task *t, const char *name, const struct syscall_desc *d,
		 const uint64_t a[6], long ret)
{
	struct emu_log *lg = t->process->log;
	if (!lg->st)
		return;
	pthread_mutex_lock(&lg->lock);
	startup_syscall(lg, t, name, d, a, ret);
	pthread_mutex_unlock(&lg->lock);
}

void log_begin(struct task *t)
{
	struct emu_log *lg = t->process->log;
	pthread_mutex_lock(&lg->lock);
	if (lg->o->items & LOG_PAGE)
		page_layout(lg);
	if (lg->st)
		startup_begin(lg, t);
	pthread_mutex_unlock(&lg->lock);
}
