/*
 * match_sample.c: the Redline side of the PostgreSQL comparison
 * (bench/match_pg.sh): screens a sample of corpus queries and writes one
 * line per query, in the same format as the pg_trgm side, so one script
 * computes the figures of both.
 *
 *   match_sample WATCHLIST.tsv SAMPLE.tsv [THRESHOLD]
 *
 * Files as written by tests/match/gen_corpus.py (the sample is a subset of
 * queries.tsv). Builds the index, then screens every query once at the
 * threshold (default MATCH_THRESHOLD_DEFAULT), top 5. Output, tab-separated,
 * one line per query: query id, variant, true entry id ("-" innocent),
 * wall-clock milliseconds, and the results "id=score" joined by ';' best
 * first, after a line "threshold T"; then a line "cpu MS": the thread's CPU time over all queries (the
 * machine may be shared, and wall time then measures the other processes
 * too; PostgreSQL can only be timed per query by the wall clock, and in
 * total by its backend's CPU time). stderr gets the build time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "match/match.h"
#include "util/status.h"

#define NF 8
#define TOPK 5

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Splits a line at tabs into exactly nf fields ("" for missing ones). */
static void split(char *line, char **f, int nf)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = 0;
	f[n++] = line;
	for (char *p = line; *p && n < nf; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	while (n < nf)
		f[n++] = "";
}

static const char *nz(const char *s)
{
	return *s ? s : NULL;
}

static int add_line(struct match_index *idx, char *line)
{
	char *f[6], *names[MATCH_NAMES_MAX];
	size_t nn = 0;

	split(line, f, 6);
	for (char *p = f[1]; p && nn < MATCH_NAMES_MAX;) {
		char *bar = strstr(p, " | ");
		names[nn++] = p;
		if (bar)
			*bar = 0;
		p = bar ? bar + 3 : NULL;
	}
	struct match_entry e = { f[0], (const char *const *)names, nn, nz(f[2]), f[3][0],
				 nz(f[4]), nz(f[5]), NULL, 0 };
	return match_index_add(idx, &e);
}

int main(int argc, char **argv)
{
	double threshold = argc > 3 ? strtod(argv[3], NULL) : MATCH_THRESHOLD_DEFAULT;
	char buf[4096];
	size_t added = 0, bad = 0;
	FILE *f;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: match_sample WATCHLIST.tsv SAMPLE.tsv [THRESHOLD]\n");
		return 2;
	}
	struct match_index *idx = match_index_new();
	if (!(f = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 1;
	}
	double t0 = cpu_s();
	while (fgets(buf, sizeof(buf), f))
		add_line(idx, buf) ? bad++ : added++;
	fclose(f);
	fprintf(stderr, "match_sample: indexed %zu entries (%zu refused) in %.1f s CPU\n", added, bad,
		cpu_s() - t0);

	if (!(f = fopen(argv[2], "r"))) {
		perror(argv[2]);
		match_index_free(idx);
		return 1;
	}
	double cpu = 0;
	printf("threshold\t%.2f\n", threshold);
	while (fgets(buf, sizeof(buf), f)) {
		char *q[NF];
		struct match_result res[TOPK];
		size_t nr = 0;

		split(buf, q, NF);
		struct match_query mq = { q[3], nz(q[4]), q[5][0], nz(q[6]), nz(q[7]) };
		double c0 = cpu_s(), w0 = now_s();
		int rc = match_query(idx, &mq, threshold, res, TOPK, &nr);
		double ms = (now_s() - w0) * 1e3;
		cpu += cpu_s() - c0;
		if (rc) {
			fprintf(stderr, "query %s: %s\n", q[0], rl_errmsg());
			nr = 0;
		}
		printf("%s\t%s\t%s\t%.4f\t", q[0], q[1], q[2], ms);
		for (size_t r = 0; r < nr; r++)
			printf("%s%s=%.4f", r ? ";" : "", res[r].id, res[r].score);
		putchar('\n');
	}
	fclose(f);
	printf("cpu\t%.1f\n", cpu * 1e3);
	match_index_free(idx);
	return 0;
}
