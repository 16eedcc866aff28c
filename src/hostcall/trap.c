/* The trap: a guest call arrives at a stub whose first instruction is
 * hooked; the arguments come from the registers the guest's calling
 * convention puts them in, every pointer is checked against the guest's
 * map for the bytes the function may touch, the host function runs, and
 * the result goes where the guest's caller looks.  The stub's own next
 * instruction returns. */
#include <errno.h>
#include <fenv.h>
#include <ffi.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../arch/cpu.h"
#include "../syscalls/syscalls.h"
#include "../trace/trace.h"
#include "../vdso/vdso.h"
#include "hostcall.h"
#include "hostcall_int.h"

/* The integer arguments, as many as h takes (up to 8), from the registers
 * and then the stack. */
bool hc_int_args(struct task *t, unsigned n, uint64_t *a)
{
	const struct arch_hostcall *A = t->process->arch->hostcall;
	for (unsigned i = 0; i < n; i++) {
		if (i < A->nint) {
			a[i] = t->gpr[A->int_gpr[i]];
			continue;
		}
		uint64_t at = t->gpr[A->sp_gpr] + A->stack_args + 8 * (i - A->nint);
		if (guest_read(t->process->mm, at, &a[i], 8))
			return false;
	}
	return true;
}

/* The first address of [g, g+len) the guest may not access with prot. */
static uint64_t first_bad(const struct mm *mm, uint64_t g, uint64_t len, int prot)
{
	for (uint64_t at = g; at - g < len; at = PAGE_DOWN(at) + GUEST_PAGE) {
		int p = mm_prot(mm, at);
		if (p < 0 || (p & prot) != prot)
			return at;
	}
	return g;
}

void hc_fault(struct task *t, uint64_t addr)
{
	task_fault(t, SIGSEGV, 0, t->process->arch->pc(t), addr, true);
}

/* How far a string at g may be read: its length before the NUL, within
 * max bytes; or -1 and *bad where it runs into memory it may not read. */
static int64_t guest_strnlen(const struct mm *mm, uint64_t g, uint64_t max, uint64_t *bad)
{
	uint64_t n = 0;
	while (n < max) {
		uint64_t at = g + n, room = PAGE_DOWN(at) + GUEST_PAGE - at;
		int p = at < mm->size ? mm_prot(mm, at) : -1;
		if (p < 0 || !(p & PROT_READ)) {
			*bad = at;
			return -1;
		}
		if (room > max - n)
			room = max - n;
		const char *s = memchr(mm->host + at, 0, room);
		if (s)
			return n + (s - (const char *)(mm->host + at));
		n += room;
	}
	return max;
}

/* Argument i, a pointer: the host address for the bytes its rule says
 * the function may touch, or NULL and *bad.  A NULL guest pointer with
 * nothing to touch stays NULL. */
static void *pointer(struct task *t, const struct hostcall *h, unsigned i, const uint64_t *raw,
		     uint64_t *bad)
{
	const struct mm *mm = t->process->mm;
	const struct hc_arg *x = &h->args[i];
	uint64_t g = raw[i], len = 0, more;
	int64_t n;
	int prot = (x->dir & HC_IN ? PROT_READ : 0) | (x->dir & HC_OUT ? PROT_WRITE : 0);
	switch (x->rule) {
	case SZ_FIXED:
		len = x->bytes;
		break;
	case SZ_ARG:
		len = raw[x->ref] * x->bytes;
		break;
	case SZ_DEREF:
		if (guest_read(mm, raw[x->ref], &len, sizeof(len))) {
			*bad = raw[x->ref];
			return NULL;
		}
		break;
	case SZ_STR:
	case SZ_STRN:
		/* what the function reads: up to the NUL or the limit */
		n = guest_strnlen(mm, g, x->rule == SZ_STR ? UINT64_MAX : raw[x->ref], bad);
		if (n < 0)
			return NULL;
		len = (uint64_t)n + (x->rule == SZ_STR || (uint64_t)n < raw[x->ref]);
		break;
	case SZ_SCAN:
		/* the readable part; the caller limits the search to it */
		len = raw[x->ref];
		if (len && !guest_ptr(mm, g, len, PROT_READ))
			len = first_bad(mm, g, len, PROT_READ) - g;
		*bad = len;
		return g < mm->size ? mm->host + g : NULL;
	case SZ_STRCPY:
	case SZ_STRCAT:
		n = guest_strnlen(mm, raw[x->ref], UINT64_MAX, bad);
		if (n < 0)
			return NULL;
		more = n + 1;
		len = more;
		if (x->rule == SZ_STRCAT) {
			int64_t d = guest_strnlen(mm, g, UINT64_MAX, bad);
			if (d < 0)
				return NULL;
			len = d + more;
		}
		break;
	}
	if (!len)
		return g < mm->size ? mm->host + g : NULL;
	if (!guest_ptr(mm, g, len, prot)) {
		*bad = g >= mm->size ? g : first_bad(mm, g, len, prot);
		return NULL;
	}
	return mm->host + g;
}

