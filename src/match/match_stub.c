/*
 * match_stub.c: a stand-in for the name matcher (match.h) so the notices
 * and screening modules build and run before the real matcher is merged.
 * It compares folded name tokens (rl_fold) and birth dates only; the real
 * matcher (phonetic keys, scripts, typos, IDF) replaces this file, and
 * this file must be dropped from src/match/meson.build when it lands.
 *
 * Entries are kept in a plain array; queries scan it (fine for tests).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct stub_entry {
	char id[MATCH_ID_MAX + 1];
	char *names[MATCH_NAMES_MAX]; /* folded */
	size_t nnames;
	char birth[11];
	char sex;
	char nat[4];
	char doc[MATCH_DOC_MAX + 1];   /* letters and digits, upper case */
};

struct match_index {
	struct stub_entry *e;
	size_t n, alloc;
};

struct match_index *match_index_new(void)
{
	return xcalloc(1, sizeof(struct match_index));
}

static void entry_free(struct stub_entry *e)
{
	for (size_t i = 0; i < e->nnames; i++)
		free(e->names[i]);
}

void match_index_free(struct match_index *idx)
{
	if (!idx)
		return;
	for (size_t i = 0; i < idx->n; i++)
		entry_free(&idx->e[i]);
	free(idx->e);
	free(idx);
}

static void doc_key(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; s && *s && n + 1 < size; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)toupper((unsigned char)*s);
	out[n] = '\0';
}

int match_index_add(struct match_index *idx, const struct match_entry *in)
{
	struct stub_entry e;

	if (!in->id || !*in->id || strlen(in->id) > MATCH_ID_MAX)
		return rl_error(RL_EINVAL, "bad entry id");
	if (in->nnames < 1 || in->nnames > MATCH_NAMES_MAX)
		return rl_error(RL_EINVAL, "an entry needs 1 to %d names", MATCH_NAMES_MAX);
	for (size_t i = 0; i < idx->n; i++)
		if (!strcmp(idx->e[i].id, in->id))
			return rl_error(RL_ECONFLICT, "entry '%s' is already in the index", in->id);
	memset(&e, 0, sizeof(e));
	snprintf(e.id, sizeof(e.id), "%s", in->id);
	for (size_t i = 0; i < in->nnames; i++) {
		char *f = rl_fold(in->names[i]);
		if (!f || !*f) {
			free(f);
			entry_free(&e);
			return rl_error(RL_EINVAL, "name: not a valid name");
		}
		e.names[e.nnames++] = f;
	}
	snprintf(e.birth, sizeof(e.birth), "%s", in->birth ? in->birth : "");
	e.sex = in->sex;
	snprintf(e.nat, sizeof(e.nat), "%s", in->nationality ? in->nationality : "");
	doc_key(in->document, e.doc, sizeof(e.doc));
	ALLOC_GROW(idx->e, idx->n + 1, idx->alloc);
	idx->e[idx->n++] = e;
	return 0;
}

int match_index_remove(struct match_index *idx, const char *id)
{
	for (size_t i = 0; i < idx->n; i++)
		if (!strcmp(idx->e[i].id, id)) {
			entry_free(&idx->e[i]);
			idx->e[i] = idx->e[--idx->n];
			return 0;
		}
	return rl_error(RL_ENOTFOUND, "no entry '%s'", id);
}

size_t match_index_count(const struct match_index *idx)
{
	return idx->n;
}

/* 2 * shared tokens / all tokens of two folded names. */
static double name_sim(const char *a, const char *b)
{
	char ta[RL_NAME_MAX * 2 + 2], tb[RL_NAME_MAX * 2 + 2];
	char *wa[64], *wb[64], *save;
	int na = 0, nb = 0, common = 0;
	char used[64] = { 0 };

	snprintf(ta, sizeof(ta), "%s", a);
	snprintf(tb, sizeof(tb), "%s", b);
	for (char *w = strtok_r(ta, " ", &save); w && na < 64; w = strtok_r(NULL, " ", &save))
		wa[na++] = w;
	for (char *w = strtok_r(tb, " ", &save); w && nb < 64; w = strtok_r(NULL, " ", &save))
		wb[nb++] = w;
	if (!na || !nb)
		return 0;
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			if (!used[j] && !strcmp(wa[i], wb[j])) {
				used[j] = 1;
				common++;
				break;
			}
	return 2.0 * common / (na + nb);
}

