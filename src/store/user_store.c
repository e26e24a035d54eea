/*
 * user_store.c: SQL of the users table.
 */
#include <stdio.h>
#include <string.h>

#include "store/db_internal.h"
#include "store/user_store.h"
#include "util/status.h"

/* Every read returns the same columns, in this order, so one function
 * fills a user_rec from any of them. */
#define USER_COLS \
	"u.id, u.login, u.full_name, u.unit_id," \
	" u.roles, u.disabled, u.demo, u.created_at, u.updated_at, u.password_changed_at," \
	" u.password_hash"
#define USER_FROM " FROM users u"

static void row_to_user(sqlite3_stmt *st, struct user_rec *u, char *hash)
{
	memset(u, 0, sizeof(*u));
	db_col_copy(st, 0, u->id, sizeof(u->id));
	db_col_copy(st, 1, u->login, sizeof(u->login));
	db_col_copy(st, 2, u->full_name, sizeof(u->full_name));
	db_col_copy(st, 3, u->unit_id, sizeof(u->unit_id));
	u->roles = (unsigned)sqlite3_column_int(st, 4);
	u->disabled = sqlite3_column_int(st, 5) != 0;
	u->demo = sqlite3_column_int(st, 6) != 0;
	db_col_copy(st, 7, u->created_at, sizeof(u->created_at));
	db_col_copy(st, 8, u->updated_at, sizeof(u->updated_at));
	db_col_copy(st, 9, u->password_changed_at, sizeof(u->password_changed_at));
	if (hash)
		db_col_copy(st, 10, hash, USER_HASH_MAX);
}

int user_store_insert(struct rl_db *db, const struct user_rec *u, const char *hash)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO users(id, login, full_name, unit_id, roles, password_hash, disabled,"
		" demo, created_at, updated_at, password_changed_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, u->id);
	db_bind_text(st, 2, u->login);
	db_bind_text(st, 3, u->full_name);
	db_bind_text(st, 4, u->unit_id);
	sqlite3_bind_int(st, 5, (int)u->roles);
	db_bind_text(st, 6, hash);
	sqlite3_bind_int(st, 7, u->disabled);
	sqlite3_bind_int(st, 8, u->demo);
	db_bind_text(st, 9, u->created_at);
	db_bind_text(st, 10, u->updated_at);
	db_bind_text(st, 11, u->password_changed_at);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE ||
	    sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_PRIMARYKEY)
		return rl_error(RL_ECONFLICT, "login '%s' is already taken", u->login);
	return db_fail(db, "adding the user");
}

static int get_one(struct rl_db *db, sqlite3_stmt *st, const char *key,
		   struct user_rec *u, char *hash)
{
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_to_user(st, u, hash);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "no such user");
	return db_fail(db, "reading the user");
}

int user_store_get_by_login(struct rl_db *db, const char *login, struct user_rec *u, char *hash)
{
	return get_one(db, db_stmt(db, "SELECT " USER_COLS USER_FROM " WHERE u.login = ?"),
		       login, u, hash);
}

int user_store_get_by_id(struct rl_db *db, const char *id, struct user_rec *u, char *hash)
{
	return get_one(db, db_stmt(db, "SELECT " USER_COLS USER_FROM " WHERE u.id = ?"),
		       id, u, hash);
}

int user_store_list(struct rl_db *db, const struct user_store_filter *f,
		    user_store_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " USER_COLS USER_FROM
		" WHERE (?1 IS NULL OR u.unit_id = ?1)"
		"   AND (?2 = 0 OR (u.roles & ?2) != 0)"
		"   AND (?3 < 0 OR u.disabled = ?3)"
		"   AND (?4 < 0 OR u.demo = ?4)"
		"   AND (?5 IS NULL OR u.login > ?5)"
		" ORDER BY u.login LIMIT ?6");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, f->unit_id);
	sqlite3_bind_int(st, 2, (int)f->roles);
	sqlite3_bind_int(st, 3, f->disabled);
	sqlite3_bind_int(st, 4, f->demo);
	db_bind_text(st, 5, f->after);
	sqlite3_bind_int64(st, 6, f->limit > 0 ? f->limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct user_rec u;
		int r;

		row_to_user(st, &u, NULL);
		if ((r = cb(&u, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing users");
}

/* Runs an UPDATE of one user whose parameters are bound by the caller
 * except the last two (now, id). */
static int finish_update(struct rl_db *db, sqlite3_stmt *st, int n, const char *id,
			 const char *now)
{
	int rc;

	db_bind_text(st, n, now);
	db_bind_text(st, n + 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "changing the user");
	if (sqlite3_changes(db_handle(db)) == 0)
		return rl_error(RL_ENOTFOUND, "no such user");
	return 0;
}

int user_store_set_password(struct rl_db *db, const char *id, const char *hash, const char *now)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE users SET password_hash = ?1,"
				       " password_changed_at = ?2, updated_at = ?2 WHERE id = ?3");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, hash);
	return finish_update(db, st, 2, id, now);
}

int user_store_set_disabled(struct rl_db *db, const char *id, bool disabled, const char *now)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE users SET disabled = ?1, updated_at = ?2 WHERE id = ?3");
	if (!st)
		return rl_errcode();
	sqlite3_bind_int(st, 1, disabled);
	return finish_update(db, st, 2, id, now);
}

int user_store_set_roles(struct rl_db *db, const char *id, unsigned roles, const char *now)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE users SET roles = ?1, updated_at = ?2 WHERE id = ?3");
	if (!st)
		return rl_errcode();
	sqlite3_bind_int(st, 1, (int)roles);
	return finish_update(db, st, 2, id, now);
}

int user_store_set_unit(struct rl_db *db, const char *id, const char *unit_id, const char *now)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE users SET unit_id = ?1, updated_at = ?2 WHERE id = ?3");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	return finish_update(db, st, 2, id, now);
}

int user_store_set_name(struct rl_db *db, const char *id, const char *name, const char *now)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE users SET full_name = ?1, updated_at = ?2 WHERE id = ?3");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, name);
	return finish_update(db, st, 2, id, now);
}
