/*
 * person_store.c: a person's cases and the merge log (see person_store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/case_store.h"
#include "store/db_internal.h"
#include "store/person_store.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

int person_store_cases(struct rl_db *db, const char *person_id, int64_t limit,
		       person_case_cb cb, void *data)
{
	/* The records that are this person now: itself and those merged into
	 * it (persons_merged), each joined to its links (case_persons_person). */
	sqlite3_stmt *st = db_stmt(db,
		"SELECT c.id, c.country, c.ref, c.unit_code, c.opened, c.category, c.status, cp.role,"
		" cp.person_id FROM case_persons cp JOIN cases c ON c.id = cp.case_id"
		" WHERE cp.person_id IN (SELECT id FROM persons WHERE id = ?1"
		"   UNION SELECT id FROM persons WHERE merged_into = ?1)"
		" ORDER BY c.opened DESC, c.country, c.ref, cp.role LIMIT ?2");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, person_id);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct person_case_row r = {
			.case_id = (const char *)sqlite3_column_text(st, 0),
			.country = (const char *)sqlite3_column_text(st, 1),
			.ref = (const char *)sqlite3_column_text(st, 2),
			.unit_code = (const char *)sqlite3_column_text(st, 3),
			.opened = (const char *)sqlite3_column_text(st, 4),
			.category = (const char *)sqlite3_column_text(st, 5),
			.status = (const char *)sqlite3_column_text(st, 6),
			.role = (const char *)sqlite3_column_text(st, 7),
			.linked_id = (const char *)sqlite3_column_text(st, 8),
		};
		int r2 = cb(&r, data);
		if (r2) {
			sqlite3_reset(st);
			return r2;
		}
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing a person's cases");
}

/* The columns both merge listings select, in merge_rows()'s order. */
#define MERGE_COLUMNS \
	"SELECT m.id, m.survivor_id, m.merged_id," \
	" COALESCE((SELECT name FROM person_names WHERE person_id = m.survivor_id ORDER BY seq LIMIT 1), '')," \
	" COALESCE((SELECT name FROM person_names WHERE person_id = m.merged_id ORDER BY seq LIMIT 1), '')," \
	" m.at, m.actor, m.undone_at FROM person_merges m"

/* Hands each row of a bound merge listing to cb; the statement is reset
 * however it ends, so no read snapshot outlives the call. */
static int merge_rows(struct rl_db *db, sqlite3_stmt *st, merge_row_cb cb, void *data)
{
	int rc, r = 0;

	while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct merge_row m = {
			.id = (const char *)sqlite3_column_text(st, 0),
			.survivor_id = (const char *)sqlite3_column_text(st, 1),
			.merged_id = (const char *)sqlite3_column_text(st, 2),
			.survivor_name = (const char *)sqlite3_column_text(st, 3),
			.merged_name = (const char *)sqlite3_column_text(st, 4),
			.at = (const char *)sqlite3_column_text(st, 5),
			.actor = (const char *)sqlite3_column_text(st, 6),
			.undone_at = (const char *)sqlite3_column_text(st, 7),
		};
		r = cb(&m, data);
	}
	sqlite3_reset(st);
	if (r)
		return r;
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing merges");
}

int person_store_merges(struct rl_db *db, int64_t limit, merge_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db, MERGE_COLUMNS " ORDER BY m.at DESC, m.id DESC LIMIT ?1");

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	return merge_rows(db, st, cb, data);
}

/* Whether person P, or a record merged into it, is linked to a case of
 * country ?2 (and handled by a unit of the JSON array ?3, unless NULL). */
#define LINKED_IN(P) \
	"EXISTS (SELECT 1 FROM persons x CROSS JOIN case_persons cp ON cp.person_id = x.id" \
	" CROSS JOIN cases c ON c.id = cp.case_id WHERE (x.id = " P " OR x.merged_into = " P ")" \
	" AND c.country = ?2 AND (?3 IS NULL OR c.unit_code IN (SELECT value FROM json_each(?3))))"

int person_store_merges_in(struct rl_db *db, const struct case_scope_sql *sc, int64_t limit,
			   merge_row_cb cb, void *data)
{
	sqlite3_stmt *st;

	if (!sc || !sc->country)
		return person_store_merges(db, limit, cb, data);
	st = db_stmt(db, MERGE_COLUMNS
		" WHERE " LINKED_IN("m.survivor_id") " AND " LINKED_IN("m.merged_id")
		" ORDER BY m.at DESC, m.id DESC LIMIT ?1");
	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	db_bind_text(st, 2, sc->country);
	db_bind_text(st, 3, sc->units);
	return merge_rows(db, st, cb, data);
}

/* A person not merged away, as the duplicate scan compares them. */
struct fact_person {
	char id[RL_ID_LEN + 1];
	char bd[16], sex[2], nat[4];   /* birth date (at most YYYY-MM-DD), M/F/U, alpha-3 */
	char *name;                    /* main name, owned; NULL until read */
};

static int cmp_person_id(const void *x, const void *y)
{
	return strcmp(((const struct fact_person *)x)->id, ((const struct fact_person *)y)->id);
}

static struct fact_person *find_person(struct fact_person *v, size_t n, const char *id)
{
	struct fact_person key;

	if (!n)  /* v is NULL then: bsearch() must not see it */
		return NULL;
	snprintf(key.id, sizeof(key.id), "%s", id ? id : "");
	return bsearch(&key, v, n, sizeof(*v), cmp_person_id);
}

