/* --show-startup: the way from execve to main, as emu sees it from
 * outside: what the kernel side mapped, the first instruction, ld.so's
 * syscalls and the objects it maps, its read of AT_SYSINFO_EHDR and of the
 * vDSO's symbols, each object's relocations (counted from its file,
 * reported when ld.so makes its RELRO read-only), the ifunc resolvers that
 * run and what each returns, the thread pointer being set, the init
 * functions as they are entered, __libc_start_main, the link map in guest
 * memory, then main.  Every line is an observation: a syscall, a block
 * entered at a known address, a read of a watched word. */
#include "logint.h"

#include <elf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../arch/arch.h"
#include "../arch/cpu.h"
#include "../loader/loader.h"
#include "../syscalls/syscalls.h"
#include "../task/sched.h"

enum watch_kind { W_RESOLVER, W_INIT, W_LSM, W_MAIN };

struct watch {
	uint64_t addr;
	enum watch_kind kind;
	struct log_obj *o;
	const char *what;		/* "init_array[2]", ... */
	char buf[48];
};

struct pending {			/* a resolver running: its return */
	uint64_t ret, resolver;
	struct log_obj *o;
};

struct log_startup {
	bool done;			/* main reached: nothing more to say */
	uint64_t tp;
	struct watch *w;
	unsigned nw, capw;
	struct pending pend[8];
	unsigned npend;
	unsigned resolvers, inits;
	uint64_t auxv_word;		/* AT_SYSINFO_EHDR's value in the auxv */
	bool auxv_read;
	struct log_obj *vdso;
	uint64_t dynsym, dynsym_end;	/* the vDSO's .dynsym, in memory */
	uint64_t dynstr;
	uint8_t seen_sym[256];
};

/* pc of a line that goes on from the one before */
#define LINE_NOTE 1

