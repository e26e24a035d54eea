/*
 * match_eval.c: recall and false-positive rate of the name matcher on the
 * labelled corpus of tests/match/gen_corpus.py.
 *
 *   match_eval WATCHLIST.tsv QUERIES.tsv [THRESHOLD] [-v]
 *
 * Builds the index from the watchlist, screens every query once at a low
 * threshold keeping the top results, and reports per variant: for queries
 * of a watchlisted person, recall = share whose true entry is among the top
 * 5 results at or above the threshold; for innocent travellers, FPR = share
 * with any result at or above it. Prints a markdown table for
 * docs/performance.md and a sweep over thresholds. -v lists the misses.
 *
 * The chance bound: when k entries carry the true entry's name (the same
 * phonetic keys in any order), a sex and nationality compatible with the
 * query and a birth date that agrees with the query at least as well as
 * the true entry's does, nothing in the query tells them apart, and no
 * matcher can put the true one in the top 5 more often than 5/k. The
 * bound column is the mean of min(1, 5/k) over a variant's queries: what
 * is achievable on the data (a common Vietnamese name has hundreds of
 * namesakes in 1,000,000 entries).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match/internal.h"
#include "match/match.h"
#include "util/status.h"
#include "util/xalloc.h"

#define TOPK 5
#define MAXF 8

struct q {
	size_t k;  /* chance bound's k (0 for an innocent traveller) */
	char *line;
	char *f[MAXF];
	int nres;
	double score[TOPK];
	char id[TOPK][MATCH_ID_MAX + 1];
};

static int split(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	for (int i = n; i < max; i++)
		f[i] = "";
	return n;
}

