/*
 * case_store.c: SQL for cases, persons, links, seizures and merges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/case_store.h"
#include "store/db_internal.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

static int exec_simple(struct rl_db *db, const char *sql, const char *what)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return rl_errcode();
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, what);
	return 0;
}

int case_store_savepoint(struct rl_db *db)
{
	return exec_simple(db, "SAVEPOINT case_rec", "starting a savepoint");
}

int case_store_release(struct rl_db *db)
{
	return exec_simple(db, "RELEASE case_rec", "releasing a savepoint");
}

void case_store_rollback_to(struct rl_db *db)
{
	exec_simple(db, "ROLLBACK TO case_rec", "rolling back a savepoint");
	exec_simple(db, "RELEASE case_rec", "releasing a savepoint");
}

int case_store_find_ref(struct rl_db *db, const char *country, const char *ref,
			char id[RL_ID_LEN + 1])
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM cases WHERE country = ?1 AND ref = ?2");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, country);
	db_bind_text(st, 2, ref);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_copy(st, 0, id, RL_ID_LEN + 1);
		/* Not left on its row: outside a transaction (an import that
		 * finds every case present) that would hold a read snapshot. */
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "looking up a case");
	return RL_ENOTFOUND;
}

int case_store_insert_case(struct rl_db *db, const struct case_row *c)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO cases (id, country, ref, unit_code, province, border, category, opened,"
		" status, place_unit, place_text, summary, created_at, n_suspects, n_foreign, mass_mg,"
		" volume_ml, tablets, plants_poppy, plants_cannabis, plants_other)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
		" ?19, ?20, ?21)");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, c->id);
	db_bind_text(st, 2, c->country);
	db_bind_text(st, 3, c->ref);
	db_bind_text(st, 4, c->unit_code);
	db_bind_text(st, 5, c->province ? c->province : "");
	sqlite3_bind_int(st, 6, c->border ? 1 : 0);
	db_bind_text(st, 7, c->category);
	db_bind_text(st, 8, c->opened);
	db_bind_text(st, 9, c->status);
	db_bind_text(st, 10, c->place_unit ? c->place_unit : "");
	db_bind_text(st, 11, c->place_text ? c->place_text : "");
	db_bind_text(st, 12, c->summary ? c->summary : "");
	db_bind_text(st, 13, c->created_at);
	sqlite3_bind_int64(st, 14, c->n_suspects);
	sqlite3_bind_int64(st, 15, c->n_foreign);
	sqlite3_bind_int64(st, 16, c->mass_mg);
	sqlite3_bind_int64(st, 17, c->volume_ml);
	sqlite3_bind_int64(st, 18, c->tablets);
	sqlite3_bind_int64(st, 19, c->plants_poppy);
	sqlite3_bind_int64(st, 20, c->plants_cannabis);
	sqlite3_bind_int64(st, 21, c->plants_other);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "storing a case");
	return 0;
}

int case_store_insert_person(struct rl_db *db, const struct person_row *p)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO persons (id, birth_date, sex, nationality, created_at)"
		" VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, p->id);
	db_bind_text(st, 2, p->birth_date ? p->birth_date : "");
	db_bind_text(st, 3, p->sex);
	db_bind_text(st, 4, p->nationality ? p->nationality : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "storing a person");
	for (size_t i = 0; i < p->nnames; i++) {
		st = db_stmt(db, "INSERT INTO person_names (person_id, seq, name, fold, script, alias)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		if (!st)
			return rl_errcode();
		db_bind_text(st, 1, p->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		db_bind_text(st, 3, p->names[i].name);
		db_bind_text(st, 4, p->names[i].fold);
		db_bind_text(st, 5, p->names[i].script ? p->names[i].script : "");
		sqlite3_bind_int(st, 6, p->names[i].alias ? 1 : 0);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "storing a person's name");
	}
	for (size_t i = 0; i < p->ndocs; i++) {
		st = db_stmt(db, "INSERT INTO person_documents (person_id, seq, type, number, country)"
				 " VALUES (?1, ?2, ?3, ?4, ?5)");
		if (!st)
			return rl_errcode();
		db_bind_text(st, 1, p->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		db_bind_text(st, 3, p->docs[i].type);
		db_bind_text(st, 4, p->docs[i].number);
		db_bind_text(st, 5, p->docs[i].country ? p->docs[i].country : "");
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "storing an identity document");
	}
	return 0;
}

