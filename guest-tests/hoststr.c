/* libc's memory and string functions as programs call them, with the
 * results printed, and a bad pointer's SIGSEGV (its si_code and address
 * relative to the page it ran into).  hostcall_test.py compares the
 * output of emu --host-lib=all with the oracle's. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf back;
static char *guard;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	long off = (char *)si->si_addr - guard;
	if (off > -65536 && off < 65536)
		printf("  SIGSEGV code %d at guard%+ld\n", si->si_code, off);
	else
		printf("  SIGSEGV code %d at %p\n", si->si_code, si->si_addr);
	siglongjmp(back, 1);
}

/* the functions through pointers the dynamic linker resolved */
static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static size_t (*volatile p_strlen)(const char *) = strlen;
static char *(*volatile p_strcpy)(char *, const char *) = strcpy;
static void *(*volatile p_memset)(void *, int, size_t) = memset;

int main(void)
{
	char a[256], b[256];
	for (int i = 0; i < 256; i++)
		a[i] = (char)(i * 7 + 1);
	memcpy(b, a, sizeof(b));
	memmove(b + 3, b, 100);
	printf("memmove %d %d\n", b[3], b[102]);
	printf("memcmp %d %d %d\n", memcmp(a, b, 3) == 0, memcmp(a, b, 50) > 0, memcmp(a, a, 0));
	memset(b, 'x', 10);
	b[10] = 0;
	printf("memset %s\n", b);
	printf("memchr %ld %p\n", (char *)memchr(a, a[77], 256) - a, memchr(a, 0, 0));
	printf("memrchr %ld\n", (char *)memrchr(b, 'x', 11) - b);
	printf("mempcpy %ld\n", (char *)mempcpy(b, "abc", 3) - b);
	char s[128] = "hello";
	strcat(s, ", world");
	printf("strcat %s strlen %zu strnlen %zu %zu\n", s, strlen(s), strnlen(s, 4), strnlen(s, 100));
	printf("strcmp %d %d %d\n", strcmp(s, "hello") > 0, strcmp("abc", "abd") < 0, strcmp(s, s));
	printf("strncmp %d %d\n", strncmp(s, "help", 3), strncmp(s, "help", 4) < 0);
	printf("strchr %s strrchr %s strchrnul %ld\n", strchr(s, 'o'), strrchr(s, 'o'),
	       strchrnul(s, 'z') - s);
	printf("strstr %s %p\n", strstr(s, "wor"), strstr(s, "xyz"));
	printf("strspn %zu strcspn %zu strpbrk %s\n", strspn(s, "hel"), strcspn(s, " ,"), strpbrk(s, ",w"));
	char d[64];
	printf("strcpy %s stpcpy %ld\n", strcpy(d, s), stpcpy(d, "four") - d);
	printf("bcmp %d\n", bcmp(a, b, 0));

	/* a big copy, as programs do */
	size_t n = 8 << 20;
	char *x = malloc(n), *y = malloc(n);
	memset(x, 0x5a, n);
	memcpy(y, x, n);
	printf("big %d %d\n", memcmp(x, y, n), y[n - 1]);

	/* bad pointers: what the guest's own function would get */
	long pg = sysconf(_SC_PAGESIZE);
	char *area = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	guard = area + pg;
	mprotect(guard, pg, PROT_NONE);
	memset(guard - 8, 'q', 8);
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_NODEFER };
	sigaction(SIGSEGV, &sa, NULL);
	if (!sigsetjmp(back, 1)) {
		printf("memcpy from the guard page\n");
		p_memcpy(d, guard - 8, 16);
	}
	if (!sigsetjmp(back, 1)) {
		printf("strlen into the guard page\n");
		p_strlen(guard - 8);
	}
	if (!sigsetjmp(back, 1)) {
		printf("memset onto the guard page\n");
		p_memset(guard - 8, 0, 4096);
	}
	if (!sigsetjmp(back, 1)) {
		printf("strcpy to an unmapped address\n");
		p_strcpy((char *)8, "x");
	}
	printf("done\n");
	return 0;
}
