/*
 * unit_store.c: the SQL of the directory (see unit_store.h and migration
 * 0002 for the time model: sentinel dates, one history period per row).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "store/unit_store.h"
#include "util/id.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define SINCE_ALWAYS "0001-01-01"
#define STILL_VALID "9999-12-31"

static const char *from_or_open(const char *d)
{
	return d && *d ? d : SINCE_ALWAYS;
}

static const char *to_or_open(const char *d)
{
	return d && *d ? d : STILL_VALID;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/*
 * Every query that returns units selects these columns, from the unit's
 * history period holding the date ?2 clamped into the unit's lifetime, so
 * a unit that no longer exists shows as it was last.
 */
#define UNIT_COLS \
	"u.id, u.code, u.country, u.level, l.key, v.name_local, v.name_en, v.name_other, " \
	"v.border, v.parent_id, p.code, u.demo, NULLIF(u.valid_from, '0001-01-01'), " \
	"NULLIF(u.valid_to, '9999-12-31'), s.code, NULLIF(v.valid_from, '0001-01-01'), " \
	"NULLIF(v.valid_to, '9999-12-31'), (u.valid_from <= ?2 AND ?2 <= u.valid_to), " \
	"CASE WHEN v.border = 1 THEN (SELECT date(MAX(w.valid_to), '+1 day') FROM unit_versions w " \
	"  WHERE w.unit_id = u.id AND w.border = 0 AND w.valid_to < v.valid_from) END"
#define UNIT_FROM \
	" FROM units u JOIN levels l ON l.country = u.country AND l.rank = u.level " \
	"JOIN unit_versions v ON v.unit_id = u.id " \
	"  AND v.valid_from <= max(u.valid_from, min(u.valid_to, ?2)) " \
	"  AND max(u.valid_from, min(u.valid_to, ?2)) <= v.valid_to " \
	"LEFT JOIN units p ON p.id = v.parent_id LEFT JOIN units s ON s.id = u.successor "

static void read_unit(sqlite3_stmt *st, int c, struct unit *u)
{
	memset(u, 0, sizeof(*u));
	db_col_copy(st, c + 0, u->id, sizeof(u->id));
	db_col_copy(st, c + 1, u->code, sizeof(u->code));
	db_col_copy(st, c + 2, u->country, sizeof(u->country));
	u->level = sqlite3_column_int(st, c + 3);
	db_col_copy(st, c + 4, u->level_key, sizeof(u->level_key));
	db_col_copy(st, c + 5, u->name_local, sizeof(u->name_local));
	db_col_copy(st, c + 6, u->name_en, sizeof(u->name_en));
	db_col_copy(st, c + 7, u->name_other, sizeof(u->name_other));
	u->border = sqlite3_column_int(st, c + 8) != 0;
	db_col_copy(st, c + 9, u->parent_id, sizeof(u->parent_id));
	db_col_copy(st, c + 10, u->parent_code, sizeof(u->parent_code));
	u->demo = sqlite3_column_int(st, c + 11) != 0;
	db_col_copy(st, c + 12, u->valid_from, sizeof(u->valid_from));
	db_col_copy(st, c + 13, u->valid_to, sizeof(u->valid_to));
	db_col_copy(st, c + 14, u->successor_code, sizeof(u->successor_code));
	db_col_copy(st, c + 15, u->version_from, sizeof(u->version_from));
	db_col_copy(st, c + 16, u->version_to, sizeof(u->version_to));
	u->exists = sqlite3_column_int(st, c + 17) != 0;
	db_col_copy(st, c + 18, u->border_from, sizeof(u->border_from));
}

static void today_or(const char *on, char buf[RL_DATE_LEN + 1])
{
	if (on && *on)
		snprintf(buf, RL_DATE_LEN + 1, "%s", on);
	else
		rl_today(buf);
}

/* ---- countries and levels ---- */

