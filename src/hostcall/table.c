/* The host-call table, built from hostcalls.def, and --host-lib's names. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "hostcall.h"
#include "zstream.h"

#define D { .type = HC_F64 }
#define F { .type = HC_F32 }
#define I { .type = HC_I32 }
#define U { .type = HC_U32 }
#define L { .type = HC_I64 }
#define Z { .type = HC_I64 }
#define V { .type = HC_VOID }
#define P { .type = HC_PTR }
#define ZS { .type = HC_PTR }
#define PTR(r, d, k, n) { .type = HC_PTR, .rule = r, .dir = d, .ref = k, .bytes = n }
#define IN(n) PTR(SZ_FIXED, HC_IN, 0, n)
#define OUT(n) PTR(SZ_FIXED, HC_IN | HC_OUT, 0, n)
#define BUF_IN(k) PTR(SZ_ARG, HC_IN, k, 1)
#define BUF_OUT(k) PTR(SZ_ARG, HC_OUT, k, 1)
#define SCAN(k) PTR(SZ_SCAN, HC_IN, k, 1)
#define STR PTR(SZ_STR, HC_IN, 0, 0)
#define STRN(k) PTR(SZ_STRN, HC_IN, k, 0)
#define STRCPY(k) PTR(SZ_STRCPY, HC_OUT, k, 0)
#define STRCAT(k) PTR(SZ_STRCAT, HC_IN | HC_OUT, k, 0)
#define OUT_D { .type = HC_PTR, .rule = SZ_FIXED, .dir = HC_IN | HC_OUT, .bytes = 8, .fp = HC_F64 }
#define OUT_F { .type = HC_PTR, .rule = SZ_FIXED, .dir = HC_IN | HC_OUT, .bytes = 4, .fp = HC_F32 }
#define DEREF_OUT(k) PTR(SZ_DEREF, HC_OUT, k, 0)

#define NARGS(...) (sizeof((struct hc_arg[]){ __VA_ARGS__ }) / sizeof(struct hc_arg))
#define ROW(l, n, host, r, ...) { .name = #n, .lib = l, .nargs = NARGS(__VA_ARGS__), .ret = r, \
	.args = { __VA_ARGS__ }, .fn = (void (*)(void))host },
#define ROW_K(l, n, host, r, ...) { .name = #n, .lib = l, .nargs = NARGS(__VA_ARGS__), .ret = r, \
	.args = { __VA_ARGS__ }, .fn = (void (*)(void))host, .edom_nan = 1 },
#define ROW_B(l, n, host, r, ...) { .name = #n, .lib = l, .nargs = NARGS(__VA_ARGS__), .ret = r, \
	.args = { __VA_ARGS__ }, .fn = (void (*)(void))host, .bits = 1 },
#define EMU(l, n, handler, r, ...) { .name = #n, .lib = l, .nargs = NARGS(__VA_ARGS__), .ret = r, \
	.args = { __VA_ARGS__ }, .emu = handler },

const struct hostcall hostcall_table[] = {
#include "hostcalls.def"
};
const unsigned hostcall_count = sizeof(hostcall_table) / sizeof(hostcall_table[0]);

static const char *const lib_names[HL_COUNT] = {
	[HL_LIBM] = "libm", [HL_LIBZ] = "libz", [HL_LIBC] = "libc",
};

int hostcall_parse_libs(const char *list)
{
	int mask = 0;
	char *copy = strdup(list), *save = NULL;
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		int found = -1;
		for (int l = 1; l < HL_COUNT; l++)
			if (!strcmp(w, lib_names[l]) || !strcmp(w, lib_names[l] + 3))
				found = l;
		if (!strcmp(w, "all"))
			found = 0, mask |= ((1 << HL_COUNT) - 1) & ~1;
		if (found < 0) {
			fprintf(stderr, "emu: --host-lib: '%s' is not one of libm, libz, libc, all\n", w);
			free(copy);
			return -1;
		}
		if (found)
			mask |= 1 << found;
	}
	free(copy);
	return mask;
}

const char *hostcall_lib_name(unsigned lib)
{
	return lib < HL_COUNT && lib_names[lib] ? lib_names[lib] : "vdso";
}
