/*
 * notice_store.c: SQL of notices, links, hits, hit notifications and
 * checkpoint counters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "store/notice_store.h"
#include "util/id.h"
#include "util/status.h"

void notice_release(struct notice *n)
{
	free(n->marks);
	free(n->reason);
	n->marks = n->reason = NULL;
}

/* Every read returns these columns in this order (row_to_notice). */
#define NOTICE_COLS \
	"n.id, n.ref, n.kind, n.unit_id, u.code, n.country, n.full_name, n.aliases," \
	" n.birth_date, n.sex, n.nationality, n.documents, n.plate, n.plate_key," \
	" n.plate_country, n.make, n.colour, n.action, n.valid_from, n.valid_to, n.tlp," \
	" n.sharing, n.state, n.created_by, n.created_at, n.approved_by, n.approved_at," \
	" n.ended_by, n.ended_at, n.end_reason, n.updated_at, n.marks, n.reason"
#define NOTICE_FROM " FROM notices n JOIN units u ON u.id = n.unit_id"

static void row_to_notice(sqlite3_stmt *st, struct notice *n)
{
	int c = 0;

	memset(n, 0, sizeof(*n));
#define COPY(f) db_col_copy(st, c++, n->f, sizeof(n->f))
	COPY(id); COPY(ref); COPY(kind); COPY(unit_id); COPY(unit_code); COPY(country);
	COPY(full_name); COPY(aliases); COPY(birth_date); COPY(sex); COPY(nationality);
	COPY(documents); COPY(plate); COPY(plate_key); COPY(plate_country); COPY(make);
	COPY(colour); COPY(action); COPY(valid_from); COPY(valid_to); COPY(tlp); COPY(sharing);
	COPY(state); COPY(created_by); COPY(created_at); COPY(approved_by); COPY(approved_at);
	COPY(ended_by); COPY(ended_at); COPY(end_reason); COPY(updated_at);
#undef COPY
	n->marks = db_col_strdup(st, c++);
	n->reason = db_col_strdup(st, c++);
}

int notice_store_insert(struct rl_db *db, const struct notice *n, const char *name_fold)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO notices(id, ref, kind, unit_id, country, full_name, aliases, name_fold,"
		" birth_date, sex, nationality, documents, marks, plate, plate_key, plate_country,"
		" make, colour, reason, action, valid_from, valid_to, tlp, sharing, state,"
		" created_by, created_at, approved_by, approved_at, updated_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	int rc, c = 1;

	if (!st)
		return rl_errcode();
	db_bind_text(st, c++, n->id);
	db_bind_text(st, c++, n->ref);
	db_bind_text(st, c++, n->kind);
	db_bind_text(st, c++, n->unit_id);
	db_bind_text(st, c++, n->country);
	db_bind_text(st, c++, n->full_name);
	db_bind_text(st, c++, n->aliases);
	db_bind_text(st, c++, name_fold);
	db_bind_text(st, c++, n->birth_date);
	db_bind_text(st, c++, n->sex);
	db_bind_text(st, c++, n->nationality);
	db_bind_text(st, c++, n->documents);
	db_bind_text(st, c++, n->marks ? n->marks : "");
	db_bind_text(st, c++, n->plate);
	db_bind_text(st, c++, n->plate_key);
	db_bind_text(st, c++, n->plate_country);
	db_bind_text(st, c++, n->make);
	db_bind_text(st, c++, n->colour);
	db_bind_text(st, c++, n->reason ? n->reason : "");
	db_bind_text(st, c++, n->action);
	db_bind_text(st, c++, n->valid_from);
	db_bind_text(st, c++, n->valid_to);
	db_bind_text(st, c++, n->tlp);
	db_bind_text(st, c++, n->sharing);
	db_bind_text(st, c++, n->state);
	db_bind_text(st, c++, n->created_by);
	db_bind_text(st, c++, n->created_at);
	db_bind_text(st, c++, n->approved_by);
	db_bind_text(st, c++, n->approved_at);
	db_bind_text(st, c++, n->updated_at);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE ||
	    sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_PRIMARYKEY)
		return rl_error(RL_ECONFLICT, "notice '%s' already exists", n->ref);
	return db_fail(db, "adding the notice");
}

