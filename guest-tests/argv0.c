/* What a program started through binfmt_misc sees of its own start: its
 * argv[0] (the P flag keeps the caller's), its argv, and an exec of
 * another program (argv[1], when given) that must work there too. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	printf("argv0=%s argc=%d\n", argv[0], argc);
	fflush(stdout);
	if (argc > 1) {
		execv(argv[1], argv + 1);
		perror("execv");
		return 1;
	}
	return 0;
}