static void read_country(sqlite3_stmt *st, struct unit_country *c)
{
	db_col_copy(st, 0, c->code, sizeof(c->code));
	db_col_copy(st, 1, c->prefix, sizeof(c->prefix));
	db_col_copy(st, 2, c->name_en, sizeof(c->name_en));
	db_col_copy(st, 3, c->name_local, sizeof(c->name_local));
	db_col_copy(st, 4, c->ministry_en, sizeof(c->ministry_en));
	db_col_copy(st, 5, c->ministry_local, sizeof(c->ministry_local));
}

int unit_store_country(struct rl_db *db, const char *code, struct unit_country *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT code, prefix, name_en, name_local, ministry_en, "
				       "ministry_local FROM countries WHERE code = ?1");
	int r;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, code);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		read_country(st, out);
		sqlite3_reset(st);
		return 0;
	}
	if (r != SQLITE_DONE)
		return db_fail(db, "reading a country");
	return rl_error(RL_ENOTFOUND, "unknown country '%s'", code);
}

int unit_store_countries(struct rl_db *db, int (*cb)(const struct unit_country *, void *), void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT code, prefix, name_en, name_local, ministry_en, "
				       "ministry_local FROM countries ORDER BY code");
	int r, rc;

	if (!st)
		return rl_errcode();
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit_country c;
		read_country(st, &c);
		if ((rc = cb(&c, data))) {
			sqlite3_reset(st);
			return rc;
		}
	}
	return r == SQLITE_DONE ? 0 : db_fail(db, "listing countries");
}

int unit_store_level(struct rl_db *db, const char *country, int rank, struct unit_level *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT country, rank, key, name_en, name_local, romanized, "
				       "NULLIF(valid_from, '0001-01-01'), NULLIF(valid_to, '9999-12-31') "
				       "FROM levels WHERE country = ?1 AND rank = ?2");
	int r;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, country);
	sqlite3_bind_int(st, 2, rank);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		db_col_copy(st, 0, out->country, sizeof(out->country));
		out->rank = sqlite3_column_int(st, 1);
		db_col_copy(st, 2, out->key, sizeof(out->key));
		db_col_copy(st, 3, out->name_en, sizeof(out->name_en));
		db_col_copy(st, 4, out->name_local, sizeof(out->name_local));
		db_col_copy(st, 5, out->romanized, sizeof(out->romanized));
		db_col_copy(st, 6, out->valid_from, sizeof(out->valid_from));
		db_col_copy(st, 7, out->valid_to, sizeof(out->valid_to));
		sqlite3_reset(st);
		return 0;
	}
	if (r != SQLITE_DONE)
		return db_fail(db, "reading a level");
	return rl_error(RL_ENOTFOUND, "country '%s' has no level %d", country, rank);
}

int unit_store_parent_rank(struct rl_db *db, const char *country, int rank, const char *on, int *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT IFNULL(MAX(rank), -1) FROM levels WHERE country = ?1 "
				       "AND rank < ?2 AND valid_from <= ?3 AND ?3 <= valid_to");

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, country);
	sqlite3_bind_int(st, 2, rank);
	db_bind_text(st, 3, from_or_open(on));
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "reading levels");
	*out = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

int unit_store_level_parse(struct rl_db *db, const char *country, const char *s, int *rank)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT rank FROM levels WHERE country = ?1 "
				       "AND (key = ?2 OR CAST(rank AS TEXT) = ?2)");
	int r;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, country);
	db_bind_text(st, 2, s);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*rank = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	if (r != SQLITE_DONE)
		return db_fail(db, "reading a level");
	return rl_error(RL_EINVAL, "unknown level '%s' for %s", s, country);
}

/* ---- reading units ---- */

static const char sql_find[] =
	"SELECT " UNIT_COLS UNIT_FROM "WHERE u.code = ?1 OR u.id = ?1";

int unit_store_find(struct rl_db *db, const char *code_or_id, const char *on, struct unit *out)
{
	char d[RL_DATE_LEN + 1];
	sqlite3_stmt *st = db_stmt(db, sql_find);
	int r;

	if (!st)
		return rl_errcode();
	today_or(on, d);
	db_bind_text(st, 1, code_or_id);
	db_bind_text(st, 2, d);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		read_unit(st, 0, out);
		sqlite3_reset(st);
		return 0;
	}
	if (r != SQLITE_DONE)
		return db_fail(db, "reading a unit");
	return rl_error(RL_ENOTFOUND, "unknown unit '%s'", code_or_id);
}