int case_store_person_exists(struct rl_db *db, const char *id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM persons WHERE id = ?1");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_fail(db, "looking up a person");
	return RL_ENOTFOUND;
}

int case_store_link(struct rl_db *db, const char *case_id, const char *person_id,
		    const char *role, const char *ref)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO case_persons (case_id, person_id, role, ref) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, person_id);
	db_bind_text(st, 3, role);
	db_bind_text(st, 4, ref ? ref : "");
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "linking a person to a case");
	return 0;
}

int case_store_insert_seizure(struct rl_db *db, const char *case_id, const struct seizure_row *s)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO seizures (case_id, drug, measure, amount, unit) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, s->drug);
	db_bind_text(st, 3, s->measure);
	sqlite3_bind_int64(st, 4, s->amount);
	db_bind_text(st, 5, s->unit);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "storing a seizure");
	return 0;
}

/* A case's suspects: each person (as merged) once, in the suspect or
 * arrested role; foreign when the nationality is known and not the
 * case's country. */
#define COUNTS_SET \
	"UPDATE cases SET" \
	" n_suspects = (SELECT COUNT(DISTINCT COALESCE(p.merged_into, p.id))" \
	"   FROM case_persons cp JOIN persons p ON p.id = cp.person_id" \
	"   WHERE cp.case_id = cases.id AND cp.role IN ('suspect', 'arrested'))," \
	" n_foreign = (SELECT COUNT(DISTINCT COALESCE(p.merged_into, p.id))" \
	"   FROM case_persons cp JOIN persons p ON p.id = cp.person_id" \
	"   LEFT JOIN persons s ON s.id = p.merged_into" \
	"   WHERE cp.case_id = cases.id AND cp.role IN ('suspect', 'arrested')" \
	"   AND COALESCE(s.nationality, p.nationality) NOT IN ('', cases.country))"

/* A case's seizure totals. */
#define SEIZURE_SET \
	"UPDATE cases SET" \
	" mass_mg = (SELECT COALESCE(SUM(amount), 0) FROM seizures WHERE case_id = ?1 AND measure = 'mass')," \
	" volume_ml = (SELECT COALESCE(SUM(amount), 0) FROM seizures WHERE case_id = ?1 AND measure = 'volume')," \
	" tablets = (SELECT COALESCE(SUM(amount), 0) FROM seizures WHERE case_id = ?1 AND measure = 'tablet')," \
	" plants_poppy = (SELECT COALESCE(SUM(amount), 0) FROM seizures WHERE case_id = ?1" \
	"   AND measure = 'plant' AND drug = 'opium_poppy')," \
	" plants_cannabis = (SELECT COALESCE(SUM(amount), 0) FROM seizures WHERE case_id = ?1" \
	"   AND measure = 'plant' AND drug = 'cannabis_plant')," \
	" plants_other = (SELECT COALESCE(SUM(amount), 0) FROM seizures WHERE case_id = ?1" \
	"   AND measure = 'plant' AND drug NOT IN ('opium_poppy', 'cannabis_plant'))" \
	" WHERE id = ?1"

int case_store_update_counts(struct rl_db *db, const char *case_id)
{
	sqlite3_stmt *st = db_stmt(db, COUNTS_SET " WHERE id = ?1");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "counting a case's suspects");
	st = db_stmt(db, SEIZURE_SET);
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "adding up a case's seizures");
	return 0;
}

static int update_counts_of_persons(struct rl_db *db, const char *a, const char *b)
{
	sqlite3_stmt *st = db_stmt(db, COUNTS_SET
		" WHERE id IN (SELECT cp.case_id FROM case_persons cp JOIN persons p ON p.id = cp.person_id"
		"  WHERE p.id IN (?1, ?2) OR p.merged_into IN (?1, ?2))");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "recounting suspects");
	return 0;
}

