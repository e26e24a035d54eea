/*
 * syllable.c: the syllable reader behind lao.c and thai.c (see syllable.h).
 *
 * Output is BGN/PCGN-like Latin ("khamphon", "phommachan", "xaiyavong")
 * which phonetic.c folds into the same key as the spellings found in
 * passports (Khamphone, Phommachanh, Xayavong). A consonant after a vowel
 * closes the syllable when it can be a final and no vowel sign follows it;
 * otherwise it starts the next syllable.
 */
#include <stdbool.h>
#include <string.h>

#include "match/syllable.h"

#include "util/banned.h"

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *s)
{
	size_t l = strlen(s);
	if (o->len + l + 1 > o->size)
		return;
	memcpy(o->buf + o->len, s, l);
	o->len += l;
	o->buf[o->len] = 0;
}

static bool is_cons(const struct sunit *u, size_t n, size_t i)
{
	return i < n && u[i].kind == SU_CONS;
}

/* Whether a sign that attaches to a consonant follows at i (tone marks
 * skipped): then the consonant before i is an initial, not a final. */
static bool sign_follows(const struct sunit *u, size_t n, size_t i)
{
	while (i < n && u[i].kind == SU_TONE)
		i++;
	return i < n && (u[i].kind == SU_VOWEL || u[i].kind == SU_SUBL);
}

#define HAS(m, v) ((m) & (1u << ((v) - 0x0EB0)))

static unsigned bit(int32_t v)
{
	if (v >= 0x0EB0 && v <= 0x0ECD)
		return 1u << (v - 0x0EB0);
	return 0;
}

