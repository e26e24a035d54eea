/*
 * person_store.c: a person's cases and the merge log (see person_store.h).
 */
#include <sqlite3.h>

#include "store/case_store.h"
#include "store/db_internal.h"
#include "store/person_store.h"
#include "util/status.h"
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
		if (r2)
			return r2;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing a person's cases");
}

int person_store_merges(struct rl_db *db, int64_t limit, merge_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT m.id, m.survivor_id, m.merged_id,"
		" COALESCE((SELECT name FROM person_names WHERE person_id = m.survivor_id ORDER BY seq LIMIT 1), ''),"
		" COALESCE((SELECT name FROM person_names WHERE person_id = m.merged_id ORDER BY seq LIMIT 1), ''),"
		" m.at, m.actor, m.undone_at FROM person_merges m ORDER BY m.at DESC, m.id DESC LIMIT ?1");
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
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
		int r = cb(&m, data);
		if (r)
			return r;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing merges");
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
	int rc;

	if (!sc || !sc->country)
		return person_store_merges(db, limit, cb, data);
	st = db_stmt(db,
		"SELECT m.id, m.survivor_id, m.merged_id,"
		" COALESCE((SELECT name FROM person_names WHERE person_id = m.survivor_id ORDER BY seq LIMIT 1), ''),"
		" COALESCE((SELECT name FROM person_names WHERE person_id = m.merged_id ORDER BY seq LIMIT 1), ''),"
		" m.at, m.actor, m.undone_at FROM person_merges m"
		" WHERE " LINKED_IN("m.survivor_id") " AND " LINKED_IN("m.merged_id")
		" ORDER BY m.at DESC, m.id DESC LIMIT ?1");
	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	db_bind_text(st, 2, sc->country);
	db_bind_text(st, 3, sc->units);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
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
		int r = cb(&m, data);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing merges");
}

int person_store_name_facts(struct rl_db *db, name_fact_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT DISTINCT n.fold, p.id,"
		" COALESCE((SELECT m.name FROM person_names m WHERE m.person_id = p.id ORDER BY m.seq LIMIT 1), ''),"
		" p.birth_date, p.sex, p.nationality"
		" FROM person_names n INDEXED BY person_names_fold JOIN persons p ON p.id = n.person_id"
		" WHERE p.merged_into IS NULL ORDER BY n.fold, p.id");
	int rc;

	if (!st)
		return rl_errcode();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct name_fact f = {
			.fold = (const char *)sqlite3_column_text(st, 0),
			.person_id = (const char *)sqlite3_column_text(st, 1),
			.name = (const char *)sqlite3_column_text(st, 2),
			.birth_date = (const char *)sqlite3_column_text(st, 3),
			.sex = (const char *)sqlite3_column_text(st, 4),
			.nationality = (const char *)sqlite3_column_text(st, 5),
		};
		int r = cb(&f, data);
		if (r)
			return r;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "looking for duplicate persons");
}

/* The persons in a scope (after merges), found from its cases: a subtree's
 * by unit (cases_scope), a country's by country (cases_period). */
#define SCOPE_FACTS_SQL(CASES) \
	"SELECT DISTINCT n.fold, p.id," \
	" COALESCE((SELECT m.name FROM person_names m WHERE m.person_id = p.id ORDER BY m.seq LIMIT 1), '')," \
	" p.birth_date, p.sex, p.nationality" \
	" FROM person_names n INDEXED BY person_names_fold JOIN persons p ON p.id = n.person_id" \
	" WHERE p.merged_into IS NULL AND p.id IN (SELECT COALESCE(q.merged_into, q.id) FROM " CASES \
	"  CROSS JOIN case_persons cp ON cp.case_id = c.id CROSS JOIN persons q ON q.id = cp.person_id)" \
	" ORDER BY n.fold, p.id"

static const char sql_facts_units[] = SCOPE_FACTS_SQL(
	"(SELECT id FROM cases INDEXED BY cases_scope WHERE unit_code IN (SELECT value FROM json_each(?2))"
	" AND country = ?1) c");
static const char sql_facts_country[] = SCOPE_FACTS_SQL(
	"(SELECT id FROM cases INDEXED BY cases_period WHERE country = ?1) c");

int person_store_name_facts_in(struct rl_db *db, const struct case_scope_sql *sc,
			       name_fact_cb cb, void *data)
{
	sqlite3_stmt *st;
	int rc;

	if (!sc || !sc->country)
		return person_store_name_facts(db, cb, data);
	if (!(st = db_stmt(db, sc->units ? sql_facts_units : sql_facts_country)))
		return rl_errcode();
	db_bind_text(st, 1, sc->country);
	if (sc->units)
		db_bind_text(st, 2, sc->units);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct name_fact f = {
			.fold = (const char *)sqlite3_column_text(st, 0),
			.person_id = (const char *)sqlite3_column_text(st, 1),
			.name = (const char *)sqlite3_column_text(st, 2),
			.birth_date = (const char *)sqlite3_column_text(st, 3),
			.sex = (const char *)sqlite3_column_text(st, 4),
			.nationality = (const char *)sqlite3_column_text(st, 5),
		};
		int r = cb(&f, data);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "looking for duplicate persons");
}
