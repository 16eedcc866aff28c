#define _GNU_SOURCE
/* /proc/self as the program sees it: its own exe, auxv, maps, cmdline,
 * and uname naming the machine it was built for. */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char exe[PATH_MAX] = { 0 }, *real = realpath(argv[0], NULL);
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	printf("/proc/self/exe is the program: %s\n", n > 0 && real && !strcmp(exe, real) ? "yes" : "no");

	int fd = open("/proc/self/auxv", O_RDONLY);
	Elf64_auxv_t av[64];
	n = fd >= 0 ? read(fd, av, sizeof(av)) : -1;
	int same = n > 0, entries = 0;
	for (int i = 0; n > 0 && i < n / (int)sizeof(av[0]) && av[i].a_type != AT_NULL; i++, entries++)
		/* glibc keeps its own idea of AT_HWCAP/AT_HWCAP2 on x86 */
		same &= av[i].a_type == AT_HWCAP || av[i].a_type == AT_HWCAP2 ||
			getauxval(av[i].a_type) == av[i].a_un.a_val;
	printf("/proc/self/auxv matches getauxval: %s (%s)\n", same ? "yes" : "no",
	       entries > 10 ? "many entries" : "few entries");

	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int stack = 0, self = 0;
	while (f && fgets(line, sizeof(line), f)) {
		stack |= strstr(line, "[stack]") != NULL;
		self |= real && strstr(line, real) && strstr(line, "r-xp");
	}
	printf("/proc/self/maps has [stack]: %s, the program's text: %s\n", stack ? "yes" : "no", self ? "yes" : "no");

	fd = open("/proc/self/cmdline", O_RDONLY);
	char cmd[256] = { 0 };
	n = read(fd, cmd, sizeof(cmd));
	printf("/proc/self/cmdline: %zd bytes, second word \"%s\"\n", n,
	       argc > 1 ? cmd + strlen(cmd) + 1 : "");

	char buf[4096] = { 0 };
	f = fopen("/proc/self/stat", "r");
	if (f && fgets(buf, sizeof(buf), f) && strchr(buf, ')'))
		*strchr(buf, ')') = 0;
	printf("/proc/self/stat names %s)\n", strchr(buf, '(') ? strchr(buf, '(') : "nothing");
#ifdef __x86_64__
	/* qemu-riscv64, the riscv64 oracle, shows its own name in these two */
	f = fopen("/proc/self/comm", "r");
	printf("/proc/self/comm: %s", f && fgets(buf, sizeof(buf), f) ? buf : "?\n");
	f = fopen("/proc/self/status", "r");
	printf("/proc/self/status: %s", f && fgets(buf, sizeof(buf), f) ? buf : "?\n");
#endif
	fd = open("/proc/self/environ", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	int found = 0;
	for (char *p = buf; n > 0 && p < buf + n; p += strlen(p) + 1)
		found |= !strcmp(p, "EMU_TEST_VAR=hello");
	printf("/proc/self/environ has EMU_TEST_VAR=hello: %s\n", found ? "yes" : "no");
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)getpid());
	fd = open(path, O_RDONLY);
	char cmd2[256] = { 0 };
	printf("/proc/<pid>/cmdline is /proc/self/cmdline: %s\n",
	       read(fd, cmd2, sizeof(cmd2)) > 0 && !memcmp(cmd, cmd2, sizeof(cmd)) ? "yes" : "no");

	struct utsname u;
	uname(&u);
	printf("uname machine %s\n", u.machine);
	free(real);
	return 0;
}
