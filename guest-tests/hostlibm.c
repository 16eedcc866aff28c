/* Every double and float function --host-lib=libm serves, over special
 * values (±0, ±inf, NaNs, subnormals, the limits, huge arguments) and a
 * fixed random set; one line per call: the result's bits, what the
 * pointers received, errno and the FP exception flags right after it.
 * hostcall_test.py compares the lines of a host-call run with the guest
 * library's own (x86-64: the native run; riscv64: qemu-user).  The calls
 * go through function pointers the dynamic linker resolved, as any
 * program's calls do. */
#define _GNU_SOURCE
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NRANDOM 48

static double dv[64 + NRANDOM];
static float fv[64 + NRANDOM];
static int nd, nf;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void values(void)
{
	static const double special[] = {
		0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, 10.0, 0.1, -2.5, M_PI / 2, M_PI, 1e-5,
		INFINITY, -INFINITY, NAN, -NAN, DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX,
		DBL_TRUE_MIN, -DBL_TRUE_MIN, 0x1.fffffffffffffp-1023, 1e22, -1e22, 1e300, 1e-300,
		709.78, 710.0, -745.2, 100.0, 0.999999, 1.000001, 1e16, 4503599627370497.0, 2.5,
	};
	static const float fspecial[] = {
		0.0f, -0.0f, 1.0f, -1.0f, 0.5f, -0.5f, 2.0f, 3.0f, 10.0f, 0.1f, -2.5f, 1.5707964f,
		INFINITY, -INFINITY, NAN, FLT_MIN, FLT_MAX, -FLT_MAX, FLT_TRUE_MIN, 0x1.fffffcp-127f,
		1e10f, -1e10f, 88.7f, 89.0f, -103.9f, 100.0f, 0.9999f, 8388609.0f, 2.5f,
	};
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		dv[nd++] = special[i];
	for (size_t i = 0; i < sizeof(fspecial) / sizeof(fspecial[0]); i++)
		fv[nf++] = fspecial[i];
	for (int i = 0; i < NRANDOM; i++) {
		uint64_t r = next();
		double d;
		float f;
		if (i % 2) {		/* any bits at all */
			memcpy(&d, &r, 8);
			uint32_t r32 = r >> 32;
			memcpy(&f, &r32, 4);
		} else {		/* where the functions are interesting */
			d = ((double)(r >> 11) / 9007199254740992.0 - 0.5) * 40;
			f = (float)d;
		}
		dv[nd++] = d;
		fv[nf++] = f;
	}
}

static int err, flags;

static void before(void)
{
	errno = 0;
	feclearexcept(FE_ALL_EXCEPT);
}

static void after(void)
{
	err = errno;
	flags = fetestexcept(FE_ALL_EXCEPT);
}

