/*
 * index.c: the watchlist index (see index.h) and match_query()'s candidate
 * retrieval.
 *
 * Retrieval reads, for each query token, the postings of its own key, of
 * the keys of watchlist spellings within its typo budget (a deletion
 * neighbourhood over spellings: every spelling and its one-letter deletions
 * point back to it, so a typed token and its deletions meet every spelling
 * at Damerau-Levenshtein distance 1 and many at 2), of the keys an unknown
 * run-together token splits into, and of the keys adjacent tokens join
 * into. Keys that more than 5% of the watchlist carry (Nguyễn, Văn, Thị)
 * are not read when a rarer key is there: a true match shares it. If none
 * is, the rarest token's own key is read anyway, unless it is over a tenth
 * of the list and typo keys of another token can be read instead.
 *
 * With a birth date and a threshold above what a date conflict can score
 * (MI_CONFLICT_CAP), only the year buckets within one year plus the
 * unknown-year bucket are read, and postings whose date clearly differs or
 * whose sex differs are skipped without touching the entry. A candidate
 * without a full date to compare (either side) can only pass with a near
 * perfect name, so it must have been reached by exact keys through enough
 * query tokens, and typo keys do not bring it in.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/index.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include "util/banned.h"

static char smap_gone_[1];
#define SMAP_GONE smap_gone_

/* Candidates one query scores at most; beyond, the rest are ignored (a
 * name so common and so unspecific that thousands of entries tie). */
#define MI_CAND_MAX 20000
/* Without a birth date a common name has thousands of namesakes; past this
 * many candidates the ranking among them means nothing: exact namesakes
 * tie, and which of them make the top 5 is chance whatever the cap (the
 * chance bound of bench/match_eval.c). The exact namesakes come first,
 * at most MI_SIG_MAX of them. */
#define MI_CAND_MAX_NODATE 500
#define MI_SIG_MAX 250

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t smap_slot(const struct smap *m, const char *k, bool *found)
{
	size_t mask = m->cap - 1, i = hash_str(k) & mask, tomb = (size_t)-1;

	for (;; i = (i + 1) & mask) {
		if (!m->k[i]) {
			*found = false;
			return tomb != (size_t)-1 ? tomb : i;
		}
		if (m->k[i] == SMAP_GONE) {
			if (tomb == (size_t)-1)
				tomb = i;
		} else if (!strcmp(m->k[i], k)) {
			*found = true;
			return i;
		}
	}
}

bool smap_get(const struct smap *m, const char *k, uint32_t *v)
{
	bool found;
	size_t i;

	if (!m->cap)
		return false;
	i = smap_slot(m, k, &found);
	if (found && v)
		*v = m->v[i];
	return found;
}

static void smap_grow(struct smap *m)
{
	struct smap n = {0};
	n.cap = m->cap ? m->cap * 2 : 64;
	n.k = xcalloc(n.cap, sizeof(*n.k));
	n.v = xcalloc(n.cap, sizeof(*n.v));
	for (size_t i = 0; i < m->cap; i++) {
		if (m->k[i] && m->k[i] != SMAP_GONE) {
			bool f;
			size_t j = smap_slot(&n, m->k[i], &f);
			n.k[j] = m->k[i];
			n.v[j] = m->v[i];
			n.used++;
		}
	}
	free(m->k);
	free(m->v);
	*m = n;
}

/* Inserts k -> v unless k is present; returns the value stored. */
static uint32_t smap_put(struct smap *m, const char *k, uint32_t v)
{
	bool found;
	size_t i;

	if ((m->used + 1) * 4 > m->cap * 3)
		smap_grow(m);
	i = smap_slot(m, k, &found);
	if (found)
		return m->v[i];
	if (!m->k[i])
		m->used++;
	m->k[i] = xstrdup(k);
	m->v[i] = v;
	return v;
}

static void smap_del(struct smap *m, const char *k)
{
	bool found;
	size_t i;

	if (!m->cap)
		return;
	i = smap_slot(m, k, &found);
	if (found) {
		free(m->k[i]);
		m->k[i] = SMAP_GONE;
	}
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->k[i] != SMAP_GONE)
			free(m->k[i]);
	free(m->k);
	free(m->v);
}

static void vec_push(struct u32vec *v, uint32_t x)
{
	ALLOC_GROW(v->v, v->n + 1, v->alloc);
	v->v[v->n++] = x;
}

uint8_t mi_bucket(int year)
{
	if (!year)
		return MB_UNKNOWN;
	if (year < 1880)
		return 1;
	if (year > 2134)
		return 255;
	return (uint8_t)(year - 1879);
}

double mi_weight(const struct match_index *idx, int64_t id)
{
	double n = (double)idx->live + 1.0;
	double df = id >= 0 ? (double)idx->k[id].df : 0.0;
	if (df < 1.0)
		df = 1.0;
	return log(1.0 + n / df);
}

void mi_doc_key(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	for (; s && *s && n + 1 < outsz; s++) {
		char c = *s;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			out[n++] = c;
	}
	out[n] = 0;
}

struct match_index *match_index_new(void)
{
	return xcalloc(1, sizeof(struct match_index));
}