void syll_romanize(const struct sunit *u, size_t n, char *buf, size_t size, bool passport_style)
{
	struct out o = {buf, size, 0};
	size_t i = 0;

	if (size)
		buf[0] = 0;
	while (i < n) {
		int32_t pre = 0;
		const char *init = "", *vowel = NULL, *glide = "";
		char cluster[8] = "";
		unsigned marks = 0;

		if (u[i].kind == SU_PRE)
			pre = u[i++].v;
		if (!is_cons(u, n, i)) {
			/* a stray sign: a vowel without consonant, or junk */
			if (pre == LP_AI || pre == LP_AI2)
				put(&o, "ai");
			i++;
			continue;
		}
		/* initial, with a silent h before a sonorant and r/l clusters */
		if ((u[i].flags & SC_H) && is_cons(u, n, i + 1) && (u[i + 1].flags & SC_SONOR) &&
		    (sign_follows(u, n, i + 2) || pre || is_cons(u, n, i + 2)))
			i++;
		init = (u[i].flags & SC_CARRIER) ? "" : u[i].init;
		i++;
		if (i < n && u[i].kind == SU_SUBL) {
			/* ຫຼ is l with a high tone class, other ◌ຼ are clusters */
			if (u[i - 1].flags & SC_H)
				init = "";
			memcpy(cluster, "l", 2);
			i++;
		} else if (is_cons(u, n, i) && (u[i].flags & SC_RL) && sign_follows(u, n, i + 1) &&
			   *init && !(u[i - 1].flags & SC_SONOR)) {
			memcpy(cluster, u[i].init, strlen(u[i].init) + 1);
			i++;
		}
		/* vowel signs and tone marks */
		while (i < n && (u[i].kind == SU_VOWEL || u[i].kind == SU_TONE || u[i].kind == SU_SILENT)) {
			if (u[i].kind == SU_VOWEL)
				marks |= bit(u[i].v);
			i++;
		}
		/* vowel letters */
		if (is_cons(u, n, i)) {
			unsigned f = u[i].flags;
			if (pre == LP_E && HAS(marks, LV_UEE) && (f & SC_CARRIER)) {
				vowel = "eua"; i++;
			} else if (pre == LP_E && (f & SC_Y) && !sign_follows(u, n, i + 1) &&
				   (!marks || HAS(marks, LV_II))) {
				vowel = "ia"; i++;
			} else if (!pre && (f & SC_W) && (HAS(marks, LV_O) || HAS(marks, LV_SHORT)) &&
				   !sign_follows(u, n, i + 1)) {
				vowel = "ua"; i++;
			} else if (!pre && !marks && (f & SC_CARRIER) && !sign_follows(u, n, i + 1)) {
				vowel = "o"; i++;
			} else if (!pre && !marks && (f & SC_W) && !sign_follows(u, n, i + 1) &&
				   is_cons(u, n, i + 1) && u[i + 1].fin) {
				vowel = "ua"; i++;
			} else if (!pre && !marks && (f & SC_W) && sign_follows(u, n, i + 1)) {
				/* glide: ຂວາ khoua */
				glide = "u"; i++;
				while (i < n && (u[i].kind == SU_VOWEL || u[i].kind == SU_TONE))
					marks |= u[i].kind == SU_VOWEL ? bit(u[i].v) : 0, i++;
			}
		}
		if (!vowel) {
			if (pre == LP_E && HAS(marks, LV_A) && HAS(marks, LV_AA))
				vowel = "o";            /* ເ-າະ */
			else if (pre == LP_E && HAS(marks, LV_O) && HAS(marks, LV_AA))
				vowel = "ao";
			else if (pre == LP_E && HAS(marks, LV_AA))
				vowel = "ao";           /* Thai เ-า */
			else if (pre == LP_E && (HAS(marks, LV_I) || HAS(marks, LV_II)))
				vowel = "eu";
			else if (pre == LP_E)
				vowel = "e";
			else if (pre == LP_AE)
				vowel = "ae";
			else if (pre == LP_O)
				vowel = "o";
			else if (pre == LP_AI || pre == LP_AI2)
				vowel = "ai";
			else if (HAS(marks, LV_AM) || (HAS(marks, LV_OO) && HAS(marks, LV_AA)))
				vowel = "am";
			else if (HAS(marks, LV_IA))
				vowel = "ie";           /* BGN: Vieng, Xieng */
			else if (HAS(marks, LV_A) || HAS(marks, LV_SHORT) || HAS(marks, LV_AA))
				vowel = "a";
			else if (HAS(marks, LV_I) || HAS(marks, LV_II))
				vowel = "i";
			else if (HAS(marks, LV_UE) || HAS(marks, LV_UEE))
				vowel = "eu";
			else if (HAS(marks, LV_U) || HAS(marks, LV_UU))
				vowel = "u";
			else if (HAS(marks, LV_O) || HAS(marks, LV_OO))
				vowel = "o";
			else if (is_cons(u, n, i) && u[i].fin && !sign_follows(u, n, i + 1) &&
				 !(u[i].flags & SC_CARRIER))
				vowel = "o";            /* implicit o before a final */
			else
				vowel = "a";            /* implicit a */
		}
		put(&o, init);
		put(&o, cluster);
		put(&o, glide);
		if (passport_style && !strcmp(vowel, "u"))
			vowel = "ou";
		else if (passport_style && !strcmp(vowel, "ua"))
			vowel = "oua";
		put(&o, vowel);
		/* final consonant */
		if (is_cons(u, n, i) && u[i].fin && !sign_follows(u, n, i + 1) &&
		    !(u[i].kind == SU_CONS && (u[i].flags & SC_CARRIER)) &&
		    strcmp(vowel, "ai") != 0 && strcmp(vowel, "am") != 0 && strcmp(vowel, "ao") != 0) {
			if (u[i].flags & SC_W) {
				size_t vl = strlen(vowel);
				put(&o, (vl && (vowel[vl - 1] == 'i' || vowel[vl - 1] == 'u')) ? "u" : "o");
			} else if (u[i].flags & SC_Y) {
				put(&o, "y");
			} else {
				put(&o, u[i].fin);
			}
			i++;
		}
		while (i < n && (u[i].kind == SU_TONE || u[i].kind == SU_SKIP || u[i].kind == SU_SILENT))
			i++;
	}
	if (passport_style && o.len >= 2 && o.buf[o.len - 1] == 'i' &&
	    strchr("aeiou", o.buf[o.len - 2]) == NULL)
		o.buf[o.len - 1] = 'y';
}
