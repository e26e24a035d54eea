/*
 * db.c: opening, migrating, transactions, checks and backups of the SQLite
 * database, and the prepared-statement cache used by every store/ file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db_internal.h"
#include "util/asset.h"
#include "util/status.h"
#include "util/xalloc.h"

/* Generated from src/store/migrations/NNNN_*.sql, in numeric order. */
extern const struct rl_asset rl_migrations[];

/* Statements the cache holds; more distinct statements than this are
 * prepared and cached by evicting the oldest. */
#define STMT_CACHE_MAX 256

struct stmt_slot {
	const char *sql;   /* the literal's address: the key */
	sqlite3_stmt *st;  /* owned by the cache */
};

struct rl_db {
	sqlite3 *h;              /* the connection */
	char *path;              /* as given to db_open */
	int in_tx;               /* 1 between db_begin and commit/rollback */
	size_t nslots;           /* used entries of slots */
	size_t next_evict;       /* round-robin eviction index once full */
	struct stmt_slot slots[STMT_CACHE_MAX];
	void *memo[DB_MEMO_MAX]; /* see db_memo(); owned */
};

sqlite3 *db_handle(struct rl_db *db)
{
	return db->h;
}

const char *db_path(const struct rl_db *db)
{
	return db->path;
}

int db_fail(struct rl_db *db, const char *what)
{
	int ec = sqlite3_extended_errcode(db->h);
	int code = (ec & 0xff) == SQLITE_CONSTRAINT ? RL_ECONFLICT : RL_EIO;
	return rl_error(code, "%s: %s", what, sqlite3_errmsg(db->h));
}

static int exec(struct rl_db *db, const char *sql, const char *what)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = rl_error(RL_EIO, "%s: %s", what, msg ? msg : "unknown error");
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

sqlite3_stmt *db_stmt(struct rl_db *db, const char *sql)
{
	size_t i;
	sqlite3_stmt *st;

	for (i = 0; i < db->nslots; i++)
		if (db->slots[i].sql == sql) {
			st = db->slots[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail(db, "preparing a query");
		return NULL;
	}
	if (db->nslots < STMT_CACHE_MAX) {
		i = db->nslots++;
	} else {
		i = db->next_evict;
		db->next_evict = (db->next_evict + 1) % STMT_CACHE_MAX;
		sqlite3_finalize(db->slots[i].st);
	}
	db->slots[i].sql = sql;
	db->slots[i].st = st;
	return st;
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

char *db_col_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}

void db_col_copy(sqlite3_stmt *st, int col, char *buf, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, col) : 0;

	/* memcpy, not snprintf: every row of every list copies columns. */
	if (!size)
		return;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(buf, t, n);
	buf[n] = '\0';
}

static int user_version(struct rl_db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The version number a migration's file name starts with ("0003_x.sql"). */
static int atoi_safe_migration(const char *name, int dflt)
{
	char *end;
	long v = strtol(name, &end, 10);
	return end > name && *end == '_' && v > 0 && v < 100000 ? (int)v : dflt;
}

int db_schema_latest(void)
{
	int n = 0;
	for (const struct rl_asset *a = rl_migrations; a->name; a++)
		n = atoi_safe_migration(a->name, n) > n ? atoi_safe_migration(a->name, n) : n;
	return n;
}

int db_schema_version(struct rl_db *db)
{
	return user_version(db);
}

static int migrate(struct rl_db *db)
{
	int have = user_version(db);

	if (have < 0)
		return db_fail(db, "reading the schema version");
	if (have > db_schema_latest())
		return rl_error(RL_EIO, "database schema version %d is newer than this redline (%d)",
				have, db_schema_latest());
	for (const struct rl_asset *a = rl_migrations, *prev = NULL; a->name; prev = a++) {
		int v = atoi_safe_migration(a->name, 0);
		char pragma[64];

		/* user_version is the last number applied, so a list out of
		 * numeric order would skip or repeat a migration on reopen. */
		if (prev && v <= atoi_safe_migration(prev->name, 0))
			return rl_error(RL_EINTERNAL, "migration %s is listed after %s: src/store/meson.build "
					"must list migrations in numeric order", a->name, prev->name);
		if (v <= have)
			continue;
		if (db_begin(db))
			return rl_errcode();
		if (exec(db, (const char *)a->data, a->name)) {
			db_rollback(db);
			return RL_EIO;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v);
		if (exec(db, pragma, "recording the schema version")) {
			db_rollback(db);
			return RL_EIO;
		}
		if (db_commit(db))
			return rl_errcode();
	}
	return 0;
}

int db_open(const char *path, unsigned flags, struct rl_db **out)
{
	struct rl_db *db;
	int oflags;

	*out = NULL;
	if (!(flags & DB_CREATE) && access(path, F_OK))
		return rl_error(RL_ENOTFOUND, "no database at '%s' (run 'redline init' first)", path);
	oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY
				       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	oflags |= SQLITE_OPEN_NOMUTEX;
	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		rl_error(RL_EIO, "cannot open database '%s': %s", path,
			 db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return RL_EIO;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	if (exec(db, "PRAGMA foreign_keys = ON", "enabling foreign keys") ||
	    (!(flags & DB_READONLY) &&
	     (exec(db, "PRAGMA journal_mode = WAL", "enabling WAL") ||
	      exec(db, "PRAGMA synchronous = FULL", "setting synchronous"))) ||
	    exec(db, "PRAGMA trusted_schema = OFF", "distrusting the schema")) {
		db_close(db);
		return RL_EIO;
	}
	/* Fail early on a file that is not a database, with a clear message. */
	if (user_version(db) < 0) {
		rl_error(RL_EIO, "'%s' is not a redline database: %s", path, sqlite3_errmsg(db->h));
		db_close(db);
		return RL_EIO;
	}
	if (!(flags & DB_READONLY) && migrate(db)) {
		db_close(db);
		return RL_EIO;
	}
	*out = db;
	return 0;
}

void db_close(struct rl_db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->nslots; i++)
		sqlite3_finalize(db->slots[i].st);
	for (int i = 0; i < DB_MEMO_MAX; i++)
		free(db->memo[i]);
	if (db->h)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}

void *db_memo(struct rl_db *db, enum db_memo which, size_t size)
{
	if (!db->memo[which])
		db->memo[which] = xcalloc(1, size);
	return db->memo[which];
}

void db_reset_statements(struct rl_db *db)
{
	for (size_t i = 0; i < db->nslots; i++)
		sqlite3_reset(db->slots[i].st);
}

int db_begin(struct rl_db *db)
{
	if (db->in_tx)
		return rl_error(RL_EINTERNAL, "transaction already open");
	/* A statement left active by a read (a one-row lookup returns before
	 * SQLITE_DONE) holds a snapshot; if another connection wrote since,
	 * BEGIN IMMEDIATE cannot upgrade it and fails at once, busy timeout
	 * or not. Results have been copied out by now: let go of them. */
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->h, NULL); st; st = sqlite3_next_stmt(db->h, st))
		if (sqlite3_stmt_busy(st))
			sqlite3_reset(st);
	if (exec(db, "BEGIN IMMEDIATE", "starting a transaction"))
		return RL_EIO;
	db->in_tx = 1;
	return 0;
}

