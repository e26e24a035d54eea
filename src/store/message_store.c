/*
 * message_store.c: the SQL of the hotline (see message_store.h and
 * migration 0006).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "store/message_store.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

void msg_rec_release(struct msg_rec *m)
{
	free(m->subject);
	free(m->body);
	free(m->fields);
	m->subject = m->body = m->fields = NULL;
}

static int64_t col_ms(sqlite3_stmt *st, int c)
{
	return sqlite3_column_type(st, c) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, c);
}

static void bind_ms(sqlite3_stmt *st, int idx, int64_t ms)
{
	if (ms)
		sqlite3_bind_int64(st, idx, ms);
	else
		sqlite3_bind_null(st, idx);
}

#define MSG_COLS \
	"m.seq, m.id, m.code, m.thread_id, m.parent_id, m.kind, m.subtype, m.priority, m.tlp, " \
	"m.lang, m.subject, m.body, m.fields, m.sender_unit, su.code, m.sender_user, uu.login, " \
	"m.created_ms, m.acked_ms, m.answered_ms, m.closed_ms"
#define MSG_NCOLS 21
#define MSG_FROM \
	" FROM messages m JOIN units su ON su.id = m.sender_unit JOIN users uu ON uu.id = m.sender_user "

static void read_msg(sqlite3_stmt *st, int c, struct msg_rec *m)
{
	memset(m, 0, sizeof(*m));
	m->seq = sqlite3_column_int64(st, c);
	db_col_copy(st, c + 1, m->id, sizeof(m->id));
	db_col_copy(st, c + 2, m->code, sizeof(m->code));
	db_col_copy(st, c + 3, m->thread_id, sizeof(m->thread_id));
	db_col_copy(st, c + 4, m->parent_id, sizeof(m->parent_id));
	db_col_copy(st, c + 5, m->kind, sizeof(m->kind));
	db_col_copy(st, c + 6, m->subtype, sizeof(m->subtype));
	db_col_copy(st, c + 7, m->priority, sizeof(m->priority));
	db_col_copy(st, c + 8, m->tlp, sizeof(m->tlp));
	db_col_copy(st, c + 9, m->lang, sizeof(m->lang));
	m->subject = db_col_strdup(st, c + 10);
	m->body = db_col_strdup(st, c + 11);
	m->fields = db_col_strdup(st, c + 12);
	db_col_copy(st, c + 13, m->sender_unit, sizeof(m->sender_unit));
	db_col_copy(st, c + 14, m->sender_unit_code, sizeof(m->sender_unit_code));
	db_col_copy(st, c + 15, m->sender_user, sizeof(m->sender_user));
	db_col_copy(st, c + 16, m->sender_login, sizeof(m->sender_login));
	m->created_ms = sqlite3_column_int64(st, c + 17);
	m->acked_ms = col_ms(st, c + 18);
	m->answered_ms = col_ms(st, c + 19);
	m->closed_ms = col_ms(st, c + 20);
}

#define ADDR_COLS \
	"a.unit_id, au.code, au.country, a.role, a.state, a.created_ms, a.delivered_ms, a.read_ms, " \
	"a.acked_ms, a.answered_ms, a.closed_ms, a.ack_due_ms, a.reply_due_ms, a.level, " \
	"a.escalated, a.chain_unit"

static void read_addr(sqlite3_stmt *st, int c, struct addr_rec *a)
{
	memset(a, 0, sizeof(*a));
	db_col_copy(st, c, a->unit_id, sizeof(a->unit_id));
	db_col_copy(st, c + 1, a->unit_code, sizeof(a->unit_code));
	db_col_copy(st, c + 2, a->country, sizeof(a->country));
	db_col_copy(st, c + 3, a->role, sizeof(a->role));
	db_col_copy(st, c + 4, a->state, sizeof(a->state));
	a->created_ms = col_ms(st, c + 5);
	a->delivered_ms = col_ms(st, c + 6);
	a->read_ms = col_ms(st, c + 7);
	a->acked_ms = col_ms(st, c + 8);
	a->answered_ms = col_ms(st, c + 9);
	a->closed_ms = col_ms(st, c + 10);
	a->ack_due_ms = col_ms(st, c + 11);
	a->reply_due_ms = col_ms(st, c + 12);
	a->level = sqlite3_column_int(st, c + 13);
	a->escalated = sqlite3_column_int(st, c + 14) != 0;
	db_col_copy(st, c + 15, a->chain_unit, sizeof(a->chain_unit));
}

static int step_done(struct rl_db *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		rc = db_fail(db, what);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return 0;
}

int msg_store_insert(struct rl_db *db, const struct msg_new *n, int64_t *seq,
		     char code[MSG_CODE_MAX + 1])
{
	static const char sql_next[] = "SELECT COALESCE(MAX(seq), 0) + 1 FROM messages";
	static const char sql[] =
		"INSERT INTO messages (seq, id, code, thread_id, parent_id, kind, subtype, priority, tlp, "
		"subject, body, lang, fields, sender_unit, sender_user, created_ms, idem_key) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
	static const char sql_fts[] = "INSERT INTO message_fts (rowid, text) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	int64_t next;
	int rc;

	if (!(st = db_stmt(db, sql_next)))
		return rl_errcode();
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "numbering a message");
	next = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	snprintf(code, MSG_CODE_MAX + 1, "HL-%07lld", (long long)next);
	if (!(st = db_stmt(db, sql)))
		return rl_errcode();
	sqlite3_bind_int64(st, 1, next);
	db_bind_text(st, 2, n->id);
	db_bind_text(st, 3, code);
	db_bind_text(st, 4, n->thread_id);
	db_bind_text(st, 5, n->parent_id && *n->parent_id ? n->parent_id : NULL);
	db_bind_text(st, 6, n->kind);
	db_bind_text(st, 7, n->subtype ? n->subtype : "");
	db_bind_text(st, 8, n->priority);
	db_bind_text(st, 9, n->tlp);
	db_bind_text(st, 10, n->subject);
	db_bind_text(st, 11, n->body);
	db_bind_text(st, 12, n->lang);
	db_bind_text(st, 13, n->fields ? n->fields : "{}");
	db_bind_text(st, 14, n->sender_unit);
	db_bind_text(st, 15, n->sender_user);
	sqlite3_bind_int64(st, 16, n->created_ms);
	db_bind_text(st, 17, n->idem_key && *n->idem_key ? n->idem_key : NULL);
	if ((rc = step_done(db, st, "storing a message")))
		return rc;
	if (!(st = db_stmt(db, sql_fts)))
		return rl_errcode();
	sqlite3_bind_int64(st, 1, next);
	db_bind_text(st, 2, n->fold ? n->fold : "");
	if ((rc = step_done(db, st, "indexing a message")))
		return rc;
	*seq = next;
	return 0;
}

int msg_store_find_idem(struct rl_db *db, const char *user_id, const char *key,
			char id[RL_ID_LEN + 1])
{
	static const char sql[] = "SELECT id FROM messages WHERE sender_user = ?1 AND idem_key = ?2";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, user_id);
	db_bind_text(st, 2, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_copy(st, 0, id, RL_ID_LEN + 1);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "looking up an idempotency key");
	return RL_ENOTFOUND;
}

static int get_one(struct rl_db *db, sqlite3_stmt *st, struct msg_rec *out)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		read_msg(st, 0, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading a message");
	return rl_error(RL_ENOTFOUND, "no such message");
}

int msg_store_get(struct rl_db *db, const char *id_or_code, struct msg_rec *out)
{
	static const char sql[] = "SELECT " MSG_COLS MSG_FROM "WHERE m.id = ?1 OR m.code = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	memset(out, 0, sizeof(*out));
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id_or_code);
	return get_one(db, st, out);
}

int msg_store_get_seq(struct rl_db *db, int64_t seq, struct msg_rec *out)
{
	static const char sql[] = "SELECT " MSG_COLS MSG_FROM "WHERE m.seq = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	memset(out, 0, sizeof(*out));
	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	return get_one(db, st, out);
}

int msg_store_mark(struct rl_db *db, int64_t seq, enum msg_mark mk, int64_t now)
{
	static const char sql_ack[] =
		"UPDATE messages SET acked_ms = COALESCE(acked_ms, ?2) WHERE seq = ?1";
	static const char sql_ans[] =
		"UPDATE messages SET answered_ms = COALESCE(answered_ms, ?2) WHERE seq = ?1";
	static const char sql_close[] = "UPDATE messages SET closed_ms = ?2 WHERE seq = ?1";
	sqlite3_stmt *st = db_stmt(db, mk == MSG_MARK_ACKED ? sql_ack
				       : mk == MSG_MARK_ANSWERED ? sql_ans : sql_close);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, now);
	return step_done(db, st, "updating a message");
}

/* Walks a statement whose rows are messages (from column 0). */
static int walk_msgs(struct rl_db *db, sqlite3_stmt *st,
		     int (*cb)(struct msg_rec *m, void *data), void *data)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct msg_rec m;
		int r;

		read_msg(st, 0, &m);
		r = cb(&m, data);
		msg_rec_release(&m);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading messages");
}

