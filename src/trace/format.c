/* The frame of a trace line: the name, the arguments (each by its kind's
 * decoder, kinds.c), the result and its marks.  strace prints the
 * arguments the kernel reads when the call starts and the ones it writes
 * when it returns; so does this: format_entry up to the first written
 * argument, format_exit the rest. */
#include "format.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>

#include "decode.h"

/* Which arguments strace shows: open's mode only with O_CREAT or
 * O_TMPFILE, fcntl's third only for commands that take one, futex's as
 * many as its op uses; clone is a whole of its own. */
static unsigned shown(const uint8_t *kinds, const uint64_t *a, unsigned nargs, unsigned i)
{
	if (kinds[i] == K_MODE && i > 0 && kinds[i - 1] == K_OFLAGS)
		return a[i - 1] & (O_CREAT | 020000000);	/* __O_TMPFILE's own bit */
	if (kinds[i] == K_FCNTL_ARG)
		return !trace_fcntl_noarg(a[1]);
	if (i > 1 && kinds[1] == K_FUTEX_OP)
		return trace_futex_shows(a[1], i);
	if (kinds[i] == K_SKIP)
		return false;
	if (kinds[i] == K_IOCTL_ARG)
		return trace_ioctl_has_arg(a[1]);
	if (kinds[i] == K_DEV)	/* a device number for devices only */
		return S_ISCHR(a[i - 1]) || S_ISBLK(a[i - 1]);
	if (i > 0 && kinds[0] == K_PRCTL_OP)
		return i < trace_prctl_nargs(a[0]);
	return i < nargs;
}

/* Where entry stops: at the first argument the kernel writes, or just
 * after one that has more to say on return (clone3's "=> {parent_tid=..}") */
static unsigned split(const uint8_t *kinds, unsigned nargs)
{
	for (unsigned i = 0; i < nargs; i++) {
		if (trace_kinds[kinds[i]].out)
			return i;
		if (trace_kinds[kinds[i]].after)
			return i + 1;
	}
	return nargs;
}

static void arg(FILE *f, struct task *t, const uint8_t *kinds, const uint64_t *a, unsigned i, long ret,
		const uint64_t *in_val)
{
	struct targ g = { t, kinds, a, i, ret, in_val };
	const struct kind *k = &trace_kinds[kinds[i]];
	if (k->out && !k->inout && (FAILED(&g) || !a[i]))
		print_ptr(f, a[i]);	/* nothing was written: the address is all there is */
	else if (k->xl && k->flags)
		xlat_flags(f, k->xl, a[i], NULL);
	else if (k->xl)	/* the named values are ints */
		xlat_print(f, k->xl, (uint32_t)a[i], "%#llx");
	else if (k->print)
		k->print(f, &g);
	else
		dec_hex(f, &g);
}

void format_entry(FILE *f, struct task *t, const char *name, const uint8_t *kinds, unsigned nargs,
		  const uint64_t *a)
{
	fprintf(f, "%s(", name);
	if (nargs && kinds[0] == K_CLONE_FLAGS) {
		trace_clone(f, t, a, false);
		return;
	}
	unsigned end = split(kinds, nargs);
	const char *sep = "";
	for (unsigned i = 0; i < end; i++) {
		if (!shown(kinds, a, nargs, i))
			continue;
		fputs(sep, f);
		sep = ", ";
		arg(f, t, kinds, a, i, 0, NULL);
	}
	bool more = false;	/* the ones after the call, if any is shown */
	for (unsigned i = end; i < nargs; i++)
		more |= shown(kinds, a, nargs, i);
	if (more && *sep && !(end && trace_kinds[kinds[end - 1]].after))
		fputs(", ", f);
}

void format_exit(FILE *f, struct task *t, const uint8_t *kinds, unsigned nargs, const uint64_t *a,
		 long ret, const uint64_t *in_val)
{
	if (nargs && kinds[0] == K_CLONE_FLAGS) {
		trace_clone(f, t, a, true);
		fputc(')', f);
		return;
	}
	unsigned start = split(kinds, nargs);
	const char *sep = "";
	if (start && trace_kinds[kinds[start - 1]].after) {	/* what it says on return */
		struct targ g = { t, kinds, a, start - 1, ret, in_val };
		trace_kinds[kinds[start - 1]].after(f, &g);
		sep = ", ";
	}
	for (unsigned i = start; i < nargs; i++) {
		if (!shown(kinds, a, nargs, i))
			continue;
		fputs(sep, f);
		sep = ", ";
		arg(f, t, kinds, a, i, ret, in_val);
	}
	fputc(')', f);
}

void format_ret(FILE *f, struct task *t, uint8_t kind, const uint64_t *a, long ret)
{
	/* the kernel's own restart codes: the call did not return to the program */
	static const char *const restart[] = {
		"ERESTARTSYS (To be restarted if SA_RESTART is set)", "ERESTARTNOINTR (To be restarted)",
		"ERESTARTNOHAND (To be restarted if no handler)", "ENOIOCTLCMD (No ioctl command)",
		"ERESTART_RESTARTBLOCK (Interrupted by signal)",
	};
	if (kind == R_NONE) {
		fputs("?", f);
	} else if (kind == R_VOID) {
		fputs("<void>", f);
	} else if (kind == R_VALUE) {
		fprintf(f, "%ld", ret);
	} else if (kind == R_F64 || kind == R_F32) {
		struct targ g = { t, NULL, (const uint64_t *)&ret, 0, ret, NULL };
		(kind == R_F64 ? dec_f64 : dec_f32)(f, &g);
	} else if (ret <= -512 && ret >= -516) {
		fprintf(f, "? %s", restart[-ret - 512]);
	} else if (ret < 0 && ret >= -4095) {
		const char *name = strerrorname_np(-ret);
		fprintf(f, "-1 %s (%s)", name ? name : "E?", strerror(-ret));
	} else if (kind == R_ADDR || kind == R_HEX) {
		fprintf(f, "%#lx", ret);
	} else if (kind == R_OCTAL) {
		fprintf(f, "%03lo", ret);
	} else if (kind == R_FCNTL) {
		trace_fcntl_ret(f, a[1], ret);
	} else if (kind == R_TIME_STATE) {
		static const char *const state[] = { "TIME_OK", "TIME_INS", "TIME_DEL", "TIME_OOP", "TIME_WAIT",
						     "TIME_ERROR" };
		fprintf(f, ret >= 0 && ret <= 5 ? "%ld (%s)" : "%ld", ret, ret >= 0 && ret <= 5 ? state[ret] : "");
	} else if (kind == R_SIGNAL || kind == R_SCHED_POLICY || kind == R_PERSONALITY) {
		fprintf(f, kind == R_PERSONALITY ? "%#lx (" : "%ld (", ret);
		if (kind == R_SIGNAL)
			print_signame(f, (int)ret);
		else
			xlat_print(f, kind == R_SCHED_POLICY ? xl_sched_policy : xl_personality, ret, "%#llx");
		fputc(')', f);
	} else if (kind == R_SELECT || kind == R_PSELECT) {
		trace_select_ret(f, t, a, ret, kind == R_PSELECT);
	} else if (kind == R_POLL) {
		trace_poll_ret(f, t, a, ret);
	} else if (kind == R_FD) {
		trace_fd(f, t, (int)ret);
	} else {
		fprintf(f, "%ld", ret);
	}
}
