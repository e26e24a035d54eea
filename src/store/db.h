/*
 * db.h: the Redline database, an SQLite file.
 *
 * Opening sets foreign keys on, WAL journaling, a busy timeout and
 * synchronous=FULL (a write that returned is on disk), then applies the
 * numbered migrations in src/store/migrations/ that the file lacks, each
 * in its own transaction, recording the version in PRAGMA user_version.
 *
 * Every write of Redline runs between db_begin() and db_commit() together
 * with its audit record (store/audit.h); on any failure the caller calls
 * db_rollback() and nothing of the change remains.
 *
 * A struct rl_db is one SQLite connection: use it from one thread at a
 * time. The server opens one per worker thread.
 *
 * Ownership: db_open() returns a handle the caller closes with db_close().
 */
#ifndef RL_STORE_DB_H
#define RL_STORE_DB_H

#include <stdbool.h>

#include "util/strbuf.h"

struct rl_db;

enum db_open_flags {
	DB_CREATE = 1 << 0,   /* create the file if it does not exist */
	DB_READONLY = 1 << 1, /* open read-only, apply no migration */
};

/* Opens (and migrates) the database at path. */
int db_open(const char *path, unsigned flags, struct rl_db **out);
void db_close(struct rl_db *db);

/* The path the database was opened with. */
const char *db_path(const struct rl_db *db);

/* BEGIN IMMEDIATE: takes the write lock now, so a transaction never fails
 * half-way on lock upgrade. Transactions do not nest. */
int db_begin(struct rl_db *db);
int db_commit(struct rl_db *db);
void db_rollback(struct rl_db *db);
bool db_in_transaction(const struct rl_db *db);

/* Resets every cached statement, ending the read snapshot that a SELECT
 * left on its row would hold (so later reads see other connections'
 * writes). db_begin() and db_begin_read() do it; a server calls it before
 * each request on a long-lived connection. */
void db_reset_statements(struct rl_db *db);

/* Read transactions give a consistent snapshot across several queries. */
int db_begin_read(struct rl_db *db);

/*
 * The end of a unit of work (one server request): resets every statement
 * still active and rolls back a transaction left open, so the connection
 * holds no read snapshot or lock while it waits for the next request (a
 * stale snapshot makes the next BEGIN IMMEDIATE fail with "database is
 * locked" as soon as another connection has written). Returns how many
 * were found (each a bug), their SQL appended to `found` if not NULL.
 */
int db_idle(struct rl_db *db, struct strbuf *found);

/* Schema version (number of the last applied migration). */
int db_schema_version(struct rl_db *db);

/* Newest migration this binary knows. */
int db_schema_latest(void);

/* Runs PRAGMA integrity_check and foreign_key_check; appends findings to
 * report. Returns 0 if all is well, RL_EIO otherwise. */
int db_check(struct rl_db *db, struct strbuf *report);

/* A consistent online copy of the database into a new file at dest. */
int db_backup(struct rl_db *db, const char *dest);

#endif