int msg_store_thread(struct rl_db *db, const char *thread_id,
		     int (*cb)(struct msg_rec *m, void *data), void *data)
{
	static const char sql[] = "SELECT " MSG_COLS MSG_FROM "WHERE m.thread_id = ?1 ORDER BY m.seq";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, thread_id);
	return walk_msgs(db, st, cb, data);
}

int msg_store_savepoint(struct rl_db *db, const char *name, int op)
{
	char sql[96];

	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return rl_error(RL_EINTERNAL, "bad savepoint name");
	snprintf(sql, sizeof(sql), "%s %s", op == 0 ? "SAVEPOINT" : op > 0 ? "RELEASE" : "ROLLBACK TO", name);
	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "a savepoint");
	return 0;
}

/* ---- addressees ---- */

int msg_store_addr_insert(struct rl_db *db, int64_t seq, const struct addr_new *a)
{
	static const char sql[] =
		"INSERT INTO addressees (msg_seq, unit_id, role, state, created_ms, delivered_ms, "
		"ack_due_ms, reply_due_ms, level, chain_unit, priority) "
		"VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?4 = 'delivered' THEN ?5 END, ?6, ?7, ?8, ?9, "
		"(SELECT priority FROM messages WHERE seq = ?1))";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, a->unit_id);
	db_bind_text(st, 3, a->role);
	db_bind_text(st, 4, a->state);
	sqlite3_bind_int64(st, 5, a->now);
	bind_ms(st, 6, a->ack_due_ms);
	bind_ms(st, 7, a->reply_due_ms);
	sqlite3_bind_int(st, 8, a->level);
	db_bind_text(st, 9, a->chain_unit ? a->chain_unit : a->unit_id);
	return step_done(db, st, "storing an addressee");
}

