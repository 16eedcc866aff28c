/* -c: strace -c's table, with each call split into the calls that came
 * through the trap instruction and those that went through the vDSO. */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "../syscalls/syscalls.h"
#include "../hostcall/hostcall.h"
#include "../vdso/vdso.h"

struct row {
	const char *name;
	uint64_t calls, errors, trapped, vdso;
	double seconds;
};

static int by_time(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	if (a->seconds != b->seconds)
		return a->seconds < b->seconds ? 1 : -1;
	if (a->calls != b->calls)
		return a->calls < b->calls ? 1 : -1;
	return strcmp(a->name, b->name);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(((const struct row *)x)->name, ((const struct row *)y)->name);
}

static int by_calls(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	return a->calls != b->calls ? (a->calls < b->calls ? 1 : -1) : by_name(x, y);
}

static int by_errors(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	return a->errors != b->errors ? (a->errors < b->errors ? 1 : -1) : by_name(x, y);
}

/* -S: as strace sorts its table (time, the default; calls, errors, name;
 * nothing leaves the table's own order) */
static void sort_rows(struct row *rows, size_t n, const struct process *p)
{
	const char *by = p->cfg->trace.sortby ? p->cfg->trace.sortby : "time";
	int (*cmp)(const void *, const void *) = !strcmp(by, "calls") ? by_calls
					       : !strcmp(by, "errors") ? by_errors
					       : !strcmp(by, "name") ? by_name
					       : !strcmp(by, "nothing") ? NULL : by_time;
	if (cmp)
		qsort(rows, n, sizeof(*rows), cmp);
}

/* --host-lib's calls: a table of their own, as they are not syscalls. */
static void host_print(const struct process *p, FILE *out)
{
	struct row *rows = calloc(hostcall_count, sizeof(*rows)), total = { .name = "total" };
	size_t n = 0;
	for (unsigned i = 0; i < hostcall_count; i++)
		if (p->host_calls[i])
			rows[n++] = (struct row){ hostcall_table[i].name, p->host_calls[i], 0, 0, 0,
						  p->host_ns[i] / 1e9 };
	if (n) {
		sort_rows(rows, n, p);
		for (size_t i = 0; i < n; i++) {
			total.calls += rows[i].calls;
			total.seconds += rows[i].seconds;
		}
		const char *rule = "------ ----------- ----------- --------- ------ ----------------\n";
		fprintf(out, "\n%% time     seconds  usecs/call     calls    lib host call\n");
		fputs(rule, out);
		for (size_t i = 0; i <= n; i++) {
			const struct row *r = i < n ? &rows[i] : &total;
			const struct hostcall *h = NULL;
			for (unsigned k = 0; i < n && k < hostcall_count && !h; k++)
				if (hostcall_table[k].name == r->name)
					h = &hostcall_table[k];
			if (i == n)
				fputs(rule, out);
			fprintf(out, "%6.2f %11.6f %11.3f %9llu %6s %s\n",
				total.seconds > 0 ? 100 * r->seconds / total.seconds : 0.0, r->seconds,
				r->calls ? 1e6 * r->seconds / r->calls : 0.0, (unsigned long long)r->calls,
				h ? hostcall_lib_name(h->lib) : "", r->name);
		}
	}
	free(rows);
}

void summary_print(const struct process *p, FILE *out)
{
	struct row *rows = calloc(syscall_count + vdso_nfuncs, sizeof(*rows)), total = { .name = "total" };
	size_t n = 0;
	bool vdso_done[vdso_nfuncs];
	memset(vdso_done, 0, sizeof(vdso_done));
	for (unsigned i = 0; i < syscall_count; i++) {
		const struct hostcall *v = NULL;	/* the vDSO entry for the same call */
		for (unsigned k = 0; k < vdso_nfuncs; k++)
			if (vdso_funcs[k].emu == syscall_table[i].fn)
				v = &vdso_funcs[k];
		struct row r = { syscall_table[i].name, 0, p->sys_errors[i], p->sys_calls[i], 0,
				 p->sys_ns[i] / 1e9 };
		if (v) {
			r.vdso = p->vdso_calls[v - vdso_funcs];
			r.seconds += p->vdso_ns[v - vdso_funcs] / 1e9;
			vdso_done[v - vdso_funcs] = true;
		}
		r.calls = r.trapped + r.vdso;
		if (r.calls)
			rows[n++] = r;
	}
	for (unsigned k = 0; k < vdso_nfuncs; k++)	/* vDSO calls with no syscall row */
		if (!vdso_done[k] && p->vdso_calls[k])
			rows[n++] = (struct row){ vdso_funcs[k].name, p->vdso_calls[k], 0, 0,
						  p->vdso_calls[k], p->vdso_ns[k] / 1e9 };
	sort_rows(rows, n, p);
	for (size_t i = 0; i < n; i++) {
		total.calls += rows[i].calls;
		total.errors += rows[i].errors;
		total.trapped += rows[i].trapped;
		total.vdso += rows[i].vdso;
		total.seconds += rows[i].seconds;
	}
	const char *trap = p->arch->trap_insn;
	char via[16];
	snprintf(via, sizeof(via), "via %s", trap);
	fprintf(out, "%% time     seconds  usecs/call     calls    errors %11s    via vDSO syscall\n", via);
	const char *rule = "------ ----------- ----------- --------- --------- ----------- ----------- ----------------\n";
	fputs(rule, out);
	for (size_t i = 0; i <= n; i++) {
		const struct row *r = i < n ? &rows[i] : &total;
		if (i == n)
			fputs(rule, out);
		char err[24] = "";
		if (r->errors)
			snprintf(err, sizeof(err), "%llu", (unsigned long long)r->errors);
		fprintf(out, "%6.2f %11.6f %11.0f %9llu %9s %11llu %11llu %s\n",
			total.seconds > 0 ? 100 * r->seconds / total.seconds : 0.0, r->seconds,
			r->calls ? 1e6 * r->seconds / r->calls : 0.0, (unsigned long long)r->calls, err,
			(unsigned long long)r->trapped, (unsigned long long)r->vdso, r->name);
	}
	fprintf(out, "%llu of %llu calls bypassed %s through the vDSO\n",
		(unsigned long long)total.vdso, (unsigned long long)total.calls, trap);
	free(rows);
	host_print(p, out);
}