int notice_store_update_subject(struct rl_db *db, const struct notice *n, const char *name_fold)
{
	sqlite3_stmt *st = db_stmt(db,
		"UPDATE notices SET kind = ?1, full_name = ?2, aliases = ?3, name_fold = ?4,"
		" birth_date = ?5, sex = ?6, nationality = ?7, documents = ?8, action = ?9,"
		" updated_at = ?10, plate = ?12, plate_key = ?13, plate_country = ?14, make = ?15,"
		" colour = ?16 WHERE id = ?11");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, n->kind);
	db_bind_text(st, 2, n->full_name);
	db_bind_text(st, 3, n->aliases);
	db_bind_text(st, 4, name_fold);
	db_bind_text(st, 5, n->birth_date);
	db_bind_text(st, 6, n->sex);
	db_bind_text(st, 7, n->nationality);
	db_bind_text(st, 8, n->documents);
	db_bind_text(st, 9, n->action);
	db_bind_text(st, 10, n->updated_at);
	db_bind_text(st, 11, n->id);
	db_bind_text(st, 12, n->plate);
	db_bind_text(st, 13, n->plate_key);
	db_bind_text(st, 14, n->plate_country);
	db_bind_text(st, 15, n->make);
	db_bind_text(st, 16, n->colour);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "changing the notice");
}

int notice_store_get(struct rl_db *db, const char *id_or_ref, struct notice *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT " NOTICE_COLS NOTICE_FROM
				       " WHERE n.id = ?1 OR n.ref = ?1 LIMIT 1");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id_or_ref);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_to_notice(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return rl_error(RL_ENOTFOUND, "no such notice '%.64s'", id_or_ref);
	return db_fail(db, "reading the notice");
}

int notice_store_set_state(struct rl_db *db, const char *id, const char *state,
			   const char *by, const char *at, const char *reason)
{
	sqlite3_stmt *st;
	int rc;

	if (!strcmp(state, "active"))
		st = db_stmt(db, "UPDATE notices SET state = ?1, approved_by = ?2, approved_at = ?3,"
				 " updated_at = ?3 WHERE id = ?5");
	else
		st = db_stmt(db, "UPDATE notices SET state = ?1, ended_by = ?2, ended_at = ?3,"
				 " end_reason = ?4, updated_at = ?3 WHERE id = ?5");
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, state);
	db_bind_text(st, 2, by);
	db_bind_text(st, 3, at);
	db_bind_text(st, 4, reason ? reason : "");
	db_bind_text(st, 5, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "changing the notice");
	if (sqlite3_changes(db_handle(db)) == 0)
		return rl_error(RL_ENOTFOUND, "no such notice");
	return 0;
}

int notice_store_list(struct rl_db *db, const struct notice_store_filter *f,
		      notice_cb cb, void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT " NOTICE_COLS NOTICE_FROM
		" WHERE (?1 IS NULL OR n.state = ?1)"
		"   AND (?2 IS NULL OR n.kind = ?2)"
		"   AND (?3 IS NULL OR n.unit_id = ?3)"
		"   AND (?4 IS NULL OR instr(n.name_fold, ?4) > 0 OR instr(lower(n.ref), lower(?4)) > 0)"
		"   AND (?5 IS NULL OR n.ref > ?5)"
		"   AND (?6 IS NULL OR n.plate_key = ?6)"
		"   AND (?7 IS NULL OR (n.state = 'active' AND n.valid_to != '' AND n.valid_to < ?7))"
		" ORDER BY n.ref");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, f->state);
	db_bind_text(st, 2, f->kind);
	db_bind_text(st, 3, f->unit_id);
	db_bind_text(st, 4, f->q);
	db_bind_text(st, 5, f->after_ref);
	db_bind_text(st, 6, f->plate_key);
	db_bind_text(st, 7, f->expired_before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct notice n;
		int r;

		row_to_notice(st, &n);
		r = cb(&n, data);
		notice_release(&n);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing notices");
}