int unit_store_country_of(struct rl_db *db, const char *id, char country[4])
{
	static const char sql[] = "SELECT country FROM units WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int r;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		db_col_copy(st, 0, country, 4);
	sqlite3_reset(st);
	if (r == SQLITE_ROW)
		return 0;
	if (r != SQLITE_DONE)
		return db_fail(db, "reading a unit");
	return rl_error(RL_ENOTFOUND, "unknown unit '%s'", id);
}

int unit_store_exists_on(struct rl_db *db, const char *code_or_id, const char *on, bool *out)
{
	struct unit u;
	int rc = unit_store_find(db, code_or_id, on, &u);
	if (!rc)
		*out = u.exists;
	return rc;
}

int unit_store_border_on(struct rl_db *db, const char *code_or_id, const char *on, bool *out)
{
	struct unit u;
	int rc = unit_store_find(db, code_or_id, on, &u);
	if (!rc)
		*out = u.exists && u.border;
	return rc;
}

int unit_store_ancestors(struct rl_db *db, const char *id, const char *on, unit_cb cb, void *data)
{
	struct unit u;
	int rc;

	if ((rc = unit_store_find(db, id, on, &u)))
		return rc;
	/* Parents are strictly lower ranks, so the walk is at most UNIT_LEVELS long. */
	for (int i = 0; i < UNIT_LEVELS && u.parent_id[0]; i++) {
		char pid[RL_ID_LEN + 1];
		memcpy(pid, u.parent_id, sizeof(pid));
		if ((rc = unit_store_find(db, pid, on, &u)))
			return rc;
		if ((rc = cb(&u, data)))
			return rc;
	}
	return 0;
}

static const char sql_list[] =
	"SELECT " UNIT_COLS UNIT_FROM
	"WHERE (?3 IS NULL OR u.country = ?3) AND (?4 < 0 OR u.level = ?4) "
	"AND (?5 IS NULL OR instr(v.fold, ?5) > 0 OR instr(lower(replace(u.code, '-', ' ')), ?5) > 0) "
	"AND (?6 < 0 OR v.border = ?6) "
	"AND (?7 < 0 OR u.demo = ?7) AND (?8 IS NULL OR v.parent_id = ?8) "
	"AND (?9 IS NULL OR u.code > ?9) AND (?10 = 0 OR (u.valid_from <= ?2 AND ?2 <= u.valid_to)) "
	"ORDER BY u.code LIMIT ?11";

struct unit_vec {
	struct unit *v;
	size_t n, alloc;
};

static int collect(const struct unit *u, void *data)
{
	struct unit_vec *vec = data;
	ALLOC_GROW(vec->v, vec->n + 1, vec->alloc);
	vec->v[vec->n++] = *u;
	return 0;
}

int unit_store_list(struct rl_db *db, const struct unit_filter *f, unit_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db, sql_list);
	struct unit_vec vec = { 0 };
	int r, rc = 0;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 2, f->on ? f->on : STILL_VALID);
	db_bind_text(st, 3, f->country);
	sqlite3_bind_int(st, 4, f->level);
	db_bind_text(st, 5, f->q && *f->q ? f->q : NULL);
	sqlite3_bind_int(st, 6, f->border);
	sqlite3_bind_int(st, 7, f->demo);
	db_bind_text(st, 8, f->parent_id);
	db_bind_text(st, 9, f->after_code);
	sqlite3_bind_int(st, 10, f->on != NULL);
	sqlite3_bind_int(st, 11, f->limit > 0 ? f->limit : -1);
	/* Collect first: a callback may run other unit queries, which would
	 * reset this cached statement under us. */
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit u;
		read_unit(st, 0, &u);
		collect(&u, &vec);
	}
	if (r != SQLITE_DONE)
		rc = db_fail(db, "listing units");
	for (size_t i = 0; !rc && i < vec.n; i++)
		rc = cb(&vec.v[i], data);
	free(vec.v);
	return rc;
}

