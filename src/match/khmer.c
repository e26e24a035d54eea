/*
 * khmer.c: Khmer script to the romanization of Cambodian passports
 * (UNGEGN-like, with the spellings names are usually given: Sok, Chea,
 * Sophea, Vannak, Sreypov), syllable by syllable.
 *
 * Khmer stores every vowel after its consonant (no pre-posed vowels as in
 * Lao), but the reading of a vowel depends on the consonant's series: the
 * a-series (ក ខ ច ឆ ដ ឋ ណ ត ថ ប ផ ស ហ ឡ អ) reads ា as "a", the o-series
 * (គ ឃ ង ជ ឈ ញ ឌ ឍ ទ ធ ន ព ភ ម យ រ ល វ) as "ea" (ជា Chea, សុភា Sophea).
 * ៉ (U+17C9) moves an o-series consonant to the a-series (ម៉ៅ Mao), ៊
 * (U+17CA) an a-series one to the o-series (ស៊ុន Sun). A consonant after the
 * coeng ្ (U+17D2) is written below: at the start of a syllable it joins the
 * onset (ស្រី Srei, ប្រាក់ Prak); after a closing consonant it starts the
 * next syllable (ចន្ទា Chan-tea) or, at the end of a word, is silent
 * (វណ្ណ Vann). A consonant without a vowel of its own closes the syllable
 * before it when it can; ់ (bantoc) only shortens a vowel, ៍ silences its
 * consonant, ះ is a final h, ំ a final m.
 *
 * The output is lowercase ASCII for phon_key(), which folds the passport
 * variants (chh/ch, final kh/k, ea/ia, ou/u, doubled letters, final h).
 * The o-series ា is written "ea" by UNGEGN and most passports (Chea,
 * Sophea) but "a" in many names of two syllables or more (Channary,
 * Chantha for Chanthea): the plain reading writes it "a" there, and
 * tokens.c makes it a second reading.
 * Not covered: Pali and Sanskrit spellings whose vowels are not written
 * (the reader gives their consonants the inherent vowel, as people often
 * do when romanizing names), robat ៌ (ignored), vowel length.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "match/internal.h"

#include "util/banned.h"

#define KH_COENG 0x17D2
#define KH_TO_A 0x17C9     /* ៉ musikatoan */
#define KH_TO_O 0x17CA     /* ៊ triisap */
#define KH_NIKAHIT 0x17C6  /* ំ */
#define KH_REAHMUK 0x17C7  /* ះ */
#define KH_YUUKALEAPINTU 0x17C8 /* ៈ */
#define KH_BANTOC 0x17CB   /* ់ */
#define KH_TOANDAKHIAT 0x17CD /* ៍ */

struct kcons {
	const char *init;  /* as onset */
	const char *sub;   /* as onset of a cluster (ប reads p there), NULL: init */
	const char *fin;   /* as final, "" when silent */
	bool o_series;
};

/* Indexed by code point - 0x1780 (ក) up to អ (0x17A2). */
static const struct kcons kh_cons[] = {
	{"k", NULL, "k", false},    /* ក */
	{"kh", NULL, "kh", false},  /* ខ */
	{"k", NULL, "k", true},     /* គ */
	{"kh", NULL, "kh", true},   /* ឃ */
	{"ng", NULL, "ng", true},   /* ង */
	{"ch", NULL, "ch", false},  /* ច */
	{"chh", NULL, "ch", false}, /* ឆ */
	{"ch", NULL, "ch", true},   /* ជ */
	{"chh", NULL, "ch", true},  /* ឈ */
	{"nh", NULL, "nh", true},   /* ញ */
	{"d", NULL, "t", false},    /* ដ */
	{"th", NULL, "t", false},   /* ឋ */
	{"d", NULL, "t", true},     /* ឌ */
	{"th", NULL, "t", true},    /* ឍ */
	{"n", NULL, "n", false},    /* ណ */
	{"t", NULL, "t", false},    /* ត */
	{"th", NULL, "t", false},   /* ថ */
	{"t", NULL, "t", true},     /* ទ */
	{"th", NULL, "t", true},    /* ធ */
	{"n", NULL, "n", true},     /* ន */
	{"b", "p", "p", false},     /* ប */
	{"ph", NULL, "p", false},   /* ផ */
	{"p", NULL, "p", true},     /* ព */
	{"ph", NULL, "p", true},    /* ភ */
	{"m", NULL, "m", true},     /* ម */
	{"y", NULL, "y", true},     /* យ */
	{"r", NULL, "r", true},     /* រ */
	{"l", NULL, "l", true},     /* ល */
	{"v", NULL, "v", true},     /* វ */
	{"s", NULL, "s", false},    /* ឝ (obsolete) */
	{"s", NULL, "s", false},    /* ឞ (obsolete) */
	{"s", NULL, "s", false},    /* ស */
	{"h", NULL, "h", false},    /* ហ */
	{"l", NULL, "l", false},    /* ឡ */
	{"", NULL, "", false},      /* អ: the vowel carrier */
};