/* errno, as the guest's __errno_location finds it: the thread pointer
 * plus the TP offset in libc's GOT slot (bind.c found the slot). */
static void set_errno(struct task *t, int e)
{
	const struct process *p = t->process;
	uint64_t off;
	if (!p->hc->errno_slot || guest_read(p->mm, p->hc->errno_slot, &off, sizeof(off)))
		return;
	uint64_t tp = cpu_reg_read(t, p->arch->hostcall->tp_reg);
	int32_t v = e;
	guest_write(p->mm, tp + off, &v, sizeof(v));
}

static bool is_fp(uint8_t type)
{
	return type == HC_F32 || type == HC_F64;
}

static ffi_type *ffi_of(uint8_t type)
{
	switch (type) {
	case HC_I32: return &ffi_type_sint32;
	case HC_U32: return &ffi_type_uint32;
	case HC_I64: return &ffi_type_sint64;
	case HC_F32: return &ffi_type_float;
	case HC_F64: return &ffi_type_double;
	case HC_PTR: return &ffi_type_pointer;
	default: return &ffi_type_void;
	}
}

int hc_prep(struct hostcall_state *s, const struct arch *a)
{
	s->cifs = calloc(hostcall_count, sizeof(*s->cifs));
	s->atypes = calloc(hostcall_count * 6, sizeof(*s->atypes));
	if (!s->cifs || !s->atypes)
		return -1;
	for (unsigned r = 0; r < hostcall_count; r++) {
		const struct hostcall *h = &hostcall_table[r];
		if (!h->fn || !(s->libs & (1u << h->lib)))
			continue;
		unsigned ni = 0, nf = 0;
		for (unsigned i = 0; i < h->nargs; i++) {
			s->atypes[r * 6 + i] = ffi_of(h->args[i].type);
			is_fp(h->args[i].type) ? nf++ : ni++;
		}
		if (ni > a->hostcall->nint || nf > a->hostcall->nfp || h->nargs > 6)
			return -1;	/* call_ffi reads registers only */
		if (ffi_prep_cif(&s->cifs[r], FFI_DEFAULT_ABI, h->nargs, ffi_of(h->ret.type),
				 &s->atypes[r * 6]) != FFI_OK)
			return -1;
	}
	return 0;
}


/* FP argument register n's low 64 bits, and the result register's */
static uint64_t fp_get(const struct task *t, unsigned n)
{
	uint64_t v;
	memcpy(&v, t->fpr + (t->process->arch->hostcall->fp_arg0 + n) * t->fpr_stride, sizeof(v));
	return v;
}

static void fp_set(struct task *t, uint64_t bits)
{
	memcpy(t->fpr + t->process->arch->hostcall->fp_arg0 * t->fpr_stride, &bits, sizeof(bits));
}

/* An arch whose FP arithmetic gives only the canonical NaN (riscv's
 * 0x7ff8000000000000 and 0x7fc00000) sees no other from arithmetic. */
