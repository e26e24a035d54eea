/*
 * case_edit.c: the UPDATE of a case's own fields and the removal of its
 * person links and seizures (see case_edit.h).
 */
#include <stdio.h>

#include <sqlite3.h>

#include "store/case_edit.h"
#include "store/db_internal.h"
#include "util/status.h"
#include "util/banned.h"

int case_store_update_fields(struct rl_db *db, const char *case_id, const struct case_fields *f)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE cases SET status = coalesce(?2, status),"
		" summary = coalesce(?3, summary), category = coalesce(?4, category),"
		" place_unit = coalesce(?5, place_unit), place_text = coalesce(?6, place_text)"
		" WHERE id = ?1");

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, f->status);
	db_bind_text(st, 3, f->summary);
	db_bind_text(st, 4, f->category);
	db_bind_text(st, 5, f->place_unit);
	db_bind_text(st, 6, f->place_text);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "changing a case");
	if (!sqlite3_changes(db_handle(db)))
		return rl_error(RL_ENOTFOUND, "no such case");
	return 0;
}

int case_store_unlink_person(struct rl_db *db, const char *case_id, const char *person_id,
			     const char *role, int64_t *removed)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM case_persons WHERE case_id = ?1"
		" AND (person_id = ?2 OR person_id IN (SELECT id FROM persons WHERE merged_into = ?2))"
		" AND (?3 IS NULL OR role = ?3)");

	*removed = 0;
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, case_id);
	db_bind_text(st, 2, person_id);
	db_bind_text(st, 3, role);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "removing a person from a case");
	*removed = sqlite3_changes(db_handle(db));
	return *removed ? 0 : RL_ENOTFOUND;
}

int case_store_delete_seizure(struct rl_db *db, const char *case_id, int64_t seizure_id,
			      char *drug, size_t drug_size)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM seizures WHERE id = ?1 AND case_id = ?2 RETURNING drug");
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seizure_id);
	db_bind_text(st, 2, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_copy(st, 0, drug, drug_size);
		rc = sqlite3_step(st);
	} else if (rc == SQLITE_DONE) {
		return RL_ENOTFOUND;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, "removing a seizure");
	return 0;
}
