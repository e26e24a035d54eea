/*
 * vietnamese.c: repair of Vietnamese typing artefacts in a folded Latin
 * token, before phonetic folding.
 *
 * A keyboard without a Vietnamese input method leaves the keystrokes of the
 * two common input methods in the text:
 *  - VNI puts digits after the letter: "Nguye6n4" for Nguyễn, "D9uc" for
 *    Đức. Digits never belong in a name, so they are dropped.
 *  - Telex doubles letters for the hat (aa = â, ee = ê, oo = ô, dd = đ), adds
 *    w for the horn or breve (uw = ư, ow = ơ, aw = ă) and ends the syllable
 *    with a tone letter (s f r x j): "Nguyeenx", "Traanf", "Phamj",
 *    "Huwowng". Doubled letters are folded later anyway (phonetic.c); here
 *    the tone letter and the w are removed where Vietnamese spelling cannot
 *    have them: a tone letter after a vowel or a final consonant at the end
 *    of the syllable (Vietnamese has no final s f r x j), a w after a, o, u
 *    that is not followed by a, e or o (Lao romanizations write "Souwanna",
 *    "Sawang": there the w is a consonant before a vowel and stays).
 * The same repair runs on watchlist and query text, so a non-Vietnamese
 * name that happens to end in s ("Thomas") loses the s on both sides.
 */
#include <string.h>

#include "match/internal.h"

#include "util/banned.h"

static bool vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static bool tone_letter(char c)
{
	return c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j';
}

/* Whether s is a Vietnamese final consonant cluster (possibly empty). */
static bool valid_final(const char *s)
{
	static const char *const finals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
	for (size_t i = 0; i < sizeof(finals) / sizeof(finals[0]); i++)
		if (!strcmp(s, finals[i]))
			return true;
	return false;
}

/* Whether s ends with a Vietnamese final consonant cluster after a vowel. */
static bool ends_in_rhyme(const char *s, size_t len)
{
	static const char *const finals[] = {"ch", "ng", "nh", "c", "m", "n", "p", "t"};
	if (len && vowel(s[len - 1]))
		return true;
	for (size_t i = 0; i < sizeof(finals) / sizeof(finals[0]); i++) {
		size_t fl = strlen(finals[i]);
		if (len > fl && !memcmp(s + len - fl, finals[i], fl) && vowel(s[len - fl - 1]))
			return true;
	}
	return false;
}

void viet_repair(char *tok)
{
	size_t r, w, len;

	/* VNI digits */
	for (r = w = 0; tok[r]; r++)
		if (tok[r] < '0' || tok[r] > '9')
			tok[w++] = tok[r];
	tok[w] = 0;
	len = w;
	if (len < 3)
		return;

	/* Telex w for horn and breve: "huwowng", "trawng" */
	for (r = w = 0; r < len; r++) {
		char c = tok[r];
		if (c == 'w' && r > 0 && (tok[r - 1] == 'a' || tok[r - 1] == 'o' || tok[r - 1] == 'u')) {
			char nx = tok[r + 1];
			/* kept only before a, e, o: "Souwanna", "Sawang"; "uwu",
			 * "owi", "uwow" are Telex */
			bool before_vowel = (nx == 'a' || nx == 'e' || nx == 'o') &&
					    !(nx == 'o' && tok[r + 2] == 'w');
			if (!before_vowel)
				continue;
		}
		tok[w++] = c;
	}
	tok[w] = 0;
	len = w;

	/* Telex tone letter at the end: "nguyeenx", "phamj", "lees" */
	if (tone_letter(tok[len - 1]) && ends_in_rhyme(tok, len - 1) &&
	    !(tok[len - 1] == 's' && tok[len - 2] == 's')) {
		tok[--len] = 0;
	} else {
		/* Telex tone letter typed inside the syllable: "nguyeexn" */
		for (size_t i = 1; i + 1 < len; i++) {
			if (tone_letter(tok[i]) && vowel(tok[i - 1]) && valid_final(tok + i + 1) &&
			    tok[i + 1]) {
				memmove(tok + i, tok + i + 1, len - i);
				len--;
				break;
			}
		}
	}

}

bool viet_syllable_like(const char *tok)
{
	static const char *const onsets[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu",
					     "th", "tr", "dd", "b", "c", "d", "g", "h", "k", "l",
					     "m", "n", "p", "q", "r", "s", "t", "v", "x", ""};
	for (size_t i = 0; i < sizeof(onsets) / sizeof(onsets[0]); i++) {
		size_t ol = strlen(onsets[i]), v = 0;
		if (strncmp(tok, onsets[i], ol))
			continue;
		while (vowel(tok[ol + v]))
			v++;
		/* "gi" and "qu" carry their vowel: "gi", "qua" */
		if ((v >= 1 || (ol == 2 && (!strcmp(onsets[i], "gi")))) && v <= 4 &&
		    valid_final(tok + ol + v))
			return true;
	}
	return false;
}
