/*
 * session_store.c: SQL of the sessions and signin_throttle tables.
 */
#include <string.h>

#include "store/db_internal.h"
#include "store/session_store.h"
#include "util/status.h"

int session_store_insert(struct rl_db *db, const struct session_rec *s)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO sessions(id, token_hash, user_id, created_ms, last_seen_ms,"
		" idle_until_ms, expires_ms, csrf_token, client_ip) VALUES (?,?,?,?,?,?,?,?,?)");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, s->id);
	db_bind_text(st, 2, s->token_hash);
	db_bind_text(st, 3, s->user_id);
	sqlite3_bind_int64(st, 4, s->created_ms);
	sqlite3_bind_int64(st, 5, s->last_seen_ms);
	sqlite3_bind_int64(st, 6, s->idle_until_ms);
	sqlite3_bind_int64(st, 7, s->expires_ms);
	db_bind_text(st, 8, s->csrf);
	db_bind_text(st, 9, s->client_ip);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording the session");
}

int session_store_get(struct rl_db *db, const char *token_hash, struct session_rec *s)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT id, token_hash, user_id, created_ms, last_seen_ms, idle_until_ms,"
		" expires_ms, csrf_token, client_ip, ended_ms FROM sessions WHERE token_hash = ?");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, token_hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(s, 0, sizeof(*s));
		db_col_copy(st, 0, s->id, sizeof(s->id));
		db_col_copy(st, 1, s->token_hash, sizeof(s->token_hash));
		db_col_copy(st, 2, s->user_id, sizeof(s->user_id));
		s->created_ms = sqlite3_column_int64(st, 3);
		s->last_seen_ms = sqlite3_column_int64(st, 4);
		s->idle_until_ms = sqlite3_column_int64(st, 5);
		s->expires_ms = sqlite3_column_int64(st, 6);
		db_col_copy(st, 7, s->csrf, sizeof(s->csrf));
		db_col_copy(st, 8, s->client_ip, sizeof(s->client_ip));
		s->ended_ms = sqlite3_column_int64(st, 9); /* NULL reads as 0 */
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "no such session");
	return db_fail(db, "reading the session");
}

int session_store_touch(struct rl_db *db, const char *id, int64_t last_seen_ms,
			int64_t idle_until_ms)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE sessions SET last_seen_ms = ?, idle_until_ms = ?"
				       " WHERE id = ? AND ended_ms IS NULL");
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, last_seen_ms);
	sqlite3_bind_int64(st, 2, idle_until_ms);
	db_bind_text(st, 3, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "touching the session");
}

int session_store_end(struct rl_db *db, const char *id, int64_t now_ms)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE sessions SET ended_ms = ? WHERE id = ? AND ended_ms IS NULL");
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, now_ms);
	db_bind_text(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "ending the session");
	if (!sqlite3_changes(db_handle(db)))
		return rl_error(RL_ENOTFOUND, "no such session");
	return 0;
}

int session_store_end_user(struct rl_db *db, const char *user_id, const char *keep_id,
			   int64_t now_ms, int *ended)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE sessions SET ended_ms = ?1 WHERE user_id = ?2"
				       " AND ended_ms IS NULL AND (?3 IS NULL OR id != ?3)");
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, now_ms);
	db_bind_text(st, 2, user_id);
	db_bind_text(st, 3, keep_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "ending the user's sessions");
	if (ended)
		*ended = sqlite3_changes(db_handle(db));
	return 0;
}

int throttle_store_get(struct rl_db *db, const char *kind, const char *key,
		       struct throttle_rec *t)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT failures, window_ms, locked_ms FROM signin_throttle"
				       " WHERE kind = ? AND key = ?");
	int rc;

	memset(t, 0, sizeof(*t));
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t->failures = sqlite3_column_int(st, 0);
		t->window_ms = sqlite3_column_int64(st, 1);
		t->locked_ms = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, "reading sign-in failures");
}

int throttle_store_put(struct rl_db *db, const char *kind, const char *key,
		       const struct throttle_rec *t)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO signin_throttle(kind, key, failures, window_ms, locked_ms) VALUES (?,?,?,?,?)"
		" ON CONFLICT(kind, key) DO UPDATE SET failures = excluded.failures,"
		" window_ms = excluded.window_ms, locked_ms = excluded.locked_ms");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, key);
	sqlite3_bind_int(st, 3, t->failures);
	sqlite3_bind_int64(st, 4, t->window_ms);
	sqlite3_bind_int64(st, 5, t->locked_ms);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording a sign-in failure");
}

int throttle_store_clear(struct rl_db *db, const char *kind, const char *key)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM signin_throttle WHERE kind = ? AND key = ?");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, key);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "clearing sign-in failures");
}

int throttle_store_prune(struct rl_db *db, int64_t before_ms)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM signin_throttle WHERE window_ms < ?1 AND locked_ms < ?1");
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, before_ms);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "pruning sign-in failures");
}