/* A factor for the birth dates: 1 equal or unknown, less as they differ. */
static double birth_factor(const char *q, const char *e, const char **why)
{
	size_t n;

	if (!q || !*q || !*e) {
		*why = "birth unknown";
		return 0.95;
	}
	n = strlen(q) < strlen(e) ? strlen(q) : strlen(e);
	if (strncmp(q, e, 4)) {
		*why = "birth year differs";
		return 0.4;
	}
	if (!strncmp(q, e, n)) {
		*why = strlen(q) == 10 && strlen(e) == 10 ? "birth date equal" : "birth date compatible";
		return 1.0;
	}
	*why = "birth date differs in month or day";
	return 0.7;
}

struct cand {
	size_t i;
	double score;
	char why[MATCH_EXPLAIN_MAX];
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int match_query(const struct match_index *idx, const struct match_query *q,
		double threshold, struct match_result *results,
		size_t max_results, size_t *nresults)
{
	struct cand *c;
	size_t nc = 0;
	char *qf;
	char qdoc[MATCH_DOC_MAX + 1];

	*nresults = 0;
	if (threshold < 0 || threshold > 1)
		return rl_error(RL_EINVAL, "threshold must be between 0 and 1");
	if (max_results < 1 || max_results > MATCH_RESULTS_MAX)
		return rl_error(RL_EINVAL, "max_results out of range");
	if (!q->name || !*q->name)
		return rl_error(RL_EINVAL, "name: missing");
	if (!(qf = rl_fold(q->name)))
		return rl_error(RL_EINVAL, "name: not valid UTF-8");
	doc_key(q->document, qdoc, sizeof(qdoc));
	c = xcalloc(idx->n ? idx->n : 1, sizeof(*c));
	for (size_t i = 0; i < idx->n; i++) {
		const struct stub_entry *e = &idx->e[i];
		double best = 0, s;
		const char *bwhy;
		size_t bi = 0;

		for (size_t k = 0; k < e->nnames; k++)
			if ((s = name_sim(qf, e->names[k])) > best) {
				best = s;
				bi = k;
			}
		s = best * birth_factor(q->birth, e->birth, &bwhy);
		if (q->sex && e->sex && q->sex != e->sex)
			s *= 0.6;
		if (*qdoc && *e->doc && !strcmp(qdoc, e->doc))
			s = 1.0;
		if (s < threshold || s <= 0)
			continue;
		c[nc].i = i;
		c[nc].score = s > 1 ? 1 : s;
		snprintf(c[nc].why, sizeof(c[nc].why), "name: %s~%s (%.2f); %s%s", qf, e->names[bi],
			 best, bwhy, *qdoc && !strcmp(qdoc, e->doc) ? "; document equal" : "");
		nc++;
	}
	qsort(c, nc, sizeof(*c), cand_cmp);
	for (size_t k = 0; k < nc && k < max_results; k++) {
		snprintf(results[k].id, sizeof(results[k].id), "%s", idx->e[c[k].i].id);
		results[k].score = c[k].score;
		snprintf(results[k].explanation, sizeof(results[k].explanation), "%s", c[k].why);
		(*nresults)++;
	}
	free(c);
	free(qf);
	return 0;
}

int match_name_keys(const char *name, char **out)
{
	if (!(*out = rl_fold(name)))
		return rl_error(RL_EINVAL, "name: not valid UTF-8");
	return 0;
}

int match_plate_key(const char *plate, char *out, size_t outsz)
{
	size_t n = 0;

	if (!plate || !rl_utf8_valid(plate, strlen(plate)))
		return rl_error(RL_EINVAL, "plate: not valid UTF-8");
	for (const char *s = plate; *s; s++) {
		if (!isalnum((unsigned char)*s))
			continue;
		if (n + 1 >= outsz)
			return rl_error(RL_ETOOBIG, "plate: too long");
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	if (!n)
		return rl_error(RL_EINVAL, "plate: no letter or digit");
	return 0;
}
