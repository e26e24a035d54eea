/*
 * msg_link_store.c: links from messages to other records (see
 * msg_link_store.h).
 */
#include <string.h>

#include "store/db_internal.h"
#include "store/msg_link_store.h"
#include "util/status.h"
#include "util/banned.h"

int msg_link_store_add(struct rl_db *db, int64_t seq, const char *kind, const char *record_id,
		       int64_t now, const char *by)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO message_links(msg_seq, kind, record_id, created_ms, created_by)"
				       " VALUES (?, ?, ?, ?, ?)");
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, record_id);
	sqlite3_bind_int64(st, 4, now);
	db_bind_text(st, 5, by);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return rl_error(RL_ECONFLICT, "the message is already linked to this %s", kind);
	return db_fail(db, "linking a message");
}

int msg_link_store_remove(struct rl_db *db, int64_t seq, const char *kind, const char *record_id,
			  int *n)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM message_links WHERE msg_seq = ? AND kind = ? AND record_id = ?");
	int rc;

	*n = 0;
	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, record_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "unlinking a message");
	*n = sqlite3_changes(db_handle(db));
	return 0;
}

int msg_link_store_count(struct rl_db *db, int64_t seq, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM message_links WHERE msg_seq = ?");
	int rc;

	*n = 0;
	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, "counting a message's links");
}

int msg_link_store_list(struct rl_db *db, int64_t seq,
			int (*cb)(const struct msg_link_rec *l, void *data), void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT kind, record_id, created_ms, created_by FROM message_links"
				       " WHERE msg_seq = ? ORDER BY created_ms, rowid");
	struct msg_link_rec l;
	int rc, r = 0;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&l, 0, sizeof(l));
		db_col_copy(st, 0, l.kind, sizeof(l.kind));
		db_col_copy(st, 1, l.record_id, sizeof(l.record_id));
		l.created_ms = sqlite3_column_int64(st, 2);
		db_col_copy(st, 3, l.created_by, sizeof(l.created_by));
		if ((r = cb(&l, data)))
			break;
	}
	sqlite3_reset(st);
	if (r)
		return r;
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing a message's links");
}
