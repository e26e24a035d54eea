/*
 * case_edit.c: the UPDATE of a case's own fields (see case_edit.h).
 */
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