void match_index_free(struct match_index *idx)
{
	if (!idx)
		return;
	for (size_t i = 0; i < idx->ne; i++) {
		free(idx->e[i].id);
		free(idx->e[i].names);
		for (size_t d = 0; d < idx->e[i].ndocs; d++)
			free(idx->e[i].docs[d]);
		free(idx->e[i].docs);
	}
	free(idx->e);
	free(idx->dead);
	for (size_t i = 0; i < idx->nk; i++) {
		free(idx->k[i].s);
		for (size_t j = 0; j < idx->k[i].npl; j++)
			free(idx->k[i].pl[j].v);
		free(idx->k[i].pl);
	}
	free(idx->k);
	for (size_t i = 0; i < idx->nr; i++)
		free(idx->r[i].s);
	free(idx->r);
	smap_free(&idx->rawmap);
	for (size_t i = 0; i < idx->ndels; i++)
		free(idx->dels[i].v);
	free(idx->dels);
	for (size_t i = 0; i < idx->ndocs; i++)
		free(idx->docs[i].v);
	free(idx->docs);
	for (size_t i = 0; i < idx->nsigs; i++)
		free(idx->sigs[i].v);
	free(idx->sigs);
	smap_free(&idx->sigmap);
	smap_free(&idx->keymap);
	smap_free(&idx->delmap);
	smap_free(&idx->idmap);
	smap_free(&idx->docmap);
	free(idx);
}

size_t match_index_count(const struct match_index *idx)
{
	return idx->live;
}

static void del_add(struct match_index *idx, const char *s, uint32_t kid)
{
	uint32_t li = smap_put(&idx->delmap, s, (uint32_t)idx->ndels);
	if (li == idx->ndels) {
		ALLOC_GROW(idx->dels, idx->ndels + 1, idx->adels);
		memset(&idx->dels[idx->ndels], 0, sizeof(idx->dels[0]));
		idx->ndels++;
	}
	struct u32vec *v = &idx->dels[li];
	if (!v->n || v->v[v->n - 1] != kid)
		vec_push(v, kid);
}

static uint32_t key_intern(struct match_index *idx, const char *key)
{
	uint32_t id = smap_put(&idx->keymap, key, (uint32_t)idx->nk);
	size_t len;

	if (id != idx->nk)
		return id;
	ALLOC_GROW(idx->k, idx->nk + 1, idx->ak);
	memset(&idx->k[id], 0, sizeof(idx->k[id]));
	idx->k[id].s = xstrdup(key);
	len = strlen(key);
	idx->k[id].len = (uint32_t)len;
	idx->nk++;
	return id;
}

static uint32_t raw_intern(struct match_index *idx, const char *raw, const char *key)
{
	uint32_t id = smap_put(&idx->rawmap, raw, (uint32_t)idx->nr);
	size_t len;

	if (id != idx->nr)
		return id;
	ALLOC_GROW(idx->r, idx->nr + 1, idx->ar);
	len = strlen(raw);
	idx->r[id].s = xstrdup(raw);
	idx->r[id].len = (uint32_t)len;
	idx->r[id].key = key_intern(idx, key);
	idx->nr++;
	/* deletion neighbourhood: the spelling and each one-letter deletion */
	if (dl_budget(len + 1) > 0 && len < MKEY_MAX) {
		char d[MKEY_MAX];
		del_add(idx, raw, id);
		for (size_t i = 0; i < len; i++) {
			memcpy(d, raw, i);
			memcpy(d + i, raw + i + 1, len - i);
			del_add(idx, d, id);
		}
	}
	return id;
}

static struct posting *posting_of(struct vkey *k, uint8_t bucket, bool create)
{
	for (size_t i = 0; i < k->npl; i++)
		if (k->pl[i].bucket == bucket)
			return &k->pl[i];
	if (!create)
		return NULL;
	if (k->npl == k->apl) {
		k->apl = (uint16_t)(k->apl ? k->apl * 2 : 4);
		k->pl = xrealloc(k->pl, k->apl * sizeof(*k->pl));
	}
	memset(&k->pl[k->npl], 0, sizeof(k->pl[0]));
	k->pl[k->npl].bucket = bucket;
	return &k->pl[k->npl++];
}

static const struct posting *posting_get(const struct vkey *k, uint8_t bucket)
{
	for (size_t i = 0; i < k->npl; i++)
		if (k->pl[i].bucket == bucket)
			return &k->pl[i];
	return NULL;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The signature of a name: its key ids sorted, in hex ("1f.3.a0"), so the
 * same name in any order has one signature. out holds MTOK_MAX * 9 bytes. */
#define SIG_MAX (MTOK_MAX * 9)
static void name_sig(const uint32_t *ids, int n, char out[SIG_MAX])
{
	uint32_t s[MTOK_MAX];
	size_t len = 0;
	if (n > MTOK_MAX)
		n = MTOK_MAX;
	for (int i = 0; i < n; i++)
		s[i] = ids[i];
	qsort(s, (size_t)n, sizeof(*s), u32_cmp);
	out[0] = 0;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, SIG_MAX - len, "%s%x", i ? "." : "", s[i]);
}

