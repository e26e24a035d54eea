/*
 * match_trigram.c: the baseline the matcher is compared with: pg_trgm-style
 * trigram similarity on the folded name alone (each word padded "  w ",
 * similarity = shared / (|A| + |B| - shared)), the way a database search
 * box would do it.
 *
 *   match_trigram WATCHLIST.tsv QUERIES.tsv [EVERY]
 *
 * Scores every entry for every EVERY-th query (default 6; brute force, so
 * it is slow by design) and prints recall (true entry in the top 5 at or
 * above the threshold) and FPR (innocent with any entry at or above it) for
 * several thresholds, overall and for a few variants.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

#define MAXF 8
#define MAXT 256
#define NT 6

static const double thresholds[NT] = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

struct tset {
	uint32_t t[MAXT];
	int n;
};

static int u32cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static void trigrams(const char *name, struct tset *s)
{
	char *f = rl_fold(name);
	s->n = 0;
	if (!f)
		return;
	char *save = NULL;
	for (char *w = strtok_r(f, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char buf[256];
		int len = snprintf(buf, sizeof(buf), "  %s ", w);
		for (int i = 0; i + 3 <= len && s->n < MAXT; i++) {
			uint32_t h = 2166136261u;
			for (int k = 0; k < 3; k++)
				h = (h ^ (unsigned char)buf[i + k]) * 16777619u;
			s->t[s->n++] = h;
		}
	}
	free(f);
	qsort(s->t, (size_t)s->n, sizeof(s->t[0]), u32cmp);
	int w = 0;
	for (int i = 0; i < s->n; i++)
		if (!w || s->t[w - 1] != s->t[i])
			s->t[w++] = s->t[i];
	s->n = w;
}

static double sim(const struct tset *a, const struct tset *b)
{
	int i = 0, j = 0, shared = 0;
	while (i < a->n && j < b->n) {
		if (a->t[i] == b->t[j]) {
			shared++;
			i++;
			j++;
		} else if (a->t[i] < b->t[j]) {
			i++;
		} else {
			j++;
		}
	}
	int un = a->n + b->n - shared;
	return un ? (double)shared / un : 0;
}

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

struct ent {
	char id[16];
	struct tset ts[2];
	int nts;
};

int main(int argc, char **argv)
{
	FILE *f;
	char buf[4096];
	struct ent *e = NULL;
	size_t ne = 0, ae = 0;
	int every = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 6;
	int pos = 0, neg = 0, poshit[NT] = {0}, neghit[NT] = {0};

	if (argc < 3 || every < 1) {
		fprintf(stderr, "usage: match_trigram WATCHLIST.tsv QUERIES.tsv [EVERY]\n");
		return 2;
	}
	if (!(f = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 1;
	}
	while (fgets(buf, sizeof(buf), f)) {
		char *fl[MAXF];
		split(buf, fl, MAXF);
		ALLOC_GROW(e, ne + 1, ae);
		snprintf(e[ne].id, sizeof(e[ne].id), "%s", fl[0]);
		char *bar = strstr(fl[1], " | ");
		if (bar)
			*bar = 0;
		trigrams(fl[1], &e[ne].ts[0]);
		e[ne].nts = 1;
		if (bar) {
			char *alias = bar + 3, *b2 = strstr(alias, " | ");
			if (b2)
				*b2 = 0;
			trigrams(alias, &e[ne].ts[1]);
			e[ne].nts = 2;
		}
		ne++;
	}
	fclose(f);
	if (!(f = fopen(argv[2], "r"))) {
		perror(argv[2]);
		return 1;
	}
	for (int qi = 0; fgets(buf, sizeof(buf), f); qi++) {
		char *fl[MAXF];
		struct tset q;
		double top[5] = {0};
		int topi[5] = {-1, -1, -1, -1, -1};
		if (qi % every)
			continue;
		split(buf, fl, MAXF);
		trigrams(fl[3], &q);
		for (size_t i = 0; i < ne; i++) {
			double s = 0;
			for (int k = 0; k < e[i].nts; k++) {
				double v = sim(&q, &e[i].ts[k]);
				if (v > s)
					s = v;
			}
			if (s <= top[4])
				continue;
			int p = 4;
			while (p > 0 && top[p - 1] < s) {
				top[p] = top[p - 1];
				topi[p] = topi[p - 1];
				p--;
			}
			top[p] = s;
			topi[p] = (int)i;
		}
		bool innocent = !strcmp(fl[2], "-");
		innocent ? neg++ : pos++;
		for (int t = 0; t < NT; t++) {
			bool hit = false;
			for (int k = 0; k < 5; k++)
				if (topi[k] >= 0 && top[k] >= thresholds[t] &&
				    (innocent || !strcmp(e[topi[k]].id, fl[2])))
					hit = true;
			if (hit)
				innocent ? neghit[t]++ : poshit[t]++;
		}
	}
	fclose(f);
	printf("trigram baseline (name only), %zu entries, %d watchlisted and %d innocent queries\n",
	       ne, pos, neg);
	printf("| threshold | recall | FPR |\n|---:|---:|---:|\n");
	for (int t = 0; t < NT; t++)
		printf("| %.1f | %.3f | %.3f |\n", thresholds[t], pos ? (double)poshit[t] / pos : 0,
		       neg ? (double)neghit[t] / neg : 0);
	free(e);
	return 0;
}