static void read_case(sqlite3_stmt *st, struct case_row *c)
{
	db_col_copy(st, 0, c->id, sizeof(c->id));
	c->country = (const char *)sqlite3_column_text(st, 1);
	c->ref = (const char *)sqlite3_column_text(st, 2);
	c->unit_code = (const char *)sqlite3_column_text(st, 3);
	c->province = (const char *)sqlite3_column_text(st, 4);
	c->border = sqlite3_column_int(st, 5);
	c->category = (const char *)sqlite3_column_text(st, 6);
	c->opened = (const char *)sqlite3_column_text(st, 7);
	c->status = (const char *)sqlite3_column_text(st, 8);
	c->place_unit = (const char *)sqlite3_column_text(st, 9);
	c->place_text = (const char *)sqlite3_column_text(st, 10);
	c->summary = (const char *)sqlite3_column_text(st, 11);
	c->n_suspects = sqlite3_column_int64(st, 12);
	c->n_foreign = sqlite3_column_int64(st, 13);
	c->created_at = (const char *)sqlite3_column_text(st, 14);
}

#define CASE_COLS "id, country, ref, unit_code, province, border, category, opened, status," \
	" place_unit, place_text, summary, n_suspects, n_foreign, created_at"

static int walk_cases(struct rl_db *db, sqlite3_stmt *st, case_row_cb cb, void *data)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_row c;
		int r;
		read_case(st, &c);
		if ((r = cb(&c, data))) {
			sqlite3_reset(st); /* stopped early: hold no read snapshot */
			return r;
		}
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing cases");
}

/* The filters of a case listing after its scope (bound by case_store_list). */
#define LIST_FILTER \
	" AND (?1 IS NULL OR country = ?1) AND (?2 IS NULL OR opened >= ?2)" \
	" AND (?3 IS NULL OR opened <= ?3) AND (?4 IS NULL OR unit_code = ?4)" \
	" AND (?5 IS NULL OR province = ?5)" \
	" AND (?6 IS NULL OR category = ?6 OR (?6 = 'drugs' AND category LIKE 'drug\\_%' ESCAPE '\\'))" \
	" AND (?7 IS NULL OR status = ?7)" \
	" ORDER BY opened, country, ref LIMIT ?8"

/* Scoped listings. One country's cases walk the index cases_period
 * (country, opened) in date order and stop at the page's end. A unit
 * subtree's cases are found by unit in cases_scope (migration 0013) and
 * sorted by the keys that index holds, without reading the rows, which
 * are then read one by one for as long as the caller wants them: a page
 * of a province with 40,000 of a million cases costs tens of
 * milliseconds, a commune's next to nothing. */
static const char sql_list_country[] =
	"SELECT " CASE_COLS " FROM cases WHERE country = ?9" LIST_FILTER;
static const char sql_list_units[] =
	"SELECT rowid FROM cases INDEXED BY cases_scope"
	" WHERE unit_code IN (SELECT value FROM json_each(?10)) AND country = ?9" LIST_FILTER;
static const char sql_case_rowid[] = "SELECT " CASE_COLS " FROM cases WHERE rowid = ?1";

static int list_by_rowid(struct rl_db *db, sqlite3_stmt *st, case_row_cb cb, void *data)
{
	sqlite3_int64 *ids = NULL;
	size_t n = 0, alloc = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(ids, n + 1, alloc);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		free(ids);
		return db_fail(db, "listing cases");
	}
	sqlite3_reset(st);
	rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		struct case_row c;
		int r;

		if (!(st = db_stmt(db, sql_case_rowid))) {
			rc = rl_errcode();
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		r = sqlite3_step(st);
		if (r == SQLITE_DONE)
			continue;  /* removed between the two steps (outside a read transaction) */
		if (r != SQLITE_ROW) {
			rc = db_fail(db, "listing cases");
			break;
		}
		read_case(st, &c);
		rc = cb(&c, data);
		sqlite3_reset(st);
	}
	free(ids);
	return rc;
}

