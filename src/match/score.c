/*
 * score.c: the score of one watchlist entry against one traveller, and its
 * explanation.
 *
 * Name: the entry's tokens are aligned with the query's, in any order, one
 * to one, or one token to a run of 2..4 adjacent tokens of the other side
 * joined ("NGUYENVANLONG", "Phom Ma Chanh" / "Phommachanh"). A pair counts
 * 1 when the keys are equal and 0.85 / 0.7 at one / two edits within the
 * key's typo budget (dl.c), 0.6 / 0.5 when the typed token is itself a name
 * on the watchlist. Each token weighs its rarity in the watchlist
 * (IDF), so Nguyễn and Văn count little and the given name counts much.
 * Unmatched tokens count against the score, a middle one (neither first
 * nor last) at 0.35 of its weight when only one side has it (middle names
 * are often left out), at 0.5 when both sides have different ones.
 *
 * Then the name score is multiplied by the birth date evidence (equal 1,
 * swapped 0.95, partial 0.93, year off by one 0.92, unknown 0.86, clearly
 * different 0.62); when the date proves little (swapped, partial or year
 * off: name squared; one side unknown: name cubed) an imperfect name counts less,
 * since nothing else tells the namesakes apart and by 0.6 when both sexes are known and differ; an equal
 * document number lifts the score to at least 0.8 + 0.2 * name (above the
 * default threshold: a shared or stolen passport is worth a look whatever
 * the name).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "match/index.h"

#include "util/banned.h"

#define MIDDLE_OMIT 0.35
#define ORDER_PEN 0.85
#define MIDDLE_CONFLICT 0.5
#define SHORT_FORM_OMIT 0.2
/* An initial ("V." for Văn, "Ng." for Nguyễn) standing for a whole token
 * counts INITIAL_SIM of it (edits of such a pair are PAIR_INITIAL). It is
 * never alone: it may not stand for the entry's last token, and counts only
 * with a birth date agreeing in full (see name_sim, mi_score). An initial
 * left over weighs at most INITIAL_WMAX (a letter tells about one name in
 * ten apart), not the weight of a spelling the watchlist does not know. */
#define INITIAL_SIM 0.75
#define INITIAL_WMAX 2.4
#define PAIR_INITIAL 9

struct pair {
	int ei, ea;   /* entry span */
	int qj, qb;   /* query span */
	double sim;
	int edits;
};

/* A typed token that is itself a name on the watchlist ("Lương") is more
 * likely that name than a typo of another one ("Long"). */
static double edit_sim(int d, bool known)
{
	if (d == PAIR_INITIAL)
		return INITIAL_SIM;
	if (d == 0)
		return 1.0;
	if (known)
		return d == 1 ? 0.6 : 0.5;
	return d == 1 ? 0.85 : 0.7;
}

