/* The synthesized vDSO: a real ELF shared object built at start-up for the
 * guest's arch, whose entries trap to host handlers (see docs/vdso.md). */
#ifndef EMU_VDSO_H
#define EMU_VDSO_H

#include <stddef.h>
#include <stdint.h>

#include "../hostcall/hostcall.h"

struct task;

/* The host handlers vDSO entries call: host-call rows (hostcall.h) whose
 * body is emu's own handler, shared by the image builder (which entries
 * trap), the hook installer and the tracer. */
extern const struct hostcall vdso_funcs[];
extern const unsigned vdso_nfuncs;
const struct hostcall *vdso_func(const char *name);

/* What an arch exports from its vDSO, in the kernel's linker-script order. */
struct vdso_export {
	const char *name;		/* the symbol */
	const char *func;		/* the vdso_funcs[] row it traps to, or NULL */
	const uint8_t *code;		/* with func NULL: the entry's own code */
	uint8_t code_len;
	uint8_t code_skip;		/* bytes of code before the symbol (unwinder nop) */
	uint8_t alias;			/* a weak alias of the export before it */
	uint8_t signal_frame;		/* its unwind info describes a signal frame */
};

/* An image built in memory. */
struct vdso_image {
	uint8_t *data;
	size_t size;			/* page multiple */
	struct vdso_sym { const char *name; uint64_t addr; const struct hostcall *func; } *syms;
	size_t nsyms;
};

/* Build the image for arch (a struct arch *); 0 or -1 with a message. */
int vdso_build(const void *arch, struct vdso_image *img);
void vdso_image_free(struct vdso_image *img);
/* Map [vvar] and [vdso] into t, install the trap hooks; sets t->process->vdso_base. */
int vdso_install(struct task *t);
/* Install the entry hooks on t's CPU (a new thread's too). */
int vdso_hook_task(struct task *t);
/* --dump-vdso: write the image for the named arch to path. */
int vdso_dump(const char *arch_name, const char *path);

#endif
