/* A wild store: the program must die of SIGSEGV, as on Linux. */
#include <stdio.h>

int main(void)
{
	printf("about to fault\n");
	fflush(stdout);
	*(volatile int *)16 = 1;
	printf("not reached\n");
	return 0;
}