int db_idle(struct rl_db *db, struct strbuf *found)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	while ((st = sqlite3_next_stmt(db->h, st)) != NULL) {
		if (!sqlite3_stmt_busy(st))
			continue;
		if (found)
			strbuf_addf(found, "%sstatement not reset: %.120s", n ? "; " : "", sqlite3_sql(st));
		sqlite3_reset(st);
		n++;
	}
	if (db->in_tx) {
		if (found)
			strbuf_addf(found, "%stransaction left open", n ? "; " : "");
		db_rollback(db);
		n++;
	}
	return n;
}

int db_begin_read(struct rl_db *db)
{
	if (db->in_tx)
		return rl_error(RL_EINTERNAL, "transaction already open");
	db_reset_statements(db);
	if (exec(db, "BEGIN DEFERRED", "starting a read transaction"))
		return RL_EIO;
	db->in_tx = 1;
	return 0;
}

int db_commit(struct rl_db *db)
{
	if (!db->in_tx)
		return rl_error(RL_EINTERNAL, "commit without a transaction");
	if (exec(db, "COMMIT", "committing")) {
		int rc = rl_errcode();
		db_rollback(db);
		return rc;
	}
	db->in_tx = 0;
	return 0;
}

void db_rollback(struct rl_db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

bool db_in_transaction(const struct rl_db *db)
{
	return db->in_tx;
}

static int check_pragma(struct rl_db *db, const char *sql, const char *ok, struct strbuf *report)
{
	sqlite3_stmt *st;
	int bad = 0;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (ok && r && !strcmp(r, ok))
			continue;
		bad = 1;
		strbuf_addf(report, "%s:", sql + 7);
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			strbuf_addf(report, " %s", v ? v : "NULL");
		}
		strbuf_addch(report, '\n');
	}
	sqlite3_finalize(st);
	return bad ? RL_EIO : 0;
}

int db_check(struct rl_db *db, struct strbuf *report)
{
	int a = check_pragma(db, "PRAGMA integrity_check", "ok", report);
	int b = check_pragma(db, "PRAGMA foreign_key_check", NULL, report);
	if (a || b)
		return rl_error(RL_EIO, "database check failed");
	return 0;
}

int db_backup(struct rl_db *db, const char *dest)
{
	sqlite3 *to;
	sqlite3_backup *b;
	int rc;

	if (!access(dest, F_OK))
		return rl_error(RL_ECONFLICT, "'%s' already exists", dest);
	if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		rl_error(RL_EIO, "cannot create '%s': %s", dest, sqlite3_errmsg(to));
		sqlite3_close(to);
		return RL_EIO;
	}
	b = sqlite3_backup_init(to, "main", db->h, "main");
	if (!b) {
		rl_error(RL_EIO, "backup: %s", sqlite3_errmsg(to));
		sqlite3_close(to);
		unlink(dest);
		return RL_EIO;
	}
	/* Copy in steps so writers are not blocked for long; a step that hits
	 * a concurrent write restarts the copy, which sqlite handles. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(10);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rl_error(RL_EIO, "backup failed: %s", sqlite3_errstr(rc));
		sqlite3_close(to);
		unlink(dest);
		return RL_EIO;
	}
	rc = sqlite3_close(to);
	return rc == SQLITE_OK ? 0 : rl_error(RL_EIO, "closing backup: %s", sqlite3_errstr(rc));
}