static char *empty_null(char *s)
{
	return *s ? s : NULL;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct vstat {
	char name[48];
	int n, hit;
	double bound;  /* sum of min(1, 5/k) over the variant's queries */
	bool innocent;
};

/* What the chance bound needs of an entry. */
struct bent {
	char *id;
	struct mdate birth;
	char sex;
	char nat[4];
};

/* (name signature, entry) pairs sorted by signature: a signature is a
 * reading's keys sorted, so "Long Nguyen Van" and "Nguyen Van Long" meet. */
struct sig {
	char *s;
	uint32_t e;
};

static int sig_cmp(const void *a, const void *b)
{
	const struct sig *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->e > y->e) - (x->e < y->e);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the signatures of one name (one per reading) for entry e. */
static void add_sigs(const char *name, uint32_t e, struct sig **v, size_t *n, size_t *alloc)
{
	char *keys, *save = NULL;
	if (match_name_keys(name, &keys)) {
		rl_error_clear();
		return;
	}
	/* readings are separated by " | " */
	for (char *r = keys, *bar; r; r = bar) {
		char *tok[MTOK_MAX * 2], buf[MKEY_MAX * MTOK_MAX * 2];
		int nt = 0;
		size_t len = 0;
		if ((bar = strstr(r, " | "))) {
			*bar = 0;
			bar += 3;
		}
		for (char *t = strtok_r(r, " ", &save); t && nt < MTOK_MAX * 2; t = strtok_r(NULL, " ", &save))
			tok[nt++] = t;
		qsort(tok, (size_t)nt, sizeof(*tok), str_cmp);
		buf[0] = 0;
		for (int i = 0; i < nt && len < sizeof(buf); i++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? " " : "", tok[i]);
		ALLOC_GROW(*v, *n + 1, *alloc);
		(*v)[*n].s = xstrdup(buf);
		(*v)[*n].e = e;
		(*n)++;
	}
	free(keys);
}

/* How well an entry's date agrees with the query's: the order of the
 * score's date factors. */
static int date_rank(const struct mdate *e, const struct mdate *q)
{
	switch (mdate_compare(e, q)) {
	case MD_EXACT: return 5;
	case MD_SWAPPED: return 4;
	case MD_PARTIAL: return 3;
	case MD_YEAR_OFF: return 2;
	case MD_MISSING: return 1;
	default: return 0;
	}
}

struct corpus {
	struct bent *e;      /* in file order */
	size_t ne, ae;
	uint32_t *byid;      /* entry numbers sorted by id */
	struct sig *sig;     /* in entry order (own[] points into it) */
	size_t nsig, asig;
	size_t aown;
	size_t *own;         /* entry i's signatures are sig[own[i] .. own[i+1]) */
	struct sig *sorted;  /* the same, sorted by signature */
	uint32_t *mark;      /* per entry: the last query that counted it */
};

static const struct corpus *cmp_corpus;

static int byid_cmp(const void *a, const void *b)
{
	return strcmp(cmp_corpus->e[*(const uint32_t *)a].id, cmp_corpus->e[*(const uint32_t *)b].id);
}

static void corpus_index(struct corpus *c)
{
	c->byid = xcalloc(c->ne + 1, sizeof(*c->byid));
	for (size_t i = 0; i < c->ne; i++)
		c->byid[i] = (uint32_t)i;
	cmp_corpus = c;
	qsort(c->byid, c->ne, sizeof(*c->byid), byid_cmp);
	c->sorted = xcalloc(c->nsig + 1, sizeof(*c->sorted));
	memcpy(c->sorted, c->sig, c->nsig * sizeof(*c->sig));
	qsort(c->sorted, c->nsig, sizeof(*c->sorted), sig_cmp);
	c->mark = xcalloc(c->ne + 1, sizeof(*c->mark));
}

static long centry(const struct corpus *c, const char *id)
{
	size_t lo = 0, hi = c->ne;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(c->e[c->byid[mid]].id, id);
		if (!r)
			return c->byid[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* k for one query (numbered stamp, from 1): the entries sharing a name
 * signature with the true entry t whose sex and nationality do not
 * contradict the query and whose birth date agrees with it at least as
 * well as t's does (t included). */
static size_t chance_k(struct corpus *c, size_t t, uint32_t stamp, const struct mdate *qb,
		       char qsex, const char *qnat)
{
	int trank = date_rank(&c->e[t].birth, qb);
	size_t k = 0;

	for (size_t s = c->own[t]; s < c->own[t + 1]; s++) {
		size_t lo = 0, hi = c->nsig;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strcmp(c->sorted[mid].s, c->sig[s].s) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < c->nsig && !strcmp(c->sorted[i].s, c->sig[s].s); i++) {
			const struct bent *x = &c->e[c->sorted[i].e];
			if (c->mark[c->sorted[i].e] == stamp)
				continue;
			c->mark[c->sorted[i].e] = stamp;
			if (qsex && x->sex && x->sex != qsex)
				continue;
			if (*qnat && *x->nat && strcmp(qnat, x->nat))
				continue;
			if (c->sorted[i].e != t && date_rank(&x->birth, qb) < trank)
				continue;
			k++;
		}
	}
	return k ? k : 1;
}

static struct vstat *vfind(struct vstat *v, int *nv, const char *name)
{
	for (int i = 0; i < *nv; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	memset(&v[*nv], 0, sizeof(v[*nv]));
	snprintf(v[*nv].name, sizeof(v[*nv].name), "%s", name);
	v[*nv].innocent = !strncmp(name, "innocent", 8);
	return &v[(*nv)++];
}

static bool is_hit(const struct q *q, double t)
{
	bool innocent = !strcmp(q->f[2], "-");
	for (int i = 0; i < q->nres; i++) {
		if (q->score[i] < t)
			break;
		if (innocent || !strcmp(q->id[i], q->f[2]))
			return true;
	}
	return false;
}

int main(int argc, char **argv)
{
	double threshold = MATCH_THRESHOLD_DEFAULT, t0;
	bool verbose = false;
	FILE *f;
	char buf[4096];
	struct match_index *idx;
	struct q *qs = NULL;
	size_t nq = 0, aq = 0, ne = 0;
	struct vstat vs[64];
	int nv = 0;
	struct corpus c = {0};
	bool one = argc >= 4 && !strcmp(argv[2], "-q");

	if (argc < 3) {
		fprintf(stderr, "usage: match_eval WATCHLIST.tsv QUERIES.tsv [THRESHOLD] [-v]\n");
		return 2;
	}
	for (int i = 3; i < argc && !one; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = true;
		else
			threshold = strtod(argv[i], NULL);
	}
	idx = match_index_new();
	if (!(f = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 1;
	}
	t0 = now_s();
	while (fgets(buf, sizeof(buf), f)) {
		char *fl[6], *names[MATCH_NAMES_MAX];
		size_t nn = 0;
		split(buf, fl, 6);
		for (char *p = fl[1]; p && nn < MATCH_NAMES_MAX;) {
			char *bar = strstr(p, " | ");
			names[nn++] = p;
			if (bar) {
				*bar = 0;
				p = bar + 3;
			} else {
				p = NULL;
			}
		}
		struct match_entry e = {fl[0], (const char *const *)names, nn, empty_null(fl[2]),
					fl[3][0], empty_null(fl[4]), empty_null(fl[5]), NULL, 0};
		if (match_index_add(idx, &e)) {
			fprintf(stderr, "entry %s: %s\n", fl[0], rl_errmsg());
			continue;
		}
		ne++;
		if (one)
			continue;
		ALLOC_GROW(c.e, c.ne + 1, c.ae);
		ALLOC_GROW(c.own, c.ne + 2, c.aown);
		struct bent *be = &c.e[c.ne];
		be->id = xstrdup(fl[0]);
		if (mdate_parse(empty_null(fl[2]), &be->birth))
			rl_error_clear();
		be->sex = fl[3][0];
		snprintf(be->nat, sizeof(be->nat), "%s", fl[4]);
		c.own[c.ne] = c.nsig;
		for (size_t i = 0; i < nn; i++)
			add_sigs(names[i], (uint32_t)c.ne, &c.sig, &c.nsig, &c.asig);
		c.ne++;
		c.own[c.ne] = c.nsig;
	}
	fclose(f);
	fprintf(stderr, "indexed %zu entries in %.2f s\n", ne, now_s() - t0);
	if (!one)
		corpus_index(&c);

	if (one) {
		/* one query, every candidate: match_eval W.tsv -q NAME [BIRTH [SEX]] */
		struct match_query mq = {argv[3], argc > 4 && *argv[4] ? argv[4] : NULL,
					 argc > 5 ? argv[5][0] : 0, NULL, NULL};
		struct match_result res[20];
		size_t nr = 0;
		if (match_query(idx, &mq, getenv("MATCH_T") ? strtod(getenv("MATCH_T"), NULL) : 0.0, res, 20, &nr))
			fprintf(stderr, "%s\n", rl_errmsg());
		for (size_t r = 0; r < nr; r++)
			printf("%s %.3f %s\n", res[r].id, res[r].score, res[r].explanation);
		match_index_free(idx);
		return 0;
	}
	if (!(f = fopen(argv[2], "r"))) {
		perror(argv[2]);
		return 1;
	}
	while (fgets(buf, sizeof(buf), f)) {
		ALLOC_GROW(qs, nq + 1, aq);
		memset(&qs[nq], 0, sizeof(qs[nq]));
		qs[nq].line = xstrdup(buf);
		split(qs[nq].line, qs[nq].f, MAXF);
		nq++;
	}
	fclose(f);

	t0 = now_s();
	for (size_t i = 0; i < nq; i++) {
		struct q *q = &qs[i];
		struct match_query mq = {q->f[3], empty_null(q->f[4]), q->f[5][0],
					 empty_null(q->f[6]), empty_null(q->f[7])};
		struct match_result res[TOPK];
		size_t nr = 0;
		double low = threshold < 0.66 ? threshold : 0.66;
		if (match_query(idx, &mq, low, res, TOPK, &nr)) {
			fprintf(stderr, "query %s: %s\n", q->f[0], rl_errmsg());
			continue;
		}
		q->nres = (int)nr;
		if (strcmp(q->f[2], "-")) {
			long t = centry(&c, q->f[2]);
			struct mdate qb;
			if (mdate_parse(mq.birth, &qb))
				rl_error_clear();
			q->k = t < 0 ? 1 : chance_k(&c, (size_t)t, (uint32_t)i + 1, &qb, mq.sex, q->f[6]);
		}
		for (size_t r = 0; r < nr; r++) {
			q->score[r] = res[r].score;
			memcpy(q->id[r], res[r].id, sizeof(q->id[r]));
		}
		if (verbose && (getenv("MATCH_EVAL_ALL") || is_hit(q, threshold) == !strcmp(q->f[2], "-"))) {
			printf("%s %-24s true=%s name='%s' birth=%s sex=%s k=%zu\n", q->f[0], q->f[1],
			       q->f[2], q->f[3], q->f[4], q->f[5], q->k);
			for (size_t r = 0; r < nr; r++)
				printf("    %s %.3f %s\n", res[r].id, res[r].score, res[r].explanation);
		}
	}
	fprintf(stderr, "screened %zu queries in %.2f s\n", nq, now_s() - t0);

	for (size_t i = 0; i < nq; i++) {
		struct vstat *v = vfind(vs, &nv, qs[i].f[1]);
		v->n++;
		v->hit += is_hit(&qs[i], threshold);
		v->bound += qs[i].k > TOPK ? (double)TOPK / (double)qs[i].k : 1.0;
	}
	printf("threshold %.2f, %zu entries, %zu queries\n\n", threshold, ne, nq);
	printf("| variant | queries | recall | chance bound | FPR |\n|---|---:|---:|---:|---:|\n");
	int pn = 0, ph = 0, in = 0, ih = 0;
	double pb = 0;
	for (int i = 0; i < nv; i++) {
		if (vs[i].innocent) {
			printf("| %s | %d | | | %.3f |\n", vs[i].name, vs[i].n, (double)vs[i].hit / vs[i].n);
			in += vs[i].n;
			ih += vs[i].hit;
		} else {
			printf("| %s | %d | %.3f | %.3f | |\n", vs[i].name, vs[i].n,
			       (double)vs[i].hit / vs[i].n, vs[i].bound / vs[i].n);
			pn += vs[i].n;
			pb += vs[i].bound;
			ph += vs[i].hit;
		}
	}
	printf("| **all watchlisted** | %d | **%.3f** | %.3f | |\n", pn, pn ? (double)ph / pn : 0,
	       pn ? pb / pn : 0);
	printf("| **all innocent** | %d | | | **%.3f** |\n", in, in ? (double)ih / in : 0);

	printf("\nsweep: threshold recall FPR\n");
	for (double t = 0.66; t < 0.95; t += 0.02) {
		int a = 0, b = 0;
		for (size_t i = 0; i < nq; i++) {
			bool inn = !strcmp(qs[i].f[2], "-");
			if (is_hit(&qs[i], t))
				inn ? b++ : a++;
		}
		printf("  %.2f %.3f %.3f\n", t, pn ? (double)a / pn : 0, in ? (double)b / in : 0);
	}
	for (size_t i = 0; i < nq; i++)
		free(qs[i].line);
	free(qs);
	for (size_t i = 0; i < c.ne; i++)
		free(c.e[i].id);
	for (size_t i = 0; i < c.nsig; i++)
		free(c.sig[i].s);
	free(c.e);
	free(c.own);
	free(c.sig);
	free(c.sorted);
	free(c.byid);
	free(c.mark);
	match_index_free(idx);
	return 0;
}