static uint64_t db(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static uint32_t fb(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

static void end(void)
{
	printf(" e%d f%02x\n", err, flags);
}

/* one argument set per line, named by the function and the index */
#define D_D(fn) do { double (*volatile p)(double) = fn; \
	for (int i = 0; i < nd; i++) { before(); double r = p(dv[i]); after(); \
		printf(#fn " %d %016llx", i, (unsigned long long)db(r)); end(); } } while (0)
#define F_F(fn) do { float (*volatile p)(float) = fn; \
	for (int i = 0; i < nf; i++) { before(); float r = p(fv[i]); after(); \
		printf(#fn " %d %08x", i, fb(r)); end(); } } while (0)
#define D_DD(fn) do { double (*volatile p)(double, double) = fn; \
	for (int i = 0; i < nd; i += 3) for (int j = 0; j < nd; j += 5) { \
		before(); double r = p(dv[i], dv[j]); after(); \
		printf(#fn " %d,%d %016llx", i, j, (unsigned long long)db(r)); end(); } } while (0)
#define F_FF(fn) do { float (*volatile p)(float, float) = fn; \
	for (int i = 0; i < nf; i += 3) for (int j = 0; j < nf; j += 5) { \
		before(); float r = p(fv[i], fv[j]); after(); \
		printf(#fn " %d,%d %08x", i, j, fb(r)); end(); } } while (0)
#define D_DDD(fn) do { double (*volatile p)(double, double, double) = fn; \
	for (int i = 0; i < nd; i += 7) for (int j = 0; j < nd; j += 5) { int k = (i + j) % nd; \
		before(); double r = p(dv[i], dv[j], dv[k]); after(); \
		printf(#fn " %d,%d,%d %016llx", i, j, k, (unsigned long long)db(r)); end(); } } while (0)
#define F_FFF(fn) do { float (*volatile p)(float, float, float) = fn; \
	for (int i = 0; i < nf; i += 7) for (int j = 0; j < nf; j += 5) { int k = (i + j) % nf; \
		before(); float r = p(fv[i], fv[j], fv[k]); after(); \
		printf(#fn " %d,%d,%d %08x", i, j, k, fb(r)); end(); } } while (0)
/* an integer result */
#define L_D(fn, T) do { T (*volatile p)(double) = fn; \
	for (int i = 0; i < nd; i++) { before(); long long r = p(dv[i]); after(); \
		printf(#fn " %d %lld", i, r); end(); } } while (0)
#define L_F(fn, T) do { T (*volatile p)(float) = fn; \
	for (int i = 0; i < nf; i++) { before(); long long r = p(fv[i]); after(); \
		printf(#fn " %d %lld", i, r); end(); } } while (0)

static const int exps[] = { -2000, -1075, -1074, -150, -1, 0, 1, 3, 127, 1023, 1024, 2000 };
#define NEXPS (int)(sizeof(exps) / sizeof(exps[0]))

static void with_ints(void)
{
	double (*volatile ld)(double, int) = ldexp, (*volatile sn)(double, int) = scalbn;
	float (*volatile ldf)(float, int) = ldexpf, (*volatile snf)(float, int) = scalbnf;
	double (*volatile sl)(double, long) = scalbln;
	float (*volatile slf)(float, long) = scalblnf;
	double (*volatile j)(int, double) = jn, (*volatile y)(int, double) = yn;
	float (*volatile jf)(int, float) = jnf, (*volatile yf)(int, float) = ynf;
	for (int i = 0; i < nd; i += 2)
		for (int k = 0; k < NEXPS; k++) {
			before(); double r = ld(dv[i], exps[k]); after();
			printf("ldexp %d,%d %016llx", i, exps[k], (unsigned long long)db(r)); end();
			before(); r = sn(dv[i], exps[k]); after();
			printf("scalbn %d,%d %016llx", i, exps[k], (unsigned long long)db(r)); end();
			before(); r = sl(dv[i], exps[k]); after();
			printf("scalbln %d,%d %016llx", i, exps[k], (unsigned long long)db(r)); end();
		}
	for (int i = 0; i < nf; i += 2)
		for (int k = 0; k < NEXPS; k++) {
			before(); float r = ldf(fv[i], exps[k]); after();
			printf("ldexpf %d,%d %08x", i, exps[k], fb(r)); end();
			before(); r = snf(fv[i], exps[k]); after();
			printf("scalbnf %d,%d %08x", i, exps[k], fb(r)); end();
			before(); r = slf(fv[i], exps[k]); after();
			printf("scalblnf %d,%d %08x", i, exps[k], fb(r)); end();
		}
	static const int orders[] = { -3, 0, 1, 2, 5, 20 };
	for (int i = 0; i < nd; i += 2)
		for (int k = 0; k < 6; k++) {
			before(); double r = j(orders[k], dv[i]); after();
			printf("jn %d,%d %016llx", orders[k], i, (unsigned long long)db(r)); end();
			before(); r = y(orders[k], dv[i]); after();
			printf("yn %d,%d %016llx", orders[k], i, (unsigned long long)db(r)); end();
		}
	for (int i = 0; i < nf; i += 2)
		for (int k = 0; k < 6; k++) {
			before(); float r = jf(orders[k], fv[i]); after();
			printf("jnf %d,%d %08x", orders[k], i, fb(r)); end();
			before(); r = yf(orders[k], fv[i]); after();
			printf("ynf %d,%d %08x", orders[k], i, fb(r)); end();
		}
}

/* results through pointers */
static void with_pointers(void)
{
	double (*volatile fr)(double, int *) = frexp, (*volatile mf)(double, double *) = modf;
	double (*volatile rq)(double, double, int *) = remquo, (*volatile lg)(double, int *) = lgamma_r;
	void (*volatile sc)(double, double *, double *) = sincos;
	float (*volatile frf)(float, int *) = frexpf, (*volatile mff)(float, float *) = modff;
	float (*volatile lgf)(float, int *) = lgammaf_r;
	void (*volatile scf)(float, float *, float *) = sincosf;
	for (int i = 0; i < nd; i++) {
		int e = -7;
		double d = -7, c = -7;
		before(); double r = fr(dv[i], &e); after();
		printf("frexp %d %016llx %d", i, (unsigned long long)db(r), e); end();
		before(); r = mf(dv[i], &d); after();
		printf("modf %d %016llx %016llx", i, (unsigned long long)db(r), (unsigned long long)db(d)); end();
		before(); r = lg(dv[i], &e); after();
		printf("lgamma_r %d %016llx %d", i, (unsigned long long)db(r), e); end();
		before(); sc(dv[i], &d, &c); after();
		printf("sincos %d %016llx %016llx", i, (unsigned long long)db(d), (unsigned long long)db(c)); end();
		before(); r = rq(dv[i], dv[(i * 7 + 3) % nd], &e); after();
		printf("remquo %d %016llx %d", i, (unsigned long long)db(r), e); end();
	}
	for (int i = 0; i < nf; i++) {
		int e = -7;
		float d = -7, c = -7;
		before(); float r = frf(fv[i], &e); after();
		printf("frexpf %d %08x %d", i, fb(r), e); end();
		before(); r = mff(fv[i], &d); after();
		printf("modff %d %08x %08x", i, fb(r), fb(d)); end();
		before(); r = lgf(fv[i], &e); after();
		printf("lgammaf_r %d %08x %d", i, fb(r), e); end();
		before(); scf(fv[i], &d, &c); after();
		printf("sincosf %d %08x %08x", i, fb(d), fb(c)); end();
	}
	static const char *const tags[] = { "", "0", "1234", "0x7ffff", "junk" };
	double (*volatile nn)(const char *) = nan;
	float (*volatile nnf)(const char *) = nanf;
	for (int i = 0; i < 5; i++) {
		before(); double r = nn(tags[i]); after();
		printf("nan %d %016llx", i, (unsigned long long)db(r)); end();
		before(); float f = nnf(tags[i]); after();
		printf("nanf %d %08x", i, fb(f)); end();
	}
	int (*volatile to)(const double *, const double *) = totalorder;
	double (*volatile gp)(const double *) = getpayload;
	int (*volatile cn)(double *, const double *) = canonicalize;
	for (int i = 0; i < nd; i += 3) {
		double j = dv[(i + 5) % nd], o = -7;
		before(); int r = to(&dv[i], &j); after();
		printf("totalorder %d %d", i, r); end();
		before(); double g = gp(&dv[i]); after();
		printf("getpayload %d %016llx", i, (unsigned long long)db(g)); end();
		before(); r = cn(&o, &dv[i]); after();
		printf("canonicalize %d %d %016llx", i, r, (unsigned long long)db(o)); end();
	}
	intmax_t (*volatile ff)(double, int, unsigned) = fromfp;
	for (int i = 0; i < nd; i++)
		for (int w = 0; w <= 64; w += 16) {
			before(); long long r = ff(dv[i], FP_INT_TONEAREST, w); after();
			printf("fromfp %d,%d %lld", i, w, r); end();
		}
}

int main(int argc, char **argv)
{
	values();
	D_D(acos); D_D(acosh); D_D(asin); D_D(asinh); D_D(atan); D_D(atanh); D_D(cbrt); D_D(ceil);
	D_D(cos); D_D(cosh); D_D(erf); D_D(erfc); D_D(exp); D_D(exp10); D_D(exp2); D_D(expm1);
	D_D(fabs); D_D(floor); D_D(j0); D_D(j1); D_D(log); D_D(log10); D_D(log1p); D_D(log2);
	D_D(logb); D_D(nearbyint); D_D(rint); D_D(round); D_D(roundeven); D_D(sin); D_D(sinh);
	D_D(sqrt); D_D(tan); D_D(tanh); D_D(tgamma); D_D(trunc); D_D(y0); D_D(y1); D_D(nextup);
	D_D(nextdown); D_D(significand); D_D(sinf64); D_D(expf32x);
	F_F(acosf); F_F(acoshf); F_F(asinf); F_F(asinhf); F_F(atanf); F_F(atanhf); F_F(cbrtf);
	F_F(ceilf); F_F(cosf); F_F(coshf); F_F(erff); F_F(erfcf); F_F(expf); F_F(exp10f); F_F(exp2f);
	F_F(expm1f); F_F(fabsf); F_F(floorf); F_F(j0f); F_F(j1f); F_F(logf); F_F(log10f); F_F(log1pf);
	F_F(log2f); F_F(logbf); F_F(nearbyintf); F_F(rintf); F_F(roundf); F_F(roundevenf); F_F(sinf);
	F_F(sinhf); F_F(sqrtf); F_F(tanf); F_F(tanhf); F_F(tgammaf); F_F(truncf); F_F(y0f); F_F(y1f);
	F_F(nextupf); F_F(nextdownf); F_F(significandf); F_F(sinf32); F_F(logf32);
	D_DD(atan2); D_DD(copysign); D_DD(fdim); D_DD(fmax); D_DD(fmin); D_DD(fmod); D_DD(hypot);
	D_DD(nextafter); D_DD(pow); D_DD(remainder); D_DD(fmaximum); D_DD(fminimum);
	D_DD(fmaximum_num); D_DD(fminimum_num); D_DD(fmaximum_mag); D_DD(fminimum_mag);
	D_DD(fmaxmag); D_DD(fminmag); D_DD(drem); D_DD(scalb); D_DD(powf64);
	F_FF(atan2f); F_FF(copysignf); F_FF(fdimf); F_FF(fmaxf); F_FF(fminf); F_FF(fmodf);
	F_FF(hypotf); F_FF(nextafterf); F_FF(powf); F_FF(remainderf); F_FF(fmaximumf);
	F_FF(fminimumf); F_FF(fmaximum_numf); F_FF(fminimum_numf); F_FF(dremf); F_FF(scalbf);
	D_DDD(fma); F_FFF(fmaf);
	L_D(lrint, long); L_D(lround, long); L_D(llrint, long long); L_D(llround, long long);
	L_D(ilogb, int); L_D(llogb, long); L_D(finite, int);
	L_F(lrintf, long); L_F(lroundf, long); L_F(llrintf, long long); L_F(llroundf, long long);
	L_F(ilogbf, int); L_F(finitef, int);
	{ float (*volatile fa)(double, double) = fadd, (*volatile fm)(double, double) = fmul;
	  float (*volatile fs)(double) = fsqrt;
	  for (int i = 0; i < nd; i += 3) for (int j = 0; j < nd; j += 5) {
		before(); float r = fa(dv[i], dv[j]); after(); printf("fadd %d,%d %08x", i, j, fb(r)); end();
		before(); r = fm(dv[i], dv[j]); after(); printf("fmul %d,%d %08x", i, j, fb(r)); end();
	  }
	  for (int i = 0; i < nd; i++) {
		before(); float r = fs(dv[i]); after(); printf("fsqrt %d %08x", i, fb(r)); end();
	  } }
	with_ints();
	with_pointers();
	/* the rounding mode is the guest's */
	static const int modes[] = { FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO, FE_TONEAREST };
	for (int m = 0; m < 4; m++) {
		fesetround(modes[m]);
		D_D(rint); F_F(rintf); L_D(lrint, long); D_D(nearbyint);
	}
	return argc > 1 ? atoi(argv[1]) : 0;
}
