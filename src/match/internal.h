/*
 * internal.h: what the files of src/match/ share and nobody else uses:
 * the token representation of a name and the per-script key builders.
 *
 * A name becomes one or more "readings" (Han text has two: Sino-Vietnamese
 * and pinyin; Khmer text two: ា read "ea" and "a"), each a short sequence
 * of tokens. A token's key is lowercase
 * ASCII after phonetic folding (phonetic.c); keys are NUL-terminated in
 * fixed buffers, so nothing here allocates except where a comment says so.
 */
#ifndef RL_MATCH_INTERNAL_H
#define RL_MATCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of one token key, NUL included; longer keys are cut (a run-together
 * name of 4 syllables is about 20). */
#define MKEY_MAX 40
/* Tokens of one reading; more are ignored (names have 2..6). */
#define MTOK_MAX 8
/* Readings of one name. */
#define MREAD_MAX 2

struct mtoken {
	char key[MKEY_MAX]; /* phonetic key, lowercase ASCII, non-empty */
	char raw[MKEY_MAX]; /* the spelling before phonetic folding (typing
	                     * artefacts repaired): typos are counted here,
	                     * where one slip is one edit */
};

struct mreading {
	int n;                      /* tokens used, 0..MTOK_MAX */
	struct mtoken tok[MTOK_MAX];
};

struct mname {
	int nread;                  /* 1..MREAD_MAX when the name has tokens */
	struct mreading read[MREAD_MAX];
};

/* tokens.c: a UTF-8 name to readings. Returns 0 or RL_EINVAL. */
int mname_parse(const char *name, struct mname *out);

/* script.c */
enum mscript { MS_OTHER, MS_LATIN, MS_LAO, MS_THAI, MS_HAN, MS_KHMER, MS_DIGIT };
enum mscript mscript_of(int32_t cp);

/* phonetic.c: the key of a folded Latin token (lowercase, may hold digits
 * and non-ASCII letters, which are dropped). Writes "" when nothing is
 * left. Applies vietnamese.c's artefact repair first. */
void phon_key(const char *tok, char out[MKEY_MAX]);
/* The two halves of phon_key(): the repaired lowercase ASCII spelling, and
 * the key of such a spelling. */
void phon_raw(const char *tok, char out[MKEY_MAX]);
void phon_key_of_raw(const char *raw, char out[MKEY_MAX]);
/* Re-applies the doubled-letter fold after two keys were joined. */
void phon_join(const char *a, const char *b, char out[MKEY_MAX]);

/* vietnamese.c: repairs Telex/VNI typing artefacts in place in a lowercase
 * ASCII token ("nguyeenx" -> "nguyeen", "nguye6n4" -> "nguyen"). */
void viet_repair(char *tok);
/* Whether a repaired lowercase ASCII token is spelt like one Vietnamese
 * syllable (onset, 1..4 vowels, a final c ch m n ng nh p t or none):
 * "khang" is, "phnc" and "thmo" are not. A token that is not, and is no
 * name on the list, is a slip of the keyboard rather than another name. */
bool viet_syllable_like(const char *tok);

/* score.c: whether a repaired spelling is an initial or abbreviation
 * ("v", "ng", "th"), which may stand for a longer token. */
bool abbrev_like(const char *raw);

/* lao.c / thai.c: romanize a run of Lao / Thai code points (one word) into
 * a Latin string (BGN/RTGS-like) in out; phon_key() then makes the key. */
void lao_romanize(const int32_t *cp, size_t n, char *out, size_t outsz);
void thai_romanize(const int32_t *cp, size_t n, char *out, size_t outsz);
/* khmer.c: the same for a run of Khmer code points (one word), in the
 * spelling of Cambodian passports (Sok, Chea, Sophea, Sreypov); plain
 * writes the o-series ា "a" (Channary) instead of "ea" (Chea). */
void khmer_romanize(const int32_t *cp, size_t n, bool plain, char *out, size_t outsz);

/* han.c: the readings of one Han character, or false if not in the table. */
bool han_readings(int32_t cp, const char **sino_viet, const char **pinyin);

/* dl.c: Damerau-Levenshtein (optimal string alignment) distance of a and b,
 * or max+1 as soon as it exceeds max. */
int dl_distance(const char *a, size_t la, const char *b, size_t lb, int max);
/* Edits a key of this length may carry and still be the same name. */
int dl_budget(size_t len);

/* date.c: partial dates. */
struct mdate {
	int16_t year;  /* 0 when unknown */
	int8_t month;  /* 0 when unknown */
	int8_t day;    /* 0 when unknown */
};
int mdate_parse(const char *s, struct mdate *out);

enum mdate_cmp {
	MD_MISSING,   /* one side unknown */
	MD_EXACT,     /* equal on every part both sides know, all parts known */
	MD_PARTIAL,   /* equal on what both know, one side partial */
	MD_SWAPPED,   /* day and month swapped */
	MD_YEAR_OFF,  /* year off by one, rest equal */
	MD_CONFLICT   /* clearly different */
};
/* Inline: it runs once per posting read, millions of times a second. */
static inline enum mdate_cmp mdate_compare(const struct mdate *a, const struct mdate *b)
{
	bool full;

	if (!a->year || !b->year)
		return MD_MISSING;
	full = a->day && b->day;
	if (a->year == b->year) {
		if (full) {
			if (a->month == b->month && a->day == b->day)
				return MD_EXACT;
			if (a->month == b->day && a->day == b->month)
				return MD_SWAPPED;
			return MD_CONFLICT;
		}
		if (a->month && b->month && a->month != b->month) {
			/* "1990-03" against "1990-04-03": a swap we can see */
			if ((a->day && a->day == b->month) || (b->day && b->day == a->month))
				return MD_SWAPPED;
			return MD_CONFLICT;
		}
		return MD_PARTIAL;
	}
	if (a->year == b->year + 1 || b->year == a->year + 1) {
		if (full && a->month == b->month && a->day == b->day)
			return MD_YEAR_OFF;
		if (!full && (!a->month || !b->month || a->month == b->month))
			return MD_YEAR_OFF;
	}
	return MD_CONFLICT;
}

#endif