int msg_store_addrs(struct rl_db *db, int64_t seq,
		    int (*cb)(const struct addr_rec *a, void *data), void *data)
{
	static const char sql[] =
		"SELECT " ADDR_COLS " FROM addressees a JOIN units au ON au.id = a.unit_id "
		"WHERE a.msg_seq = ?1 ORDER BY a.created_ms, a.level, au.code";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct addr_rec a;
		int r;

		read_addr(st, 0, &a);
		if ((r = cb(&a, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading addressees");
}

int msg_store_addr_get(struct rl_db *db, int64_t seq, const char *unit_id, struct addr_rec *out)
{
	static const char sql[] =
		"SELECT " ADDR_COLS " FROM addressees a JOIN units au ON au.id = a.unit_id "
		"WHERE a.msg_seq = ?1 AND a.unit_id = ?2";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, unit_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_addr(st, 0, out);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading an addressee");
	return RL_ENOTFOUND;
}

int msg_store_addr_state(struct rl_db *db, int64_t seq, const char *unit_id,
			 const char *state, int64_t now)
{
	static const char sql[] =
		"UPDATE addressees SET state = ?3, "
		"delivered_ms = CASE WHEN ?3 = 'delivered' THEN COALESCE(delivered_ms, ?4) ELSE delivered_ms END, "
		"read_ms = CASE WHEN ?3 = 'read' THEN COALESCE(read_ms, ?4) ELSE read_ms END, "
		"acked_ms = CASE WHEN ?3 = 'acknowledged' THEN COALESCE(acked_ms, ?4) ELSE acked_ms END, "
		"answered_ms = CASE WHEN ?3 = 'answered' THEN COALESCE(answered_ms, ?4) ELSE answered_ms END, "
		"closed_ms = CASE WHEN ?3 = 'closed' THEN COALESCE(closed_ms, ?4) ELSE closed_ms END "
		"WHERE msg_seq = ?1 AND unit_id = ?2";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, unit_id);
	db_bind_text(st, 3, state);
	sqlite3_bind_int64(st, 4, now);
	return step_done(db, st, "updating an addressee");
}

int msg_store_addr_close_all(struct rl_db *db, int64_t seq, int64_t now)
{
	static const char sql[] =
		"UPDATE addressees SET state = 'closed', closed_ms = ?2 WHERE msg_seq = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, now);
	return step_done(db, st, "closing addressees");
}

int msg_store_addr_set_escalated(struct rl_db *db, int64_t seq, const char *unit_id)
{
	static const char sql[] =
		"UPDATE addressees SET escalated = 1 WHERE msg_seq = ?1 AND unit_id = ?2";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, unit_id);
	return step_done(db, st, "marking an escalation");
}

int msg_store_chain_acked(struct rl_db *db, int64_t seq, const char *chain_unit, bool *out)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM addressees WHERE msg_seq = ?1 AND chain_unit = ?2 "
		"AND acked_ms IS NOT NULL)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, chain_unit);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, "reading a chain");
	}
	*out = sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return 0;
}

/* ---- timeline ---- */

int msg_store_event_add(struct rl_db *db, int64_t seq, int64_t now, const char *actor,
			const char *unit_id, const char *what, const char *detail)
{
	return msg_store_event_add_coded(db, seq, now, actor, unit_id, what, detail, NULL, NULL);
}

int msg_store_event_add_coded(struct rl_db *db, int64_t seq, int64_t now, const char *actor,
			      const char *unit_id, const char *what, const char *detail,
			      const char *code, const char *params)
{
	static const char sql[] =
		"INSERT INTO message_events (msg_seq, at_ms, actor, unit_id, what, detail, code, params) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, now);
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, unit_id && *unit_id ? unit_id : NULL);
	db_bind_text(st, 5, what);
	db_bind_text(st, 6, detail ? detail : "");
	db_bind_text(st, 7, code ? code : "");
	db_bind_text(st, 8, params ? params : "{}");
	return step_done(db, st, "recording an event");
}