int notice_store_bump_gen(struct rl_db *db, int64_t *out)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO meta(key, value) VALUES ('notices_gen', '1')"
		" ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
		" RETURNING CAST(value AS INTEGER)");
	int rc;

	if (!st)
		return rl_errcode();
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "counting the notice change");
}

int notice_store_gen(struct rl_db *db, int64_t *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'notices_gen'");
	int rc;

	if (!st)
		return rl_errcode();
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, "reading the notice generation");
}

int notice_store_count_prefix(struct rl_db *db, const char *prefix, int64_t *out)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM notices WHERE substr(ref, 1, length(?1)) = ?1");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, prefix);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, "counting notices");
}

int notice_store_link_add(struct rl_db *db, const char *notice_id, const char *kind,
			  const char *target, const char *by, const char *at)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO notice_links(notice_id, kind, target_id,"
				       " created_by, created_at) VALUES (?,?,?,?,?)");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, notice_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, target);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_PRIMARYKEY)
		return rl_error(RL_ECONFLICT, "the notice is already linked to %s '%s'", kind, target);
	return db_fail(db, "linking the notice");
}

int notice_store_links(struct rl_db *db, const char *notice_id,
		       int (*cb)(const char *kind, const char *target, void *), void *data)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT kind, target_id FROM notice_links WHERE notice_id = ?"
				       " ORDER BY created_at, kind, target_id");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, notice_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char kind[64], target[RL_SHORT_MAX + 1];
		int r;

		db_col_copy(st, 0, kind, sizeof(kind));
		db_col_copy(st, 1, target, sizeof(target));
		if ((r = cb(kind, target, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing notice links");
}

/* ---- hits ---- */

int hit_store_insert(struct rl_db *db, const struct hit_rec *h)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO hits(id, notice_id, unit_id, user_login, at, score, explanation,"
		" action_taken, note, screened) VALUES (?,?,?,?,?,?,?,?,?,?)");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, h->id);
	db_bind_text(st, 2, h->notice_id);
	db_bind_text(st, 3, h->unit_id[0] ? h->unit_id : NULL);
	db_bind_text(st, 4, h->user_login);
	db_bind_text(st, 5, h->at);
	sqlite3_bind_double(st, 6, h->score);
	db_bind_text(st, 7, h->explanation);
	db_bind_text(st, 8, h->action_taken);
	db_bind_text(st, 9, h->note);
	db_bind_text(st, 10, h->screened);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording the hit");
}