/* One line: who did it (the pc, its symbol and object), and what. */
static void line(struct emu_log *lg, uint64_t pc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void line(struct emu_log *lg, uint64_t pc, const char *fmt, ...)
{
	char who[200] = "kernel";
	if (pc == LINE_NOTE) {
		who[0] = 0;
	} else if (pc) {
		char sym[160];
		struct log_obj *o = syms_obj_at(lg, pc);
		syms_name(lg, pc, sym, sizeof(sym));
		/* the object's name once: not after "libc.so.6+0x26a16" */
		bool named = o && !strncmp(sym, o->name, strlen(o->name)) && sym[strlen(o->name)] == '+';
		snprintf(who, sizeof(who), "0x%llx %s%s%s%s", (unsigned long long)pc, sym,
			 o && !named ? " [" : "", o && !named ? o->name : "", o && !named ? "]" : "");
	}
	fprintf(lg->out, "  %-56s ", who);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(lg->out, fmt, ap);
	va_end(ap);
	fputc('\n', lg->out);
}

static uint64_t word(struct emu_log *lg, uint64_t addr)
{
	uint64_t v = 0;
	guest_read(lg->p->mm, addr, &v, 8);
	return v;
}

static void watch(struct log_startup *st, uint64_t addr, enum watch_kind kind,
		  struct log_obj *o, const char *what)
{
	for (unsigned i = 0; i < st->nw; i++)
		if (st->w[i].addr == addr && st->w[i].kind == kind)
			return;
	if (st->nw == st->capw) {
		unsigned cap = st->capw ? st->capw * 2 : 64;
		struct watch *nw = realloc(st->w, cap * sizeof(*nw));
		if (!nw)
			return;
		st->w = nw;
		st->capw = cap;
	}
	struct watch *w = &st->w[st->nw++];
	*w = (struct watch){ .addr = addr, .kind = kind, .o = o };
	snprintf(w->buf, sizeof(w->buf), "%s", what ? what : "");
	w->what = w->buf;
}

int startup_open(struct emu_log *lg)
{
	if (!(lg->st = calloc(1, sizeof(*lg->st))))
		return -1;
	fprintf(lg->out, "start-up of %s (%s), as emu saw it:\n",
		lg->p->exe_path ? lg->p->exe_path : lg->p->cfg->path, lg->p->arch->name);
	return 0;
}

void startup_close(struct emu_log *lg)
{
	free(lg->st->w);
	free(lg->st);
	lg->st = NULL;
}

static const char *kind_name(enum log_obj_kind k)
{
	return k == LOG_OBJ_EXE ? "the program" : k == LOG_OBJ_INTERP ? "the interpreter" :
	       k == LOG_OBJ_VDSO ? "the vDSO" : "a library";
}

/* "1402 relocations: 1290 RELATIVE, 60 JUMP_SLOT, ..." */
static void relocs(struct emu_log *lg, const struct log_obj *o, char *buf, size_t size)
{
	const struct arch_log *al = lg->p->arch->log;
	int k = snprintf(buf, size, "%u relocation%s", o->rel_total, o->rel_total == 1 ? "" : "s");
	const char *sep = ": ";
	if (o->relr && k < (int)size)
		k += snprintf(buf + k, size - k, "%s%u RELR", sep, o->relr), sep = ", ";
	for (unsigned i = 0; i < o->nrel && k < (int)size; i++, sep = ", ") {
		uint32_t t = o->rel[i].type;
		const char *name = t < al->nreloc_names ? al->reloc_names[t] : NULL;
		k += name ? snprintf(buf + k, size - k, "%s%u %s", sep, o->rel[i].n, name)
			  : snprintf(buf + k, size - k, "%s%u of type %u", sep, o->rel[i].n, t);
	}
}

static void read_inits(struct emu_log *lg, struct log_obj *o)
{
	struct log_startup *st = lg->st;
	char what[48];
	for (uint64_t i = 0; i < o->preinit_array_size / 8; i++) {
		snprintf(what, sizeof(what), "preinit_array[%llu]", (unsigned long long)i);
		watch(st, word(lg, o->preinit_array + 8 * i), W_INIT, o, what);
	}
	if (o->init)
		watch(st, o->init, W_INIT, o, "DT_INIT");
	for (uint64_t i = 0; i < o->init_array_size / 8; i++) {
		uint64_t f = word(lg, o->init_array + 8 * i);
		snprintf(what, sizeof(what), "init_array[%llu]", (unsigned long long)i);
		if (f && f != UINT64_MAX)
			watch(st, f, W_INIT, o, what);
	}
}

void startup_object(struct emu_log *lg, struct log_obj *o, uint64_t pc)
{
	struct log_startup *st = lg->st;
	if (st->done)
		return;
	char r[400] = "";
	if (o->kind != LOG_OBJ_VDSO)
		relocs(lg, o, r, sizeof(r));
	line(lg, pc, "mapped %s: %s at 0x%llx-0x%llx%s%s%s", kind_name(o->kind), o->path,
	     (unsigned long long)o->start, (unsigned long long)o->end, *r ? "; " : "", r,
	     o->debug_file ? "; symbols from its debug file" : "");
	unsigned nifunc = 0;
	for (size_t i = 0; i < o->nsyms; i++)
		if (o->syms[i].ifunc) {
			watch(st, o->syms[i].addr, W_RESOLVER, o, NULL);
			nifunc++;
		}
	for (unsigned i = 0; i < o->nirelative; i++)
		watch(st, o->irelative[i], W_RESOLVER, o, NULL);
	if (nifunc || o->nirelative)
		line(lg, LINE_NOTE, "%s has %u ifunc symbol%s and %u IRELATIVE relocation%s: their resolvers are watched",
		     o->name, nifunc, nifunc == 1 ? "" : "s", o->nirelative, o->nirelative == 1 ? "" : "s");
	if (o->tls_memsz)
		line(lg, LINE_NOTE, "%s has a TLS block (PT_TLS) of %llu bytes, aligned to %llu", o->name,
		     (unsigned long long)o->tls_memsz, (unsigned long long)o->tls_align);
	for (size_t i = 0; i < o->nsyms; i++) {
		if (!strcmp(o->syms[i].name, "__libc_start_main"))
			watch(st, o->syms[i].addr, W_LSM, o, NULL);
		else if (o->kind == LOG_OBJ_EXE && !strcmp(o->syms[i].name, "main"))
			watch(st, o->syms[i].addr, W_MAIN, o, NULL);
	}
	if (o->kind == LOG_OBJ_VDSO) {
		/* its .dynsym, from its dynamic section: what ld.so reads */
		st->vdso = o;
		for (uint64_t d = o->dynamic; d && word(lg, d) != DT_NULL; d += 16)
			if (word(lg, d) == DT_SYMTAB)
				st->dynsym = word(lg, d + 8) + o->bias;
		st->dynsym_end = st->dynsym ? o->end : 0;
		for (uint64_t d = o->dynamic; d && word(lg, d) != DT_NULL; d += 16)
			if (word(lg, d) == DT_STRTAB && (st->dynstr = word(lg, d + 8) + o->bias) > st->dynsym)
				st->dynsym_end = st->dynstr;
	}
}

/* Reads of watched words: AT_SYSINFO_EHDR in the auxv, the vDSO's symbols. */
static void on_read(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		    void *opaque)
{
	struct task *t = opaque;
	struct emu_log *lg = t->process->log;
	struct log_startup *st = lg->st;
	(void)uc, (void)type, (void)size, (void)value;
	pthread_mutex_lock(&lg->lock);
	uint64_t pc = t->process->arch->pc(t);
	if (!st->done && addr >= st->auxv_word && addr < st->auxv_word + 8 && !st->auxv_read) {
		st->auxv_read = true;
		line(lg, pc, "reads AT_SYSINFO_EHDR from the auxv: the vDSO is at 0x%llx",
		     (unsigned long long)word(lg, st->auxv_word));
	} else if (!st->done && st->dynsym && addr >= st->dynsym && addr < st->dynsym_end) {
		uint64_t i = (addr - st->dynsym) / sizeof(Elf64_Sym);
		Elf64_Sym s;
		if (i < 8 * sizeof(st->seen_sym) && !(st->seen_sym[i / 8] & (1 << (i % 8))) &&
		    !guest_read(lg->p->mm, st->dynsym + i * sizeof(s), &s, sizeof(s)) && s.st_name) {
			st->seen_sym[i / 8] |= 1 << (i % 8);
			const char *name = guest_str(lg->p->mm, st->dynstr + s.st_name);
			line(lg, pc, "looks at the vDSO's symbol %s (dynsym[%llu], at 0x%llx)",
			     name ? name : "?", (unsigned long long)i,
			     (unsigned long long)(s.st_value + st->vdso->bias));
		}
	}
	pthread_mutex_unlock(&lg->lock);
}


void startup_begin(struct emu_log *lg, struct task *t)
{
	struct process *p = t->process;
	const struct stack_layout *s = &p->stack;
	line(lg, 0, "built the stack, sp=0x%llx, as create_elf_tables() lays it out (--show-stack):",
	     (unsigned long long)s->sp);
	show_stack(p, lg->out);
	for (uint64_t a = s->auxv; a < s->auxv_end; a += 16)
		if (word(lg, a) == AT_SYSINFO_EHDR)
			lg->st->auxv_word = a + 8;
	/* what needs no relocation can be read now */
	for (unsigned i = 0; i < lg->nobjs; i++)
		if (lg->objs[i]->kind == LOG_OBJ_EXE && (!lg->objs[i]->bias || !lg->objs[i]->relro))
			read_inits(lg, lg->objs[i]);
	/* start-up runs on the first task: it alone watches reads */
	uc_hook h;
	if (lg->st->auxv_word)
		uc_hook_add(t->uc, &h, UC_HOOK_MEM_READ, on_read, t, lg->st->auxv_word,
			    lg->st->auxv_word + 7);
	if (lg->st->dynsym)
		uc_hook_add(t->uc, &h, UC_HOOK_MEM_READ, on_read, t, lg->st->dynsym,
			    lg->st->dynsym_end - 1);
	char sym[160];
	line(lg, 0, "starts the CPU at 0x%llx, %s's entry (%s)", (unsigned long long)p->entry,
	     p->interp_base ? "the interpreter" : "the program", syms_name(lg, p->entry, sym, sizeof(sym)));
}

/* A call as its row of syscalls.def describes it: paths as strings,
 * protections as rwx, descriptors and ints in decimal, the rest in hex;
 * addresses returned in hex, errors by name. */
void startup_syscall(struct emu_log *lg, struct task *t, const char *name,
		     const struct syscall_desc *d, const uint64_t a[6], long ret)
{
	struct log_startup *st = lg->st;
	if (st->done)
		return;
	char args[400] = "", r[64];
	int k = 0;
	for (unsigned i = 0; i < (d ? d->nargs : 6) && k < (int)sizeof(args); i++) {
		const char *sep = i ? ", " : "";
		uint8_t kind = d ? d->args[i] : K_HEX;
		if (kind == K_PATH) {
			const char *path = guest_str(t->process->mm, a[i]);
			k += snprintf(args + k, sizeof(args) - k, path ? "%s\"%s\"" : "%s%s", sep, path ? path : "?");
		} else if (kind == K_PROT) {
			k += snprintf(args + k, sizeof(args) - k, "%s%c%c%c", sep, a[i] & PROT_READ ? 'r' : '-',
				      a[i] & PROT_WRITE ? 'w' : '-', a[i] & PROT_EXEC ? 'x' : '-');
		} else if (kind == K_FD || kind == K_DIRFD || kind == K_INT) {
			k += snprintf(args + k, sizeof(args) - k, "%s%d", sep, (int)a[i]);
		} else {
			k += snprintf(args + k, sizeof(args) - k, "%s%#llx", sep, (unsigned long long)a[i]);
		}
	}
	const char *e = ret < 0 && ret >= -4095 ? strerrorname_np(-ret) : NULL;
	if (e)
		snprintf(r, sizeof(r), "-1 %s", e);
	else
		snprintf(r, sizeof(r), d && (d->ret == R_ADDR || d->ret == R_HEX) ? "%#lx" : "%ld", ret);
	uint64_t pc = t->process->arch->pc(t);
	line(lg, pc, "%s(%s) = %s", name, args, r);
	/* RELRO made read-only: ld.so has relocated that object */
	if (!strcmp(name, "mprotect") && ret == 0 && a[2] == PROT_READ) {
		for (unsigned i = 0; i < lg->nobjs; i++) {
			struct log_obj *o = lg->objs[i];
			if (o->relocated || !o->relro || (o->relro & ~4095ULL) != a[0])
				continue;
			o->relocated = true;
			char r[400];
			relocs(lg, o, r, sizeof(r));
			line(lg, LINE_NOTE, "%s relocated (%s); its RELRO is read-only now", o->name, r);
			read_inits(lg, o);
		}
	}
}

static void thread_pointer(struct emu_log *lg, struct task *t, uint64_t pc)
{
	struct log_startup *st = lg->st;
	uint64_t tp = cpu_reg_read(t, lg->p->arch->log->tp_reg);
	if (tp == st->tp)
		return;
	st->tp = tp;
	char blocks[400] = "";
	int k = 0;
	for (unsigned i = 0; i < lg->nobjs && k < (int)sizeof(blocks); i++)
		if (lg->objs[i]->tls_memsz)
			k += snprintf(blocks + k, sizeof(blocks) - k, "%s%s (%llu bytes)", k ? ", " : "",
				      lg->objs[i]->name, (unsigned long long)lg->objs[i]->tls_memsz);
	line(lg, pc, "the thread pointer is 0x%llx now%s%s", (unsigned long long)tp,
	     *blocks ? "; TLS blocks of " : "", blocks);
}

/* The link map ld.so keeps, through the program's DT_DEBUG (r_debug). */
static void link_map(struct emu_log *lg)
{
	struct log_obj *exe = NULL;
	for (unsigned i = 0; i < lg->nobjs; i++)
		if (lg->objs[i]->kind == LOG_OBJ_EXE)
			exe = lg->objs[i];
	uint64_t r_debug = 0;
	for (uint64_t d = exe ? exe->dynamic : 0; d && word(lg, d) != DT_NULL; d += 16)
		if (word(lg, d) == DT_DEBUG)
			r_debug = word(lg, d + 8);
	if (!r_debug)
		return;
	/* struct r_debug { int r_version; struct link_map *r_map; ... }, and
	 * link_map's public head: l_addr, l_name, l_ld, l_next, l_prev */
	unsigned n = 0;
	line(lg, LINE_NOTE, "the link map, from the program's DT_DEBUG (r_debug at 0x%llx):",
	     (unsigned long long)r_debug);
	for (uint64_t l = word(lg, r_debug + 8); l && n < 256; l = word(lg, l + 24), n++) {
		const char *name = guest_str(lg->p->mm, word(lg, l + 8));
		line(lg, LINE_NOTE, "  [%u] %s, l_addr 0x%llx", n, name && *name ? name : "(the program)",
		     (unsigned long long)word(lg, l));
	}
}

void startup_block(struct emu_log *lg, struct task *t, uint64_t addr)
{
	struct log_startup *st = lg->st;
	const struct arch *arch = t->process->arch;
	if (st->done)
		return;
	thread_pointer(lg, t, addr);
	char sym[160], sym2[160];
	for (unsigned i = st->npend; i-- > 0;) {
		if (st->pend[i].ret != addr)
			continue;
		uint64_t chose = t->gpr[arch->ret_gpr];
		line(lg, st->pend[i].resolver, "ifunc resolver returned: %s chose 0x%llx %s",
		     syms_name(lg, st->pend[i].resolver, sym, sizeof(sym)), (unsigned long long)chose,
		     syms_name(lg, chose, sym2, sizeof(sym2)));
		st->pend[i] = st->pend[--st->npend];
	}
	for (unsigned i = 0; i < st->nw; i++) {
		struct watch *w = &st->w[i];
		if (w->addr != addr)
			continue;
		switch (w->kind) {
		case W_RESOLVER: {
			uint64_t ret = arch->log->ra_reg >= 0 ? cpu_reg_read(t, arch->log->ra_reg)
							       : word(lg, arch->sp(t));
			if (st->npend < sizeof(st->pend) / sizeof(st->pend[0]))
				st->pend[st->npend++] = (struct pending){ ret, addr, w->o };
			st->resolvers++;
			line(lg, ret, "calls the ifunc resolver of %s [%s]", syms_name(lg, addr, sym, sizeof(sym)),
			     w->o->name);
			break;
		}
		case W_INIT: {
			uint64_t ret = arch->log->ra_reg >= 0 ? cpu_reg_read(t, arch->log->ra_reg)
							       : word(lg, arch->sp(t));
			st->inits++;
			line(lg, addr, "entered: %s's %s, called from 0x%llx %s", w->o->name, w->what,
			     (unsigned long long)ret, syms_name(lg, ret, sym, sizeof(sym)));
			break;
		}
		case W_LSM: {
			uint64_t m = t->gpr[arch->call_gpr[0]];
			line(lg, addr, "__libc_start_main(main=0x%llx %s, argc=%lld, argv=0x%llx)",
			     (unsigned long long)m, syms_name(lg, m, sym, sizeof(sym)),
			     (long long)t->gpr[arch->call_gpr[1]], (unsigned long long)t->gpr[arch->call_gpr[2]]);
			watch(st, m, W_MAIN, syms_obj_at(lg, m), NULL);
			return;	/* st->w may have moved */
		}
		case W_MAIN:
			link_map(lg);
			line(lg, addr, "main(argc=%lld, argv=0x%llx) reached, after %u ifunc resolver call%s "
			     "and %u init function%s", (long long)t->gpr[arch->call_gpr[0]],
			     (unsigned long long)t->gpr[arch->call_gpr[1]], st->resolvers,
			     st->resolvers == 1 ? "" : "s", st->inits, st->inits == 1 ? "" : "s");
			st->done = true;
			return;
		}
	}
}
