/* Assembling trace lines: strace's layout, the -e filter, -T and -tt. */
#include "trace.h"

#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../syscalls/syscalls.h"
#include "format.h"

static const struct {
	const char *name;
	unsigned cls;
} classes[] = {
	{ "%file", SC_FILE }, { "%desc", SC_DESC }, { "%memory", SC_MEMORY },
	{ "%process", SC_PROCESS }, { "%signal", SC_SIGNAL }, { "%time", SC_TIME },
	{ "%clock", SC_TIME },
};

int trace_parse_expr(struct trace_opts *t, const char *expr)
{
	if (!strncmp(expr, "trace=", 6))
		expr += 6;
	else if (strchr(expr, '=')) {
		fprintf(stderr, "emu: -e supports trace=SET only, not '%s'\n", expr);
		return -1;
	}
	t->filter = true;
	char *copy = strdup(expr), *save, *tok;
	size_t n = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool known = false;
		for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
			if (!strcmp(tok, classes[i].name))
				t->classes |= classes[i].cls, known = true;
		if (!strcmp(tok, "vdso"))
			t->vdso_only = known = true;
		else if (!strcmp(tok, "all"))
			t->classes = ~0u, known = true;
		if (!known && tok[0] == '%') {
			fprintf(stderr, "emu: -e trace: unknown class '%s'\n", tok);
			free(copy);
			return -1;
		}
		if (!known) {
			t->names = realloc(t->names, (n + 2) * sizeof(char *));
			t->names[n++] = strdup(tok);
			t->names[n] = NULL;
		}
	}
	free(copy);
	return 0;
}

void trace_opts_free(struct trace_opts *t)
{
	for (size_t i = 0; t->names && t->names[i]; i++)
		free(t->names[i]);
	free(t->names);
	if (t->out && t->out != stderr)
		fclose(t->out);
}

bool trace_wanted(const struct trace_opts *t, const char *name, unsigned cls, bool vdso)
{
	if (!t->filter)
		return true;
	if (t->vdso_only && vdso)
		return true;
	if (cls & t->classes)
		return true;
	for (size_t i = 0; t->names && t->names[i]; i++)
		if (!strcmp(t->names[i], name))
			return true;
	return false;
}

struct trace_call {
	const char *name;
	unsigned nargs;
	uint8_t kinds[6];
	uint64_t a[6];
	char *in[6];		/* inputs, formatted before the call */
	char prefix[48];
};

static void walltime(char *buf, size_t n)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	struct tm tm;
	localtime_r(&tv.tv_sec, &tm);
	snprintf(buf, n, "%02d:%02d:%02d.%06ld ", tm.tm_hour, tm.tm_min, tm.tm_sec, (long)tv.tv_usec);
}

/* "[pid N] " once there is more than one process or thread (with -f; N is
 * the thread's id, as strace shows it), then -tt's time */
static void trace_prefix(struct task *t, char *buf, size_t n)
{
	int at = 0;
	buf[0] = 0;
	if (t->process->cfg->trace.follow && t->process->forked)
		at = snprintf(buf, n, "[pid %5d] ", (int)t->tid);
	if (t->process->cfg->trace.walltime)
		walltime(buf + at, n - at);
}

struct trace_call *trace_begin(struct task *t, const char *name, const uint8_t *kinds,
			       unsigned nargs, const uint64_t *a)
{
	struct trace_call *c = calloc(1, sizeof(*c));
	c->name = name;
	c->nargs = nargs;
	memcpy(c->kinds, kinds, nargs);
	memcpy(c->a, a, nargs * sizeof(*a));
	trace_prefix(t, c->prefix, sizeof(c->prefix));
	for (unsigned i = 0; i < nargs; i++) {
		size_t len;
		FILE *f;
		if (format_is_output(kinds[i]) || format_omitted(kinds, a, i) || !(f = open_memstream(&c->in[i], &len)))
			continue;
		format_arg(f, t, kinds, a, i, 0);
		fclose(f);
	}
	return c;
}

void trace_end(struct task *t, struct trace_call *c, uint8_t ret_kind, long ret,
	       const char *suffix, double seconds)
{
	char *line;
	size_t len;
	FILE *f = open_memstream(&line, &len);
	fprintf(f, "%s%s(", c->prefix, c->name);
	const char *sep = "";
	for (unsigned i = 0; i < c->nargs; i++) {
		if (format_omitted(c->kinds, c->a, i))
			continue;
		fputs(sep, f);
		sep = ", ";
		if (c->in[i]) {
			fputs(c->in[i], f);
			format_after(f, t, c->kinds, c->a, i, ret, c->in[i]);
		} else
			format_arg(f, t, c->kinds, c->a, i, ret);
		free(c->in[i]);
	}
	fputc(')', f);
	fflush(f);
	/* strace lines the results up at column 40 */
	fprintf(f, "%*s= ", len < 40 ? (int)(40 - len) : 1, "");
	format_ret(f, ret_kind, ret);
	if (suffix)
		fprintf(f, " %s", suffix);
	if (t->process->cfg->trace.timing && ret_kind != R_NONE)
		fprintf(f, " <%.6f>", seconds);
	fclose(f);
	fprintf(t->process->cfg->trace.out, "%s\n", line);
	free(line);
	free(c);
}

void trace_noreturn(struct task *t, const char *name, const uint8_t *kinds,
		    unsigned nargs, const uint64_t *a)
{
	trace_end(t, trace_begin(t, name, kinds, nargs, a), R_NONE, 0, NULL, 0);
}

void trace_exit(struct task *t, int status, int sig)
{
	char prefix[48];
	trace_prefix(t, prefix, sizeof(prefix));
	const char *abbrev = sig ? sigabbrev_np(sig) : NULL;
	if (sig)
		fprintf(t->process->cfg->trace.out, "%s+++ killed by SIG%s +++\n", prefix, abbrev ? abbrev : "?");
	else
		fprintf(t->process->cfg->trace.out, "%s+++ exited with %d +++\n", prefix, status);
}