int msg_store_events(struct rl_db *db, const char *thread_id,
		     int (*cb)(const struct msg_event *e, void *data), void *data)
{
	static const char sql[] =
		"SELECT e.msg_seq, m.id, m.code, e.at_ms, e.actor, u.code, e.what, e.detail, e.code, e.params "
		"FROM message_events e JOIN messages m ON m.seq = e.msg_seq "
		"LEFT JOIN units u ON u.id = e.unit_id WHERE m.thread_id = ?1 ORDER BY e.id";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, thread_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct msg_event e;
		int r;

		memset(&e, 0, sizeof(e));
		e.msg_seq = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, e.msg_id, sizeof(e.msg_id));
		db_col_copy(st, 2, e.msg_code, sizeof(e.msg_code));
		e.at_ms = sqlite3_column_int64(st, 3);
		e.actor = (const char *)sqlite3_column_text(st, 4);
		db_col_copy(st, 5, e.unit_code, sizeof(e.unit_code));
		e.what = (const char *)sqlite3_column_text(st, 6);
		e.detail = (const char *)sqlite3_column_text(st, 7);
		e.code = (const char *)sqlite3_column_text(st, 8);
		e.params = (const char *)sqlite3_column_text(st, 9);
		if ((r = cb(&e, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading a timeline");
}

int msg_store_escalation_add(struct rl_db *db, int64_t seq, const char *from_unit,
			     const char *to_unit, const char *reason, int64_t now)
{
	static const char sql[] =
		"INSERT INTO escalations (msg_seq, from_unit, to_unit, reason, at_ms) "
		"VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, from_unit);
	db_bind_text(st, 3, to_unit);
	db_bind_text(st, 4, reason);
	sqlite3_bind_int64(st, 5, now);
	return step_done(db, st, "recording an escalation");
}

/* ---- boxes ---- */

/*
 * Box rows carry what a line of a list shows, nothing more: no body,
 * fields, thread, language or sender login, and the addressee row without
 * its unit's code and country (it is the box's own unit) and without the
 * times of each state. Inbox pages are the hot path: every column and
 * join left out is work saved on each of a page's rows.
 */
#define BOX_MSG_COLS \
	"m.seq, m.id, m.code, m.kind, m.subtype, m.priority, m.tlp, m.subject, m.sender_unit, su.code, " \
	"m.created_ms, m.closed_ms"
#define BOX_MSG_NCOLS 12
#define BOX_ADDR_COLS \
	"a.unit_id, a.role, a.state, a.created_ms, a.ack_due_ms, a.reply_due_ms, a.level, a.escalated, " \
	"a.chain_unit"
#define BOX_FROM " FROM messages m JOIN units su ON su.id = m.sender_unit "

/* m->subject points into the statement's row: valid until the next step. */
static void read_box_msg(sqlite3_stmt *st, struct msg_rec *m)
{
	memset(m, 0, sizeof(*m));
	m->seq = sqlite3_column_int64(st, 0);
	db_col_copy(st, 1, m->id, sizeof(m->id));
	db_col_copy(st, 2, m->code, sizeof(m->code));
	db_col_copy(st, 3, m->kind, sizeof(m->kind));
	db_col_copy(st, 4, m->subtype, sizeof(m->subtype));
	db_col_copy(st, 5, m->priority, sizeof(m->priority));
	db_col_copy(st, 6, m->tlp, sizeof(m->tlp));
	m->subject = (char *)sqlite3_column_text(st, 7);
	db_col_copy(st, 8, m->sender_unit, sizeof(m->sender_unit));
	db_col_copy(st, 9, m->sender_unit_code, sizeof(m->sender_unit_code));
	m->created_ms = sqlite3_column_int64(st, 10);
	m->closed_ms = col_ms(st, 11);
}

static void read_box_addr(sqlite3_stmt *st, int c, struct addr_rec *a)
{
	memset(a, 0, sizeof(*a));
	db_col_copy(st, c, a->unit_id, sizeof(a->unit_id));
	db_col_copy(st, c + 1, a->role, sizeof(a->role));
	db_col_copy(st, c + 2, a->state, sizeof(a->state));
	a->created_ms = col_ms(st, c + 3);
	a->ack_due_ms = col_ms(st, c + 4);
	a->reply_due_ms = col_ms(st, c + 5);
	a->level = sqlite3_column_int(st, c + 6);
	a->escalated = sqlite3_column_int(st, c + 7) != 0;
	db_col_copy(st, c + 8, a->chain_unit, sizeof(a->chain_unit));
}

/* Inbox and escalated box: the unit's addressee rows, newest first. The
 * row-value comparison pages through the (unit_id, created_ms, msg_seq)
 * index without OFFSET. */
#define INBOX_FILTERS \
	"AND (?5 IS NULL OR a.priority = ?5) " \
	"AND (?6 IS NULL OR m.kind = ?6) AND (?7 IS NULL OR m.sender_unit = ?7) " \
	"AND (?8 = 0 OR (a.state IN ('sent', 'delivered', 'read') AND a.ack_due_ms <= ?9) " \
	"  OR (a.state IN ('sent', 'delivered', 'read', 'acknowledged') AND a.reply_due_ms <= ?9)) " \
	"AND (?10 IS NULL OR a.created_ms >= ?10) AND (?11 IS NULL OR a.created_ms < ?11) " \
	"AND (?12 = 0 OR a.role IN ('escalation', 'copy') OR a.escalated = 1) " \
	"ORDER BY a.created_ms DESC, a.msg_seq DESC LIMIT ?13"
/* Inbox and escalated box: the unit's addressee rows, newest first,
 * walked in index order (one index by unit, one by unit and state, one by
 * unit and priority) with a row-value bound for the cursor: no sort, no
 * OFFSET. */
static const char sql_inbox[] =
	"SELECT " BOX_MSG_COLS ", " BOX_ADDR_COLS BOX_FROM
	"JOIN addressees a INDEXED BY addressees_inbox ON a.msg_seq = m.seq "
	"WHERE a.unit_id = ?1 AND (a.created_ms, a.msg_seq) < (?2, ?3) AND ?4 IS NULL "
	INBOX_FILTERS;
static const char sql_inbox_priority[] =
	"SELECT " BOX_MSG_COLS ", " BOX_ADDR_COLS BOX_FROM
	"JOIN addressees a INDEXED BY addressees_priority ON a.msg_seq = m.seq "
	"WHERE a.unit_id = ?1 AND a.priority = ?5 AND (a.created_ms, a.msg_seq) < (?2, ?3) AND ?4 IS NULL "
	INBOX_FILTERS;
static const char sql_inbox_state[] =
	"SELECT " BOX_MSG_COLS ", " BOX_ADDR_COLS BOX_FROM
	"JOIN addressees a INDEXED BY addressees_state ON a.msg_seq = m.seq "
	"WHERE a.unit_id = ?1 AND a.state = ?4 AND (a.created_ms, a.msg_seq) < (?2, ?3) "
	INBOX_FILTERS;

static const char sql_outbox[] =
	"SELECT " BOX_MSG_COLS BOX_FROM
	"WHERE m.sender_unit = ?1 AND (m.created_ms, m.seq) < (?2, ?3) "
	"AND (?5 IS NULL OR m.priority = ?5) AND (?6 IS NULL OR m.kind = ?6) "
	"AND (?7 IS NULL OR EXISTS (SELECT 1 FROM addressees x WHERE x.msg_seq = m.seq AND x.unit_id = ?7)) "
	"AND (?8 = 0 OR EXISTS (SELECT 1 FROM addressees x WHERE x.msg_seq = m.seq AND "
	"  ((x.state IN ('sent', 'delivered', 'read') AND x.ack_due_ms <= ?9) "
	"  OR (x.state IN ('sent', 'delivered', 'read', 'acknowledged') AND x.reply_due_ms <= ?9)))) "
	"AND (?10 IS NULL OR m.created_ms >= ?10) AND (?11 IS NULL OR m.created_ms < ?11) "
	"ORDER BY m.created_ms DESC, m.seq DESC LIMIT ?13";

int msg_store_box(struct rl_db *db, const struct msg_box_filter *f, msg_box_cb cb, void *data)
{
	bool out = f->box == MSG_BOX_OUTBOX;
	sqlite3_stmt *st = db_stmt(db, out ? sql_outbox : f->state ? sql_inbox_state
				       : f->priority ? sql_inbox_priority : sql_inbox);
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, f->unit_id);
	sqlite3_bind_int64(st, 2, f->before_ms ? f->before_ms : INT64_MAX);
	sqlite3_bind_int64(st, 3, f->before_ms ? f->before_seq : INT64_MAX);
	db_bind_text(st, 4, f->state);
	db_bind_text(st, 5, f->priority);
	db_bind_text(st, 6, f->kind);
	db_bind_text(st, 7, f->other_unit);
	sqlite3_bind_int(st, 8, f->overdue);
	sqlite3_bind_int64(st, 9, f->now);
	bind_ms(st, 10, f->since_ms);
	bind_ms(st, 11, f->until_ms);
	sqlite3_bind_int(st, 12, f->box == MSG_BOX_ESCALATED);
	sqlite3_bind_int(st, 13, f->limit > 0 ? f->limit : RL_PAGE_DEFAULT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct msg_rec m;
		struct addr_rec a;
		int r;

		read_box_msg(st, &m);
		if (!out)
			read_box_addr(st, BOX_MSG_NCOLS, &a);
		r = cb(&m, out ? NULL : &a, out ? m.created_ms : a.created_ms, data);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing messages");
}

/*
 * The inbox counts of a unit come from its counters (migration 0012, kept
 * by triggers): all and unread at once. Overdue depends on the time too:
 * it is the open rows (ack_open, reply_open) less those whose deadline is
 * still ahead. Deadlines lie hours or days ahead, so that side is usually
 * the small one; walking it stops after RL_COUNT_AHEAD_MAX rows, and only
 * then (a very busy unit) are the overdue rows walked instead, up to the
 * cap. Overdue: waiting for the acknowledgement past its deadline, or
 * acknowledged and waiting for the reply past its deadline (a reply
 * deadline never comes before the ack deadline).
 *
 * An overdue count stays right while the unit's `changes` is the same and
 * the next deadline ahead has not come, so each connection keeps the
 * last few it computed: most pages then cost one lookup of the counters.
 */
#define COUNTS_MEMO_MAX 16

struct counts_memo {
	struct {
		char unit_id[RL_ID_LEN + 1]; /* "" for a free entry */
		int64_t changes;             /* the unit's counters row when computed */
		int64_t overdue;             /* exact, not capped */
		int64_t from_ms, until_ms;   /* holds for from_ms <= now < until_ms */
	} e[COUNTS_MEMO_MAX];
	unsigned next;                       /* round-robin replacement */
};

static int64_t cap_count(int64_t n)
{
	return n < 0 ? 0 : n < RL_COUNT_CAP ? n : RL_COUNT_CAP;
}

int msg_store_inbox_counts(struct rl_db *db, const char *unit_id, int64_t now,
			   int64_t *all, int64_t *unread, int64_t *overdue)
{
	static const char sql_counters[] =
		"SELECT inbox, unread, changes FROM unit_box_counts WHERE unit_id = ?1";
	/* One statement, so the counters, the walks and the next deadlines
	 * read one snapshot. */
	static const char sql_overdue[] =
		"SELECT c.inbox, c.unread, c.changes, "
		"  CASE WHEN n.ack < ?4 THEN c.ack_open - n.ack ELSE "
		"    (SELECT COUNT(*) FROM (SELECT 1 FROM addressees WHERE unit_id = ?1 "
		"      AND state IN ('sent', 'delivered', 'read') AND ack_due_ms <= ?2 LIMIT ?3)) END, "
		"  CASE WHEN n.reply < ?4 THEN c.reply_open - n.reply ELSE "
		"    (SELECT COUNT(*) FROM (SELECT 1 FROM addressees WHERE unit_id = ?1 "
		"      AND state = 'acknowledged' AND reply_due_ms <= ?2 LIMIT ?3)) END, "
		"  (SELECT MIN(ack_due_ms) FROM addressees WHERE unit_id = ?1 "
		"    AND state IN ('sent', 'delivered', 'read') AND ack_due_ms > ?2), "
		"  (SELECT MIN(reply_due_ms) FROM addressees WHERE unit_id = ?1 "
		"    AND state = 'acknowledged' AND reply_due_ms > ?2) "
		"FROM unit_box_counts c, "
		"  (SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM addressees WHERE unit_id = ?1 "
		"      AND state IN ('sent', 'delivered', 'read') AND ack_due_ms > ?2 LIMIT ?4)) AS ack, "
		"    (SELECT COUNT(*) FROM (SELECT 1 FROM addressees WHERE unit_id = ?1 "
		"      AND state = 'acknowledged' AND reply_due_ms > ?2 LIMIT ?4)) AS reply) n "
		"WHERE c.unit_id = ?1";
	struct counts_memo *memo = db_memo(db, DB_MEMO_INBOX_COUNTS, sizeof(*memo));
	sqlite3_stmt *st = db_stmt(db, sql_counters);
	int64_t changes, late = 0, until = INT64_MAX;
	unsigned slot;
	int rc;

	*all = *unread = *overdue = 0;
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		/* DONE: the unit never had a message, every count is 0. */
		return rc == SQLITE_DONE ? 0 : db_fail(db, "counting messages");
	}
	*all = cap_count(sqlite3_column_int64(st, 0));
	*unread = cap_count(sqlite3_column_int64(st, 1));
	changes = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	for (slot = 0; slot < COUNTS_MEMO_MAX; slot++)
		if (!strcmp(memo->e[slot].unit_id, unit_id))
			break;
	if (slot < COUNTS_MEMO_MAX && memo->e[slot].changes == changes && memo->e[slot].from_ms <= now &&
	    now < memo->e[slot].until_ms) {
		*overdue = cap_count(memo->e[slot].overdue);
		return 0;
	}

	if (!(st = db_stmt(db, sql_overdue)))
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, RL_COUNT_CAP);
	sqlite3_bind_int(st, 4, RL_COUNT_AHEAD_MAX);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		/* Read again: a write may have come between the statements. */
		*all = cap_count(sqlite3_column_int64(st, 0));
		*unread = cap_count(sqlite3_column_int64(st, 1));
		changes = sqlite3_column_int64(st, 2);
		late = sqlite3_column_int64(st, 3) + sqlite3_column_int64(st, 4);
		for (int c = 5; c <= 6; c++)
			if (sqlite3_column_type(st, c) != SQLITE_NULL && sqlite3_column_int64(st, c) < until)
				until = sqlite3_column_int64(st, c);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "counting messages");
	*overdue = cap_count(late);
	/* A count that reached the cap through the walk is no exact number:
	 * it is kept as it is, capped again when read. */
	if (rc == SQLITE_ROW) {
		if (slot == COUNTS_MEMO_MAX)
			slot = memo->next++ % COUNTS_MEMO_MAX;
		snprintf(memo->e[slot].unit_id, sizeof(memo->e[slot].unit_id), "%s", unit_id);
		memo->e[slot].changes = changes;
		memo->e[slot].overdue = late;
		memo->e[slot].from_ms = now;
		memo->e[slot].until_ms = until;
	}
	return 0;
}