static int subtree(struct rl_db *db, const struct unit *u, const char *on, int depth,
		   unit_tree_cb cb, void *data)
{
	struct unit_filter f = { .level = -1, .border = -1, .demo = -1, .on = on, .parent_id = u->id };
	struct unit_vec vec = { 0 };
	int rc;

	if ((rc = cb(u, depth, data)))
		return rc;
	if (depth >= UNIT_LEVELS) /* ranks strictly grow downwards: deeper is a broken invariant */
		return rl_error(RL_EINTERNAL, "directory deeper than %d levels under '%s'", UNIT_LEVELS, u->code);
	rc = unit_store_list(db, &f, collect, &vec);
	for (size_t i = 0; !rc && i < vec.n; i++)
		rc = subtree(db, &vec.v[i], on, depth + 1, cb, data);
	free(vec.v);
	return rc;
}

int unit_store_subtree(struct rl_db *db, const char *id, const char *on, unit_tree_cb cb, void *data)
{
	struct unit u;
	char d[RL_DATE_LEN + 1];
	int rc;

	today_or(on, d);
	if ((rc = unit_store_find(db, id, d, &u)))
		return rc;
	if (!u.exists)
		return 0;
	return subtree(db, &u, d, 0, cb, data);
}

int unit_store_code_taken(struct rl_db *db, const char *code, bool *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM units WHERE code = ?1");
	int r;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, code);
	r = sqlite3_step(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return db_fail(db, "looking up a code");
	*out = r == SQLITE_ROW;
	sqlite3_reset(st);
	return 0;
}

static const char sql_history[] =
	"SELECT v.valid_from FROM unit_versions v JOIN units u ON u.id = v.unit_id "
	"WHERE u.id = ?1 AND v.valid_from <= u.valid_to ORDER BY v.valid_from";

int unit_store_history(struct rl_db *db, const char *id, unit_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db, sql_history);
	struct unit_vec vec = { 0 };
	char (*starts)[RL_DATE_LEN + 1] = NULL;
	size_t n = 0, alloc = 0;
	int r, rc = 0;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(starts, n + 1, alloc);
		db_col_copy(st, 0, starts[n++], RL_DATE_LEN + 1);
	}
	if (r != SQLITE_DONE)
		rc = db_fail(db, "reading unit history");
	for (size_t i = 0; !rc && i < n; i++) {
		struct unit u;
		if (!(rc = unit_store_find(db, id, starts[i], &u)))
			collect(&u, &vec);
	}
	for (size_t i = 0; !rc && i < vec.n; i++)
		rc = cb(&vec.v[i], data);
	free(starts);
	free(vec.v);
	return rc;
}

/* ---- writing units ---- */

static char *fold_names(const struct unit_version *v)
{
	struct strbuf sb = STRBUF_INIT;
	const char *names[3] = { v->name_local, v->name_en, v->name_other };

	for (int i = 0; i < 3; i++) {
		char *f = names[i] && *names[i] ? rl_fold(names[i]) : NULL;
		if (!f)
			continue;
		if (sb.len)
			strbuf_addstr(&sb, " | ");
		strbuf_addstr(&sb, f);
		free(f);
	}
	return strbuf_detach(&sb, NULL);
}

static int insert_version(struct rl_db *db, const char *id, const char *from, const char *to,
			  const struct unit_version *v)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO unit_versions (unit_id, valid_from, valid_to, "
				       "parent_id, name_local, name_en, name_other, border, fold) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	char *fold;
	int r;

	if (!st)
		return rl_errcode();
	fold = fold_names(v);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, v->parent_id && *v->parent_id ? v->parent_id : NULL);
	db_bind_text(st, 5, v->name_local);
	db_bind_text(st, 6, v->name_en);
	db_bind_text(st, 7, nz(v->name_other));
	sqlite3_bind_int(st, 8, v->border);
	db_bind_text(st, 9, fold);
	r = sqlite3_step(st);
	free(fold);
	return r == SQLITE_DONE ? 0 : db_fail(db, "storing unit history");
}

