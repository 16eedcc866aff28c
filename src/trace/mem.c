/* Decoders of the memory calls: protections, mapping flags, advice. */
#include "decode.h"

void dec_prot(FILE *f, const struct targ *g) { xlat_flags(f, xl_prot, V(g), "PROT_NONE"); }
void dec_mapflags(FILE *f, const struct targ *g) { xlat_flags(f, xl_map_flags, V(g), NULL); }
void dec_mremap_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_mremap_flags, V(g), NULL); }
void dec_madvice(FILE *f, const struct targ *g) { xlat_print(f, xl_madvise, V(g), "%llu"); }
