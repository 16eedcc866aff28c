/* -d in_asm: each block disassembled with Capstone the first time it runs
 * (Unicorn has no hook at translation; a change of the code's mappings,
 * which drops every translation, makes blocks new again), in qemu's
 * layout, with the symbol each block and branch target belongs to. */
#include "logint.h"

#include <capstone/capstone.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../arch/arch.h"
#include "../task/sched.h"

int disas_open(struct emu_log *lg)
{
	const struct arch_log *al = lg->p->arch->log;
	csh *h = calloc(1, sizeof(*h));
	if (!h || cs_open(al->cs_arch, al->cs_mode, h) != CS_ERR_OK) {
		fprintf(stderr, "emu: -d in_asm: Capstone cannot disassemble %s\n", lg->p->arch->name);
		free(h);
		return -1;
	}
	cs_option(*h, CS_OPT_DETAIL, CS_OPT_ON);
	lg->cs = h;
	return 0;
}

void disas_close(struct emu_log *lg)
{
	if (lg->cs)
		cs_close(lg->cs);
	free(lg->cs);
	free(lg->seen);
	lg->cs = NULL;
	lg->seen = NULL;
}

/* Whether addr is new to the set (and now in it). */
static bool first_time(struct emu_log *lg, uint64_t addr)
{
	if (lg->seen_code_gen != lg->p->code_gen) {
		lg->seen_code_gen = lg->p->code_gen;
		lg->seen_n = 0;
		if (lg->seen)
			memset(lg->seen, 0, lg->seen_cap * sizeof(*lg->seen));
	}
	if (lg->seen_n * 2 >= lg->seen_cap) {
		size_t cap = lg->seen_cap ? lg->seen_cap * 2 : 4096;
		uint64_t *ns = calloc(cap, sizeof(*ns));
		if (!ns)
			return true;
		for (size_t i = 0; i < lg->seen_cap; i++)
			for (size_t k = lg->seen[i] * 0x9e3779b97f4a7c15ULL >> 20; lg->seen[i]; k++)
				if (!ns[k & (cap - 1)]) {
					ns[k & (cap - 1)] = lg->seen[i];
					break;
				}
		free(lg->seen);
		lg->seen = ns;
		lg->seen_cap = cap;
	}
	/* block addresses are never 0: the first page is never mapped */
	for (size_t k = addr * 0x9e3779b97f4a7c15ULL >> 20;; k++) {
		uint64_t *slot = &lg->seen[k & (lg->seen_cap - 1)];
		if (*slot == addr)
			return false;
		if (!*slot) {
			*slot = addr;
			lg->seen_n++;
			return true;
		}
	}
}

/* A jump's or call's last operand, when it is a number: its target
 * (absolute where Capstone printed an offset), with the symbol. */
static void print_operands(struct emu_log *lg, const cs_insn *in)
{
	csh h = *(csh *)lg->cs;
	const char *ops = in->op_str, *last = strrchr(ops, ' ');
	last = last ? last + 1 : ops;
	char *end;
	long long v = strtoll(last, &end, 0);
	bool num = *last && !*end && (isdigit((unsigned char)*last) || *last == '-');
	if (!num || !(cs_insn_group(h, in, CS_GRP_JUMP) || cs_insn_group(h, in, CS_GRP_CALL))) {
		fprintf(lg->out, "%s", ops);
		return;
	}
	uint64_t target = lg->p->arch->log->branch_relative ? in->address + v : (uint64_t)v;
	char sym[160];
	syms_name(lg, target, sym, sizeof(sym));
	fprintf(lg->out, "%.*s0x%llx%s%s%s", (int)(last - ops), ops, (unsigned long long)target,
		*sym ? " <" : "", sym, *sym ? ">" : "");
}

void disas_block(struct emu_log *lg, struct task *t, uint64_t addr, uint32_t size)
{
	if (!first_time(lg, addr))
		return;
	struct mm *mm = t->process->mm;
	char sym[160];
	fprintf(lg->out, "----------------\nIN: %s\n", syms_name(lg, addr, sym, sizeof(sym)));
	const uint8_t *code = guest_ptr(mm, addr, size, PROT_EXEC);
	cs_insn *in = NULL;
	size_t n = code ? cs_disasm(*(csh *)lg->cs, code, size, addr, 0, &in) : 0;
	uint64_t done = addr;
	for (size_t i = 0; i < n; i++) {
		char bytes[3 * 16 + 1] = "";
		for (int k = 0; k < in[i].size && k < 15; k++)
			snprintf(bytes + 3 * k, 4, "%02x ", in[i].bytes[k]);
		fprintf(lg->out, "0x%016llx:  %-24s%s%s", (unsigned long long)in[i].address, bytes,
			in[i].mnemonic, in[i].op_str[0] ? " " : "");
		print_operands(lg, &in[i]);
		fputc('\n', lg->out);
		done = in[i].address + in[i].size;
	}
	if (done < addr + size)
		fprintf(lg->out, "0x%016llx:  (%llu bytes Capstone cannot decode)\n",
			(unsigned long long)done, (unsigned long long)(addr + size - done));
	fputc('\n', lg->out);
	cs_free(in, n);
}