/* ---- escalation ---- */

/*
 * Three kinds of due rows, each found through its partial index: an ack
 * deadline passed and nobody in the chain acknowledged; a request's reply
 * deadline passed without an answer; a flash row still waiting for its
 * acknowledgement in a unit where nobody is on duty.
 */
int msg_store_due(struct rl_db *db, int64_t now, struct msg_due *out, int max, int *n)
{
	static const char sql[] =
		"SELECT a.msg_seq, a.unit_id, 'ack_overdue' FROM addressees a "
		"JOIN messages m ON m.seq = a.msg_seq "
		"WHERE a.escalated = 0 AND a.ack_due_ms IS NOT NULL AND a.ack_due_ms <= ?1 "
		"AND a.state IN ('sent', 'delivered', 'read') AND m.closed_ms IS NULL "
		"AND NOT EXISTS (SELECT 1 FROM addressees c WHERE c.msg_seq = a.msg_seq "
		"  AND c.chain_unit = a.chain_unit AND c.acked_ms IS NOT NULL) "
		"UNION ALL "
		"SELECT a.msg_seq, a.unit_id, 'reply_overdue' FROM addressees a "
		"JOIN messages m ON m.seq = a.msg_seq "
		"WHERE a.escalated = 0 AND a.reply_due_ms IS NOT NULL AND a.reply_due_ms <= ?1 "
		"AND a.state NOT IN ('answered', 'closed') AND m.closed_ms IS NULL "
		"AND m.answered_ms IS NULL "
		"AND NOT (a.ack_due_ms IS NOT NULL AND a.ack_due_ms <= ?1 "
		"  AND a.state IN ('sent', 'delivered', 'read')) "
		"UNION ALL "
		"SELECT a.msg_seq, a.unit_id, 'nobody_on_duty' FROM addressees a "
		"JOIN messages m ON m.seq = a.msg_seq "
		"WHERE a.escalated = 0 AND a.ack_due_ms IS NOT NULL AND a.ack_due_ms > ?1 "
		"AND a.ack_due_ms <= ?1 + ?2 AND m.priority = 'flash' "
		"AND a.state IN ('sent', 'delivered', 'read') AND m.closed_ms IS NULL "
		"AND NOT EXISTS (SELECT 1 FROM addressees c WHERE c.msg_seq = a.msg_seq "
		"  AND c.chain_unit = a.chain_unit AND c.acked_ms IS NOT NULL) "
		"AND NOT EXISTS (SELECT 1 FROM duty d JOIN users u ON u.id = d.user_id "
		"  WHERE u.unit_id = a.unit_id AND d.on_duty = 1 AND u.disabled = 0) "
		"LIMIT ?3";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc, k = 0;

	*n = 0;
	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, now);
	/* Flash ack deadlines lie at most this far ahead (a day covers any
	 * configured flash deadline). */
	sqlite3_bind_int64(st, 2, 24LL * 3600 * 1000);
	sqlite3_bind_int(st, 3, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < max) {
		out[k].seq = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, out[k].unit_id, sizeof(out[k].unit_id));
		db_col_copy(st, 2, out[k].reason, sizeof(out[k].reason));
		k++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, "finding due messages");
	*n = k;
	return 0;
}

