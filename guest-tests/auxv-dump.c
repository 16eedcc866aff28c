/* Prints what the kernel handed over, read straight from the initial stack
 * (no libc helpers), so tests can hold emu's --show-auxv and --show-stack
 * against what the guest really received. */
#include <stdio.h>

int main(int argc, char **argv, char **envp)
{
	printf("sp 0x%lx\n", (unsigned long)(argv - 1));
	for (int i = 0; i <= argc; i++)
		printf("argv[%d] 0x%lx\n", i, (unsigned long)argv[i]);
	char **e = envp;
	for (; *e; e++)
		;
	printf("envc %ld\n", (long)(e - envp));
	for (unsigned long *a = (unsigned long *)(e + 1);; a += 2) {
		printf("auxv %lu 0x%lx\n", a[0], a[1]);
		if (!a[0])
			break;
	}
	return 0;
}