int hit_store_list(struct rl_db *db, const char *notice_id,
		   int (*cb)(const struct hit_rec *, void *), void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT h.id, h.notice_id, n.ref, coalesce(h.unit_id, ''), coalesce(u.code, ''),"
		" h.user_login, h.at, h.score, h.explanation, h.action_taken, h.note, h.screened"
		" FROM hits h JOIN notices n ON n.id = h.notice_id LEFT JOIN units u ON u.id = h.unit_id"
		" WHERE h.notice_id = ? ORDER BY h.at, h.id");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, notice_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hit_rec h;
		int r;

		memset(&h, 0, sizeof(h));
		db_col_copy(st, 0, h.id, sizeof(h.id));
		db_col_copy(st, 1, h.notice_id, sizeof(h.notice_id));
		db_col_copy(st, 2, h.notice_ref, sizeof(h.notice_ref));
		db_col_copy(st, 3, h.unit_id, sizeof(h.unit_id));
		db_col_copy(st, 4, h.unit_code, sizeof(h.unit_code));
		db_col_copy(st, 5, h.user_login, sizeof(h.user_login));
		db_col_copy(st, 6, h.at, sizeof(h.at));
		h.score = sqlite3_column_double(st, 7);
		db_col_copy(st, 8, h.explanation, sizeof(h.explanation));
		db_col_copy(st, 9, h.action_taken, sizeof(h.action_taken));
		db_col_copy(st, 10, h.note, sizeof(h.note));
		db_col_copy(st, 11, h.screened, sizeof(h.screened));
		if ((r = cb(&h, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing hits");
}

int hit_store_notify(struct rl_db *db, const char *hit_id, const char *from_unit_id,
		     const char *to_unit_id, const char *body, const char *at,
		     const char *lease_until, char out_id[RL_ID_LEN + 1])
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO hit_notifications(id, hit_id, from_unit_id, to_unit_id, body, created_at,"
		" attempts, next_attempt_at) VALUES (?,?,?,?,?,?,1,?)");
	int rc;

	if (!st)
		return rl_errcode();
	rl_id_new(out_id);
	db_bind_text(st, 1, out_id);
	db_bind_text(st, 2, hit_id);
	db_bind_text(st, 3, from_unit_id && *from_unit_id ? from_unit_id : NULL);
	db_bind_text(st, 4, to_unit_id);
	db_bind_text(st, 5, body);
	db_bind_text(st, 6, at);
	db_bind_text(st, 7, lease_until);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording the hit notification");
}

int hit_store_notify_sent(struct rl_db *db, const char *id, const char *at, const char *message_id)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE hit_notifications SET sent_at = ?1, message_id = ?3,"
				       " last_error = '' WHERE id = ?2 AND sent_at = ''");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, at);
	db_bind_text(st, 2, id);
	db_bind_text(st, 3, message_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "marking the hit notification sent");
}

int hit_store_notify_failed(struct rl_db *db, const char *id, const char *error, const char *retry_at)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE hit_notifications SET last_error = ?2, next_attempt_at = ?3"
				       " WHERE id = ?1 AND sent_at = ''");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, error && *error ? error : "failed");
	db_bind_text(st, 3, retry_at);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording a failed hit notification");
}

/* Due: never tried, back-off over, or a lease run out; with `force`, also
 * any that failed (the back-off is skipped, a lease never). */
#define HIT_DUE "sent_at = '' AND (next_attempt_at <= ?1 OR (?2 AND last_error != ''))"

int hit_store_notify_claim(struct rl_db *db, const char *id, const char *now, bool force,
			   const char *lease_until, bool *claimed)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE hit_notifications SET attempts = attempts + 1,"
				       " next_attempt_at = ?3, last_error = '' WHERE id = ?4 AND " HIT_DUE);
	int rc;

	*claimed = false;
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, now);
	sqlite3_bind_int(st, 2, force);
	db_bind_text(st, 3, lease_until);
	db_bind_text(st, 4, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "claiming a hit notification");
	*claimed = sqlite3_changes(db_handle(db)) == 1;
	return 0;
}

