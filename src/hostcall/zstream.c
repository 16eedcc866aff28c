/* zlib's z_stream calls.  The host's zlib keeps its state behind the
 * stream's state pointer and allocates it itself; so each guest z_stream
 * gets a host one beside it (a shadow, found by the guest's address),
 * and every call copies the fields the caller owns in (next_in/out as
 * host pointers, checked for avail_in/out bytes) and all of them back
 * out (next_in/out as guest addresses, msg as a guest string).  The
 * guest's state pointer is left NULL: a z_stream call the table does not
 * have runs the guest's own zlib, which refuses it as a stream it does
 * not know (Z_STREAM_ERROR).  A guest zalloc/zfree is not called: the
 * host allocates the state. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <zlib.h>

#include "hostcall_int.h"
#include "zstream.h"

struct zshadow {
	uint64_t guest;
	z_stream z;
	bool inflate;		/* which End frees it */
	struct zshadow *next;
};

/* The guest's z_stream at g, readable and writable (LP64: the host's own
 * layout on both arches), or NULL after the fault. */
static z_stream *guest_stream(struct task *t, uint64_t g)
{
	z_stream *gz = guest_ptr(t->process->mm, g, sizeof(z_stream), PROT_READ | PROT_WRITE);
	if (!gz)
		hc_fault(t, g);
	return gz;
}

static struct zshadow *shadow(struct task *t, uint64_t g, bool create)
{
	struct hostcall_state *s = t->process->hc;
	struct zshadow *z;
	pthread_mutex_lock(&s->lock);
	for (z = s->streams; z && z->guest != g; z = z->next)
		;
	if (!z && create && (z = calloc(1, sizeof(*z)))) {
		z->guest = g;
		z->next = s->streams;
		s->streams = z;
	}
	pthread_mutex_unlock(&s->lock);
	return z;
}

static void shadow_free(struct task *t, struct zshadow *z)
{
	struct hostcall_state *s = t->process->hc;
	pthread_mutex_lock(&s->lock);
	for (struct zshadow **pp = &s->streams; *pp; pp = &(*pp)->next)
		if (*pp == z) {
			*pp = z->next;
			break;
		}
	pthread_mutex_unlock(&s->lock);
	free(z);
}

/* The guest's fields into the shadow; false after a fault. */
static bool sync_in(struct task *t, struct zshadow *z, const z_stream *gz)
{
	const struct mm *mm = t->process->mm;
	uint64_t in = (uintptr_t)gz->next_in, out = (uintptr_t)gz->next_out;
	void *hin = in ? guest_ptr(mm, in, gz->avail_in, PROT_READ) : NULL;
	void *hout = out ? guest_ptr(mm, out, gz->avail_out, PROT_WRITE) : NULL;
	if ((in && !hin) || (out && !hout)) {
		hc_fault(t, in && !hin ? in : out);
		return false;
	}
	z->z.next_in = hin;
	z->z.avail_in = gz->avail_in;
	z->z.total_in = gz->total_in;
	z->z.next_out = hout;
	z->z.avail_out = gz->avail_out;
	z->z.total_out = gz->total_out;
	z->z.data_type = gz->data_type;
	return true;
}

static void sync_out(struct task *t, const struct zshadow *z, z_stream *gz)
{
	uint8_t *host = t->process->mm->host;
	gz->next_in = z->z.next_in ? (Bytef *)(uintptr_t)(z->z.next_in - host) : NULL;
	gz->avail_in = z->z.avail_in;
	gz->total_in = z->z.total_in;
	gz->next_out = z->z.next_out ? (Bytef *)(uintptr_t)(z->z.next_out - host) : NULL;
	gz->avail_out = z->z.avail_out;
	gz->total_out = z->z.total_out;
	gz->msg = z->z.msg ? (char *)(uintptr_t)hc_guest_string(t, z->z.msg) : NULL;
	gz->state = NULL;
	gz->data_type = z->z.data_type;
	gz->adler = z->z.adler;
}

/* zlib's own check of the caller's header version and struct size. */
static bool version_ok(struct task *t, uint64_t version, uint64_t size)
{
	const char *v = version ? guest_str(t->process->mm, version) : NULL;
	return v && v[0] == ZLIB_VERSION[0] && size == sizeof(z_stream);
}