union hc_val { int32_t i32; uint32_t u32; int64_t i64; float f32; double f64; void *ptr; };

static void canonical(const struct hostcall *h, double *d, float *f, const union hc_val *v)
{
	if (h->ret.type == HC_F64 && *d != *d)
		*d = __builtin_nan("");
	if (h->ret.type == HC_F32 && *f != *f)
		*f = __builtin_nanf("");
	for (unsigned i = 0; i < h->nargs; i++) {
		if (h->args[i].fp == HC_F64 && v[i].ptr && *(double *)v[i].ptr != *(double *)v[i].ptr)
			*(double *)v[i].ptr = __builtin_nan("");
		if (h->args[i].fp == HC_F32 && v[i].ptr && *(float *)v[i].ptr != *(float *)v[i].ptr)
			*(float *)v[i].ptr = __builtin_nanf("");
	}
}

union hc_ret { ffi_arg i; uint64_t u; float f32; double f64; void *ptr; };

static bool is_int(uint8_t type)
{
	return type == HC_I32 || type == HC_U32 || type == HC_I64 || type == HC_PTR;
}

/* The shapes most rows have, called as C calls them: libffi's ffi_call
 * classifies every argument again at every call, a quarter of a host
 * call's time.  Everything else goes through libffi.  (The host is
 * x86-64: integer and pointer arguments each take a 64-bit register,
 * whose upper half a 32-bit parameter ignores, as does the caller of a
 * 32-bit result.) */
static bool direct(const struct hostcall *h, const union hc_val *v, union hc_ret *r)
{
	bool ints = h->nargs <= 4 && is_int(h->ret.type);
	uint64_t x[4] = { 0 };
	for (unsigned i = 0; ints && i < h->nargs; i++) {
		ints = is_int(h->args[i].type);
		x[i] = h->args[i].type == HC_PTR ? (uint64_t)(uintptr_t)v[i].ptr
		       : h->args[i].type == HC_I32 ? (uint64_t)(int64_t)v[i].i32
		       : h->args[i].type == HC_U32 ? v[i].u32 : (uint64_t)v[i].i64;
	}
	if (ints) {
		r->u = ((uint64_t (*)(uint64_t, uint64_t, uint64_t, uint64_t))h->fn)(x[0], x[1], x[2], x[3]);
		return true;
	}
	uint8_t a0 = h->nargs > 0 ? h->args[0].type : HC_VOID, a1 = h->nargs > 1 ? h->args[1].type : HC_VOID;
	if (h->ret.type == HC_F64 && a0 == HC_F64 && h->nargs == 1)
		r->f64 = ((double (*)(double))h->fn)(v[0].f64);
	else if (h->ret.type == HC_F64 && a0 == HC_F64 && a1 == HC_F64 && h->nargs == 2)
		r->f64 = ((double (*)(double, double))h->fn)(v[0].f64, v[1].f64);
	else if (h->ret.type == HC_F32 && a0 == HC_F32 && h->nargs == 1)
		r->f32 = ((float (*)(float))h->fn)(v[0].f32);
	else if (h->ret.type == HC_F32 && a0 == HC_F32 && a1 == HC_F32 && h->nargs == 2)
		r->f32 = ((float (*)(float, float))h->fn)(v[0].f32, v[1].f32);
	else
		return false;
	return true;
}