int unit_store_insert(struct rl_db *db, const struct unit_new *n, char out_id[RL_ID_LEN + 1])
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO units (id, code, country, level, demo, valid_from, "
				       "valid_to, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	char at[RL_TIME_LEN + 1];

	if (!st)
		return rl_errcode();
	rl_id_new(out_id);
	rl_time_format(rl_now_ms(), at);
	db_bind_text(st, 1, out_id);
	db_bind_text(st, 2, n->code);
	db_bind_text(st, 3, n->country);
	sqlite3_bind_int(st, 4, n->level);
	sqlite3_bind_int(st, 5, n->demo);
	db_bind_text(st, 6, from_or_open(n->valid_from));
	db_bind_text(st, 7, to_or_open(n->valid_to));
	db_bind_text(st, 8, at);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "storing a unit");
	return insert_version(db, out_id, from_or_open(n->valid_from), to_or_open(n->valid_to), &n->v);
}

/* Splits the period holding `from` (unless it starts there) into two. */
static int split_at(struct rl_db *db, const char *id, const char *from)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT valid_from, valid_to, parent_id, name_local, name_en, "
				       "name_other, border FROM unit_versions WHERE unit_id = ?1 "
				       "AND valid_from < ?2 AND ?2 <= valid_to");
	char vfrom[RL_DATE_LEN + 1], vto[RL_DATE_LEN + 1], prev[RL_DATE_LEN + 1];
	char parent[RL_ID_LEN + 1];
	char *nl, *ne, *no;
	struct unit_version v;
	int r, rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, from);
	r = sqlite3_step(st);
	if (r == SQLITE_DONE)
		return 0;
	if (r != SQLITE_ROW)
		return db_fail(db, "reading unit history");
	db_col_copy(st, 0, vfrom, sizeof(vfrom));
	db_col_copy(st, 1, vto, sizeof(vto));
	db_col_copy(st, 2, parent, sizeof(parent));
	nl = db_col_strdup(st, 3);
	ne = db_col_strdup(st, 4);
	no = db_col_strdup(st, 5);
	v = (struct unit_version){ .parent_id = parent, .name_local = nl, .name_en = ne,
				   .name_other = no, .border = sqlite3_column_int(st, 6) != 0 };
	sqlite3_reset(st);
	rl_days_to_date(rl_date_to_days(from) - 1, prev);
	st = db_stmt(db, "UPDATE unit_versions SET valid_to = ?3 WHERE unit_id = ?1 AND valid_from = ?2");
	if (!st) {
		rc = rl_errcode();
	} else {
		db_bind_text(st, 1, id);
		db_bind_text(st, 2, vfrom);
		db_bind_text(st, 3, prev);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "splitting unit history");
	}
	if (!rc)
		rc = insert_version(db, id, from, vto, &v);
	free(nl);
	free(ne);
	free(no);
	return rc;
}

