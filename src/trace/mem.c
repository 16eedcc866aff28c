/* Decoders of the memory calls: protections, mapping flags, advice. */
#include "decode.h"

void dec_prot(FILE *f, const struct targ *g) { xlat_flags(f, xl_prot, V(g), "PROT_NONE"); }
void dec_mapflags(FILE *f, const struct targ *g) { xlat_flags(f, xl_map_flags, V(g), NULL); }
void dec_mremap_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_mremap_flags, V(g), NULL); }
void dec_madvice(FILE *f, const struct targ *g) { xlat_print(f, xl_madvise, V(g), "%llu"); }

/* mincore's vector: a byte a page of the range */
void dec_mincore(FILE *f, const struct targ *g)
{
	uint64_t pages = (g->a[1] + 4095) / 4096;
	fputc('[', f);
	for (uint64_t k = 0; k < pages && k < 64; k++) {
		uint8_t b;
		if (guest_read(g->t->process->mm, V(g) + k, &b, 1))
			break;
		fprintf(f, "%s%u", k ? ", " : "", b);
	}
	if (pages > 64)
		fputs(", ...", f);
	fputc(']', f);
}