int case_store_list(struct rl_db *db, const struct case_filter *f, case_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db, f->scope.units ? sql_list_units : f->scope.country ?
		sql_list_country : "SELECT " CASE_COLS " FROM cases WHERE 1" LIST_FILTER);
	bool by_rowid = f->scope.units != NULL;

	if (!st)
		return rl_errcode();
	if (f->scope.country) {
		db_bind_text(st, 9, f->scope.country);
		if (f->scope.units)
			db_bind_text(st, 10, f->scope.units);
	}
	db_bind_text(st, 1, f->country);
	db_bind_text(st, 2, f->from);
	db_bind_text(st, 3, f->to);
	db_bind_text(st, 4, f->unit);
	db_bind_text(st, 5, f->province);
	db_bind_text(st, 6, f->category);
	db_bind_text(st, 7, f->status);
	sqlite3_bind_int64(st, 8, f->limit > 0 ? f->limit : -1);
	if (by_rowid)
		return list_by_rowid(db, st, cb, data);
	return walk_cases(db, st, cb, data);
}

int case_store_get(struct rl_db *db, const char *country, const char *ref, case_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " CASE_COLS " FROM cases"
		" WHERE ref = ?2 AND (?1 IS NULL OR country = ?1) ORDER BY country LIMIT 2");
	sqlite3_stmt *cnt = db_stmt(db, "SELECT COUNT(*) FROM cases WHERE ref = ?2 AND (?1 IS NULL OR country = ?1)");
	struct case_row c;
	int rc;

	if (!st || !cnt)
		return rl_errcode();
	db_bind_text(cnt, 1, country);
	db_bind_text(cnt, 2, ref);
	if (sqlite3_step(cnt) != SQLITE_ROW)
		return db_fail(db, "reading a case");
	if (sqlite3_column_int(cnt, 0) > 1)
		return rl_error(RL_EINVAL, "case reference '%s' exists in both countries; give --country", ref);
	sqlite3_reset(cnt);
	db_bind_text(st, 1, country);
	db_bind_text(st, 2, ref);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "unknown case '%s'", ref);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a case");
	read_case(st, &c);
	/* c points into the row: reset only after the callback, but do, or
	 * the statement holds a read snapshot after a caller that fails
	 * before its transaction (an edit with a bad status). */
	rc = cb(&c, data);
	sqlite3_reset(st);
	return rc;
}

int case_store_get_by_id(struct rl_db *db, const char *id, case_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " CASE_COLS " FROM cases WHERE id = ?1");
	struct case_row c;
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "unknown case '%s'", id);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a case");
	read_case(st, &c);
	/* c points into the row: reset only after the callback, but do, or
	 * the statement holds a read snapshot after a caller that fails
	 * before its transaction (an edit with a bad status). */
	rc = cb(&c, data);
	sqlite3_reset(st);
	return rc;
}

int case_store_links(struct rl_db *db, const char *case_id, link_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT cp.person_id, e.id, cp.role, cp.ref,"
		" (SELECT name FROM person_names n WHERE n.person_id = e.id ORDER BY seq LIMIT 1),"
		" e.birth_date, e.sex, e.nationality"
		" FROM case_persons cp JOIN persons p ON p.id = cp.person_id"
		" JOIN persons e ON e.id = COALESCE(p.merged_into, p.id)"
		" WHERE cp.case_id = ?1 ORDER BY cp.ref, cp.role");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct link_row l = {
			.person_id = (const char *)sqlite3_column_text(st, 0),
			.effective_id = (const char *)sqlite3_column_text(st, 1),
			.role = (const char *)sqlite3_column_text(st, 2),
			.ref = (const char *)sqlite3_column_text(st, 3),
			.name = (const char *)sqlite3_column_text(st, 4),
			.birth_date = (const char *)sqlite3_column_text(st, 5),
			.sex = (const char *)sqlite3_column_text(st, 6),
			.nationality = (const char *)sqlite3_column_text(st, 7),
		};
		int r = cb(&l, data);
		if (r)
			return r;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing a case's persons");
}

int case_store_seizures(struct rl_db *db, const char *case_id, seizure_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT drug, measure, amount, unit, id FROM seizures WHERE case_id = ?1 ORDER BY id");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct seizure_row s = {
			.drug = (const char *)sqlite3_column_text(st, 0),
			.measure = (const char *)sqlite3_column_text(st, 1),
			.amount = sqlite3_column_int64(st, 2),
			.unit = (const char *)sqlite3_column_text(st, 3),
			.id = sqlite3_column_int64(st, 4),
		};
		int r = cb(&s, data);
		if (r)
			return r;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing a case's seizures");
}

