/* The riscv64-only syscalls, which the vDSO entries of the same names also
 * call: what the kernel's vDSO answers, it answers as the syscall would. */
#include <sys/mman.h>

#include "../arch/cpu.h"
#include "../task/world.h"
#include "syscalls.h"

SYSCALL_DEFINE(riscv_flush_icache)
{
	/* Each engine notices only its own stores into code it translated:
	 * drop this thread's translations, and without
	 * SYS_RISCV_FLUSH_ICACHE_LOCAL every other thread's too (a world-stop
	 * that says code changed). */
	if (a[2] & ~1ULL)
		return -EINVAL;
	uc_ctl_flush_tb(t->uc);
	if (!(a[2] & 1)) {
		world_stop(t);
		world_resume(t, MM_STALE_CODE);
	}
	return 0;
}

/* <asm/hwprobe.h> keys, as far as the emulated CPU has answers. */
enum {
	HWPROBE_MVENDORID, HWPROBE_MARCHID, HWPROBE_MIMPID, HWPROBE_BASE_BEHAVIOR,
	HWPROBE_IMA_EXT_0, HWPROBE_CPUPERF_0,
};
#define BASE_BEHAVIOR_IMA 1
#define IMA_FD (1 << 0)
#define IMA_C (1 << 1)
#define MISALIGNED_EMULATED 1

SYSCALL_DEFINE(riscv_hwprobe)
{
	/* struct riscv_hwprobe { s64 key; u64 value; } pairs[a[1]] */
	uint64_t n = a[1];
	if (a[4])
		return -EINVAL;
	int64_t (*pairs)[2] = guest_ptr(t->process->mm, a[0], n * 16, PROT_READ | PROT_WRITE);
	if (!pairs && n)
		return -EFAULT;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t v = 0;
		switch (pairs[i][0]) {
		case HWPROBE_MVENDORID: case HWPROBE_MARCHID: case HWPROBE_MIMPID:
			v = 0;		/* an emulator is no vendor's part */
			break;
		case HWPROBE_BASE_BEHAVIOR:
			v = BASE_BEHAVIOR_IMA;
			break;
		case HWPROBE_IMA_EXT_0:
			v = ((t->process->hwcap & (1 << ('f' - 'a'))) && (t->process->hwcap & (1 << ('d' - 'a'))) ? IMA_FD : 0) |
			    (t->process->hwcap & (1 << ('c' - 'a')) ? IMA_C : 0);
			break;
		case HWPROBE_CPUPERF_0:
			v = MISALIGNED_EMULATED;
			break;
		default:	/* unknown keys are answered with key -1 */
			pairs[i][0] = -1;
			break;
		}
		pairs[i][1] = v;
	}
	return 0;
}