/* An init: a (new) shadow, the host's init on it, the fields back. */
#define ZS_INIT(name, version_arg, call) \
long zs_##name(struct task *t, const uint64_t *a) \
{ \
	if (!version_ok(t, a[version_arg], a[version_arg + 1])) \
		return Z_VERSION_ERROR; \
	if (!a[0]) \
		return Z_STREAM_ERROR; \
	z_stream *gz = guest_stream(t, a[0]); \
	struct zshadow *z = gz ? shadow(t, a[0], true) : NULL; \
	if (!z) \
		return gz ? Z_MEM_ERROR : 0; \
	if (z->z.state) \
		z->inflate ? inflateEnd(&z->z) : deflateEnd(&z->z); \
	memset(&z->z, 0, sizeof(z->z)); \
	z->inflate = (#name)[0] == 'i'; \
	if (!sync_in(t, z, gz)) \
		return 0; \
	long r = (call); \
	sync_out(t, z, gz); \
	if (r != Z_OK) \
		shadow_free(t, z); \
	return r; \
}
ZS_INIT(deflateInit_, 2, deflateInit(&z->z, (int)a[1]))
ZS_INIT(deflateInit2_, 6, deflateInit2(&z->z, (int)a[1], (int)a[2], (int)a[3], (int)a[4], (int)a[5]))
ZS_INIT(inflateInit_, 1, inflateInit(&z->z))
ZS_INIT(inflateInit2_, 2, inflateInit2(&z->z, (int)a[1]))

/* A dictionary of a[2] bytes at a[1], readable; false after the fault. */
static bool dict_ok(struct task *t, const uint64_t *a)
{
	if (a[2] && !guest_ptr(t->process->mm, a[1], a[2], PROT_READ)) {
		hc_fault(t, a[1]);
		return false;
	}
	return true;
}

/* A call on a stream: its shadow (none: the stream was not made here,
 * Z_STREAM_ERROR as zlib says of a stream without state), once what the
 * call reads besides the stream is known good (pre). */
#define ZS_CALL(name, pre, call, end) \
long zs_##name(struct task *t, const uint64_t *a) \
{ \
	if (!(pre)) \
		return 0; \
	if (!a[0]) \
		return Z_STREAM_ERROR; \
	z_stream *gz = guest_stream(t, a[0]); \
	struct zshadow *z = gz ? shadow(t, a[0], false) : NULL; \
	if (!z) \
		return Z_STREAM_ERROR; \
	if (!sync_in(t, z, gz)) \
		return 0; \
	long r = (call); \
	sync_out(t, z, gz); \
	if (end) \
		shadow_free(t, z); \
	return r; \
}
ZS_CALL(deflate, true, deflate(&z->z, (int)a[1]), false)
ZS_CALL(deflateEnd, true, deflateEnd(&z->z), true)
ZS_CALL(deflateReset, true, deflateReset(&z->z), false)
ZS_CALL(deflateParams, true, deflateParams(&z->z, (int)a[1], (int)a[2]), false)
ZS_CALL(deflateTune, true, deflateTune(&z->z, (int)a[1], (int)a[2], (int)a[3], (int)a[4]), false)
ZS_CALL(deflatePrime, true, deflatePrime(&z->z, (int)a[1], (int)a[2]), false)
ZS_CALL(inflate, true, inflate(&z->z, (int)a[1]), false)
ZS_CALL(inflateEnd, true, inflateEnd(&z->z), true)
ZS_CALL(inflateReset, true, inflateReset(&z->z), false)
ZS_CALL(inflateReset2, true, inflateReset2(&z->z, (int)a[1]), false)
ZS_CALL(inflateSync, true, inflateSync(&z->z), false)
ZS_CALL(deflateSetDictionary, dict_ok(t, a),
	deflateSetDictionary(&z->z, t->process->mm->host + a[1], (uInt)a[2]), false)
ZS_CALL(inflateSetDictionary, dict_ok(t, a),
	inflateSetDictionary(&z->z, t->process->mm->host + a[1], (uInt)a[2]), false)

long zs_deflateBound(struct task *t, const uint64_t *a)
{
	struct zshadow *z = a[0] ? shadow(t, a[0], false) : NULL;
	return deflateBound(z ? &z->z : Z_NULL, a[1]);
}

/* dest gets a shadow of its own, a copy of source's. */
#define ZS_COPY(name) \
long zs_##name(struct task *t, const uint64_t *a) \
{ \
	if (!a[0] || !a[1]) \
		return Z_STREAM_ERROR; \
	z_stream *gd = guest_stream(t, a[0]), *gs = gd ? guest_stream(t, a[1]) : NULL; \
	struct zshadow *src = gs ? shadow(t, a[1], false) : NULL; \
	if (!src) \
		return gs ? Z_STREAM_ERROR : 0; \
	struct zshadow *dst = shadow(t, a[0], true); \
	if (!dst) \
		return Z_MEM_ERROR; \
	if (dst->z.state) \
		dst->inflate ? inflateEnd(&dst->z) : deflateEnd(&dst->z); \
	dst->inflate = (#name)[0] == 'i'; \
	if (!sync_in(t, src, gs)) \
		return 0; \
	long r = name(&dst->z, &src->z); \
	if (r == Z_OK) \
		sync_out(t, dst, gd); \
	else \
		shadow_free(t, dst); \
	return r; \
}
ZS_COPY(deflateCopy)
ZS_COPY(inflateCopy)

void hc_streams_free(struct hostcall_state *s)
{
	while (s->streams) {
		struct zshadow *z = s->streams;
		s->streams = z->next;
		z->inflate ? inflateEnd(&z->z) : deflateEnd(&z->z);
		free(z);
	}
}