#define NAMES_MAX_READ 32

int case_store_person_get(struct rl_db *db, const char *id, person_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT birth_date, sex, nationality, merged_into FROM persons WHERE id = ?1");
	sqlite3_stmt *sn;
	struct name_row names[NAMES_MAX_READ];
	struct doc_row docs[NAMES_MAX_READ];
	char *bd, *sex, *nat, *merged;
	char *nbuf[NAMES_MAX_READ][2], *dbuf[NAMES_MAX_READ][3];
	struct person_row p = { 0 };
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "unknown person '%s'", id);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a person");
	bd = db_col_strdup(st, 0);
	sex = db_col_strdup(st, 1);
	nat = db_col_strdup(st, 2);
	merged = db_col_strdup(st, 3);
	sqlite3_reset(st);
	snprintf(p.id, sizeof(p.id), "%s", id);
	p.birth_date = bd;
	p.sex = sex;
	p.nationality = nat;
	p.merged_into = merged;
	sn = db_stmt(db, "SELECT name, script, alias, fold FROM person_names WHERE person_id = ?1 ORDER BY seq");
	if (!sn) {
		rc = rl_errcode();
		goto out;
	}
	db_bind_text(sn, 1, id);
	while (p.nnames < NAMES_MAX_READ && sqlite3_step(sn) == SQLITE_ROW) {
		nbuf[p.nnames][0] = db_col_strdup(sn, 0);
		nbuf[p.nnames][1] = db_col_strdup(sn, 1);
		names[p.nnames].name = nbuf[p.nnames][0];
		names[p.nnames].script = nbuf[p.nnames][1];
		names[p.nnames].alias = sqlite3_column_int(sn, 2);
		names[p.nnames].fold = "";
		p.nnames++;
	}
	sqlite3_reset(sn);
	sn = db_stmt(db, "SELECT type, number, country FROM person_documents WHERE person_id = ?1 ORDER BY seq");
	if (!sn) {
		rc = rl_errcode();
		goto out_names;
	}
	db_bind_text(sn, 1, id);
	while (p.ndocs < NAMES_MAX_READ && sqlite3_step(sn) == SQLITE_ROW) {
		for (int k = 0; k < 3; k++)
			dbuf[p.ndocs][k] = db_col_strdup(sn, k);
		docs[p.ndocs].type = dbuf[p.ndocs][0];
		docs[p.ndocs].number = dbuf[p.ndocs][1];
		docs[p.ndocs].country = dbuf[p.ndocs][2];
		p.ndocs++;
	}
	sqlite3_reset(sn);
	p.names = names;
	p.docs = docs;
	rc = cb(&p, data);
	for (size_t i = 0; i < p.ndocs; i++)
		for (int k = 0; k < 3; k++)
			free(dbuf[i][k]);
out_names:
	for (size_t i = 0; i < p.nnames; i++) {
		free(nbuf[i][0]);
		free(nbuf[i][1]);
	}
out:
	free(bd);
	free(sex);
	free(nat);
	free(merged);
	return rc;
}

/* Ids first, then each person read on its own: person_get reuses
 * statements, so the id list is gathered before calling it. */
struct idlist {
	size_t n, alloc;
	char (*id)[RL_ID_LEN + 1];
};

/* A found person's rank: 0 when one of its names folds to exactly the
 * query, 1 when one starts with it, 2 when one only contains it. A broad
 * query ("nguyen") matches far more persons than a page holds, so the best
 * matches must come first, and the newest (the largest ULID) within a rank:
 * the records an officer is working on. */
#define PERSON_RANK \
	"MIN(CASE WHEN n.fold = ?1 THEN 0 WHEN substr(n.fold, 1, length(?1)) = ?1 THEN 1 ELSE 2 END)"

/* Every person (not merged away) with a name containing ?1, ranked; at
 * most ?2. One literal, so db_stmt() caches one statement for both users. */
static const char PERSON_SEARCH_SQL[] =
	"SELECT n.person_id, " PERSON_RANK " AS r FROM person_names n JOIN persons p ON p.id = n.person_id"
	" WHERE p.merged_into IS NULL AND instr(n.fold, ?1) > 0"
	" GROUP BY n.person_id ORDER BY r, n.person_id DESC LIMIT ?2";