static void sig_add(struct match_index *idx, const struct sname *nm, uint32_t enr)
{
	uint32_t ids[MTOK_MAX];
	char sig[SIG_MAX];
	if (!nm->n)
		return;
	for (int t = 0; t < nm->n; t++)
		ids[t] = idx->r[nm->raw[t]].key;
	name_sig(ids, nm->n, sig);
	uint32_t li = smap_put(&idx->sigmap, sig, (uint32_t)idx->nsigs);
	if (li == idx->nsigs) {
		ALLOC_GROW(idx->sigs, idx->nsigs + 1, idx->asigs);
		memset(&idx->sigs[idx->nsigs], 0, sizeof(idx->sigs[0]));
		idx->nsigs++;
	}
	if (!idx->sigs[li].n || idx->sigs[li].v[idx->sigs[li].n - 1] != enr)
		vec_push(&idx->sigs[li], enr);
}

/* The distinct key ids of an entry, into ids (returns how many). */
static size_t entry_keys(const struct match_index *idx, const struct ent *e, uint32_t *ids, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < e->nn; i++)
		for (size_t j = 0; j < e->names[i].n; j++) {
			uint32_t k = idx->r[e->names[i].raw[j]].key;
			size_t t;
			for (t = 0; t < n && ids[t] != k; t++)
				;
			if (t == n && n < max)
				ids[n++] = k;
		}
	return n;
}

int match_index_add(struct match_index *idx, const struct match_entry *me)
{
	struct mname parsed[MATCH_NAMES_MAX];
	struct mdate birth;
	char doc[MATCH_DOC_MAX + 1];
	uint32_t enr, ids[MATCH_NAMES_MAX * MREAD_MAX * MTOK_MAX];
	size_t nids, nn = 0;
	struct ent *e;
	int rc;

	if (!me || !me->id || !*me->id)
		return rl_error(RL_EINVAL, "entry id is missing");
	if (strlen(me->id) > MATCH_ID_MAX || !rl_utf8_valid(me->id, strlen(me->id)))
		return rl_error(RL_EINVAL, "entry id is not 1..%d bytes of utf-8", MATCH_ID_MAX);
	if (smap_get(&idx->idmap, me->id, NULL))
		return rl_error(RL_ECONFLICT, "entry '%s' is already in the index", me->id);
	if (!me->names || me->nnames < 1)
		return rl_error(RL_EINVAL, "entry '%s' has no name", me->id);
	if (me->nnames > MATCH_NAMES_MAX)
		return rl_error(RL_ETOOBIG, "entry '%s' has more than %d names", me->id, MATCH_NAMES_MAX);
	for (size_t i = 0; i < me->nnames; i++) {
		if ((rc = mname_parse(me->names[i], &parsed[i]))) {
			char msg[RL_ERRMSG_MAX];
			snprintf(msg, sizeof(msg), "%s", rl_errmsg());
			return rl_error(rc, "entry '%s' name %zu: %s", me->id, i + 1, msg);
		}
		nn += (size_t)parsed[i].nread;
	}
	if ((rc = mdate_parse(me->birth, &birth))) {
		char msg[RL_ERRMSG_MAX];
		snprintf(msg, sizeof(msg), "%s", rl_errmsg());
		return rl_error(rc, "entry '%s': %s", me->id, msg);
	}
	if (me->sex && me->sex != 'M' && me->sex != 'F')
		return rl_error(RL_EINVAL, "entry '%s': sex must be M, F or unknown", me->id);
	if (me->nationality && *me->nationality && strlen(me->nationality) != 3)
		return rl_error(RL_EINVAL, "entry '%s': nationality must be 3 letters", me->id);
	if (me->document && strlen(me->document) > MATCH_DOC_MAX)
		return rl_error(RL_ETOOBIG, "entry '%s': document longer than %d bytes", me->id, MATCH_DOC_MAX);
	if (me->ndocuments && !me->documents)
		return rl_error(RL_EINVAL, "entry '%s': documents missing", me->id);
	if (me->ndocuments + 1 > MATCH_DOCS_MAX)
		return rl_error(RL_ETOOBIG, "entry '%s' has more than %d documents", me->id, MATCH_DOCS_MAX);
	for (size_t i = 0; i < me->ndocuments; i++)
		if (me->documents[i] && strlen(me->documents[i]) > MATCH_DOC_MAX)
			return rl_error(RL_ETOOBIG, "entry '%s': document %zu longer than %d bytes", me->id,
					i + 1, MATCH_DOC_MAX);
	if (idx->ne >= UINT32_MAX - 1)
		return rl_error(RL_ETOOBIG, "the index is full");

	/* validated: from here on nothing fails */
	ALLOC_GROW(idx->e, idx->ne + 1, idx->ae);
	if (idx->ne / 8 + 1 > idx->adead) {
		size_t old = idx->adead;
		idx->adead = (idx->ne / 8 + 1) * 2;
		idx->dead = xrealloc(idx->dead, idx->adead);
		memset(idx->dead + old, 0, idx->adead - old);
	}
	enr = (uint32_t)idx->ne++;
	e = &idx->e[enr];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(me->id);
	e->alive = true;
	e->sex = me->sex;
	e->birth = birth;
	if (me->nationality && *me->nationality)
		for (int i = 0; i < 3; i++)
			e->nat[i] = (char)(me->nationality[i] & ~0x20);
	e->names = xcalloc(nn, sizeof(*e->names));
	for (size_t i = 0; i < me->nnames; i++)
		for (int r = 0; r < parsed[i].nread; r++) {
			struct sname *s = &e->names[e->nn++];
			s->n = (uint8_t)parsed[i].read[r].n;
			for (int t = 0; t < s->n; t++)
				s->raw[t] = raw_intern(idx, parsed[i].read[r].tok[t].raw,
						       parsed[i].read[r].tok[t].key);
		}
	for (size_t i = 0; i < e->nn; i++)
		sig_add(idx, &e->names[i], enr);
	nids = entry_keys(idx, e, ids, sizeof(ids) / sizeof(ids[0]));
	uint32_t bloom = 0, nlen = e->nn ? e->names[0].n : 0;
	for (size_t i = 0; i < nids; i++)
		bloom |= mi_bloom(ids[i]);
	for (size_t i = 1; i < e->nn; i++)
		if (e->names[i].n != nlen)
			nlen = 0;
	if (nlen > 15)
		nlen = 0;
	for (size_t i = 0; i < nids; i++) {
		struct vkey *k = &idx->k[ids[i]];
		k->df++;
		struct posting *pl = posting_of(k, mi_bucket(birth.year), true);
		ALLOC_GROW(pl->v, pl->n + 1, pl->alloc);
		pl->v[pl->n++] = (struct pent){enr, birth.year, birth.month,
					       (uint8_t)(birth.day | (me->sex == 'M' ? 1 : me->sex == 'F' ? 2 : 0) << 5),
					       bloom | nlen << 28};
	}
	e->docs = xcalloc(me->ndocuments + 1, sizeof(*e->docs));
	for (size_t d = 0; d <= me->ndocuments; d++) {
		mi_doc_key(d ? me->documents[d - 1] : me->document, doc, sizeof(doc));
		if (!*doc)
			continue;
		uint32_t li = smap_put(&idx->docmap, doc, (uint32_t)idx->ndocs);
		e->docs[e->ndocs++] = xstrdup(doc);
		if (li == idx->ndocs) {
			ALLOC_GROW(idx->docs, idx->ndocs + 1, idx->adocs);
			memset(&idx->docs[idx->ndocs], 0, sizeof(idx->docs[0]));
			idx->ndocs++;
		}
		if (!idx->docs[li].n || idx->docs[li].v[idx->docs[li].n - 1] != enr)
			vec_push(&idx->docs[li], enr);
	}
	smap_put(&idx->idmap, e->id, enr);
	idx->live++;
	return 0;
}