int hit_store_pending(struct rl_db *db, const char *due_at, bool force, const char *from_unit_id,
		      bool users_only, int limit, int (*cb)(const struct hit_pending *, void *), void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT p.id, p.hit_id, h.notice_id, n.ref, coalesce(p.from_unit_id, ''),"
		" coalesce(fu.code, ''), p.to_unit_id, tu.code, h.user_login, p.body, p.created_at,"
		" p.attempts, p.next_attempt_at, p.last_error"
		" FROM hit_notifications p JOIN hits h ON h.id = p.hit_id"
		" JOIN notices n ON n.id = h.notice_id JOIN units tu ON tu.id = p.to_unit_id"
		" LEFT JOIN units fu ON fu.id = p.from_unit_id"
		" WHERE p.sent_at = '' AND (?1 IS NULL OR p.next_attempt_at <= ?1 OR (?2 AND p.last_error != ''))"
		" AND (?3 IS NULL OR p.from_unit_id = ?3) AND (NOT ?5 OR h.user_login LIKE 'user:%')"
		" ORDER BY p.next_attempt_at, p.created_at, p.id LIMIT ?4");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, due_at);
	sqlite3_bind_int(st, 2, force);
	db_bind_text(st, 3, from_unit_id);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_int(st, 5, users_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hit_pending p;
		int r;

		memset(&p, 0, sizeof(p));
		db_col_copy(st, 0, p.id, sizeof(p.id));
		db_col_copy(st, 1, p.hit_id, sizeof(p.hit_id));
		db_col_copy(st, 2, p.notice_id, sizeof(p.notice_id));
		db_col_copy(st, 3, p.notice_ref, sizeof(p.notice_ref));
		db_col_copy(st, 4, p.from_unit_id, sizeof(p.from_unit_id));
		db_col_copy(st, 5, p.from_unit_code, sizeof(p.from_unit_code));
		db_col_copy(st, 6, p.to_unit_id, sizeof(p.to_unit_id));
		db_col_copy(st, 7, p.to_unit_code, sizeof(p.to_unit_code));
		db_col_copy(st, 8, p.user_login, sizeof(p.user_login));
		db_col_copy(st, 9, p.body, sizeof(p.body));
		db_col_copy(st, 10, p.created_at, sizeof(p.created_at));
		p.attempts = sqlite3_column_int(st, 11);
		db_col_copy(st, 12, p.next_attempt_at, sizeof(p.next_attempt_at));
		db_col_copy(st, 13, p.last_error, sizeof(p.last_error));
		if ((r = cb(&p, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing pending hit notifications");
}

int hit_store_carried(struct rl_db *db, const char *hit_id, const char *to_unit_id,
		      char msg_id[RL_ID_LEN + 1], char *code, size_t code_size)
{
	/* The hit's FLASH alert to the issuing unit: hit ids are the alerts'
	 * idempotency keys, whoever sent them. */
	sqlite3_stmt *st = db_stmt(db,
		"SELECT m.id, m.code FROM messages m WHERE m.idem_key = ?1 AND m.kind = 'alert'"
		" AND m.priority = 'flash' AND EXISTS (SELECT 1 FROM addressees a"
		" WHERE a.msg_seq = m.seq AND a.unit_id = ?2 AND a.role = 'to') LIMIT 1");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, hit_id);
	db_bind_text(st, 2, to_unit_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_copy(st, 0, msg_id, RL_ID_LEN + 1);
		db_col_copy(st, 1, code, code_size);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? RL_ENOTFOUND : db_fail(db, "looking for a carried hit notification");
}

/* ---- counters ---- */

int checkpoint_store_add(struct rl_db *db, const char *unit_id, const char *day,
			 int persons, int vehicles, int hits)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO checkpoint_counts(unit_id, day, persons, vehicles, hits)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT(unit_id, day) DO UPDATE SET persons = persons + ?3,"
		" vehicles = vehicles + ?4, hits = hits + ?5");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	db_bind_text(st, 2, day);
	sqlite3_bind_int(st, 3, persons);
	sqlite3_bind_int(st, 4, vehicles);
	sqlite3_bind_int(st, 5, hits);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "counting the screening");
}

int checkpoint_store_list(struct rl_db *db, const char *from, const char *to,
			  const char *unit_id,
			  int (*cb)(const struct checkpoint_day *, void *), void *data)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT c.unit_id, u.code, c.day, c.persons, c.vehicles, c.hits"
		" FROM checkpoint_counts c JOIN units u ON u.id = c.unit_id"
		" WHERE c.day >= ?1 AND c.day <= ?2 AND (?3 IS NULL OR c.unit_id = ?3)"
		" ORDER BY u.code, c.day");
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_text(st, 3, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct checkpoint_day d;
		int r;

		memset(&d, 0, sizeof(d));
		db_col_copy(st, 0, d.unit_id, sizeof(d.unit_id));
		db_col_copy(st, 1, d.unit_code, sizeof(d.unit_code));
		db_col_copy(st, 2, d.day, sizeof(d.day));
		d.persons = sqlite3_column_int64(st, 3);
		d.vehicles = sqlite3_column_int64(st, 4);
		d.hits = sqlite3_column_int64(st, 5);
		if ((r = cb(&d, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing checkpoint counts");
}
