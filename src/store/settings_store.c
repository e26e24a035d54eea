/*
 * settings_store.c: the settings table (see settings_store.h).
 */
#include <string.h>

#include "store/db_internal.h"
#include "store/settings_store.h"
#include "util/status.h"
#include "util/banned.h"

static void read_row(sqlite3_stmt *st, struct setting_rec *out)
{
	memset(out, 0, sizeof(*out));
	db_col_copy(st, 0, out->key, sizeof(out->key));
	db_col_copy(st, 1, out->value, sizeof(out->value));
	out->updated_ms = sqlite3_column_int64(st, 2);
	db_col_copy(st, 3, out->updated_by, sizeof(out->updated_by));
}

int settings_store_get(struct rl_db *db, const char *key, struct setting_rec *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT key, value, updated_ms, updated_by FROM settings WHERE key = ?");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return RL_ENOTFOUND;
	return db_fail(db, "reading settings");
}

int settings_store_set(struct rl_db *db, const char *key, const char *value, int64_t now,
		       const char *by)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO settings(key, value, updated_ms, updated_by)"
				       " VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
				       " value = excluded.value, updated_ms = excluded.updated_ms,"
				       " updated_by = excluded.updated_by");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	sqlite3_bind_int64(st, 3, now);
	db_bind_text(st, 4, by);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "writing settings");
}

int settings_store_unset(struct rl_db *db, const char *key, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM settings WHERE key = ?");
	int rc;

	*n = 0;
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "removing a setting");
	*n = sqlite3_changes(db_handle(db));
	return 0;
}

int settings_store_list(struct rl_db *db, int (*cb)(const struct setting_rec *s, void *data),
			void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT key, value, updated_ms, updated_by FROM settings ORDER BY key");
	struct setting_rec s;
	int rc, r = 0;

	if (!st)
		return rl_errcode();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &s);
		if ((r = cb(&s, data)))
			break;
	}
	sqlite3_reset(st);
	if (r)
		return r;
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing settings");
}