/* Reads the person ids of a ranked search (column 0), at most limit (0:
 * all); with sc, only those in scope, each checked in rank order until
 * the page is full (so a broad query checks few). Then calls cb for each
 * person. */
static int person_search_run(struct rl_db *db, sqlite3_stmt *st, const struct case_scope_sql *sc,
			     int64_t limit, person_row_cb cb, void *data)
{
	struct idlist l = { 0 };
	char id[RL_ID_LEN + 1];
	bool in = true;
	int rc;

	while ((limit <= 0 || (int64_t)l.n < limit) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_col_copy(st, 0, id, sizeof(id));
		if (sc && (rc = case_store_person_in_scope(db, sc, id, &in))) {
			sqlite3_reset(st);
			free(l.id);
			return rc;
		}
		if (!in)
			continue;
		if (l.n == l.alloc) {
			l.alloc = l.alloc ? 2 * l.alloc : 64;
			l.id = xrealloc(l.id, l.alloc * sizeof(*l.id));
		}
		memcpy(l.id[l.n++], id, sizeof(id));
	}
	if (limit > 0 && (int64_t)l.n >= limit)
		rc = SQLITE_DONE;
	if (rc != SQLITE_DONE) {
		free(l.id);
		return db_fail(db, "searching persons");
	}
	sqlite3_reset(st);
	rc = 0;
	for (size_t i = 0; i < l.n && !rc; i++)
		rc = case_store_person_get(db, l.id[i], cb, data);
	free(l.id);
	return rc;
}

int case_store_person_search(struct rl_db *db, const char *fold, int64_t limit,
			     person_row_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db, PERSON_SEARCH_SQL);

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, fold);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	return person_search_run(db, st, NULL, 0, cb, data);
}

int case_store_person_cases(struct rl_db *db, const char *id, int64_t *n)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT COUNT(DISTINCT cp.case_id) FROM case_persons cp JOIN persons p ON p.id = cp.person_id"
		" WHERE p.id = ?1 OR p.merged_into = ?1");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "counting a person's cases");
	*n = sqlite3_column_int64(st, 0);
	return 0;
}

int case_store_has_merged_into(struct rl_db *db, const char *id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM persons WHERE merged_into = ?1 LIMIT 1");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, "looking up merges");
}

int case_store_merge(struct rl_db *db, const char *merge_id, const char *survivor_id,
		     const char *merged_id, const char *at, const char *actor)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE persons SET merged_into = ?1 WHERE id = ?2");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, survivor_id);
	db_bind_text(st, 2, merged_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "merging persons");
	st = db_stmt(db, "INSERT INTO person_merges (id, survivor_id, merged_id, at, actor)"
			 " VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, merge_id);
	db_bind_text(st, 2, survivor_id);
	db_bind_text(st, 3, merged_id);
	db_bind_text(st, 4, at);
	db_bind_text(st, 5, actor);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "recording a merge");
	return update_counts_of_persons(db, survivor_id, merged_id);
}

int case_store_unmerge(struct rl_db *db, const char *merge_id, const char *at,
		       char survivor[RL_ID_LEN + 1], char merged[RL_ID_LEN + 1])
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT survivor_id, merged_id, undone_at FROM person_merges WHERE id = ?1");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, merge_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "unknown merge '%s'", merge_id);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a merge");
	if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		return rl_error(RL_ECONFLICT, "merge '%s' was already undone", merge_id);
	db_col_copy(st, 0, survivor, RL_ID_LEN + 1);
	db_col_copy(st, 1, merged, RL_ID_LEN + 1);
	sqlite3_reset(st);
	st = db_stmt(db, "UPDATE persons SET merged_into = NULL WHERE id = ?1 AND merged_into = ?2");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, merged);
	db_bind_text(st, 2, survivor);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "undoing a merge");
	if (sqlite3_changes(db_handle(db)) != 1)
		return rl_error(RL_ECONFLICT, "merge '%s' no longer applies", merge_id);
	st = db_stmt(db, "UPDATE person_merges SET undone_at = ?2 WHERE id = ?1");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, merge_id);
	db_bind_text(st, 2, at);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "recording an unmerge");
	return update_counts_of_persons(db, survivor, merged);
}