/* Edits between two spellings within the typo budget, or -1. */
static int key_edits(const char *a, size_t la, const char *b, size_t lb)
{
	size_t ml = la > lb ? la : lb;
	int budget = dl_budget(ml);
	int d;

	if (la == lb && !memcmp(a, b, la))
		return 0;
	if (!budget)
		return -1;
	d = dl_distance(a, la, b, lb, budget);
	return d <= budget ? d : -1;
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Whether a spelling is an initial or an abbreviation: one letter ("V",
 * "N"), or two or three letters without a vowel ("Ng", "Th", "Tr"): no
 * name of Viet Nam, Laos or Thailand is spelt so. */
bool abbrev_like(const char *raw)
{
	size_t n = strlen(raw);
	if (n == 1)
		return raw[0] >= 'a' && raw[0] <= 'z';
	if (n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (raw[i] < 'a' || raw[i] > 'z' || is_vowel(raw[i]))
			return false;
	return true;
}

/* Whether abbreviation a stands for the longer spelling b ("ng" for
 * "nguyen", "v" for "van"). */
static bool abbrev_of(const char *a, const char *b)
{
	size_t la = strlen(a);
	return abbrev_like(a) && strlen(b) > la && !strncmp(a, b, la) && !abbrev_like(b);
}

/* The weight of an initial left over: capped, see INITIAL_WMAX. */
static double initial_w(double w)
{
	return w < INITIAL_WMAX ? w : INITIAL_WMAX;
}

struct align {
	int np;
	struct pair p[MTOK_MAX * 2];
	bool eused[MTOK_MAX], qused[MTOK_MAX];
	bool order_ok;  /* matched tokens in an order that writes the same name */
	double num, den;
	double typo_num;  /* num with typos on tokens the watchlist does not
	                   * know counted as equal (see mi_score) */
	double forgiven;  /* the name score computed with typo_num */
};

static const char *ekey(const struct match_index *idx, const struct sname *e, int i)
{
	return idx->k[idx->r[e->raw[i]].key].s;
}

/* The keys (raw = false) or spellings (raw = true) of tokens from..from+n
 * of an entry name joined. */
static void join_span(const struct match_index *idx, const struct sname *e, int from, int n,
		      bool raw, char out[MKEY_MAX])
{
	char tmp[MKEY_MAX];
	const char *s0 = raw ? idx->r[e->raw[from]].s : ekey(idx, e, from);
	size_t l = strlen(s0);
	memcpy(out, s0, l < MKEY_MAX ? l + 1 : MKEY_MAX);
	out[MKEY_MAX - 1] = 0;
	for (int i = 1; i < n; i++) {
		const char *si = raw ? idx->r[e->raw[from + i]].s : ekey(idx, e, from + i);
		if (raw) {
			size_t a = strlen(out), b = strlen(si);
			if (a + b >= MKEY_MAX)
				b = MKEY_MAX - 1 - a;
			memcpy(out + a, si, b);
			out[a + b] = 0;
		} else {
			phon_join(out, si, tmp);
			memcpy(out, tmp, MKEY_MAX);
		}
	}
}

/* Fewest edits between the keys or between the spellings, or -1. Keys
 * are shorter than spellings, so edits on keys count only from 5 letters:
 * "thi" and "thui" (Thị, Thùy) are one key edit but different names. */
static int pair_edits(const char *ka, const char *kb, const char *ra, const char *rb)
{
	size_t la = strlen(ka), lb = strlen(kb);
	int dk = la == lb && !memcmp(ka, kb, la) ? 0 :
		 (la < 5 || lb < 5) ? -1 : key_edits(ka, la, kb, lb);
	int dr;
	if (dk == 0)
		return 0;
	dr = key_edits(ra, strlen(ra), rb, strlen(rb));
	if (dk < 0)
		return dr;
	if (dr < 0)
		return dk;
	return dk < dr ? dk : dr;
}

static int cached_edits(struct edcache *c, uint32_t raw, int r, int j, const char *ka,
			const char *kb, const char *ra, const char *rb)
{
	uint64_t key = ((uint64_t)raw + 1) << 8 | (uint64_t)r << 4 | (uint64_t)j;
	size_t i;

	if (!c)
		return pair_edits(ka, kb, ra, rb);
	for (i = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 51) & (EDCACHE_SLOTS - 1);;
	     i = (i + 1) & (EDCACHE_SLOTS - 1)) {
		if (c->key[i] == key)
			return c->ed[i];
		if (!c->key[i])
			break;
	}
	int d = pair_edits(ka, kb, ra, rb);
	if (c->n * 4 < EDCACHE_SLOTS * 3) {
		c->key[i] = key;
		c->ed[i] = (int8_t)d;
		c->n++;
	}
	return d;
}

/* initials: whether initials may stand for tokens (the caller allows them
 * only when the birth date agrees in full or the document is equal: an
 * initial makes namesakes look alike) */
static double name_sim(const struct match_index *idx, const struct sname *e,
		       const struct qread *q, int reading, struct edcache *cache, bool initials,
		       struct align *al)
{
	double we[MTOK_MAX];
	int ne = e->n, nq = q->n;

	memset(al, 0, sizeof(*al));
	for (int i = 0; i < ne; i++)
		we[i] = mi_weight(idx, idx->r[e->raw[i]].key);

	/* one to one: the assignment with the most matched weight (exact
	 * search over the few tokens of a name; greedy picking lets a typo
	 * pair steal the token an exact pair needs) */
	{
		int ed[MTOK_MAX][MTOK_MAX];
		double best[MTOK_MAX + 1][1 << MTOK_MAX];
		signed char choice[MTOK_MAX][1 << MTOK_MAX];
		int full = 1 << nq;

		for (int i = 0; i < ne; i++) {
			const struct vraw *r = &idx->r[e->raw[i]];
			const struct vkey *k = &idx->k[r->key];
			for (int j = 0; j < nq; j++)
				ed[i][j] = q->id[j] == (int64_t)r->key ? 0 :
					   cached_edits(cache, e->raw[i], reading, j, k->s, q->key[j],
							r->s, q->raw[j]);
			/* never for the entry's last token (the given name of a
			 * Vietnamese or Chinese name, the family name of a Lao
			 * one): the full tokens carry the match, initials only
			 * fill it in ("Nguyen Van L." is every Nguyễn Văn L.) */
			if (initials && i < ne - 1)
				for (int j = 0; j < nq; j++)
					if (ed[i][j] < 0 && (abbrev_of(q->raw[j], r->s) ||
							     abbrev_of(r->s, q->raw[j])))
						ed[i][j] = PAIR_INITIAL;
		}
		for (int m = 0; m < full; m++)
			best[ne][m] = 0;
		for (int i = ne - 1; i >= 0; i--)
			for (int m = 0; m < full; m++) {
				double bv = best[i + 1][m];
				int bc = -1;
				for (int j = 0; j < nq; j++) {
					if ((m & (1 << j)) || ed[i][j] < 0)
						continue;
					/* a tiny bonus prefers exact pairs among equals */
					double v = edit_sim(ed[i][j], q->id[j] >= 0) * we[i] +
						   (ed[i][j] == 0 ? 1e-6 : 0) +
						   best[i + 1][m | (1 << j)];
					if (v > bv) {
						bv = v;
						bc = j;
					}
				}
				best[i][m] = bv;
				choice[i][m] = (signed char)bc;
			}
		for (int i = 0, m = 0; i < ne; i++) {
			int j = choice[i][m];
			if (j < 0)
				continue;
			m |= 1 << j;
			al->eused[i] = al->qused[j] = true;
			al->p[al->np++] = (struct pair){i, 1, j, 1, edit_sim(ed[i][j], q->id[j] >= 0),
							ed[i][j]};
		}
	}

	/* runs of unmatched adjacent tokens against one token */
	for (int guard = 0; guard < MTOK_MAX; guard++) {
		struct pair best = {0};
		double bv = 0;
		char a[MKEY_MAX], ra[MKEY_MAX];
		for (int i = 0; i < ne; i++) {
			for (int span = 1; span <= 4 && i + span <= ne; span++) {
				size_t la, lra;
				if (al->eused[i + span - 1])
					break;
				join_span(idx, e, i, span, false, a);
				join_span(idx, e, i, span, true, ra);
				la = strlen(a);
				lra = strlen(ra);
				for (int j = 0; j < nq; j++) {
					for (int qspan = 1; qspan <= 4 && j + qspan <= nq; qspan++) {
						const char *b = q->jkey[j][qspan], *rb = q->jraw[j][qspan];
						size_t lb, lrb;
						int d;
						if (al->qused[j + qspan - 1])
							break;
						if ((span == 1) == (qspan == 1))
							continue; /* exactly one side is a run */
						lb = strlen(b);
						lrb = strlen(rb);
						/* more than two letters apart on both
						 * forms: no budget covers it */
						if ((la > lb + 2 || lb > la + 2) && (lra > lrb + 2 || lrb > lra + 2))
							continue;
						if ((d = pair_edits(a, b, ra, rb)) < 0)
							continue;
						/* short joins are chance ("Hữu Uy" is not
						 * "Huy"); a typo on a join needs length */
						if (la < 4 || (d > 0 && la < 8))
							continue;
						double w = 0;
						for (int x = 0; x < span; x++)
							w += we[i + x];
						double v = edit_sim(d, false) * w;
						if (v > bv) {
							bv = v;
							best = (struct pair){i, span, j, qspan, edit_sim(d, false), d};
						}
					}
				}
			}
		}
		if (bv <= 0)
			break;
		for (int x = 0; x < best.ea; x++)
			al->eused[best.ei + x] = true;
		for (int x = 0; x < best.qb; x++)
			al->qused[best.qj + x] = true;
		al->p[al->np++] = best;
	}

	/* token order: the same order, the family name moved to the other
	 * end (a rotation) or the whole name reversed are ways of writing
	 * one name; any other order ("Đức Anh" for "Anh Đức") is another */
	{
		int seq[MTOK_MAX * 2], n = 0, desc = 0, asc = 0;
		for (int i = 0; i < ne; i++)
			for (int x = 0; x < al->np; x++)
				if (al->p[x].ei == i)
					seq[n++] = al->p[x].qj;
		for (int i = 0; i + 1 < n; i++) {
			if (seq[i + 1] < seq[i])
				desc++;
			else
				asc++;
		}
		bool rotation = desc == 0 || (desc == 1 && seq[n - 1] < seq[0]);
		bool reversal = asc == 0;
		al->order_ok = rotation || reversal;
	}
	for (int x = 0; x < al->np; x++) {
		const struct pair *p = &al->p[x];
		double w = 0;
		for (int y = 0; y < p->ea; y++)
			w += we[p->ei + y];
		if (p->edits == PAIR_INITIAL) {
			al->num += w * p->sim;
			al->typo_num += w * p->sim;
			al->den += w;
			continue;
		}
		al->num += w * p->sim;
		/* a typed token that is no name on the list nor spelt like a
		 * Vietnamese syllable ("Phnc", "Nugyen"), one or two edits from
		 * the entry's: a slip of the keyboard, not another name */
		al->typo_num += w * (p->edits > 0 && p->ea == 1 && p->qb == 1 && q->id[p->qj] < 0 &&
				     !viet_syllable_like(q->raw[p->qj]) ? 1.0 : p->sim);
		al->den += w;
	}
	/* a middle name missing on one side is an omission; middle names
	 * left over on both sides contradict each other */
	bool emid = false, qmid = false;
	for (int i = 1; i < ne - 1; i++)
		emid |= !al->eused[i];
	for (int j = 1; j < nq - 1; j++)
		qmid |= !al->qused[j];
	double pen = emid && qmid ? MIDDLE_CONFLICT : MIDDLE_OMIT;
	/* "Nguyễn Thái" for Nguyễn Đức Hữu Thái: family and given name only,
	 * the short form in everyday use, says less but nothing against */
	if (nq == 2 && ne > 2 && al->eused[0] && al->eused[ne - 1] && al->qused[0] && al->qused[1])
		pen = SHORT_FORM_OMIT;
	for (int i = 0; i < ne; i++)
		if (!al->eused[i])
			al->den += we[i] * ((i > 0 && i < ne - 1) ? pen : 1.0);
	/* an initial left over says little: at most an initial's weight */
	for (int j = 0; j < nq; j++)
		if (!al->qused[j])
			al->den += (abbrev_like(q->raw[j]) ? initial_w(q->w[j]) : q->w[j]) *
				   ((j > 0 && j < nq - 1) ? pen : 1.0);
	al->forgiven = al->den > 0 ? al->typo_num / al->den * (al->order_ok ? 1.0 : ORDER_PEN) : 0.0;
	return al->den > 0 ? al->num / al->den * (al->order_ok ? 1.0 : ORDER_PEN) : 0.0;
}

/* The role of token i of an n-token name written family name first (Viet
 * Nam, China, Cambodia) or given name first (Laos, Thailand), or "name"
 * when the nationality does not say. */
static const char *role(const char *nat, int i, int n)
{
	bool fam_first = !strcmp(nat, "VNM") || !strcmp(nat, "CHN") || !strcmp(nat, "KHM");
	bool giv_first = !strcmp(nat, "LAO") || !strcmp(nat, "THA");
	if (n < 2 || (!fam_first && !giv_first))
		return "name";
	if (i == 0)
		return fam_first ? "family name" : "given name";
	if (i == n - 1)
		return fam_first ? "given name" : "family name";
	return "middle name";
}

static void explain_name(const struct match_index *idx, const struct ent *ent,
			 const struct sname *e, const struct qread *q, const struct align *al,
			 char *out, size_t sz)
{
	size_t len = 0;
#define ADD(...) do { if (len < sz) len += (size_t)snprintf(out + len, sz - len, __VA_ARGS__); } while (0)
	for (int i = 0; i < e->n; i++) {
		const char *r = role(ent->nat, i, e->n);
		int x;
		for (x = 0; x < al->np; x++)
			if (al->p[x].ei <= i && i < al->p[x].ei + al->p[x].ea)
				break;
		if (x == al->np) {
			ADD("%s%s %s not given", len ? ", " : "", r, idx->r[e->raw[i]].s);
			continue;
		}
		const struct pair *p = &al->p[x];
		if (p->ei != i)
			continue; /* a run: said at its first token */
		/* spellings, not keys: "nguyen", not "nguien" */
		char a[MKEY_MAX];
		const char *b = q->jraw[p->qj][p->qb];
		join_span(idx, e, p->ei, p->ea, true, a);
		ADD("%s%s%s %s", len ? ", " : "", p->ea > 1 ? "names " : "", p->ea > 1 ? a : r,
		    p->ea > 1 ? "" : a);
		if (p->ea > 1)
			len -= len && out[len - 1] == ' ' ? 1 : 0;
		if (p->edits == 0)
			ADD(" equal%s", p->ea > 1 || p->qb > 1 ? " when joined" : "");
		else if (p->edits == PAIR_INITIAL)
			ADD(" ~ %s, %s", b, abbrev_like(b) ? "initial" : "given in full");
		else
			ADD(" ~ %s, %s typo%s%s", b, p->edits > 1 ? "two" : "one", p->edits > 1 ? "s" : "",
			    p->ea > 1 || p->qb > 1 ? " when joined" : "");
	}
	for (int j = 0; j < q->n; j++)
		if (!al->qused[j])
			ADD("%s%s not on file", len ? ", " : "", q->raw[j]);
	if (!al->order_ok)
		ADD(", in another order");
#undef ADD
}

/* Whether, for some reading and some name of the entry, the first and
 * last query tokens that are watchlist keys are among the name's keys: a
 * cheap necessary condition for the near-perfect name an undated
 * comparison needs. Names of different lengths may be split or joined
 * versions of each other and always pass. */
static bool known_ends_present(const struct match_index *idx, const struct ent *e,
			       const struct qprep *q)
{
	for (int r = 0; r < q->nread; r++) {
		const struct qread *qr = &q->r[r];
		for (int n = 0; n < e->nn; n++) {
			const struct sname *en = &e->names[n];
			bool ok = true;
			if (en->n != qr->n)
				return true;
			for (int t = 0; t < qr->n && ok; t += (qr->n > 1 ? qr->n - 1 : 1)) {
				bool found = false;
				if (qr->id[t] < 0)
					continue;
				for (int i = 0; i < en->n && !found; i++)
					found = idx->r[en->raw[i]].key == (uint32_t)qr->id[t];
				ok = found;
			}
			if (ok)
				return true;
		}
	}
	return false;
}

/* How much the birth dates say, as a factor on the score and the power
 * the name is raised to (the less the date proves, the closer the name
 * must be). A year off by one where either side knows only the year (or
 * year and month) proves nothing: a random namesake has it one time in
 * twenty, as often as a true match with a slip, so it counts as unknown. */
static double date_factor(enum mdate_cmp dc, const struct mdate *a, const struct mdate *b,
			  const char **text, double *k)
{
	*k = 1.0;
	switch (dc) {
	case MD_EXACT: *text = "birth date equal"; return 1.0;
	case MD_SWAPPED: *k = 2; *text = "birth date day/month swapped"; return 0.95;
	case MD_PARTIAL: *k = 2; *text = "birth date partly known, agrees"; return 0.93;
	case MD_YEAR_OFF:
		if (!a->day || !b->day) {
			*k = 3;
			*text = "birth year off by one, day unknown";
			return 0.86;
		}
		*k = 2;
		*text = "birth year off by one";
		return 0.92;
	case MD_MISSING: *k = 3; *text = "birth date unknown on one side"; return 0.86;
	default: *text = "birth date differs"; return 0.62;
	}
}

double mi_score(const struct match_index *idx, const struct ent *e, const struct qprep *q,
		double floor, int doc, char *expl, size_t explsz)
{
	double name = 0, fg = 0, s, f, k = 1.0;
	int bn = -1, br = -1;
	struct align al, bal;
	const char *dtext;
	enum mdate_cmp dc;

	dc = mdate_compare(&e->birth, &q->birth);
	f = date_factor(dc, &e->birth, &q->birth, &dtext, &k); /* a date error and a name error together are rare */
	bool sexdiff = q->sex && e->sex && q->sex != e->sex;
	bool docsame = doc > 0;
	for (size_t d = 0; doc < 0 && *q->doc && d < e->ndocs && !docsame; d++)
		docsame = !strcmp(q->doc, e->docs[d]);
	if (!docsame && f * (sexdiff ? 0.6 : 1.0) < floor)
		return 0.0; /* even a perfect name could not reach the floor */
	if (!docsame && k >= 3 && floor > 0.5 && !known_ends_present(idx, e, q))
		return 0.0; /* undated: the name must be near perfect */
	/* initials only with a birth date agreeing in full (or the document) */
	bool initials = docsame || dc == MD_EXACT || dc == MD_SWAPPED;
	for (int n = 0; n < e->nn; n++)
		for (int r = 0; r < q->nread; r++) {
			double v = name_sim(idx, &e->names[n], &q->r[r], r, q->cache, initials, &al);
			if (v > name || bn < 0) {
				name = v;
				bn = n;
				br = r;
				bal = al;
				fg = al.forgiven;
			}
		}
	/* the less the date proves, the closer the name must be; a slip of
	 * the keyboard counts once, not again for the weak date: it says
	 * nothing about namesakes (no name on the list is spelt so) */
	s = name * pow(fg, k - 1) * f;
	if (sexdiff)
		s *= 0.6;
	bool natdiff = q->nat[0] && e->nat[0] && memcmp(q->nat, e->nat, 3) != 0;
	if (natdiff)
		s *= 0.97;
	if (docsame && s < 0.8 + 0.2 * name)
		s = 0.8 + 0.2 * name;
	if (s > 1.0)
		s = 1.0;
	if (expl && explsz) {
		size_t len;
		expl[0] = 0;
		if (bn >= 0)
			explain_name(idx, e, &e->names[bn], &q->r[br], &bal, expl, explsz);
		len = strlen(expl);
		snprintf(expl + len, explsz - len, "; %s%s%s%s", dtext,
			 sexdiff ? "; sex differs" : (q->sex && e->sex ? "; sex equal" : ""),
			 natdiff ? "; nationality differs" : "",
			 docsame ? "; document equal" : "");
	}
	return s;
}
