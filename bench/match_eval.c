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
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match/match.h"
#include "util/status.h"
#include "util/xalloc.h"

#define TOPK 5
#define MAXF 8

struct q {
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
	bool innocent;
};

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

	if (argc < 3) {
		fprintf(stderr, "usage: match_eval WATCHLIST.tsv QUERIES.tsv [THRESHOLD] [-v]\n");
		return 2;
	}
	for (int i = 3; i < argc; i++) {
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
	}
	fclose(f);
	fprintf(stderr, "indexed %zu entries in %.2f s\n", ne, now_s() - t0);

	if (!strcmp(argv[2], "-q") && argc >= 4) {
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
		for (size_t r = 0; r < nr; r++) {
			q->score[r] = res[r].score;
			memcpy(q->id[r], res[r].id, sizeof(q->id[r]));
		}
		if (verbose && is_hit(q, threshold) == !strcmp(q->f[2], "-")) {
			printf("%s %-24s true=%s name='%s' birth=%s sex=%s\n", q->f[0], q->f[1], q->f[2],
			       q->f[3], q->f[4], q->f[5]);
			for (size_t r = 0; r < nr; r++)
				printf("    %s %.3f %s\n", res[r].id, res[r].score, res[r].explanation);
		}
	}
	fprintf(stderr, "screened %zu queries in %.2f s\n", nq, now_s() - t0);

	for (size_t i = 0; i < nq; i++) {
		struct vstat *v = vfind(vs, &nv, qs[i].f[1]);
		v->n++;
		v->hit += is_hit(&qs[i], threshold);
	}
	printf("threshold %.2f, %zu entries, %zu queries\n\n", threshold, ne, nq);
	printf("| variant | queries | recall | FPR |\n|---|---:|---:|---:|\n");
	int pn = 0, ph = 0, in = 0, ih = 0;
	for (int i = 0; i < nv; i++) {
		if (vs[i].innocent) {
			printf("| %s | %d | | %.3f |\n", vs[i].name, vs[i].n, (double)vs[i].hit / vs[i].n);
			in += vs[i].n;
			ih += vs[i].hit;
		} else {
			printf("| %s | %d | %.3f | |\n", vs[i].name, vs[i].n, (double)vs[i].hit / vs[i].n);
			pn += vs[i].n;
			ph += vs[i].hit;
		}
	}
	printf("| **all watchlisted** | %d | **%.3f** | |\n", pn, pn ? (double)ph / pn : 0);
	printf("| **all innocent** | %d | | **%.3f** |\n", in, in ? (double)ih / in : 0);

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
	match_index_free(idx);
	return 0;
}
