/*
 * meta.c: the key-value meta table.
 */
#include "store/db_internal.h"
#include "store/meta.h"
#include "util/status.h"

int meta_get(struct rl_db *db, const char *key, char *buf, size_t size)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT value FROM meta WHERE key = ?");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_copy(st, 0, buf, size);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "no setting '%s'", key);
	return db_fail(db, "reading settings");
}

int meta_set(struct rl_db *db, const char *key, const char *value)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO meta(key, value) VALUES (?, ?)"
				       " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "writing settings");
}
