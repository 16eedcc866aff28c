/* The log room's own state: the objects and their symbols, the output,
 * what in_asm has shown, the --show-startup observer. */
#ifndef EMU_LOG_INT_H
#define EMU_LOG_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "log.h"

struct log_sym {
	uint64_t addr, size;
	const char *name;
	bool ifunc;			/* STT_GNU_IFUNC: addr is the resolver */
	uint8_t rank;			/* of names at one address, the lowest is shown */
};

/* One relocation type and how many an object has. */
struct log_rel {
	uint32_t type;
	unsigned n;
};

/* A mapped ELF object, and what --show-startup wants of it. */
struct log_obj {
	char *path;
	const char *name;		/* the base name */
	enum log_obj_kind kind;
	uint64_t start, end, bias;	/* the span of its PT_LOADs, in memory */
	struct log_sym *syms;		/* by address */
	size_t nsyms;
	char *strs;			/* their names */
	bool debug_file;		/* symbols from /usr/lib/debug/.build-id */
	/* biased addresses (0: none) and sizes */
	uint64_t dynamic, relro, relro_size, tls_memsz, tls_align;
	uint64_t init, init_array, init_array_size, preinit_array, preinit_array_size;
	struct log_rel rel[24];
	unsigned nrel, relr, rel_total;
	uint64_t *irelative;		/* resolvers named by R_*_IRELATIVE */
	unsigned nirelative;
	bool announced, relocated;
};

struct log_startup;

struct emu_log {
	const struct log_opts *o;
	struct process *p;
	FILE *out;
	pthread_mutex_t lock;		/* objects, the in_asm set, output */
	struct log_obj **objs;
	unsigned nobjs;
	void *cs;			/* Capstone's handle, for in_asm */
	uint64_t *seen;			/* in_asm: blocks shown (open addressing) */
	size_t seen_cap, seen_n;
	uint64_t seen_code_gen;
	struct log_startup *st;		/* --show-startup, or NULL */
};

/* syms.c: objects and names (lock held) */
struct log_obj *syms_add_file(struct emu_log *lg, const char *path, int fd, uint64_t bias,
			      enum log_obj_kind kind);
struct log_obj *syms_add_image(struct emu_log *lg, const char *name, const void *image,
			       uint64_t size, uint64_t base);
struct log_obj *syms_obj_at(struct emu_log *lg, uint64_t addr);
/* The symbol addr is in, and how far in; NULL if none. */
const struct log_sym *syms_at(const struct log_obj *o, uint64_t addr);
/* "main+0x1c", "libc.so.6+0x2a0c0", or "" */
const char *syms_name(struct emu_log *lg, uint64_t addr, char *buf, size_t size);
/* A symbol by name in any object: its address, or 0. */
uint64_t syms_lookup(struct emu_log *lg, const char *name, struct log_obj **in);
void syms_free(struct emu_log *lg);

/* disas.c: in_asm */
int disas_open(struct emu_log *lg);
void disas_block(struct emu_log *lg, struct task *t, uint64_t addr, uint32_t size);
void disas_close(struct emu_log *lg);

/* startup.c */
int startup_open(struct emu_log *lg);
void startup_begin(struct emu_log *lg, struct task *t);
void startup_block(struct emu_log *lg, struct task *t, uint64_t addr);
void startup_object(struct emu_log *lg, struct log_obj *o, uint64_t pc);
void startup_syscall(struct emu_log *lg, struct task *t, const char *name,
		     const struct syscall_desc *d, const uint64_t a[6], long ret);
void startup_close(struct emu_log *lg);

#endif