/* ---- need-to-know scope (struct case_scope_sql) ---- */

/* Whether a case row C is in scope ?S1 (country), ?S2 (units JSON). */
#define CASE_IN(C, S1, S2) \
	"(" C ".country = " S1 " AND (" S2 " IS NULL OR " C ".unit_code IN" \
	" (SELECT value FROM json_each(" S2 "))))"

/* Whether person P (an expression) is linked, itself or through a person
 * merged into it, to a case in scope ?3 (country), ?4 (units JSON). The
 * CROSS JOINs keep SQLite going from the person to its few links and their
 * cases, rather than from a country's cases to their links. */
#define PERSON_IN(P) \
	"(EXISTS (SELECT 1 FROM case_persons cp CROSS JOIN cases c ON c.id = cp.case_id" \
	"  WHERE cp.person_id = " P " AND " CASE_IN("c", "?3", "?4") ")" \
	" OR EXISTS (SELECT 1 FROM persons m CROSS JOIN case_persons cp ON cp.person_id = m.id" \
	"  CROSS JOIN cases c ON c.id = cp.case_id" \
	"  WHERE m.merged_into = " P " AND " CASE_IN("c", "?3", "?4") "))"

static bool everything(const struct case_scope_sql *sc)
{
	return !sc || !sc->country;
}

int case_store_person_search_in(struct rl_db *db, const struct case_scope_sql *sc,
				const char *fold, int64_t limit, person_row_cb cb, void *data)
{
	sqlite3_stmt *st;

	if (everything(sc))
		return case_store_person_search(db, fold, limit, cb, data);
	/* A unit subtree holds few persons: their names are checked; a
	 * country holds many: every match is ranked (as for no scope), then
	 * the matches are checked in rank order until the page is full. */
	if (!sc->units) {
		if (!(st = db_stmt(db, PERSON_SEARCH_SQL)))
			return rl_errcode();
		db_bind_text(st, 1, fold);
		sqlite3_bind_int64(st, 2, -1);
		return person_search_run(db, st, sc, limit, cb, data);
	}
	st = db_stmt(db,
		"SELECT n.person_id, " PERSON_RANK " AS r FROM cases c INDEXED BY cases_scope"
		" CROSS JOIN case_persons cp ON cp.case_id = c.id CROSS JOIN persons q ON q.id = cp.person_id"
		" CROSS JOIN persons p ON p.id = COALESCE(q.merged_into, q.id)"
		" CROSS JOIN person_names n ON n.person_id = p.id"
		" WHERE c.unit_code IN (SELECT value FROM json_each(?4)) AND c.country = ?3"
		" AND p.merged_into IS NULL AND instr(n.fold, ?1) > 0"
		" GROUP BY n.person_id ORDER BY r, n.person_id DESC LIMIT ?2");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, fold);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	db_bind_text(st, 3, sc->country);
	db_bind_text(st, 4, sc->units);
	return person_search_run(db, st, NULL, 0, cb, data);
}

int case_store_person_in_scope(struct rl_db *db, const struct case_scope_sql *sc, const char *id,
			       bool *in)
{
	sqlite3_stmt *st;
	int rc;

	*in = false;
	if (everything(sc)) {
		rc = case_store_person_exists(db, id);
		*in = !rc;
		return rc == RL_ENOTFOUND ? 0 : rc;
	}
	st = db_stmt(db, "SELECT " PERSON_IN("?1"));
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 3, sc->country);
	db_bind_text(st, 4, sc->units);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "looking up a person");
	*in = sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return 0;
}

int case_store_merge_persons(struct rl_db *db, const char *merge_id,
			     char survivor[RL_ID_LEN + 1], char merged[RL_ID_LEN + 1])
{
	sqlite3_stmt *st = db_stmt(db, "SELECT survivor_id, merged_id FROM person_merges WHERE id = ?1");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, merge_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "unknown merge '%s'", merge_id);
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading a merge");
	db_col_copy(st, 0, survivor, RL_ID_LEN + 1);
	db_col_copy(st, 1, merged, RL_ID_LEN + 1);
	sqlite3_reset(st);
	return 0;
}