int unit_store_set_from(struct rl_db *db, const char *id, const char *from,
			unsigned fields, const struct unit_version *v)
{
	sqlite3_stmt *st;
	char *fold = NULL;
	int rc;

	from = from_or_open(from);
	if ((rc = split_at(db, id, from)))
		return rc;
	if (fields & UNIT_F_PARENT) {
		st = db_stmt(db, "UPDATE unit_versions SET parent_id = ?3 WHERE unit_id = ?1 AND valid_from >= ?2");
		if (!st)
			return rl_errcode();
		db_bind_text(st, 1, id);
		db_bind_text(st, 2, from);
		db_bind_text(st, 3, v->parent_id && *v->parent_id ? v->parent_id : NULL);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "changing the parent");
	}
	if (fields & UNIT_F_NAMES) {
		st = db_stmt(db, "UPDATE unit_versions SET name_local = ?3, name_en = ?4, name_other = ?5, "
				 "fold = ?6 WHERE unit_id = ?1 AND valid_from >= ?2");
		if (!st)
			return rl_errcode();
		fold = fold_names(v);
		db_bind_text(st, 1, id);
		db_bind_text(st, 2, from);
		db_bind_text(st, 3, v->name_local);
		db_bind_text(st, 4, v->name_en);
		db_bind_text(st, 5, nz(v->name_other));
		db_bind_text(st, 6, fold);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "renaming");
		free(fold);
		if (rc)
			return rc;
	}
	if (fields & UNIT_F_BORDER) {
		st = db_stmt(db, "UPDATE unit_versions SET border = ?3 WHERE unit_id = ?1 AND valid_from >= ?2");
		if (!st)
			return rl_errcode();
		db_bind_text(st, 1, id);
		db_bind_text(st, 2, from);
		sqlite3_bind_int(st, 3, v->border);
		if (sqlite3_step(st) != SQLITE_DONE)
			return db_fail(db, "changing the border flag");
	}
	return 0;
}

int unit_store_set_border_timeline(struct rl_db *db, const char *id, bool border, const char *border_from)
{
	sqlite3_stmt *st;
	int rc;

	if (border_from && *border_from && (rc = split_at(db, id, border_from)))
		return rc;
	st = db_stmt(db, "UPDATE unit_versions SET border = CASE WHEN valid_from >= ?2 THEN ?3 ELSE 1 - ?3 END "
			 "WHERE unit_id = ?1");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, from_or_open(border_from));
	sqlite3_bind_int(st, 3, border);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "changing the border flag");
}

int unit_store_close(struct rl_db *db, const char *id, const char *valid_to, const char *successor_id)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE units SET valid_to = ?2, successor = ?3 WHERE id = ?1");

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, to_or_open(valid_to));
	db_bind_text(st, 3, successor_id && *successor_id ? successor_id : NULL);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "ending a unit");
	/* The period holding the last day ends with the unit; later periods
	 * (changes planned past the end) stay as history but are never shown. */
	st = db_stmt(db, "UPDATE unit_versions SET valid_to = ?2 WHERE unit_id = ?1 "
			 "AND valid_from <= ?2 AND ?2 < valid_to");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, to_or_open(valid_to));
	return sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "ending a unit");
}

int unit_store_set_lifetime(struct rl_db *db, const char *id, const char *valid_from, const char *valid_to)
{
	sqlite3_stmt *st;
	int rc;

	/* Keep the first and last periods reaching the lifetime's ends. */
	st = db_stmt(db, "UPDATE unit_versions SET valid_from = ?2 WHERE unit_id = ?1 AND valid_from = "
			 "(SELECT MIN(valid_from) FROM unit_versions WHERE unit_id = ?1) "
			 "AND (SELECT COUNT(*) FROM unit_versions WHERE unit_id = ?1 AND valid_from = ?2) = 0");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, from_or_open(valid_from));
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "changing a unit's start");
	st = db_stmt(db, "UPDATE unit_versions SET valid_to = ?2 WHERE unit_id = ?1 AND valid_from = "
			 "(SELECT MAX(valid_from) FROM unit_versions WHERE unit_id = ?1 AND valid_from <= ?2)");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, to_or_open(valid_to));
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "changing a unit's end");
	st = db_stmt(db, "UPDATE units SET valid_from = ?2, valid_to = ?3 WHERE id = ?1");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, from_or_open(valid_from));
	db_bind_text(st, 3, to_or_open(valid_to));
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "changing a unit's lifetime");
	return rc;
}

/* ---- counterparts ---- */

static void order_pair(const char **a, const char **b)
{
	if (strcmp(*a, *b) > 0) {
		const char *t = *a;
		*a = *b;
		*b = t;
	}
}

