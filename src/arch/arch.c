#include "arch.h"

#include <sched.h>
#include <string.h>

const struct arch *const arch_all[] = { &arch_riscv64, &arch_x86_64, NULL };

const struct arch *arch_for_machine(uint16_t e_machine)
{
	for (size_t i = 0; arch_all[i]; i++)
		if (arch_all[i]->e_machine == e_machine)
			return arch_all[i];
	return NULL;
}

const struct arch *arch_by_name(const char *name)
{
	for (size_t i = 0; arch_all[i]; i++)
		if (!strcmp(arch_all[i]->name, name))
			return arch_all[i];
	return NULL;
}

const struct cpu_model *arch_cpu_model(const struct arch *a, const char *name)
{
	if (!name)
		return &a->cpu_models[0];
	for (unsigned i = 0; i < a->ncpu_models; i++)
		if (!strcasecmp(a->cpu_models[i].name, name))
			return &a->cpu_models[i];
	return NULL;
}

int arch_online_cpus(void)
{
	cpu_set_t set;
	return sched_getaffinity(0, sizeof(set), &set) ? 1 : CPU_COUNT(&set);
}
