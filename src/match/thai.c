/*
 * thai.c: Thai script to an RTGS-like romanization, syllable by syllable,
 * with the reader shared with Lao (syllable.c). Covered: the 44
 * consonants with their initial and final RTGS values, leading vowels,
 * above/below vowels, ำ, ็, tone marks (ignored), ์ (the consonant it sits
 * on is silent), implicit o between two consonants and r/l clusters.
 * Not covered: รร, irregular Sanskrit spellings, vowel length (RTGS does
 * not write it either).
 */
#include <stddef.h>

#include "match/internal.h"
#include "match/syllable.h"

#include "util/banned.h"

struct tcons {
	const char *init, *fin;
	unsigned flags;
};

/* Indexed by code point - 0x0E01 (ก) up to ฮ (0x0E2E). */
static const struct tcons thai_cons[] = {
	{"k", "k", 0},        /* ก */
	{"kh", "k", 0},       /* ข */
	{"kh", "k", 0},       /* ฃ */
	{"kh", "k", 0},       /* ค */
	{"kh", "k", 0},       /* ฅ */
	{"kh", "k", 0},       /* ฆ */
	{"ng", "ng", SC_SONOR}, /* ง */
	{"ch", "t", 0},       /* จ */
	{"ch", "t", 0},       /* ฉ */
	{"ch", "t", 0},       /* ช */
	{"s", "t", 0},        /* ซ */
	{"ch", "t", 0},       /* ฌ */
	{"y", "n", SC_SONOR}, /* ญ */
	{"d", "t", 0},        /* ฎ */
	{"t", "t", 0},        /* ฏ */
	{"th", "t", 0},       /* ฐ */
	{"th", "t", 0},       /* ฑ */
	{"th", "t", 0},       /* ฒ */
	{"n", "n", SC_SONOR}, /* ณ */
	{"d", "t", 0},        /* ด */
	{"t", "t", 0},        /* ต */
	{"th", "t", 0},       /* ถ */
	{"th", "t", 0},       /* ท */
	{"th", "t", 0},       /* ธ */
	{"n", "n", SC_SONOR}, /* น */
	{"b", "p", 0},        /* บ */
	{"p", "p", 0},        /* ป */
	{"ph", NULL, 0},      /* ผ */
	{"f", NULL, 0},       /* ฝ */
	{"ph", "p", 0},       /* พ */
	{"f", "p", 0},        /* ฟ */
	{"ph", "p", 0},       /* ภ */
	{"m", "m", SC_SONOR}, /* ม */
	{"y", "y", SC_Y | SC_SONOR}, /* ย */
	{"r", "n", SC_SONOR | SC_RL}, /* ร */
	{"rue", NULL, 0},     /* ฤ */
	{"l", "n", SC_SONOR | SC_RL}, /* ล */
	{"lue", NULL, 0},     /* ฦ */
	{"w", "o", SC_W | SC_SONOR}, /* ว */
	{"s", "t", 0},        /* ศ */
	{"s", "t", 0},        /* ษ */
	{"s", "t", 0},        /* ส */
	{"h", NULL, SC_H},    /* ห */
	{"l", "n", SC_SONOR}, /* ฬ */
	{"", NULL, SC_CARRIER}, /* อ */
	{"h", NULL, 0},       /* ฮ */
};

void thai_romanize(const int32_t *cp, size_t n, char *out, size_t outsz)
{
	struct sunit u[128];
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < sizeof(u) / sizeof(u[0]); i++) {
		int32_t c = cp[i];
		struct sunit *x = &u[k];

		*x = (struct sunit){SU_SKIP, 0, NULL, NULL, 0};
		if (c >= 0x0E01 && c <= 0x0E2E) {
			const struct tcons *t = &thai_cons[c - 0x0E01];
			*x = (struct sunit){SU_CONS, 0, t->init, t->fin, t->flags};
		} else if (c == 0x0E33) {
			*x = (struct sunit){SU_VOWEL, LV_AM, NULL, NULL, 0};
		} else if ((c >= 0x0E30 && c <= 0x0E39) || c == 0x0E4D) {
			*x = (struct sunit){SU_VOWEL, c + 0x80, NULL, NULL, 0};
		} else if (c == 0x0E47) {
			*x = (struct sunit){SU_VOWEL, LV_SHORT, NULL, NULL, 0};
		} else if (c >= 0x0E40 && c <= 0x0E44) {
			*x = (struct sunit){SU_PRE, c + 0x80, NULL, NULL, 0};
		} else if (c >= 0x0E48 && c <= 0x0E4B) {
			x->kind = SU_TONE;
		} else if (c == 0x0E4C) {
			/* ์: the consonant under it (and a vowel sign on it) is silent */
			while (k > 0 && u[k - 1].kind == SU_VOWEL)
				k--;
			if (k > 0 && u[k - 1].kind == SU_CONS)
				k--;
			continue;
		} else {
			continue;
		}
		k++;
	}
	syll_romanize(u, k, out, outsz, false);
}