int match_index_remove(struct match_index *idx, const char *id)
{
	uint32_t enr, ids[MATCH_NAMES_MAX * MREAD_MAX * MTOK_MAX];
	size_t nids;
	struct ent *e;

	if (!id || !smap_get(&idx->idmap, id, &enr))
		return rl_error(RL_ENOTFOUND, "no entry '%.64s' in the index", id ? id : "");
	e = &idx->e[enr];
	nids = entry_keys(idx, e, ids, sizeof(ids) / sizeof(ids[0]));
	for (size_t i = 0; i < nids; i++)
		idx->k[ids[i]].df--;
	e->alive = false;
	idx->dead[enr / 8] |= (uint8_t)(1u << (enr % 8));
	smap_del(&idx->idmap, id);
	idx->live--;
	return 0;
}

/* ---- queries ---- */

struct rkey {
	uint32_t id;
	int slot;    /* query token it stands for */
	bool exact;  /* the token's own key (or its split/join), not a typo */
	bool own;    /* the token's own key or split, not a join of several */
};

/* Candidates: entry number -> query slots whose exact keys reached it
 * (bit 31: reached through the document number). */
struct cset {
	uint32_t *v; /* entry number + 1, 0 = empty */
	uint32_t *hits;
	uint32_t *names; /* the posting's names field (Bloom | length), 0 if
	                  * the candidate came otherwise */
	size_t cap, n;
};

#define HIT_DOC (1u << 31)
#define HIT_UNDATED (1u << 30)  /* the entry has no birth year */
#define HIT_PARTIAL (1u << 29)  /* the entry has no birth day */

static bool cset_try(struct cset *c, uint32_t enr, uint32_t bits, uint32_t names)
{
	size_t mask = c->cap - 1, i = ((size_t)enr * 2654435761u) & mask;
	for (;; i = (i + 1) & mask) {
		if (!c->v[i]) {
			if (c->n * 2 >= c->cap)
				return false;
			c->v[i] = enr + 1;
			c->hits[i] = bits;
			c->names[i] = names;
			c->n++;
			return true;
		}
		if (c->v[i] == enr + 1) {
			c->hits[i] |= bits;
			return true;
		}
	}
}

static void cset_put(struct cset *c, uint32_t enr, uint32_t bits, uint32_t names)
{
	while (!cset_try(c, enr, bits, names)) {
		struct cset n2 = {0};
		n2.cap = c->cap * 2;
		n2.v = xcalloc(n2.cap, sizeof(*n2.v));
		n2.hits = xcalloc(n2.cap, sizeof(*n2.hits));
		n2.names = xcalloc(n2.cap, sizeof(*n2.names));
		for (size_t y = 0; y < c->cap; y++)
			if (c->v[y]) {
				size_t mask = n2.cap - 1, z = ((size_t)(c->v[y] - 1) * 2654435761u) & mask;
				while (n2.v[z])
					z = (z + 1) & mask;
				n2.v[z] = c->v[y];
				n2.hits[z] = c->hits[y];
				n2.names[z] = c->names[y];
				n2.n++;
			}
		free(c->v);
		free(c->hits);
		free(c->names);
		*c = n2;
	}
}

