/*
 * db_internal.h: what the store/ files share and nothing outside store/
 * may include: the SQLite handle and the prepared-statement cache.
 *
 * db_stmt() returns a cached, reset statement for a SQL string literal;
 * the cache owns it, the caller must not finalize it, and must not hold it
 * across another call that may use the same SQL. The cache is keyed by the
 * literal's address, so pass string literals (or other static strings).
 */
#ifndef RL_STORE_DB_INTERNAL_H
#define RL_STORE_DB_INTERNAL_H

#include <sqlite3.h>

#include "store/db.h"

sqlite3 *db_handle(struct rl_db *db);

/* A prepared statement for sql (a static string), reset and unbound;
 * NULL on error with rl_error() set. */
sqlite3_stmt *db_stmt(struct rl_db *db, const char *sql);

/* rl_error() for a failed SQLite call: RL_ECONFLICT for constraint
 * violations, RL_EIO otherwise; `what` says what was being done. */
int db_fail(struct rl_db *db, const char *what);

/* Binds a C string or NULL as text (SQLITE_TRANSIENT copy). */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);

/* A column as a newly allocated string (NULL stays NULL); caller frees. */
char *db_col_strdup(sqlite3_stmt *st, int col);

/* Copies a text column into a fixed buffer, truncating; "" for NULL. */
void db_col_copy(sqlite3_stmt *st, int col, char *buf, size_t size);

/*
 * Per-connection memory of a store module (a cache that must never be
 * shared between connections or databases): `size` zeroed bytes on the
 * first call for `which`, the same block afterwards. Owned by the
 * connection and freed by db_close(); it must hold no pointers to memory
 * of its own.
 */
enum db_memo {
	DB_MEMO_INBOX_COUNTS,     /* message_store.c: overdue counts by unit */
	DB_MEMO_MAX
};
void *db_memo(struct rl_db *db, enum db_memo which, size_t size);

#endif
