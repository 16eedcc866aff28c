/* argv, the environment and the auxiliary vector as the program sees them. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
	printf("argc=%d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=\"%s\"\n", i, argv[i]);
	printf("argv[argc] is %s\n", argv[argc] ? "not NULL" : "NULL");
	printf("EMU_TEST_VAR=%s\n", getenv("EMU_TEST_VAR") ? getenv("EMU_TEST_VAR") : "(unset)");
	printf("EMU_TEST_UNSET=%s\n", getenv("EMU_TEST_UNSET") ? getenv("EMU_TEST_UNSET") : "(unset)");
	/* envp follows argv's NULL on the stack */
	printf("envp follows argv: %s\n", envp == argv + argc + 1 ? "yes" : "no");

	printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
	printf("AT_CLKTCK=%lu\n", getauxval(AT_CLKTCK));
	printf("AT_PHENT=%lu\n", getauxval(AT_PHENT));
	printf("AT_UID matches getuid: %s\n", getauxval(AT_UID) == getuid() ? "yes" : "no");
	printf("AT_EGID matches getegid: %s\n", getauxval(AT_EGID) == getegid() ? "yes" : "no");
	printf("AT_SECURE=%lu\n", getauxval(AT_SECURE));
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	printf("AT_EXECFN is argv[0]: %s\n", execfn && !strcmp(execfn, argv[0]) ? "yes" : "no");
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	int nonzero = 0;
	for (int i = 0; rnd && i < 16; i++)
		nonzero |= rnd[i];
	printf("AT_RANDOM present and not all zero: %s\n", rnd && nonzero ? "yes" : "no");
	/* AT_PHDR must point at this program's own program headers */
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	int loads = 0;
	for (unsigned i = 0; ph && i < getauxval(AT_PHNUM); i++)
		loads += ph[i].p_type == PT_LOAD;
	printf("AT_PHDR has PT_LOAD segments: %s\n", loads > 0 ? "yes" : "no");
	return 0;
}
