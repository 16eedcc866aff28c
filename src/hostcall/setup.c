/* A process's host calls: the [hostcalls] mapping (a stub per row, each
 * the arch's trap stub, then a page of strings for the guest), and one
 * code hook over all the stubs on every task's CPU, added before the
 * guest runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hostcall_int.h"

static void on_stub(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct task *t = opaque;
	uint64_t off = addr - t->process->hc->stubs;
	(void)uc, (void)size;
	if (off % HC_SLOT == 0)		/* the stub's first instruction, not its return */
		hostcall_trap(t, &hostcall_table[off / HC_SLOT]);
}

int hostcall_hook_task(struct task *t)
{
	const struct hostcall_state *s = t->process->hc;
	uc_hook hh;
	if (!s)
		return 0;
	return uc_hook_add(t->uc, &hh, UC_HOOK_CODE, on_stub, t, s->stubs,
			   s->stubs + hostcall_count * HC_SLOT - 1) ? -1 : 0;
}

int hostcall_setup(struct task *t, unsigned libs)
{
	struct process *p = t->process;
	const struct arch *a = p->arch;
	struct hostcall_state *s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	s->libs = libs;
	pthread_mutex_init(&s->lock, NULL);
	if (hc_prep(s, a)) {
		fprintf(stderr, "emu: --host-lib: libffi cannot build the call interfaces\n");
		return -1;
	}
	uint64_t code = PAGE_UP(hostcall_count * HC_SLOT);
	int err = 0;
	s->stubs = mm_map_free(p->mm, code + GUEST_PAGE, PROT_READ | PROT_EXEC,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[hostcalls]", &err);
	if (!s->stubs) {
		fprintf(stderr, "emu: --host-lib: cannot map the stubs: %s\n", strerror(-err));
		return -1;
	}
	for (unsigned i = 0; i < hostcall_count; i++)
		memcpy(p->mm->host + s->stubs + i * HC_SLOT, a->trap_stub, a->trap_stub_len);
	s->strings = s->stubs + code;
	p->hc = s;
	return hostcall_hook_task(t);
}

void hostcall_free(struct process *p)
{
	struct hostcall_state *s = p->hc;
	if (!s)
		return;
	hc_streams_free(s);
	free(s->cifs);
	free(s->atypes);
	pthread_mutex_destroy(&s->lock);
	free(s);
	p->hc = NULL;
}

uint64_t hc_guest_string(struct task *t, const char *str)
{
	struct hostcall_state *s = t->process->hc;
	uint8_t *page = t->process->mm->host + s->strings;
	size_t n = strlen(str) + 1;
	uint64_t at = 0;
	pthread_mutex_lock(&s->lock);
	for (size_t off = 0; off < s->strings_used && !at; off += strlen((char *)page + off) + 1)
		if (!strcmp((char *)page + off, str))
			at = s->strings + off;
	if (!at && s->strings_used + n <= GUEST_PAGE) {
		memcpy(page + s->strings_used, str, n);
		at = s->strings + s->strings_used;
		s->strings_used += n;
	}
	pthread_mutex_unlock(&s->lock);
	return at;
}
