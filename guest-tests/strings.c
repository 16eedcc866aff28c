/* String and memory functions, formatting, sorting, parsing. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char buf[256];
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date", "elderberry" };
	size_t n = sizeof(words) / sizeof(words[0]);
	qsort(words, n, sizeof(words[0]), cmp);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", words[i], i + 1 < n ? "," : "\n");
	snprintf(buf, sizeof(buf), "%-8s|%8s|%08.3f|%x|%o|%+d|%e", "left", "right", 3.14159, 48879, 8, 5, 12345.678);
	printf("%s\n", buf);
	printf("strlen %zu strchr %s strrchr %s strstr %s\n", strlen(buf), strchr(buf, '|'),
	       strrchr(buf, '|'), strstr(buf, "right"));
	char *tok, *save, line[] = "a,b,,c;d";
	for (tok = strtok_r(line, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save))
		printf("[%s]", tok);
	printf("\n");
	char big[10000];
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = 0;
	memmove(big + 1, big, 5000);
	printf("memcmp %d strncmp %d strcasecmp %d\n", memcmp("abc", "abd", 3) < 0,
	       strncmp("hello", "help", 3), strcasecmp("HeLLo", "hello"));
	printf("strtol %ld strtoul %lu atoi %d\n", strtol("-0x1f", NULL, 16), strtoul("777", NULL, 8), atoi("  42abc"));
	int upper = 0;
	for (const char *p = "Mixed Case String"; *p; p++)
		upper += isupper((unsigned char)*p);
	printf("uppercase letters %d, strspn %zu, strcspn %zu\n", upper, strspn("aaab", "a"), strcspn("abc;d", ";"));
	char *dup = strdup("duplicate");
	printf("%s %zu\n", dup, strlen(big));
	free(dup);
	return 0;
}