/* ---- search ---- */

int msg_store_search(struct rl_db *db, const char *folded,
		     int (*cb)(struct msg_rec *m, void *data), void *data)
{
	static const char sql[] =
		"SELECT " MSG_COLS MSG_FROM "JOIN (SELECT rowid AS r FROM message_fts WHERE message_fts MATCH ?1 "
		"ORDER BY rowid DESC LIMIT ?2) f ON f.r = m.seq ORDER BY m.seq DESC";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct strbuf q = STRBUF_INIT;
	int rc;

	if (!st)
		return rl_errcode();
	/* One FTS5 string: the phrase quoted, its quotes doubled. */
	strbuf_addch(&q, '"');
	for (const char *p = folded; *p; p++) {
		if (*p == '"')
			strbuf_addch(&q, '"');
		strbuf_addch(&q, *p);
	}
	strbuf_addch(&q, '"');
	db_bind_text(st, 1, q.buf);
	sqlite3_bind_int(st, 2, RL_SEARCH_SCAN_MAX);
	strbuf_release(&q);
	rc = walk_msgs(db, st, cb, data);
	return rc;
}

/* ---- standing links ---- */

static void order_pair(const char **a, const char **b)
{
	if (strcmp(*a, *b) > 0) {
		const char *t = *a;
		*a = *b;
		*b = t;
	}
}