/* A library function through libffi. */
static bool call_ffi(struct task *t, const struct hostcall *h, long *shown, uint64_t *raw)
{
	const struct process *p = t->process;
	const struct arch_hostcall *A = p->arch->hostcall;
	union hc_val v[6];
	void *av[6];
	unsigned ni = 0, nf = 0;
	for (unsigned i = 0; i < h->nargs; i++) {
		uint8_t type = h->args[i].type;
		raw[i] = is_fp(type) ? fp_get(t, nf++) : t->gpr[A->int_gpr[ni++]];
		av[i] = &v[i];
	}
	int scan = -1;			/* an SZ_SCAN argument, and how much of it is readable */
	uint64_t readable = 0;
	for (unsigned i = 0; i < h->nargs; i++) {
		uint64_t bad = raw[i];
		switch (h->args[i].type) {
		case HC_I32: v[i].i32 = (int32_t)raw[i]; break;
		case HC_U32: v[i].u32 = (uint32_t)raw[i]; break;
		case HC_I64: v[i].i64 = (int64_t)raw[i]; break;
		case HC_F32: memcpy(&v[i].f32, &raw[i], 4); break;
		case HC_F64: memcpy(&v[i].f64, &raw[i], 8); break;
		case HC_PTR:
			v[i].ptr = pointer(t, h, i, raw, &bad);
			if (h->args[i].rule == SZ_SCAN) {
				scan = i;
				readable = bad;
			} else if (!v[i].ptr && raw[i]) {
				hc_fault(t, bad);
				return false;
			}
			break;
		}
	}
	if (scan >= 0)
		v[h->args[scan].ref].i64 = readable;
	bool fp = h->lib == HL_LIBM;
	int round, guest_flags = 0;
	if (fp) {
		A->fenv_get(t, &round, &guest_flags);
		hc_fenv_enter(round, guest_flags);
	}
	union hc_ret rv = { 0 };
	errno = 0;
	if (!direct(h, v, &rv))
		ffi_call(&p->hc->cifs[h - hostcall_table], h->fn, &rv, av);
	int e = errno;
	if (scan >= 0 && !rv.ptr && readable < raw[h->args[scan].ref]) {
		hc_fault(t, raw[scan] + readable);	/* it would have read on */
		return false;
	}
	if (fp) {
		int ex = hc_fenv_leave(guest_flags);
		if (ex)
			A->fenv_raise(t, ex);
	}
	if (e)
		set_errno(t, e);
	if (h->edom_nan && e == EDOM) {
		if (h->ret.type == HC_F64 && rv.f64 != rv.f64)
			rv.f64 = __builtin_nan("");
		if (h->ret.type == HC_F32 && rv.f32 != rv.f32)
			rv.f32 = __builtin_nanf("");
	}
	if (A->canonical_nan && !h->bits)
		canonical(h, &rv.f64, &rv.f32, v);
	uint64_t bits = 0;
	switch (h->ret.type) {
	case HC_I32: case HC_U32:
		*shown = (int32_t)rv.i;
		t->gpr[p->arch->ret_gpr] = (uint64_t)(int64_t)(int32_t)rv.i;
		break;
	case HC_I64:
		*shown = (long)rv.i;
		t->gpr[p->arch->ret_gpr] = rv.i;
		break;
	case HC_PTR:
		*shown = rv.ptr ? (long)((uint8_t *)rv.ptr - p->mm->host) : 0;
		t->gpr[p->arch->ret_gpr] = *shown;
		break;
	case HC_F32:
		memcpy(&bits, &rv.f32, 4);
		*shown = bits;
		fp_set(t, bits | A->f32_box);
		break;
	case HC_F64:
		memcpy(&bits, &rv.f64, 8);
		*shown = bits;
		fp_set(t, bits);
		break;
	}
	return true;
}

static bool call(struct task *t, const struct hostcall *h, long *ret, uint64_t *a)
{
	if (h->fn)
		return call_ffi(t, h, ret, a);
	if (!hc_int_args(t, h->nargs, a)) {	/* the vDSO's short way is hostcall_trap's */
		hc_fault(t, t->gpr[t->process->arch->hostcall->sp_gpr]);
		return false;
	}
	*ret = h->emu(t, a);
	if (t->fault_sig)
		return false;
	t->gpr[t->process->arch->ret_gpr] = (uint64_t)*ret;
	return true;
}

