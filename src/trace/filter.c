/* strace's options and -e expressions: trace=, signal=, status=, classes,
 * negation, -P; which calls, results and signals are shown. */
#include "trace.h"

#include <stdlib.h>
#include <string.h>

#include "../arch/arch.h"
#include "../hostcall/hostcall.h"
#include "../syscalls/syscalls.h"
#include "xlat.h"

static const struct {
	const char *name;
	unsigned cls;
} classes[] = {
	{ "%file", SC_FILE }, { "file", SC_FILE }, { "%desc", SC_DESC }, { "desc", SC_DESC },
	{ "%memory", SC_MEMORY }, { "memory", SC_MEMORY }, { "%process", SC_PROCESS },
	{ "process", SC_PROCESS }, { "%signal", SC_SIGNAL }, { "signal", SC_SIGNAL },
	{ "%net", SC_NET }, { "%network", SC_NET }, { "network", SC_NET }, { "%ipc", SC_IPC },
	{ "ipc", SC_IPC }, { "%creds", SC_CREDS }, { "%stat", SC_STAT }, { "%lstat", SC_LSTAT },
	{ "%fstat", SC_FSTAT }, { "%%stat", SC_STAT | SC_LSTAT | SC_FSTAT },
	{ "%statfs", SC_STATFS }, { "%fstatfs", SC_FSTATFS }, { "%%statfs", SC_STATFS | SC_FSTATFS },
	{ "%pure", SC_PURE }, { "%clock", SC_CLOCK }, { "%time", SC_TIME },
};

static bool known_name(const char *name)
{
	for (unsigned i = 0; i < syscall_count; i++)
		if (!strcmp(syscall_table[i].name, name))
			return true;
	for (unsigned i = 0; i < hostcall_count; i++)	/* a host call's (--host-lib) */
		if (!strcmp(hostcall_table[i].name, name))
			return true;
	for (int a = 0; arch_all[a]; a++)	/* a name either arch's table has */
		for (unsigned n = 0; n < arch_all[a]->nsyscalls; n++)
			if (arch_all[a]->syscall_names[n] && !strcmp(arch_all[a]->syscall_names[n], name))
				return true;
	return false;
}

static int parse_trace(struct trace_opts *t, const char *set)
{
	t->filter = t->trace_set = true;
	if (*set == '!')
		t->negate = true, set++;
	char *copy = strdup(set), *save, *tok;
	size_t n = 0;
	int r = 0;
	for (tok = strtok_r(copy, ",", &save); tok && !r; tok = strtok_r(NULL, ",", &save)) {
		bool known = false;
		for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
			if (!strcmp(tok, classes[i].name))
				t->classes |= classes[i].cls, known = true;
		if (!strcmp(tok, "vdso"))
			t->vdso_only = known = true;
		else if (!strcmp(tok, "%host"))
			t->host_all = known = true;
		else if (!strcmp(tok, "all"))
			t->classes = ~0u, known = true;
		else if (!strcmp(tok, "none"))
			known = true;
		if (known)
			continue;
		if (tok[0] == '%' || !known_name(tok)) {
			fprintf(stderr, "emu: invalid system call '%s'\n", tok);
			r = -1;
			break;
		}
		t->names = realloc(t->names, (n + 2) * sizeof(char *));
		t->names[n++] = strdup(tok);
		t->names[n] = NULL;
	}
	free(copy);
	return r;
}

static int signum(const char *s)
{
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (const struct xlat *x = xl_signals; x->name; x++)
		if (!strcasecmp(x->name + 3, s))
			return x->val;
	char *end;
	long n = strtol(s, &end, 10);
	return *end || n < 1 || n > 64 ? -1 : (int)n;
}

static int parse_signals(struct trace_opts *t, const char *set)
{
	bool negate = *set == '!';
	uint64_t bits = 0;
	char *copy = strdup(set + negate), *save, *tok;
	int r = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "none"))
			continue;
		int s = strcmp(tok, "all") ? signum(tok) : 0;
		if (s < 0) {
			fprintf(stderr, "emu: invalid signal '%s'\n", tok);
			r = -1;
			break;
		}
		bits |= s ? 1ULL << (s - 1) : ~0ULL;
	}
	free(copy);
	t->signals = negate ? ~bits : bits;
	return r;
}

