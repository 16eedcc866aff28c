/* The parts of Unicorn set-up every arch shares: the engine, the fast virtual
 * TLB whose fill hook is our MMU, and the guest address space as one RAM
 * region over the host reservation. */
#include "cpu.h"

#include "../task/world.h"

#include <stdio.h>
#include <sys/mman.h>

static uc_prot uc_prot_of(int prot)
{
	return (prot & PROT_READ ? UC_PROT_READ : 0) |
	       (prot & PROT_WRITE ? UC_PROT_WRITE : 0) |
	       (prot & PROT_EXEC ? UC_PROT_EXEC : 0);
}

/* Called only on a TLB miss, with the address touched (emu's Unicorn patch:
 * released Unicorn gives only the page).  The VMA list decides; a refusal
 * becomes a page fault, which ends the run with SIGSEGV at that address. */
static bool tlb_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type,
		     uc_tlb_entry *e, void *opaque)
{
	struct task *t = opaque;
	int need = type == UC_MEM_WRITE ? PROT_WRITE :
		   type == UC_MEM_FETCH ? PROT_EXEC : PROT_READ;
	/* Unicorn's TLB starts at 256 entries and only resizes itself when it
	 * is flushed.  Flushing after every 4096 fills lets it grow to the
	 * working set: the compute bench went from 4.3M fills to 13K and ran
	 * 25-33% faster.  The fill being served is installed after the flush. */
	if (++t->tlb_fills % 4096 == 0)
		uc_ctl_flush_tlb(uc);
	/* The vsyscall page lives outside the guest address space proper and
	 * is execute-only (vsyscall=xonly); its code is in the spare page. */
	uint64_t page = PAGE_DOWN(vaddr);
	if (t->process->arch->vsyscall && page == t->process->arch->vsyscall && need == PROT_EXEC) {
		e->paddr = t->process->mm->size;
		e->perms = UC_PROT_EXEC;
		return true;
	}
	int prot = mm_prot(t->process->mm, vaddr);
	if (prot < 0 || !(prot & need)) {
		t->fault_addr = vaddr;
		t->fault_has_addr = true;
		return false;
	}
	t->fault_has_addr = false;	/* a refused probe is no fault */
	e->paddr = page;
	/* Grant all the page allows, not just this access, or a stack page
	 * would bounce between read and write entries. */
	e->perms = uc_prot_of(prot);
	return true;
}

static void mm_before(void *opaque)
{
	struct task *t = task_self();
	(void)opaque;
	if (t)
		world_stop(t);
}

static void mm_changed(void *opaque, uint64_t start, uint64_t end, enum mm_stale stale)
{
	struct task *t = task_self() ? task_self() : opaque;
	(void)start, (void)end;
	/* Not uc_ctl_remove_cache: it looks the range up as an instruction
	 * fetch, which faults on pages that are no longer executable. */
	if (stale == MM_STALE_CODE)
		uc_ctl_flush_tb(t->uc);
	if (stale != MM_STALE_NONE)
		uc_ctl_flush_tlb(t->uc);
	if (t->process)
		world_resume(t, stale);
}

int cpu_open(struct task *t, uc_arch ua, uc_mode um)
{
	uc_err err = uc_open(ua, um, &t->uc);
	if (err) {
		fprintf(stderr, "emu: cannot start the %s CPU: %s\n", t->process->arch->name,
			uc_strerror(err));
		return -1;
	}
	uc_hook h;
	err = uc_ctl_set_cpu_model(t->uc, t->process->cpu_model);
	if (!err)
		err = uc_ctl_tlb_mode(t->uc, UC_TLB_VIRTUAL);
	if (!err)
		err = uc_hook_add(t->uc, &h, UC_HOOK_TLB_FILL, tlb_fill, t, 1, 0);
	if (!err)
		err = uc_mem_map_ptr(t->uc, 0, t->process->mm->size + GUEST_PAGE, UC_PROT_ALL, t->process->mm->host);
	if (!err)
		err = uc_gpr_array(t->uc, &t->gpr);
	if (!err)
		err = uc_fpr_array(t->uc, &t->fpr, &t->fpr_stride, &t->fcsr);
	if (err) {
		fprintf(stderr, "emu: cannot set up guest memory: %s\n", uc_strerror(err));
		return -1;
	}
	if (!t->process->mm->changed) {	/* the first CPU of the process */
		t->process->mm->changed = mm_changed;
		t->process->mm->before = mm_before;
		t->process->mm->opaque = t;
	}
	return 0;
}

int cpu_reg_write(struct task *t, int reg, uint64_t v)
{
	return uc_reg_write(t->uc, reg, &v) == UC_ERR_OK ? 0 : -1;
}

uint64_t cpu_reg_read(struct task *t, int reg)
{
	uint64_t v = 0;
	uc_reg_read(t->uc, reg, &v);
	return v;
}