/* The tracer's kinds for a library row (vDSO rows carry syscall kinds). */
static void kinds_of(const struct hostcall *h, uint8_t *k, uint8_t *ret)
{
	static const uint8_t arg[] = { [HC_VOID] = K_HEX, [HC_I32] = K_INT, [HC_U32] = K_UINT,
				       [HC_I64] = K_INT, [HC_F32] = K_F32, [HC_F64] = K_F64,
				       [HC_PTR] = K_PTR };
	static const uint8_t res[] = { [HC_VOID] = R_VOID, [HC_I32] = R_VALUE, [HC_U32] = R_VALUE,
				       [HC_I64] = R_VALUE, [HC_F32] = R_F32, [HC_F64] = R_F64,
				       [HC_PTR] = R_ADDR };
	for (unsigned i = 0; i < h->nargs; i++)
		k[i] = h->args[i].type == HC_PTR && (h->args[i].rule == SZ_STR) ? K_PATH
										: arg[h->args[i].type];
	*ret = res[h->ret.type];
}

/* The same call, shown in the trace stream marked <vdso> or <host>, timed
 * and counted for -c. */
static bool trap_traced(struct task *t, const struct hostcall *h)
{
	struct process *p = t->process;
	const struct trace_opts *opts = &p->cfg->trace;
	bool vdso = h->lib == HL_VDSO;
	uint8_t kinds[8], ret_kind;
	unsigned cls = 0;
	if (vdso) {
		memcpy(kinds, h->kinds, sizeof(h->kinds));
		ret_kind = h->ret_kind;
		for (unsigned i = 0; i < syscall_count && !cls; i++)	/* the syscall it stands for */
			if (syscall_table[i].fn == h->emu)
				cls = syscall_table[i].cls;
	} else {
		kinds_of(h, kinds, &ret_kind);
	}
	uint64_t a[8] = { 0 };
	bool show = opts->on && trace_wanted(opts, h->name, cls, vdso ? TW_VDSO : TW_HOST);
	/* the arguments as they are before the call, for the entry half */
	if (show && h->fn) {
		const struct arch_hostcall *A = p->arch->hostcall;
		unsigned ni = 0, nf = 0;
		for (unsigned i = 0; i < h->nargs; i++)
			a[i] = is_fp(h->args[i].type) ? fp_get(t, nf++) : t->gpr[A->int_gpr[ni++]];
	} else if (show) {
		hc_int_args(t, h->nargs, a);
	}
	struct trace_call *c = show ? trace_begin(t, h->name, kinds, h->nargs > 6 ? 6 : h->nargs, a) : NULL;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long r = 0;
	bool done = call(t, h, &r, a);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	uint64_t ns = (t1.tv_sec - t0.tv_sec) * 1000000000ULL + t1.tv_nsec - t0.tv_nsec;
	unsigned row = vdso ? (unsigned)(h - vdso_funcs) : (unsigned)(h - hostcall_table);
	uint64_t *calls = vdso ? p->vdso_calls : p->host_calls, *time = vdso ? p->vdso_ns : p->host_ns;
	if (calls) {
		__atomic_fetch_add(&calls[row], 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&time[row], ns, __ATOMIC_RELAXED);
	}
	if (c)
		trace_end(t, c, ret_kind, r, vdso ? "<vdso>" : "<host>", ns / 1e9);
	return done;
}

bool hostcall_trap(struct task *t, const struct hostcall *h)
{
	/* short and never blocking: runs as guest code, in parallel with
	 * the other tasks' (task/world.c), and changes no mapping */
	const struct process *p = t->process;
	if (p->traced)
		return trap_traced(t, h);
	if (h->emu && h->nargs <= 6) {	/* the vDSO's: the shortest way */
		const uint8_t *reg = p->arch->hostcall->int_gpr;
		uint64_t a[6] = { t->gpr[reg[0]], t->gpr[reg[1]], t->gpr[reg[2]],
				  t->gpr[reg[3]], t->gpr[reg[4]], t->gpr[reg[5]] };
		long r = h->emu(t, a);
		if (t->fault_sig)
			return false;
		t->gpr[p->arch->ret_gpr] = (uint64_t)r;
		return true;
	}
	long r;
	uint64_t a[8];
	return call(t, h, &r, a);
}
