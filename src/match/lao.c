/*
 * lao.c: Lao script to a BGN/PCGN-like romanization, syllable by syllable
 * (the reading itself is in syllable.c).
 *
 * Spelling variants of Lao text are made equal first: ຳ (U+0EB3) and
 * ໍ + າ (U+0ECD U+0EB2), ໜ/ໝ (U+0EDC/U+0EDD) and ຫ + ນ / ຫ + ມ all read
 * the same here (rl_fold's compatibility decomposition already splits the
 * precomposed forms; the parser accepts both). Tone marks do not change
 * the key: romanizations never write them.
 */
#include <stddef.h>

#include "match/internal.h"
#include "match/syllable.h"

#include "util/banned.h"

struct lcons {
	int32_t cp;
	const char *init, *fin;
	unsigned flags;
};

static const struct lcons lao_cons[] = {
	{0x0E81, "k", "k", 0},               /* ກ */
	{0x0E82, "kh", NULL, 0},             /* ຂ */
	{0x0E84, "kh", NULL, 0},             /* ຄ */
	{0x0E86, "kh", NULL, 0},             /* ຆ (Pali) */
	{0x0E87, "ng", "ng", SC_SONOR},      /* ງ */
	{0x0E88, "ch", NULL, 0},             /* ຈ */
	{0x0E89, "ch", NULL, 0},             /* ຉ */
	{0x0E8A, "x", NULL, 0},              /* ຊ */
	{0x0E8C, "ch", NULL, 0},             /* ຌ */
	{0x0E8D, "y", "y", SC_Y | SC_SONOR}, /* ຍ */
	{0x0E8E, "d", NULL, 0},              /* ຎ */
	{0x0E8F, "t", NULL, 0},              /* ຏ */
	{0x0E90, "th", NULL, 0},             /* ຐ */
	{0x0E91, "th", NULL, 0},             /* ຑ */
	{0x0E92, "th", NULL, 0},             /* ຒ */
	{0x0E93, "n", NULL, SC_SONOR},       /* ຓ */
	{0x0E94, "d", "t", 0},               /* ດ */
	{0x0E95, "t", NULL, 0},              /* ຕ */
	{0x0E96, "th", NULL, 0},             /* ຖ */
	{0x0E97, "th", NULL, 0},             /* ທ */
	{0x0E98, "th", NULL, 0},             /* ຘ */
	{0x0E99, "n", "n", SC_SONOR},        /* ນ */
	{0x0E9A, "b", "p", 0},               /* ບ */
	{0x0E9B, "p", NULL, 0},              /* ປ */
	{0x0E9C, "ph", NULL, 0},             /* ຜ */
	{0x0E9D, "f", NULL, 0},              /* ຝ */
	{0x0E9E, "ph", NULL, 0},             /* ພ */
	{0x0E9F, "f", NULL, 0},              /* ຟ */
	{0x0EA0, "ph", NULL, 0},             /* ຠ */
	{0x0EA1, "m", "m", SC_SONOR},        /* ມ */
	{0x0EA2, "y", NULL, 0},              /* ຢ */
	{0x0EA3, "r", NULL, SC_SONOR | SC_RL}, /* ຣ */
	{0x0EA5, "l", NULL, SC_SONOR | SC_RL}, /* ລ */
	{0x0EA7, "v", "o", SC_W | SC_SONOR}, /* ວ */
	{0x0EA8, "s", NULL, 0},              /* ຨ */
	{0x0EA9, "s", NULL, 0},              /* ຩ */
	{0x0EAA, "s", NULL, 0},              /* ສ */
	{0x0EAB, "h", NULL, SC_H},           /* ຫ */
	{0x0EAC, "l", NULL, SC_SONOR},       /* ຬ */
	{0x0EAD, "", NULL, SC_CARRIER},      /* ອ */
	{0x0EAE, "h", NULL, 0},              /* ຮ */
};

static const struct lcons *lao_find(int32_t cp)
{
	for (size_t i = 0; i < sizeof(lao_cons) / sizeof(lao_cons[0]); i++)
		if (lao_cons[i].cp == cp)
			return &lao_cons[i];
	return NULL;
}

void lao_romanize(const int32_t *cp, size_t n, char *out, size_t outsz)
{
	struct sunit u[128];
	size_t k = 0;

	for (size_t i = 0; i < n && k + 2 < sizeof(u) / sizeof(u[0]); i++) {
		int32_t c = cp[i];
		const struct lcons *lc;
		struct sunit *x = &u[k];

		x->v = 0;
		x->init = x->fin = NULL;
		x->flags = 0;
		if (c == 0x0EDC || c == 0x0EDD) { /* ໜ ໝ = ຫ + ນ / ມ */
			lc = lao_find(0x0EAB);
			*x = (struct sunit){SU_CONS, 0, lc->init, lc->fin, lc->flags};
			lc = lao_find(c == 0x0EDC ? 0x0E99 : 0x0EA1);
			u[++k] = (struct sunit){SU_CONS, 0, lc->init, lc->fin, lc->flags};
			k++;
			continue;
		}
		if ((lc = lao_find(c))) {
			*x = (struct sunit){SU_CONS, 0, lc->init, lc->fin, lc->flags};
		} else if (c == 0x0EB3) {
			x->kind = SU_VOWEL;
			x->v = LV_AM;
		} else if ((c >= 0x0EB0 && c <= 0x0EB9) || c == 0x0EBB || c == 0x0EBD || c == 0x0ECD) {
			x->kind = SU_VOWEL;
			x->v = c;
		} else if (c == 0x0EBC) {
			x->kind = SU_SUBL;
		} else if (c >= 0x0EC0 && c <= 0x0EC4) {
			x->kind = SU_PRE;
			x->v = c;
		} else if (c >= 0x0EC8 && c <= 0x0ECB) {
			x->kind = SU_TONE;
		} else if (c == 0x0ECC) {
			x->kind = SU_SILENT;
		} else {
			continue; /* ໆ ຯ digits: no sound of their own in a name */
		}
		k++;
	}
	syll_romanize(u, k, out, outsz, true);
}