int unit_store_link(struct rl_db *db, const char *a_id, const char *b_id,
		    const char *valid_from, const char *valid_to)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO counterparts (id, a_id, b_id, valid_from, valid_to) "
				       "VALUES (?1, ?2, ?3, ?4, ?5)");
	char id[RL_ID_LEN + 1];

	if (!st)
		return rl_errcode();
	order_pair(&a_id, &b_id);
	rl_id_new(id);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, a_id);
	db_bind_text(st, 3, b_id);
	db_bind_text(st, 4, from_or_open(valid_from));
	db_bind_text(st, 5, to_or_open(valid_to));
	return sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "storing a counterpart link");
}

int unit_store_unlink(struct rl_db *db, const char *a_id, const char *b_id, const char *on, int *n)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE counterparts SET valid_to = date(?3, '-1 day') "
				       "WHERE a_id = ?1 AND b_id = ?2 AND valid_from <= ?3 AND ?3 <= valid_to");

	if (!st)
		return rl_errcode();
	order_pair(&a_id, &b_id);
	db_bind_text(st, 1, a_id);
	db_bind_text(st, 2, b_id);
	db_bind_text(st, 3, on);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "ending a counterpart link");
	*n = sqlite3_changes(db_handle(db));
	return 0;
}

int unit_store_linked(struct rl_db *db, const char *a_id, const char *b_id, const char *on, bool *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM counterparts WHERE a_id = ?1 AND b_id = ?2 "
				       "AND valid_from <= ?3 AND ?3 <= valid_to");
	int r;

	if (!st)
		return rl_errcode();
	order_pair(&a_id, &b_id);
	db_bind_text(st, 1, a_id);
	db_bind_text(st, 2, b_id);
	db_bind_text(st, 3, on);
	r = sqlite3_step(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return db_fail(db, "reading counterpart links");
	*out = r == SQLITE_ROW;
	sqlite3_reset(st);
	return 0;
}

int unit_store_links(struct rl_db *db, const char *id, const char *on,
		     int (*cb)(const struct unit_link *, void *), void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, CASE WHEN a_id = ?1 THEN b_id ELSE a_id END, "
				       "NULLIF(valid_from, '0001-01-01'), NULLIF(valid_to, '9999-12-31'), "
				       "max(valid_from, min(valid_to, ?2)) FROM counterparts "
				       "WHERE (a_id = ?1 OR b_id = ?1) AND valid_from <= valid_to "
				       "AND (?3 = 0 OR (valid_from <= ?2 AND ?2 <= valid_to)) ORDER BY valid_from, id");
	struct unit_link *links = NULL;
	char (*shown)[RL_DATE_LEN + 1] = NULL;
	size_t n = 0, alloc = 0, salloc = 0;
	int r, rc = 0;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, on ? on : STILL_VALID);
	sqlite3_bind_int(st, 3, on != NULL);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(links, n + 1, alloc);
		ALLOC_GROW(shown, n + 1, salloc);
		memset(&links[n], 0, sizeof(links[n]));
		db_col_copy(st, 0, links[n].link_id, sizeof(links[n].link_id));
		db_col_copy(st, 1, links[n].other.id, sizeof(links[n].other.id));
		db_col_copy(st, 2, links[n].valid_from, sizeof(links[n].valid_from));
		db_col_copy(st, 3, links[n].valid_to, sizeof(links[n].valid_to));
		db_col_copy(st, 4, shown[n], RL_DATE_LEN + 1);
		n++;
	}
	if (r != SQLITE_DONE)
		rc = db_fail(db, "reading counterpart links");
	for (size_t i = 0; !rc && i < n; i++) {
		char oid[RL_ID_LEN + 1];
		memcpy(oid, links[i].other.id, sizeof(oid));
		if (!(rc = unit_store_find(db, oid, shown[i], &links[i].other)))
			rc = cb(&links[i], data);
	}
	free(links);
	free(shown);
	return rc;
}

/* ---- contacts ---- */

int unit_store_contact_add(struct rl_db *db, const char *unit_id, const char *kind,
			   const char *value, const char *note, char out_id[RL_ID_LEN + 1])
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO unit_contacts (id, unit_id, kind, value, note, created_at) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	char at[RL_TIME_LEN + 1];

	if (!st)
		return rl_errcode();
	rl_id_new(out_id);
	rl_time_format(rl_now_ms(), at);
	db_bind_text(st, 1, out_id);
	db_bind_text(st, 2, unit_id);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, value);
	db_bind_text(st, 5, nz(note));
	db_bind_text(st, 6, at);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "storing a contact");
}

