/*
 * phonetic.c: one canonical key for the Latin spellings of a name.
 *
 * Lao, Thai and Vietnamese names reach the watchlist and the checkpoint in
 * several romanizations. The key merges the spellings that only differ by
 * convention, never ones that are different names in Vietnamese:
 *   ou -> u (Souvanna/Suvanna), ph -> p (Phommachanh/Pommachanh),
 *   x, z -> s (Xayasone/Sayasone), w -> v (Vongsavanh/Wongsawan),
 *   y -> i (ay/ai, Bounmy/Bunmi), ae -> e (Saeng/Seng), eu -> u,
 *   uo -> ua (Vietnamese-style "Luông" for Lao Louang, "ươ" for ເືອ),
 *   tch, ch, j -> j (Chanthala/Tchanthala/Janthala), c, ck, q -> k,
 *   gh -> g (Nghiem), final nh -> n, final th -> t (Sisavath/Sisavat),
 *   a silent e after a final consonant (Khamphone, Sonexay),
 *   a long "ee" at the end -> i (Manee), doubled letters -> one
 *   (Phommachanh, Nguyeen, Ddinh).
 * Vietnamese onsets that make different names (d/đ already folded, kh, th,
 * tr, ng, nh, gi) are kept apart.
 */
#include <string.h>

#include "match/internal.h"

#include "util/banned.h"

static bool vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static void collapse(char *s)
{
	size_t r, w;
	for (r = w = 0; s[r]; r++)
		if (w == 0 || s[w - 1] != s[r])
			s[w++] = s[r];
	s[w] = 0;
}

void phon_raw(const char *tok, char out[MKEY_MAX])
{
	char a[MKEY_MAX * 2];
	size_t n = 0;

	/* lowercase ASCII letters and digits only */
	for (const unsigned char *p = (const unsigned char *)tok; *p && n + 1 < sizeof(a); p++) {
		unsigned char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			a[n++] = (char)c;
	}
	a[n] = 0;
	viet_repair(a);
	n = strlen(a);
	if (n >= MKEY_MAX)
		n = MKEY_MAX - 1;
	memcpy(out, a, n);
	out[n] = 0;
}

void phon_key(const char *tok, char out[MKEY_MAX])
{
	char raw[MKEY_MAX];
	phon_raw(tok, raw);
	phon_key_of_raw(raw, out);
}

void phon_key_of_raw(const char *raw, char out[MKEY_MAX])
{
	char a[MKEY_MAX * 2], b[MKEY_MAX * 2];
	size_t len, i, w;

	len = strlen(raw);
	memcpy(a, raw, len + 1);

	/* Khmer passport spellings (khmer.c writes the first): chh/ch
	 * (Chhay/Chai), a final kh/k (Sokh/Sok), ea before a consonant/ie
	 * (Pheap/Phiep) and ea/ia elsewhere (Chea/Chia), a final h after a
	 * vowel dropped (Darah/Dara). Vietnamese spells none of these. */
	for (i = 0, w = 0; i < len; i++) {
		if (a[i] == 'c' && a[i + 1] == 'h' && a[i + 2] == 'h') {
			b[w++] = 'c';
			b[w++] = 'h';
			i += 2;
			continue;
		}
		if (a[i] == 'k' && a[i + 1] == 'h' && i + 2 == len && i > 0) {
			b[w++] = 'k';
			break;
		}
		if (a[i] == 'e' && a[i + 1] == 'a' && i > 0) {
			bool cons_next = a[i + 2] && !vowel(a[i + 2]);
			b[w++] = 'i';
			b[w++] = cons_next ? 'e' : 'a';
			i++;
			continue;
		}
		/* from 5 letters: "Mah" and "Quyh" are Mạnh and Quỳnh
		 * missing a letter, not Mã and Quy */
		if (a[i] == 'h' && i + 1 == len && len >= 5 && vowel(a[i - 1]))
			break;
		b[w++] = a[i];
	}
	b[w] = 0;
	memcpy(a, b, w + 1);
	len = w;

	/* silent e after a consonant that closes a syllable: "sonexay",
	 * "khamphone", "somephet"; only after n, m, and at the end after any
	 * consonant, which Vietnamese never writes (its e ends the word
	 * only after a vowel or a bare onset: "le", "khue"). */
	for (i = 0, w = 0; i < len; i++) {
		if (a[i] == 'e' && i >= 2 && !vowel(a[i - 1]) && vowel(a[i - 2]) && len >= 4) {
			bool at_end = i + 1 == len;
			bool mid = !at_end && !vowel(a[i + 1]) && (a[i - 1] == 'n' || a[i - 1] == 'm') &&
				   i + 2 < len;
			if (at_end || mid)
				continue;
		}
		b[w++] = a[i];
	}
	b[w] = 0;
	len = w;
	/* "ee" at the end of a long token is the English-style long i */
	if (len >= 5 && b[len - 1] == 'e' && b[len - 2] == 'e') {
		b[len - 2] = 'i';
		b[--len] = 0;
	}

	for (i = 0, w = 0; i < len && w + 2 < sizeof(a);) {
		const char *s = b + i;
		if (!strncmp(s, "tch", 3)) { a[w++] = 'j'; i += 3; continue; }
		if (!strncmp(s, "ch", 2)) { a[w++] = 'j'; i += 2; continue; }
		if (!strncmp(s, "ph", 2)) { a[w++] = 'p'; i += 2; continue; }
		if (!strncmp(s, "ck", 2)) { a[w++] = 'k'; i += 2; continue; }
		if (!strncmp(s, "gh", 2)) { a[w++] = 'g'; i += 2; continue; }
		if (!strncmp(s, "ou", 2)) { a[w++] = 'u'; i += 2; continue; }
		if (!strncmp(s, "ae", 2)) { a[w++] = 'e'; i += 2; continue; }
		if (!strncmp(s, "eu", 2)) { a[w++] = 'u'; i += 2; continue; }
		if (!strncmp(s, "uo", 2)) { a[w++] = 'u'; a[w++] = 'a'; i += 2; continue; }
		if (!strcmp(s, "nh")) { a[w++] = 'n'; i += 2; continue; }
		if (!strcmp(s, "th") && i > 0) { a[w++] = 't'; i += 2; continue; }
		switch (*s) {
		case 'x': case 'z': a[w++] = 's'; break;
		case 'w': a[w++] = 'v'; break;
		case 'y': a[w++] = 'i'; break;
		case 'c': case 'q': a[w++] = 'k'; break;
		default: a[w++] = *s; break;
		}
		i++;
	}
	a[w] = 0;
	collapse(a);
	if (strlen(a) >= MKEY_MAX)
		a[MKEY_MAX - 1] = 0;
	memcpy(out, a, strlen(a) + 1);
}

void phon_join(const char *x, const char *y, char out[MKEY_MAX])
{
	size_t lx = strlen(x), ly = strlen(y);

	if (lx >= MKEY_MAX - 1)
		lx = MKEY_MAX - 1;
	memcpy(out, x, lx);
	if (lx && ly && x[lx - 1] == y[0])
		y++, ly--;
	if (lx + ly >= MKEY_MAX)
		ly = MKEY_MAX - 1 - lx;
	memcpy(out + lx, y, ly);
	out[lx + ly] = 0;
}