int msg_store_link_add(struct rl_db *db, const char *a_id, const char *b_id, int64_t now,
		       const char *by)
{
	static const char sql[] =
		"INSERT INTO hotline_links (a_id, b_id, created_ms, created_by) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	order_pair(&a_id, &b_id);
	db_bind_text(st, 1, a_id);
	db_bind_text(st, 2, b_id);
	sqlite3_bind_int64(st, 3, now);
	db_bind_text(st, 4, by);
	return step_done(db, st, "adding a standing link");
}

int msg_store_link_remove(struct rl_db *db, const char *a_id, const char *b_id, int *n)
{
	static const char sql[] = "DELETE FROM hotline_links WHERE a_id = ?1 AND b_id = ?2";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	order_pair(&a_id, &b_id);
	db_bind_text(st, 1, a_id);
	db_bind_text(st, 2, b_id);
	if ((rc = step_done(db, st, "removing a standing link")))
		return rc;
	*n = sqlite3_changes(db_handle(db));
	return 0;
}

int msg_store_linked(struct rl_db *db, const char *a_id, const char *b_id, bool *out)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM hotline_links WHERE a_id = ?1 AND b_id = ?2)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	order_pair(&a_id, &b_id);
	db_bind_text(st, 1, a_id);
	db_bind_text(st, 2, b_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, "reading standing links");
	}
	*out = sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return 0;
}