static void add_rkey_x(struct rkey *rk, size_t *n, size_t max, uint32_t id, int slot, bool exact,
		       bool own)
{
	for (size_t i = 0; i < *n; i++)
		if (rk[i].id == id) {
			rk[i].exact |= exact;
			rk[i].own |= own;
			return;
		}
	if (*n < max)
		rk[(*n)++] = (struct rkey){id, slot, exact, own};
}

static void add_rkey(struct rkey *rk, size_t *n, size_t max, uint32_t id, int slot)
{
	add_rkey_x(rk, n, max, id, slot, true, true);
}

static bool key_id(const struct match_index *idx, const char *s, uint32_t *id)
{
	return smap_get(&idx->keymap, s, id);
}

/* Keys of the spellings within the typo budget of spelling s, through the
 * deletion neighbourhood. */
static void typo_keys(const struct match_index *idx, const char *s, int slot,
		      struct rkey *rk, size_t *n, size_t max)
{
	size_t len = strlen(s);
	char d[MKEY_MAX];
	uint32_t li;

	if (dl_budget(len + 1) == 0 || len >= MKEY_MAX)
		return;
	for (size_t i = 0; i <= len; i++) {
		if (i < len) {
			memcpy(d, s, i);
			memcpy(d + i, s + i + 1, len - i);
		} else {
			memcpy(d, s, len + 1);
		}
		if (!smap_get(&idx->delmap, d, &li))
			continue;
		for (size_t j = 0; j < idx->dels[li].n; j++) {
			const struct vraw *r = &idx->r[idx->dels[li].v[j]];
			size_t ml = r->len > len ? r->len : len;
			int b = dl_budget(ml);
			if (b && dl_distance(s, len, r->s, r->len, b) <= b)
				add_rkey_x(rk, n, max, r->key, slot, false, false);
		}
	}
}

/* Splits an unknown run-together key into 2..4 vocabulary keys; a letter
 * doubled at a join was folded into one ("pomajan" = pom + ma + jan). */
static bool vocab_id(const struct match_index *idx, bool raw, const char *s, uint32_t *id)
{
	if (!raw)
		return key_id(idx, s, id);
	if (!smap_get(&idx->rawmap, s, id))
		return false;
	*id = idx->r[*id].key;
	return true;
}

static bool split_keys(const struct match_index *idx, bool raw, const char *s, size_t len,
		       uint32_t *out, int depth, int *nout)
{
	char part[MKEY_MAX], rest[MKEY_MAX];
	uint32_t id;

	if (!len) {
		*nout = depth;
		return depth >= 2;
	}
	if (depth == 4)
		return false;
	for (size_t l = len; l >= 2; l--) {
		memcpy(part, s, l);
		part[l] = 0;
		if (!vocab_id(idx, raw, part, &id))
			continue;
		out[depth] = id;
		if (split_keys(idx, raw, s + l, len - l, out, depth + 1, nout))
			return true;
		if (!raw && l < len && len - l + 2 < MKEY_MAX) {
			rest[0] = s[l - 1];
			memcpy(rest + 1, s + l, len - l);
			rest[len - l + 1] = 0;
			if (split_keys(idx, raw, rest, len - l + 1, out, depth + 1, nout))
				return true;
		}
	}
	return false;
}

static int qprep_build(const struct match_index *idx, const struct match_query *q,
		       const struct mname *m, struct qprep *p)
{
	int rc;

	memset(p, 0, sizeof(*p));
	p->nread = m->nread;
	for (int r = 0; r < m->nread; r++) {
		struct qread *qr = &p->r[r];
		qr->n = m->read[r].n;
		for (int t = 0; t < qr->n; t++) {
			uint32_t id;
			qr->key[t] = m->read[r].tok[t].key;
			qr->len[t] = (uint32_t)strlen(qr->key[t]);
			qr->raw[t] = m->read[r].tok[t].raw;
			qr->rlen[t] = (uint32_t)strlen(qr->raw[t]);
			qr->id[t] = key_id(idx, qr->key[t], &id) ? (int64_t)id : -1;
			qr->w[t] = mi_weight(idx, qr->id[t]);
		}
		for (int t = 0; t < qr->n; t++) {
			char tmp[MKEY_MAX];
			memcpy(qr->jkey[t][1], qr->key[t], qr->len[t] + 1);
			memcpy(qr->jraw[t][1], qr->raw[t], qr->rlen[t] + 1);
			for (int sp = 2; sp <= 4 && t + sp <= qr->n; sp++) {
				size_t a = strlen(qr->jraw[t][sp - 1]), b = qr->rlen[t + sp - 1];
				phon_join(qr->jkey[t][sp - 1], qr->key[t + sp - 1], tmp);
				memcpy(qr->jkey[t][sp], tmp, MKEY_MAX);
				if (a + b >= MKEY_MAX)
					b = MKEY_MAX - 1 - a;
				memcpy(qr->jraw[t][sp], qr->jraw[t][sp - 1], a);
				memcpy(qr->jraw[t][sp] + a, qr->raw[t + sp - 1], b);
				qr->jraw[t][sp][a + b] = 0;
			}
		}
	}
	if ((rc = mdate_parse(q->birth, &p->birth)))
		return rc;
	if (q->sex && q->sex != 'M' && q->sex != 'F')
		return rl_error(RL_EINVAL, "query sex must be M, F or unknown");
	p->sex = q->sex;
	if (q->nationality && *q->nationality) {
		if (strlen(q->nationality) != 3)
			return rl_error(RL_EINVAL, "query nationality must be 3 letters");
		for (int i = 0; i < 3; i++)
			p->nat[i] = (char)(q->nationality[i] & ~0x20);
	}
	if (q->document && strlen(q->document) > MATCH_DOC_MAX)
		return rl_error(RL_ETOOBIG, "query document longer than %d bytes", MATCH_DOC_MAX);
	mi_doc_key(q->document, p->doc, sizeof(p->doc));
	return 0;
}