static int parse_status(struct trace_opts *t, const char *set)
{
	static const struct { const char *name; unsigned bit; } st[] = {
		{ "successful", TS_SUCCESSFUL }, { "failed", TS_FAILED }, { "unfinished", TS_UNFINISHED },
		{ "unavailable", 0 }, { "detached", 0 }, { "all", TS_ALL }, { "none", 0 },
	};
	bool negate = *set == '!';
	unsigned bits = 0;
	char *copy = strdup(set + negate), *save, *tok;
	int r = 0;
	for (tok = strtok_r(copy, ",", &save); tok && !r; tok = strtok_r(NULL, ",", &save)) {
		size_t i = 0;
		while (i < sizeof(st) / sizeof(st[0]) && strcmp(st[i].name, tok))
			i++;
		if (i == sizeof(st) / sizeof(st[0])) {
			fprintf(stderr, "emu: invalid status '%s'\n", tok);
			r = -1;
		} else {
			bits |= st[i].bit;
		}
	}
	free(copy);
	t->status = negate ? TS_ALL & ~bits : bits;
	return r;
}

int trace_parse_expr(struct trace_opts *t, const char *expr)
{
	const char *eq = strchr(expr, '=');
	if (!eq)
		return parse_trace(t, expr);
	size_t n = eq - expr;
	const char *v = eq + 1;
	if (!strncmp(expr, "trace", n) || !strncmp(expr, "t", n))
		return parse_trace(t, v);
	if (!strncmp(expr, "signal", n) || !strncmp(expr, "signals", n) || !strncmp(expr, "s", n))
		return parse_signals(t, v);
	if (!strncmp(expr, "status", n))
		return parse_status(t, v);
	fprintf(stderr, "emu: -e %.*s= is not something emu does (trace=, signal=, status=)\n", (int)n, expr);
	return -1;
}

/* -P: the path as given (a call naming it so) and where it leads (a
 * descriptor open on it), as strace keeps both */
int trace_add_path(struct trace_opts *t, const char *path)
{
	char *real = realpath(path, NULL);
	size_t n = 0;
	while (t->paths && t->paths[n])
		n++;
	t->paths = realloc(t->paths, (n + 3) * sizeof(char *));
	t->paths[n++] = strdup(path);
	if (real && strcmp(real, path))
		t->paths[n++] = real;
	else
		free(real);
	t->paths[n] = NULL;
	t->filter = true;
	return 0;
}

void trace_opts_free(struct trace_opts *t)
{
	for (size_t i = 0; t->names && t->names[i]; i++)
		free(t->names[i]);
	for (size_t i = 0; t->paths && t->paths[i]; i++)
		free(t->paths[i]);
	free(t->names);
	free(t->paths);
	if (t->out && t->out != stderr)
		fclose(t->out);
}

bool trace_wanted(const struct trace_opts *t, const char *name, unsigned cls, enum trace_via via)
{
	bool in = false;
	if (via == TW_HOST) {	/* only when asked for: %host, or by name */
		for (size_t i = 0; t->trace_set && !t->negate && t->names && t->names[i]; i++)
			in |= !strcmp(t->names[i], name);
		return t->trace_set && !t->negate && (t->host_all || in);
	}
	if (!t->trace_set)
		return true;	/* no trace=: every call (-P then looks at its paths) */
	in = (t->vdso_only && via == TW_VDSO) || (cls & t->classes);
	for (size_t i = 0; !in && t->names && t->names[i]; i++)
		in = !strcmp(t->names[i], name);
	return in != t->negate;
}

bool trace_signal_wanted(const struct trace_opts *t, int sig)
{
	return sig >= 1 && sig <= 64 && (t->signals >> (sig - 1) & 1);
}