int unit_store_contact_remove(struct rl_db *db, const char *unit_id, const char *contact_id)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE unit_contacts SET removed_at = ?3 WHERE id = ?1 "
				       "AND unit_id = ?2 AND removed_at IS NULL");
	char at[RL_TIME_LEN + 1];

	if (!st)
		return rl_errcode();
	rl_time_format(rl_now_ms(), at);
	db_bind_text(st, 1, contact_id);
	db_bind_text(st, 2, unit_id);
	db_bind_text(st, 3, at);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(db, "removing a contact");
	if (sqlite3_changes(db_handle(db)) == 0)
		return rl_error(RL_ENOTFOUND, "unknown contact '%s'", contact_id);
	return 0;
}

int unit_store_contacts(struct rl_db *db, const char *unit_id, bool with_removed,
			int (*cb)(const struct unit_contact *, void *), void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id, kind, value, note, removed_at FROM unit_contacts "
				       "WHERE unit_id = ?1 AND (?2 OR removed_at IS NULL) ORDER BY created_at, rowid");
	struct unit_contact *v = NULL;
	size_t n = 0, alloc = 0;
	int r, rc = 0;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	sqlite3_bind_int(st, 2, with_removed);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(v, n + 1, alloc);
		db_col_copy(st, 0, v[n].id, sizeof(v[n].id));
		db_col_copy(st, 1, v[n].kind, sizeof(v[n].kind));
		db_col_copy(st, 2, v[n].value, sizeof(v[n].value));
		db_col_copy(st, 3, v[n].note, sizeof(v[n].note));
		db_col_copy(st, 4, v[n].removed_at, sizeof(v[n].removed_at));
		n++;
	}
	if (r != SQLITE_DONE)
		rc = db_fail(db, "reading contacts");
	for (size_t i = 0; !rc && i < n; i++)
		rc = cb(&v[i], data);
	free(v);
	return rc;
}

/*
 * The units whose records now belong with unit ?1 on ?2: its subtree on
 * that day, plus units that no longer exist, each going with the unit
 * that took over its work: a merged unit with its successor, a unit
 * dissolved without one with the parent of its last day (Viet Nam's
 * districts, gone on 2025-06-30, go with their provinces).
 */
static const char sql_scope_codes[] =
	"WITH RECURSIVE sub(id) AS ("
	" SELECT id FROM units WHERE id = ?1"
	" UNION"
	" SELECT v.unit_id FROM sub JOIN unit_versions v ON v.parent_id = sub.id"
	"  JOIN units u ON u.id = v.unit_id"
	"  WHERE (u.valid_from <= ?2 AND ?2 <= u.valid_to AND v.valid_from <= ?2 AND ?2 <= v.valid_to)"
	"   OR (u.valid_to < ?2 AND u.successor IS NULL"
	"       AND v.valid_from <= u.valid_to AND u.valid_to <= v.valid_to)"
	" UNION"
	" SELECT u.id FROM sub JOIN units u ON u.successor = sub.id WHERE u.valid_to < ?2"
	") SELECT u.code FROM sub JOIN units u ON u.id = sub.id ORDER BY u.code";

int unit_store_scope_codes(struct rl_db *db, const char *id, const char *on,
			   int (*cb)(const char *code, void *data), void *data)
{
	sqlite3_stmt *st = db_stmt(db, sql_scope_codes);
	char d[RL_DATE_LEN + 1];
	int r;

	if (!st)
		return rl_errcode();
	today_or(on, d);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, d);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int rc = cb((const char *)sqlite3_column_text(st, 0), data);
		if (rc) {
			sqlite3_reset(st);
			return rc;
		}
	}
	if (r != SQLITE_DONE)
		return db_fail(db, "reading a unit's scope");
	sqlite3_reset(st);
	return 0;
}