static int res_cmp(const void *a, const void *b)
{
	const struct match_result *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return strcmp(x->id, y->id);
}

/* Scores above this need a compatible birth date and sex (score.c caps a
 * conflict at 0.62 times the name score, a sex mismatch at 0.6). */
#define MI_CONFLICT_CAP 0.65

int match_query(const struct match_index *idx, const struct match_query *q,
		double threshold, struct match_result *results,
		size_t max_results, size_t *nresults)
{
	struct mname m;
	struct qprep p;
	struct rkey rk[256];
	size_t nrk = 0;
	struct cset cs = {0};
	struct match_result *best = NULL;
	size_t nbest = 0, abest = 0;
	int rc, slot_base = 0, nsplit = 0;
	bool filter;
	uint8_t buckets[4];
	int nb = 0;
	uint32_t cap_df;

	if (nresults)
		*nresults = 0;
	if (!idx || !q || !results || !nresults)
		return rl_error(RL_EINVAL, "match_query: missing argument");
	if (!(threshold >= 0.0 && threshold <= 1.0))
		return rl_error(RL_EINVAL, "threshold must be between 0 and 1");
	if (max_results < 1 || max_results > MATCH_RESULTS_MAX)
		return rl_error(RL_EINVAL, "max results must be 1..%d", MATCH_RESULTS_MAX);
	if ((rc = mname_parse(q->name, &m))) {
		char msg[RL_ERRMSG_MAX];
		snprintf(msg, sizeof(msg), "%s", rl_errmsg());
		return rl_error(rc, "query name: %s", msg);
	}
	if ((rc = qprep_build(idx, q, &m, &p)))
		return rc;
	p.cache = xcalloc(1, sizeof(*p.cache));

	/* retrieval keys, each tied to the query token (slot) it stands for */
	for (int r = 0; r < p.nread; r++) {
		const struct qread *qr = &p.r[r];
		for (int t = 0; t < qr->n; t++) {
			int slot = slot_base + t;
			if (qr->id[t] >= 0)
				add_rkey(rk, &nrk, 256, (uint32_t)qr->id[t], slot);
			typo_keys(idx, qr->raw[t], slot, rk, &nrk, 256);
			if (qr->id[t] < 0 && qr->rlen[t] >= 4) {
				uint32_t parts[4];
				int np = 0;
				if (split_keys(idx, true, qr->raw[t], qr->rlen[t], parts, 0, &np) ||
				    split_keys(idx, false, qr->key[t], qr->len[t], parts, 0, &np))
					for (int i = 0; i < np; i++)
						/* each part counts as a token of its own
						 * (slots 16..27) for the hit count below */
						add_rkey(rk, &nrk, 256, parts[i],
							 nsplit < 12 ? 16 + nsplit++ : slot);
			}
			/* adjacent tokens joined: "phom ma chanh" -> pomajan */
			char j[MKEY_MAX], j2[MKEY_MAX], rj[MKEY_MAX];
			size_t rjl = qr->rlen[t];
			memcpy(j, qr->key[t], qr->len[t] + 1);
			memcpy(rj, qr->raw[t], rjl + 1);
			for (int u = t + 1; u < qr->n && u < t + 4; u++) {
				uint32_t id;
				phon_join(j, qr->key[u], j2);
				memcpy(j, j2, sizeof(j));
				if (rjl + qr->rlen[u] < MKEY_MAX) {
					memcpy(rj + rjl, qr->raw[u], qr->rlen[u] + 1);
					rjl += qr->rlen[u];
				}
				if (key_id(idx, j, &id))
					add_rkey_x(rk, &nrk, 256, id, slot, true, false);
				else
					typo_keys(idx, rj, slot, rk, &nrk, 256);
			}
		}
		slot_base += qr->n;
	}

	/* skip keys most of the list carries when a rarer key is there */
	cap_df = (uint32_t)(idx->live / 20);
	if (cap_df < 64)
		cap_df = 64;
	/* the rarest query token's own key is read whatever its frequency,
	 * so a name made only of common parts is still found, */
	{
		uint32_t rarest = UINT32_MAX;
		bool any_exact = false, any_typo = false;
		for (size_t i = 0; i < nrk; i++) {
			if (idx->k[rk[i].id].df > cap_df)
				continue;
			any_exact |= rk[i].exact;
			any_typo |= !rk[i].exact;
		}
		for (int r = 0; r < p.nread; r++)
			for (int t = 0; t < p.r[r].n; t++)
				if (p.r[r].id[t] >= 0 && idx->k[p.r[r].id[t]].df < rarest)
					rarest = idx->k[p.r[r].id[t]].df;
		/* unless that key is very common (Thị, Văn: over a tenth of the list)
		 * and typo keys of a rarer token are there to read instead */
		if (!any_exact && rarest != UINT32_MAX && rarest > cap_df &&
		    !(any_typo && rarest > cap_df * 2))
			cap_df = rarest;
	}

	filter = threshold > MI_CONFLICT_CAP;
	int qsex = p.sex == 'M' ? 1 : p.sex == 'F' ? 2 : 0;
	if (p.birth.year && filter) {
		buckets[nb++] = MB_UNKNOWN;
		for (int d = -1; d <= 1; d++)
			buckets[nb++] = mi_bucket(p.birth.year + d);
	}
	cs.cap = 1024;
	cs.v = xcalloc(cs.cap, sizeof(*cs.v));
	cs.hits = xcalloc(cs.cap, sizeof(*cs.hits));
	cs.names = xcalloc(cs.cap, sizeof(*cs.names));
	/* without a birth date, a name's exact namesakes come first: they are
	 * the only candidates a near perfect name lets through, and a common
	 * name has more of them than the candidate cap */
	if (!p.birth.year) {
		for (int r = 0, base = 0; r < p.nread; base += p.r[r].n, r++) {
			uint32_t ids[MTOK_MAX], li;
			char sig[SIG_MAX];
			int t;
			for (t = 0; t < p.r[r].n && p.r[r].id[t] >= 0; t++)
				ids[t] = (uint32_t)p.r[r].id[t];
			if (!p.r[r].n || t < p.r[r].n)
				continue;
			name_sig(ids, p.r[r].n, sig);
			if (!smap_get(&idx->sigmap, sig, &li))
				continue;
			for (uint32_t x = 0; x < idx->sigs[li].n && cs.n < MI_SIG_MAX; x++) {
				uint32_t enr = idx->sigs[li].v[x];
				const struct ent *e = &idx->e[enr];
				if (!e->alive || (filter && qsex && e->sex && e->sex != p.sex))
					continue;
				cset_put(&cs, enr, (uint32_t)(((1ull << p.r[r].n) - 1) << base) |
						   (e->birth.year ? 0 : HIT_UNDATED) |
						   (e->birth.day ? 0 : HIT_PARTIAL), 0);
			}
		}
	}
	/* per reading, the Bloom bits of its first and last tokens if known:
	 * score.c (known_ends_present) turns away an undated candidate of a
	 * name as long whose keys lack them; here it is done on the posting */
	uint32_t endbits[MREAD_MAX] = {0};
	for (int r = 0; r < p.nread; r++) {
		const struct qread *qr = &p.r[r];
		if (qr->n && qr->id[0] >= 0)
			endbits[r] |= mi_bloom((uint32_t)qr->id[0]);
		if (qr->n && qr->id[qr->n - 1] >= 0)
			endbits[r] |= mi_bloom((uint32_t)qr->id[qr->n - 1]);
	}
	for (size_t i = 0; i < nrk; i++) {
		const struct vkey *k = &idx->k[rk[i].id];
		size_t npl = nb ? (size_t)nb : k->npl;
		if (k->df > cap_df)
			continue;
		for (size_t b = 0; b < npl; b++) {
			const struct posting *pl = nb ? posting_get(k, buckets[b]) : &k->pl[b];
			if (!pl)
				continue;
			for (uint32_t x = 0; x < pl->n; x++) {
				const struct pent *pe = &pl->v[x];
				uint32_t enr = pe->enr;
				if (idx->dead[enr / 8] & (1u << (enr % 8)))
					continue;
				if (filter) {
					struct mdate d = {pe->year, pe->month, (int8_t)(pe->daysex & 31)};
					int sx = pe->daysex >> 5;
					/* without a date on either side only a name
					 * equal but for its rarest letters can pass
					 * (score.c: name cubed): typo keys cannot */
					if ((!pe->year || !p.birth.year) && !rk[i].exact)
						continue;
					enum mdate_cmp dc = mdate_compare(&d, &p.birth);
					if (dc == MD_CONFLICT)
						continue;
					if (qsex && sx && qsex != sx)
						continue;
					/* a date that proves nothing: score.c wants
					 * the query's end tokens in a name as long */
					if (dc == MD_MISSING || (dc == MD_YEAR_OFF && (!d.day || !p.birth.day))) {
						uint32_t nl = pe->names >> 28, bl = pe->names & 0x0FFFFFFFu;
						bool ok = false;
						for (int r = 0; r < p.nread && !ok; r++)
							ok = !nl || nl != (uint32_t)p.r[r].n ||
							     (bl & endbits[r]) == endbits[r];
						if (!ok)
							continue;
					}
				}
				if (cs.n >= (p.birth.year ? MI_CAND_MAX : MI_CAND_MAX_NODATE))
					goto scanned;
				cset_put(&cs, enr, (rk[i].exact ? 1u << rk[i].slot : 0) |
						   (pe->year ? 0 : HIT_UNDATED) |
						   ((pe->daysex & 31) ? 0 : HIT_PARTIAL), pe->names);
			}
		}
	}
scanned:
	if (*p.doc) {
		uint32_t li;
		if (smap_get(&idx->docmap, p.doc, &li))
			for (uint32_t x = 0; x < idx->docs[li].n; x++)
				if (idx->e[idx->docs[li].v[x]].alive)
					cset_put(&cs, idx->docs[li].v[x], HIT_DOC, 0);
	}

	/* per reading, the slots whose own key was read: a candidate without a
	 * full date to compare must have been reached exactly (own key, split
	 * or join) through as many slots of one reading, up to two, since
	 * score.c then needs a name close to perfect (squared or cubed) */
	uint32_t need[MREAD_MAX] = {0}, rmask[MREAD_MAX] = {0};
	for (int r = 0, base = 0; r < p.nread; base += p.r[r].n, r++)
		rmask[r] = (uint32_t)(((1ull << p.r[r].n) - 1) << base) | 0x0FFF0000u;
	for (size_t i = 0; i < nrk; i++)
		if (rk[i].own && idx->k[rk[i].id].df <= cap_df) {
			int base = 0;
			if (rk[i].slot >= 16) {
				for (int r = 0; r < p.nread; r++)
					need[r] |= 1u << rk[i].slot;
				continue;
			}
			for (int r = 0; r < p.nread; r++) {
				if (rk[i].slot >= base && rk[i].slot < base + p.r[r].n)
					need[r] |= 1u << rk[i].slot;
				base += p.r[r].n;
			}
		}
	/* the tokens too common to be read (Nguyễn, Văn, Thị) count as well,
	 * through the Bloom filter of the candidate's keys: "Le Thi Dng"
	 * wants Lê and Thị, not every Lê with no birth date */
	int ncommon = 0;
	struct {
		uint32_t slot, bloom;
	} common[MREAD_MAX * MTOK_MAX];
	uint32_t need2[MREAD_MAX];
	for (int r = 0, base = 0; r < p.nread; base += p.r[r].n, r++) {
		need2[r] = need[r];
		for (int t = 0; t < p.r[r].n; t++)
			if (p.r[r].id[t] >= 0 && idx->k[p.r[r].id[t]].df > cap_df) {
				common[ncommon].slot = 1u << (base + t);
				common[ncommon++].bloom = mi_bloom((uint32_t)p.r[r].id[t]);
				need2[r] |= 1u << (base + t);
			}
	}
	for (size_t y = 0; y < cs.cap; y++) {
		const struct ent *e;
		double s;
		if (!cs.v[y])
			continue;
		if (filter && !(cs.hits[y] & HIT_DOC) &&
		    ((cs.hits[y] & (HIT_UNDATED | HIT_PARTIAL)) || !p.birth.year || !p.birth.day)) {
			bool enough = false;
			uint32_t hits = cs.hits[y];
			for (int c = 0; c < ncommon; c++)
				if (!cs.names[y] || (cs.names[y] & common[c].bloom) == common[c].bloom)
					hits |= common[c].slot;
			for (int r = 0; r < p.nread; r++) {
				int want = __builtin_popcount(need[r]) < 2 ? __builtin_popcount(need[r]) : 2;
				int want2 = __builtin_popcount(need2[r]) < 2 ? __builtin_popcount(need2[r]) : 2;
				enough |= __builtin_popcount(cs.hits[y] & rmask[r]) >= want &&
					  __builtin_popcount(hits & rmask[r]) >= want2;
			}
			if (!enough)
				continue;
		}
		e = &idx->e[cs.v[y] - 1];
		s = mi_score(idx, e, &p, threshold, (cs.hits[y] & HIT_DOC) != 0, NULL, 0);
		if (s < threshold)
			continue;
		ALLOC_GROW(best, nbest + 1, abest);
		memset(&best[nbest], 0, sizeof(best[0]));
		snprintf(best[nbest].id, sizeof(best[nbest].id), "%s", e->id);
		best[nbest].score = s;
		best[nbest].explanation[0] = (char)0;
		nbest++;
	}
	free(cs.v);
	free(cs.hits);
	free(cs.names);
	if (nbest)
		qsort(best, nbest, sizeof(*best), res_cmp);
	if (nbest > max_results)
		nbest = max_results;
	for (size_t i = 0; i < nbest; i++) {
		uint32_t enr;
		results[i] = best[i];
		if (smap_get(&idx->idmap, best[i].id, &enr))
			mi_score(idx, &idx->e[enr], &p, 0.0, -1, results[i].explanation, MATCH_EXPLAIN_MAX);
	}
	*nresults = nbest;
	free(best);
	free(p.cache);
	return 0;
}

int match_name_keys(const char *name, char **out)
{
	struct mname m;
	size_t len = 0, cap = (size_t)MREAD_MAX * MTOK_MAX * (MKEY_MAX + 3) + 8;
	char *s;
	int rc;

	*out = NULL;
	if ((rc = mname_parse(name, &m)))
		return rc;
	s = xmalloc(cap);
	s[0] = 0;
	for (int r = 0; r < m.nread; r++) {
		if (r)
			len += (size_t)snprintf(s + len, cap - len, " | ");
		for (int t = 0; t < m.read[r].n; t++)
			len += (size_t)snprintf(s + len, cap - len, "%s%s", t ? " " : "", m.read[r].tok[t].key);
	}
	*out = s;
	return 0;
}
