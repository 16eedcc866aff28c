/* The -d items in qemu's names, -dfilter's ranges in qemu's forms. */
#include "logint.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	unsigned bit;
	const char *what;
} items[] = {
	{ "in_asm", LOG_IN_ASM, "show each block of guest code, disassembled (Capstone), the first time it runs" },
	{ "exec", LOG_EXEC, "show each block as it runs, with its symbol" },
	{ "cpu", LOG_CPU, "show the CPU registers before each block" },
	{ "nochain", LOG_NOCHAIN, "accepted, no effect: emu's block hook sees chained blocks too" },
	{ "page", LOG_PAGE, "show the memory map at start, then each change to it" },
	{ "strace", LOG_STRACE, "the syscall trace (as --strace)" },
};
#define NITEMS (sizeof(items) / sizeof(items[0]))

static void help(void)
{
	printf("Log items (comma separated):\n");
	for (size_t i = 0; i < NITEMS; i++)
		printf("%-10s %s\n", items[i].name, items[i].what);
	printf("all        all of these\n");
}

int log_parse_items(struct log_opts *o, const char *list)
{
	if (!strcmp(list, "help")) {
		help();
		return 1;
	}
	char *copy = strdup(list);
	int err = copy ? 0 : -1;
	for (char *item = copy ? strtok(copy, ",") : NULL; item && !err; item = strtok(NULL, ",")) {
		size_t i = 0;
		if (!strcmp(item, "all")) {
			for (; i < NITEMS; i++)
				o->items |= items[i].bit;
			continue;
		}
		while (i < NITEMS && strcmp(item, items[i].name))
			i++;
		if (i == NITEMS) {
			fprintf(stderr, "emu: -d %s: no such log item (emu -d help lists them)\n", item);
			err = -1;
		} else {
			o->items |= items[i].bit;
		}
	}
	free(copy);
	return err;
}

/* qemu's forms: START+SIZE, START-SIZE (the SIZE bytes up to START),
 * START..END (END included). */
static int parse_range(const char *s, struct log_range *r)
{
	char *end;
	uint64_t a = strtoull(s, &end, 0), b;
	if (end == s)
		return -1;
	const char *rest;
	if (!strncmp(end, "..", 2)) {
		b = strtoull(rest = end + 2, &end, 0);
		if (end == rest || *end || b < a)
			return -1;
		*r = (struct log_range){ a, b };
	} else if (*end == '+' || *end == '-') {
		char op = *end;
		b = strtoull(rest = end + 1, &end, 0);
		if (end == rest || *end || !b)
			return -1;
		*r = op == '+' ? (struct log_range){ a, a + b - 1 } : (struct log_range){ a - b + 1, a };
	} else {
		return -1;
	}
	return 0;
}

int log_parse_ranges(struct log_opts *o, const char *list)
{
	char *copy = strdup(list);
	int err = copy ? 0 : -1;
	for (char *item = copy ? strtok(copy, ",") : NULL; item && !err; item = strtok(NULL, ",")) {
		struct log_range r, *nr;
		if (parse_range(item, &r)) {
			fprintf(stderr, "emu: -dfilter %s: not START+SIZE, START-SIZE or START..END\n", item);
			err = -1;
		} else if (!(nr = realloc(o->ranges, (o->nranges + 1) * sizeof(*nr)))) {
			err = -1;
		} else {
			o->ranges = nr;
			o->ranges[o->nranges++] = r;
		}
	}
	free(copy);
	return err;
}

void log_opts_free(struct log_opts *o)
{
	free(o->ranges);
	o->ranges = NULL;
	o->nranges = 0;
}

