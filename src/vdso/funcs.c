/* The host side of the vDSO: one row per function an entry traps to.  Each
 * answers exactly what the kernel's vDSO would, which for every one of them
 * is what the syscall of the same name answers, so the rows point at the
 * syscall handlers themselves; only getrandom has an ABI of its own. */
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>

#include "../syscalls/syscalls.h"
#include "vdso.h"

/* The vgetrandom ABI (lib/vdso/getrandom.c): getrandom(buf, len, flags,
 * opaque_state, opaque_len).  opaque_len == ~0 with nothing else asks for
 * the state's parameters; a state of that size then gets random bytes. */
#define VGETRANDOM_STATE_SIZE 256
#define MAP_DROPPABLE_ 0x08

static long vgetrandom(struct task *t, const uint64_t *a)
{
	if (a[4] == ~0ULL && !a[0] && !a[1] && !a[2]) {
		uint32_t params[16] = { VGETRANDOM_STATE_SIZE, PROT_READ | PROT_WRITE,
					MAP_DROPPABLE_ | MAP_ANONYMOUS };
		return guest_write(t->process->mm, a[3], params, sizeof(params));
	}
	/* With a state or without one (the kernel's fallback), the bytes come
	 * from the host's getrandom: emu keeps no generator of its own. */
	return sys_getrandom(t, a);
}

#define FUNC(name, fn, ret, ...) \
	{ #name, HL_VDSO, sizeof((uint8_t[]){ 0, __VA_ARGS__ }) - 1, .emu = fn, \
	  .kinds = { __VA_ARGS__ }, .ret_kind = ret }

const struct hostcall vdso_funcs[] = {
	FUNC(clock_gettime, sys_clock_gettime, R_INT, K_CLOCK, K_O_TIMESPEC),
	FUNC(gettimeofday, sys_gettimeofday, R_INT, K_O_TIMEVAL, K_PTR),
	FUNC(time, sys_time, R_INT, K_PTR),
	FUNC(clock_getres, sys_clock_getres, R_INT, K_CLOCK, K_O_TIMESPEC),
	FUNC(getcpu, sys_getcpu, R_INT, K_O_UINT, K_O_UINT, K_PTR),
	FUNC(getrandom, vgetrandom, R_SIZE, K_O_RANDOM, K_SIZE, K_RANDOM_FLAGS, K_PTR, K_HEX),
	FUNC(flush_icache, sys_riscv_flush_icache, R_INT, K_PTR, K_PTR, K_HEX),
	FUNC(riscv_hwprobe, sys_riscv_hwprobe, R_INT, K_PTR, K_SIZE, K_SIZE, K_PTR, K_HEX),
};
const unsigned vdso_nfuncs = sizeof(vdso_funcs) / sizeof(vdso_funcs[0]);

const struct hostcall *vdso_func(const char *name)
{
	for (unsigned i = 0; i < vdso_nfuncs; i++)
		if (!strcmp(vdso_funcs[i].name, name))
			return &vdso_funcs[i];
	return NULL;
}