/* Dependent vowels U+17B6..U+17C5: the reading after an a-series and an
 * o-series consonant. */
static const char *const kh_vowel[][2] = {
	{"a", "ea"},    /* ា */
	{"e", "i"},     /* ិ */
	{"ei", "i"},    /* ី */
	{"i", "i"},     /* ឹ (Kim, Chhim: names write i) */
	{"eu", "eu"},   /* ឺ */
	{"o", "u"},     /* ុ */
	{"ou", "u"},    /* ូ */
	{"uo", "uo"},   /* ួ */
	{"aeu", "eu"},  /* ើ */
	{"oea", "oea"}, /* ឿ */
	{"ie", "ie"},   /* ៀ */
	{"e", "e"},     /* េ */
	{"ae", "ae"},   /* ែ */
	{"ai", "ey"},   /* ៃ */
	{"ao", "ou"},   /* ោ */
	{"ao", "ov"},   /* ៅ */
};

/* Independent vowels U+17A3..U+17B3. */
static const char *const kh_indep[] = {
	"a", "a", "e", "ei", "o", "u", "ou", "ov", "ru", "ru", "lu", "lu", "ae", "ai", "ao", "ao", "au",
};

static bool is_cons(int32_t c)
{
	return c >= 0x1780 && c <= 0x17A2;
}

static bool is_dep_vowel(int32_t c)
{
	return c >= 0x17B6 && c <= 0x17C5;
}

/* Whether the code point at i belongs to the consonant before it (so that
 * consonant opens a syllable rather than closing one). */
static bool attaches(const int32_t *cp, size_t n, size_t i)
{
	while (i < n && (cp[i] == KH_BANTOC || cp[i] == 0x17CC || cp[i] == 0x17CE ||
			 cp[i] == 0x17CF || cp[i] == 0x17D1 || cp[i] == 0x17D3 || cp[i] == 0x17DD))
		i++;
	return i < n && (is_dep_vowel(cp[i]) || cp[i] == KH_TO_A || cp[i] == KH_TO_O ||
			 cp[i] == KH_NIKAHIT || cp[i] == KH_REAHMUK || cp[i] == KH_YUUKALEAPINTU ||
			 cp[i] == 0x17D0);
}

/* Whether nothing that is read follows from j: the end of the word,
 * marks, or subscripts with nothing after them (វណ្ណ). */
static bool word_ends(const int32_t *cp, size_t n, size_t j)
{
	while (j < n) {
		if (cp[j] == KH_BANTOC || cp[j] == KH_TOANDAKHIAT || cp[j] == 0x17CC)
			j++;
		else if (cp[j] == KH_COENG && j + 1 < n && is_cons(cp[j + 1]))
			j += 2;
		else
			return false;
	}
	return true;
}

struct kout {
	char *buf;
	size_t size, len;
};

static void put(struct kout *o, const char *s)
{
	size_t l = strlen(s);
	if (o->len + l + 1 > o->size)
		return;
	memcpy(o->buf + o->len, s, l);
	o->len += l;
	o->buf[o->len] = 0;
}

