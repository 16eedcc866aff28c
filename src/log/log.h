/* qemu's -d logs (in_asm with Capstone, exec, cpu, page) and the
 * --show-startup timeline, with symbols from the guest's own ELF files.
 * Everything here is off, and costs nothing, unless asked for: the
 * callers test p->log first. */
#ifndef EMU_LOG_H
#define EMU_LOG_H

#include <stdint.h>
#include <stdio.h>

#include "opts.h"

struct process;
struct task;
struct syscall_desc;

/* -d LIST: 0, 1 for "help" (printed), or -1 after a message. */
int log_parse_items(struct log_opts *o, const char *list);
/* -dfilter RANGES: 0, or -1 after a message. */
int log_parse_ranges(struct log_opts *o, const char *list);
void log_opts_free(struct log_opts *o);

/* p->log for what cfg->log asks, once p->mm exists; 0 or -1. */
int log_open(struct process *p);
void log_close(struct process *p);
/* In a fork's child: the log's lock, as another thread may have held it. */
void log_forked(struct process *p);
/* The hooks of t's CPU, once it has one. */
int log_task(struct task *t);

/* Objects whose symbols name addresses: a file the loader or the guest
 * (at pc; 0: the loader) mapped (bias: where its vaddr 0 is), or an image already in guest
 * memory at base (the vDSO). */
enum log_obj_kind { LOG_OBJ_EXE, LOG_OBJ_INTERP, LOG_OBJ_VDSO, LOG_OBJ_LIB };
void log_object_file(struct process *p, const char *path, int fd, uint64_t bias,
		     enum log_obj_kind kind, uint64_t pc);
void log_object_image(struct process *p, const char *name, uint64_t base, uint64_t size);
/* The guest mapped a file: an ELF object's first page is a new object. */
void log_mmap(struct task *t, uint64_t addr, uint64_t len, int prot, int fd, uint64_t off);
/* After a syscall, its row of syscalls.def or NULL (for --show-startup). */
void log_syscall(struct task *t, const char *name, const struct syscall_desc *d,
		 const uint64_t a[6], long ret);
/* Just before the first instruction. */
void log_begin(struct task *t);

#endif