/* The persons of one fold group, by id, each once. */
struct fact_group {
	const struct fact_person **v;
	size_t n, alloc;
};

static int cmp_group_member(const void *x, const void *y)
{
	return strcmp((*(const struct fact_person *const *)x)->id, (*(const struct fact_person *const *)y)->id);
}

static int flush_group(struct fact_group *g, const char *fold, name_fact_cb cb, void *data)
{
	int r = 0;

	if (g->n > 1)
		qsort(g->v, g->n, sizeof(*g->v), cmp_group_member);
	for (size_t i = 0; i < g->n && !r; i++) {
		struct name_fact f;
		if (i && g->v[i] == g->v[i - 1])
			continue;   /* two names of one person folding alike */
		f = (struct name_fact){ fold, g->v[i]->id, g->v[i]->name ? g->v[i]->name : "",
					g->v[i]->bd, g->v[i]->sex, g->v[i]->nat };
		r = cb(&f, data);
	}
	g->n = 0;
	return r;
}

/*
 * Three sequential reads joined in memory (persons, main names, the fold
 * index in order) rather than one query that looks up each name's person
 * at random: the tables outgrow the page cache long before memory, and
 * the random reads made the scan several times slower.
 */
/* The persons of a need-to-know scope (case_store.h), as they are after
 * merges, found from the scope's cases: a subtree's by unit (cases_scope),
 * a country's by country (cases_period). */
#define SCOPE_PERSONS_SQL(CASES) \
	"SELECT DISTINCT p.id, p.birth_date, p.sex, p.nationality FROM " CASES \
	" CROSS JOIN case_persons cp ON cp.case_id = c.id CROSS JOIN persons q ON q.id = cp.person_id" \
	" CROSS JOIN persons p ON p.id = COALESCE(q.merged_into, q.id) WHERE p.merged_into IS NULL"
static const char sql_scope_persons_units[] = SCOPE_PERSONS_SQL(
	"(SELECT id FROM cases INDEXED BY cases_scope WHERE unit_code IN (SELECT value FROM json_each(?2))"
	" AND country = ?1) c");
static const char sql_scope_persons_country[] = SCOPE_PERSONS_SQL(
	"(SELECT id FROM cases INDEXED BY cases_period WHERE country = ?1) c");

/* The name facts of every person (sc NULL) or of those in scope sc. */
static int name_facts(struct rl_db *db, const struct case_scope_sql *sc, name_fact_cb cb, void *data)
{
	struct fact_person *pv = NULL;
	size_t np = 0, palloc = 0;
	struct fact_group g = { 0 };
	char *fold = NULL;
	sqlite3_stmt *st;
	int rc = 0, step;

	if (sc)
		st = db_stmt(db, sc->units ? sql_scope_persons_units : sql_scope_persons_country);
	else
		st = db_stmt(db, "SELECT id, birth_date, sex, nationality FROM persons WHERE merged_into IS NULL");
	if (!st)
		return rl_errcode();
	if (sc) {
		db_bind_text(st, 1, sc->country);
		if (sc->units)
			db_bind_text(st, 2, sc->units);
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(pv, np + 1, palloc);
		db_col_copy(st, 0, pv[np].id, sizeof(pv[np].id));
		db_col_copy(st, 1, pv[np].bd, sizeof(pv[np].bd));
		db_col_copy(st, 2, pv[np].sex, sizeof(pv[np].sex));
		db_col_copy(st, 3, pv[np].nat, sizeof(pv[np].nat));
		pv[np++].name = NULL;
	}
	if (step != SQLITE_DONE) {
		rc = db_fail(db, "looking for duplicate persons");
		goto out;
	}
	if (np)
		qsort(pv, np, sizeof(*pv), cmp_person_id);
	if (!(st = db_stmt(db, "SELECT person_id, name FROM person_names WHERE seq = 0"))) {
		rc = rl_errcode();
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct fact_person *p = find_person(pv, np, (const char *)sqlite3_column_text(st, 0));
		if (p && !p->name)
			p->name = db_col_strdup(st, 1);
	}
	if (step != SQLITE_DONE) {
		rc = db_fail(db, "looking for duplicate persons");
		goto out;
	}
	if (!(st = db_stmt(db, "SELECT fold, person_id FROM person_names INDEXED BY person_names_fold"
			       " ORDER BY fold"))) {
		rc = rl_errcode();
		goto out;
	}
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 0);
		struct fact_person *p = find_person(pv, np, (const char *)sqlite3_column_text(st, 1));
		if (!f || !p)
			continue;   /* merged away */
		if (!fold || strcmp(fold, f)) {
			rc = fold ? flush_group(&g, fold, cb, data) : 0;
			free(fold);
			fold = xstrdup(f);
		}
		ALLOC_GROW(g.v, g.n + 1, g.alloc);
		g.v[g.n++] = p;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail(db, "looking for duplicate persons");
	if (!rc && fold)
		rc = flush_group(&g, fold, cb, data);
	sqlite3_reset(st);
out:
	for (size_t i = 0; i < np; i++)
		free(pv[i].name);
	free(pv);
	free(g.v);
	free(fold);
	return rc;
}

int person_store_name_facts(struct rl_db *db, name_fact_cb cb, void *data)
{
	return name_facts(db, NULL, cb, data);
}

int person_store_name_facts_in(struct rl_db *db, const struct case_scope_sql *sc,
			       name_fact_cb cb, void *data)
{
	return name_facts(db, sc && sc->country ? sc : NULL, cb, data);
}
