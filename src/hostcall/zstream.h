/* zlib's z_stream calls, served by the host's zlib (zstream.c). */
#ifndef EMU_ZSTREAM_H
#define EMU_ZSTREAM_H

#include <stdint.h>

struct task;

#define ZS_FN(name) long zs_##name(struct task *t, const uint64_t *a);
ZS_FN(deflateInit_) ZS_FN(deflateInit2_) ZS_FN(deflate) ZS_FN(deflateEnd) ZS_FN(deflateReset)
ZS_FN(deflateParams) ZS_FN(deflateBound) ZS_FN(deflateSetDictionary) ZS_FN(deflateTune)
ZS_FN(deflatePrime) ZS_FN(deflateCopy) ZS_FN(inflateInit_) ZS_FN(inflateInit2_) ZS_FN(inflate)
ZS_FN(inflateEnd) ZS_FN(inflateReset) ZS_FN(inflateReset2) ZS_FN(inflateSetDictionary)
ZS_FN(inflateSync) ZS_FN(inflateCopy)
#undef ZS_FN

#endif