/* Reads one word into out; returns its number of syllables. */
static int read_word(const int32_t *cp, size_t n, bool plain, char *out, size_t outsz)
{
	struct kout o = {out, outsz, 0};
	size_t i = 0;
	bool sub_onset = false, prev_n = false;
	int nsyll = 0;

	if (!outsz)
		return 0;
	out[0] = 0;
	while (i < n) {
		int32_t c = cp[i];
		bool o_series = false, cluster = false, vowel = false, nasal = false, breath = false;
		bool glottal = false;
		const char *v = NULL;
		char onset[16] = "";

		if (c >= 0x17A3 && c <= 0x17B3) {
			/* an independent vowel is a syllable without onset */
			put(&o, kh_indep[c - 0x17A3]);
			i++;
			vowel = true;
		} else if (is_cons(c)) {
			const struct kcons *k = &kh_cons[c - 0x1780];
			o_series = k->o_series;
			i++;
			/* the onset cluster: subscripts right after it */
			while (i + 1 < n && cp[i] == KH_COENG && is_cons(cp[i + 1])) {
				const struct kcons *s = &kh_cons[cp[i + 1] - 0x1780];
				if (!cluster) {
					snprintf(onset, sizeof(onset), "%s", k->sub ? k->sub : k->init);
					cluster = true;
				}
				/* an a-series base keeps its series before a
				 * sonorant (ស្រី srei); other subscripts lend
				 * theirs (ស្ព sp-, o-series) */
				if (s->o_series && !strchr("ngnhmyrlv", s->init[0] ? s->init[0] : 'x'))
					o_series = true;
				size_t l = strlen(onset);
				snprintf(onset + l, sizeof(onset) - l, "%s", s->init);
				i += 2;
			}
			if (!cluster)
				snprintf(onset, sizeof(onset), "%s", k->init);
			/* after a final n a subscript t is voiced (ចិន្តា Chenda),
			 * a subscript th/t aspirated (ចន្ទា Chanthea) */
			if (sub_onset && prev_n && !cluster)
				snprintf(onset, sizeof(onset), "%s",
					 c == 0x178F ? "d" : (c == 0x1791 || c == 0x1792) ? "th" : k->init);
		} else {
			i++; /* a sign without a consonant: nothing to read */
			continue;
		}
		nsyll++;

		/* register shifters, vowels and signs on the onset */
		for (; i < n; i++) {
			int32_t d = cp[i];
			if (d == KH_TO_A) {
				o_series = false;
				if (!cluster && c == 0x1794)
					snprintf(onset, sizeof(onset), "p"); /* ប៉ុល Pol */
			} else if (d == KH_TO_O) {
				o_series = true;
			} else if (is_dep_vowel(d)) {
				/* េ + ា and េ + ី typed for ោ and ើ */
				if (d == 0x17C1 && i + 1 < n && (cp[i + 1] == 0x17B6 || cp[i + 1] == 0x17B8)) {
					d = cp[i + 1] == 0x17B6 ? 0x17C4 : 0x17BE;
					i++;
				}
				v = kh_vowel[d - 0x17B6][o_series];
				if (plain && d == 0x17B6)
					v = "a"; /* Channary, Chantha */
				/* ុំ reads om in both series (មុំ Mom) */
				if (d == 0x17BB && i + 1 < n && cp[i + 1] == KH_NIKAHIT)
					v = "o";
				vowel = true;
			} else if (d == KH_NIKAHIT) {
				nasal = true;
			} else if (d == KH_REAHMUK || d == KH_YUUKALEAPINTU) {
				/* ះ a final h (ព្រះ preah); ៈ a short a and a
				 * glottal stop, written k in names (វណ្ណៈ Vannak) */
				breath = true;
				glottal = d == KH_YUUKALEAPINTU;
			} else if (d == KH_BANTOC || d == 0x17CC || d == 0x17CE || d == 0x17CF ||
				   d == 0x17D0 || d == 0x17D1 || d == 0x17D3 || d == 0x17DD) {
				/* length and other marks: no letter of their own */
			} else {
				break;
			}
		}

		put(&o, onset);

		/* a final: a consonant that carries nothing of its own; one
		 * with a subscript closes this syllable, the subscript opens
		 * the next (ចន្ទា chan-thea) or, at the end, is silent (វណ្ណ) */
		const char *fin = NULL;
		sub_onset = false;
		/* but C1 C2 at the end of the word after a vowel is one more
		 * syllable, C1 with the inherent vowel closed by C2 (កុសល
		 * ko-sal, សុវណ្ណ so-vann) */
		bool last_two = vowel && i + 1 < n && is_cons(cp[i + 1]) && !attaches(cp, n, i + 2) &&
				word_ends(cp, n, i + 2);
		if (!nasal && !last_two && i < n && is_cons(cp[i]) && !attaches(cp, n, i + 1)) {
			if (i + 1 < n && cp[i + 1] == KH_TOANDAKHIAT) {
				i += 2; /* silenced */
			} else {
				fin = kh_cons[cp[i] - 0x1780].fin;
				if (cp[i] == 0x179C && v && v[strlen(v) - 1] == 'e')
					fin = "o"; /* ែវ, េវ: Keo */
				i++;
				while (i + 1 < n && cp[i] == KH_COENG && is_cons(cp[i + 1]) &&
				       (i + 2 >= n || cp[i + 2] == KH_BANTOC || cp[i + 2] == KH_TOANDAKHIAT))
					i += 2;
				if (i + 1 < n && cp[i] == KH_COENG && is_cons(cp[i + 1])) {
					i++;
					sub_onset = true;
				}
			}
		}

		if (v) {
			put(&o, v);
		} else if (c >= 0x17A3 && c <= 0x17B3) {
			/* independent vowel already written */
		} else if (nasal) {
			put(&o, o_series ? "u" : "a"); /* ំ alone: am, um */
		} else if (fin) {
			/* the inherent vowel of a closed syllable: o before ង
			 * and ក in the o-series (Kong), a elsewhere (Vann) */
			put(&o, o_series && (!strcmp(fin, "ng") || !strcmp(fin, "k")) ? "o" : "a");
		} else if (breath) {
			put(&o, glottal ? "a" : o_series ? "ea" : "a");
		} else if (!vowel) {
			put(&o, o_series ? "o" : "a");
		}
		if (nasal)
			put(&o, "m"); /* ំ closes the syllable */
		if (fin)
			put(&o, fin);
		if (breath)
			put(&o, glottal ? "k" : "h");
		prev_n = fin && !strcmp(fin, "n");
	}
	return nsyll;
}

void khmer_romanize(const int32_t *cp, size_t n, bool plain, char *out, size_t outsz)
{
	/* one syllable keeps "ea" (Chea, Meas, Pheap are always so written) */
	if (read_word(cp, n, false, out, outsz) >= 2 && plain)
		read_word(cp, n, true, out, outsz);
}