int msg_store_links(struct rl_db *db, const char *unit_id,
		    int (*cb)(const char *other_id, void *data), void *data)
{
	static const char sql[] =
		"SELECT b_id FROM hotline_links WHERE a_id = ?1 UNION SELECT a_id FROM hotline_links WHERE b_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char id[RL_ID_LEN + 1];
		int r;

		db_col_copy(st, 0, id, sizeof(id));
		if ((r = cb(id, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading standing links");
}

/* ---- duty ---- */

int msg_store_duty_set(struct rl_db *db, const char *user_id, bool on, int64_t now)
{
	static const char sql[] =
		"INSERT INTO duty (user_id, on_duty, since_ms) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (user_id) DO UPDATE SET on_duty = excluded.on_duty, since_ms = excluded.since_ms";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, user_id);
	sqlite3_bind_int(st, 2, on);
	sqlite3_bind_int64(st, 3, now);
	return step_done(db, st, "recording duty");
}

int msg_store_duty_count(struct rl_db *db, const char *unit_id, int *n)
{
	static const char sql[] =
		"SELECT COUNT(*) FROM duty d JOIN users u ON u.id = d.user_id "
		"WHERE u.unit_id = ?1 AND d.on_duty = 1 AND u.disabled = 0";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, "reading duty");
	}
	*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

int msg_store_duty_list(struct rl_db *db, const char *unit_id,
			int (*cb)(const struct duty_rec *d, void *data), void *data)
{
	static const char sql[] =
		"SELECT u.id, u.login, u.full_name, un.code, d.since_ms FROM duty d "
		"JOIN users u ON u.id = d.user_id JOIN units un ON un.id = u.unit_id "
		"WHERE d.on_duty = 1 AND u.disabled = 0 AND (?1 IS NULL OR u.unit_id = ?1) "
		"ORDER BY un.code, u.login";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, unit_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct duty_rec d;
		int r;

		memset(&d, 0, sizeof(d));
		db_col_copy(st, 0, d.user_id, sizeof(d.user_id));
		db_col_copy(st, 1, d.login, sizeof(d.login));
		db_col_copy(st, 2, d.full_name, sizeof(d.full_name));
		db_col_copy(st, 3, d.unit_code, sizeof(d.unit_code));
		d.since_ms = sqlite3_column_int64(st, 4);
		if ((r = cb(&d, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing duty");
}

int msg_store_duty_get(struct rl_db *db, const char *user_id, bool *on, int64_t *since)
{
	static const char sql[] = "SELECT on_duty, since_ms FROM duty WHERE user_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*on = false;
	*since = 0;
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, user_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*on = sqlite3_column_int(st, 0) != 0;
		*since = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, "reading duty");
}

/* ---- attachments ---- */

int msg_store_attach_add(struct rl_db *db, int64_t seq, const char *id, const char *filename,
			 const char *content_type, const void *bytes, size_t size, int64_t now)
{
	static const char sql[] =
		"INSERT INTO attachments (id, msg_seq, filename, content_type, size, bytes, created_ms) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, seq);
	db_bind_text(st, 3, filename);
	db_bind_text(st, 4, content_type);
	sqlite3_bind_int64(st, 5, (int64_t)size);
	sqlite3_bind_blob64(st, 6, size ? bytes : "", size, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, now);
	return step_done(db, st, "storing an attachment");
}

int msg_store_attach_count(struct rl_db *db, int64_t seq, int *n)
{
	static const char sql[] = "SELECT COUNT(*) FROM attachments WHERE msg_seq = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, "counting attachments");
	}
	*n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

static void read_attach(sqlite3_stmt *st, struct attach_rec *a)
{
	memset(a, 0, sizeof(*a));
	db_col_copy(st, 0, a->id, sizeof(a->id));
	a->msg_seq = sqlite3_column_int64(st, 1);
	db_col_copy(st, 2, a->filename, sizeof(a->filename));
	db_col_copy(st, 3, a->content_type, sizeof(a->content_type));
	a->size = sqlite3_column_int64(st, 4);
}

int msg_store_attachments(struct rl_db *db, int64_t seq,
			  int (*cb)(const struct attach_rec *a, void *data), void *data)
{
	static const char sql[] =
		"SELECT id, msg_seq, filename, content_type, size FROM attachments "
		"WHERE msg_seq = ?1 ORDER BY created_ms, id";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	sqlite3_bind_int64(st, 1, seq);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct attach_rec a;
		int r;

		read_attach(st, &a);
		if ((r = cb(&a, data))) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing attachments");
}

int msg_store_attach_get(struct rl_db *db, const char *id, struct attach_rec *out, void **bytes)
{
	static const char sql[] =
		"SELECT id, msg_seq, filename, content_type, size, bytes FROM attachments WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*bytes = NULL;
	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int n = sqlite3_column_bytes(st, 5);
		const void *b = sqlite3_column_blob(st, 5);

		read_attach(st, out);
		*bytes = xmalloc(n ? (size_t)n : 1);
		if (n)
			memcpy(*bytes, b, (size_t)n);
		out->bytes = *bytes;
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading an attachment");
	return rl_error(RL_ENOTFOUND, "no such attachment");
}
