/*
 * tokens.c: a name as typed (any script, any order, MRZ, run together) to
 * readings of phonetic token keys.
 *
 * Order: a lower-to-upper case change splits "NguyenVanLong" before the
 * search fold (util/utf8.c: case, Latin diacritics, đ, punctuation and the
 * MRZ filler '<' become separators, compatibility forms such as ໜ and ຳ
 * decompose). Each word is then cut into runs of one script: Latin (with
 * VNI digits) goes to phonetic.c, Lao and Thai to their syllable
 * romanizers, each Han character becomes a token of its own with two
 * readings, a Khmer word one token with two readings (khmer.c), other
 * scripts are kept as folded text. Token order is
 * kept but the scorer does not rely on it; an all-capital run-together name
 * ("NGUYENVANLONG") stays one token and is matched against joined entry
 * tokens by score.c.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "match/internal.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include "util/banned.h"

static void add_token(struct mname *m, int reading, const char *key, const char *raw)
{
	struct mreading *r = &m->read[reading];
	size_t l = strlen(key), rl = strlen(raw);

	if (!l || r->n >= MTOK_MAX)
		return;
	if (l >= MKEY_MAX)
		l = MKEY_MAX - 1;
	if (rl >= MKEY_MAX)
		rl = MKEY_MAX - 1;
	memcpy(r->tok[r->n].key, key, l);
	r->tok[r->n].key[l] = 0;
	memcpy(r->tok[r->n].raw, raw, rl);
	r->tok[r->n].raw[rl] = 0;
	r->n++;
}

/* Adds a token to every reading (text that reads the same in all). */
static void add_all(struct mname *m, const char *key, const char *raw)
{
	for (int i = 0; i < MREAD_MAX; i++)
		add_token(m, i, key, raw);
}

/* Adds the token of a Latin spelling. */
static void add_latin(struct mname *m, int reading, const char *lat)
{
	char raw[MKEY_MAX], key[MKEY_MAX];
	phon_raw(lat, raw);
	phon_key_of_raw(raw, key);
	if (reading < 0)
		add_all(m, key, raw);
	else
		add_token(m, reading, key, raw);
}

static void do_run(struct mname *m, enum mscript sc, const int32_t *cp, size_t n, bool *two)
{
	char lat[MKEY_MAX * 4];
	size_t k = 0;

	switch (sc) {
	case MS_LATIN:
	case MS_DIGIT:
		for (size_t i = 0; i < n && k + 1 < sizeof(lat); i++)
			if (cp[i] < 128)
				lat[k++] = (char)cp[i];
		lat[k] = 0;
		add_latin(m, -1, lat);
		break;
	case MS_LAO:
	case MS_THAI:
		if (sc == MS_LAO)
			lao_romanize(cp, n, lat, sizeof(lat));
		else
			thai_romanize(cp, n, lat, sizeof(lat));
		add_latin(m, -1, lat);
		break;
	case MS_KHMER:
		/* two readings, like Han: ា as "ea" and as "a" */
		khmer_romanize(cp, n, false, lat, sizeof(lat));
		add_latin(m, 0, lat);
		khmer_romanize(cp, n, true, lat, sizeof(lat));
		add_latin(m, 1, lat);
		*two = true;
		break;
	case MS_HAN:
		for (size_t i = 0; i < n; i++) {
			const char *sv, *py;
			if (han_readings(cp[i], &sv, &py)) {
				add_latin(m, 0, sv);
				add_latin(m, 1, py);
			} else {
				utf8proc_uint8_t b[8];
				utf8proc_ssize_t bl = utf8proc_encode_char(cp[i], b);
				b[bl] = 0;
				add_all(m, (const char *)b, (const char *)b);
			}
		}
		*two = true;
		break;
	default: {
		/* no romanizer: the folded text itself, cut at a character */
		for (size_t i = 0; i < n; i++) {
			utf8proc_uint8_t b[4];
			utf8proc_ssize_t bl = utf8proc_encode_char(cp[i], b);
			if (k + (size_t)bl >= MKEY_MAX)
				break;
			memcpy(lat + k, b, (size_t)bl);
			k += (size_t)bl;
		}
		lat[k] = 0;
		add_all(m, lat, lat);
		break;
	}
	}
}

static bool lower_latin(int32_t c)
{
	return mscript_of(c) == MS_LATIN && utf8proc_tolower(c) == c && utf8proc_toupper(c) != c;
}

static bool upper_latin(int32_t c)
{
	return mscript_of(c) == MS_LATIN && utf8proc_toupper(c) == c && utf8proc_tolower(c) != c;
}

int mname_parse(const char *name, struct mname *m)
{
	struct strbuf sp = STRBUF_INIT;
	const utf8proc_uint8_t *p;
	utf8proc_int32_t c, prev = 0;
	char *folded;
	int32_t cps[RL_NAME_MAX * 2];
	size_t ncp = 0;
	bool two = false; /* a second reading (Han, Khmer) */

	memset(m, 0, sizeof(*m));
	if (!name)
		return rl_error(RL_EINVAL, "name is missing");
	if (strlen(name) > RL_NAME_MAX)
		return rl_error(RL_ETOOBIG, "name is longer than %d bytes", RL_NAME_MAX);
	if (!rl_utf8_valid(name, strlen(name)))
		return rl_error(RL_EINVAL, "name is not valid utf-8");

	/* camelCase split: "NguyenVanLong" -> "Nguyen Van Long" */
	for (p = (const utf8proc_uint8_t *)name; *p;) {
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0)
			break;
		if (lower_latin(prev) && upper_latin(c))
			strbuf_addch(&sp, ' ');
		strbuf_add(&sp, p, (size_t)k);
		p += k;
		prev = c;
	}
	folded = rl_fold(sp.buf);
	strbuf_release(&sp);
	if (!folded)
		return rl_error(RL_EINVAL, "name is not valid utf-8");

	for (p = (const utf8proc_uint8_t *)folded;;) {
		utf8proc_ssize_t k = *p ? utf8proc_iterate(p, -1, &c) : 0;
		/* joiners and the soft hyphen are invisible; the zero-width
		 * space is how Khmer text separates words */
		if (k > 0 && (c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD)) {
			p += k;
			continue;
		}
		if (k <= 0 || c == ' ' || c == 0x200B) {
			/* end of a word: cut it into runs of one script */
			size_t s = 0;
			while (s < ncp) {
				enum mscript sc = mscript_of(cps[s]), sc2;
				size_t e = s + 1;
				if (sc == MS_DIGIT)
					sc = MS_LATIN;
				for (; e < ncp; e++) {
					sc2 = mscript_of(cps[e]);
					if (sc2 == MS_DIGIT)
						sc2 = MS_LATIN;
					/* combining marks stay with their base */
					if (sc2 == MS_OTHER && utf8proc_category(cps[e]) == UTF8PROC_CATEGORY_MN)
						continue;
					if (sc2 != sc)
						break;
				}
				do_run(m, sc, cps + s, e - s, &two);
				s = e;
			}
			ncp = 0;
			if (k <= 0)
				break;
			p += k;
			continue;
		}
		if (ncp < sizeof(cps) / sizeof(cps[0]))
			cps[ncp++] = c;
		p += k;
	}
	free(folded);
	m->nread = two ? 2 : 1;
	if (!m->read[0].n)
		return rl_error(RL_EINVAL, "name has no letters");
	return 0;
}
