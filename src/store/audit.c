/*
 * audit.c: appending to and verifying the hash-chained audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/audit.h"
#include "store/db_internal.h"
#include "util/id.h"
#include "util/status.h"
#include "util/strbuf.h"

static const char zero_hash[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* Fields are separated by a byte that valid UTF-8 text never holds, so
 * moving text between fields changes the hash. */
static void entry_hash(const struct audit_entry *e, char out[AUDIT_HASH_HEX + 1])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	char seq[32];
	const char *f[9];

	snprintf(seq, sizeof(seq), "%lld", (long long)e->seq);
	f[0] = e->prev_hash; f[1] = seq; f[2] = e->id; f[3] = e->at;
	f[4] = e->actor; f[5] = e->action; f[6] = e->kind;
	f[7] = e->record ? e->record : ""; f[8] = e->summary;
	crypto_hash_sha256_init(&st);
	for (int i = 0; i < 9; i++) {
		crypto_hash_sha256_update(&st, (const unsigned char *)f[i], strlen(f[i]));
		crypto_hash_sha256_update(&st, (const unsigned char *)"\xff", 1);
	}
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, AUDIT_HASH_HEX + 1, h, sizeof(h));
}

int audit_append(struct rl_db *db, const char *actor, const char *action,
		 const char *kind, const char *record, const char *summary)
{
	sqlite3_stmt *st;
	struct audit_entry e = { 0 };
	char id[RL_ID_LEN + 1], at[RL_TIME_LEN + 1];
	char prev[AUDIT_HASH_HEX + 1], hash[AUDIT_HASH_HEX + 1];
	char *sum = NULL;

	if (!db_in_transaction(db))
		return rl_error(RL_EINTERNAL, "audit record outside a transaction");
	st = db_stmt(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
	if (!st)
		return rl_errcode();
	e.seq = 1;
	memcpy(prev, zero_hash, sizeof(prev));
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		e.seq = sqlite3_column_int64(st, 0) + 1;
		db_col_copy(st, 1, prev, sizeof(prev));
		break;
	case SQLITE_DONE:
		break;
	default:
		return db_fail(db, "reading the audit chain");
	}
	sqlite3_reset(st);
	if (summary && strlen(summary) > RL_AUDIT_SUMMARY_MAX) {
		sum = strndup(summary, RL_AUDIT_SUMMARY_MAX);
		summary = sum;
	}
	rl_id_new(id);
	rl_time_format(rl_now_ms(), at);
	e.id = id; e.at = at; e.actor = actor; e.action = action; e.kind = kind;
	e.record = record; e.summary = summary ? summary : ""; e.prev_hash = prev;
	entry_hash(&e, hash);

	st = db_stmt(db, "INSERT INTO audit(seq, id, at, actor, action, kind, record, summary, prev_hash, hash)"
			 " VALUES (?,?,?,?,?,?,?,?,?,?)");
	if (!st) {
		free(sum);
		return rl_errcode();
	}
	sqlite3_bind_int64(st, 1, e.seq);
	db_bind_text(st, 2, id);
	db_bind_text(st, 3, at);
	db_bind_text(st, 4, actor);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, kind);
	db_bind_text(st, 7, record);
	db_bind_text(st, 8, e.summary);
	db_bind_text(st, 9, prev);
	db_bind_text(st, 10, hash);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(sum);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "writing the audit record");
}

static void entry_from_row(sqlite3_stmt *st, struct audit_entry *e)
{
	e->seq = sqlite3_column_int64(st, 0);
	e->id = (const char *)sqlite3_column_text(st, 1);
	e->at = (const char *)sqlite3_column_text(st, 2);
	e->actor = (const char *)sqlite3_column_text(st, 3);
	e->action = (const char *)sqlite3_column_text(st, 4);
	e->kind = (const char *)sqlite3_column_text(st, 5);
	e->record = (const char *)sqlite3_column_text(st, 6);
	e->summary = (const char *)sqlite3_column_text(st, 7);
	e->prev_hash = (const char *)sqlite3_column_text(st, 8);
	e->hash = (const char *)sqlite3_column_text(st, 9);
	if (!e->id) e->id = "";
	if (!e->at) e->at = "";
	if (!e->actor) e->actor = "";
	if (!e->action) e->action = "";
	if (!e->kind) e->kind = "";
	if (!e->summary) e->summary = "";
	if (!e->prev_hash) e->prev_hash = "";
	if (!e->hash) e->hash = "";
}

int audit_list(struct rl_db *db, const struct audit_filter *f, audit_cb cb, void *data)
{
	static const char sql[] =
		"SELECT seq, id, at, actor, action, kind, record, summary, prev_hash, hash FROM audit"
		" WHERE (?1 IS NULL OR actor = ?1)"
		"   AND (?2 IS NULL OR action = ?2 OR (substr(?2, -1) = '.' AND substr(action, 1, length(?2)) = ?2))"
		"   AND (?3 IS NULL OR kind = ?3)"
		"   AND (?4 IS NULL OR record = ?4)"
		"   AND (?5 IS NULL OR at >= ?5)"
		"   AND (?6 IS NULL OR substr(at, 1, 10) <= ?6)"
		"   AND (?7 = 0 OR seq < ?7)"
		" ORDER BY seq DESC LIMIT ?8";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return rl_errcode();
	db_bind_text(st, 1, f->actor);
	db_bind_text(st, 2, f->action);
	db_bind_text(st, 3, f->kind);
	db_bind_text(st, 4, f->record);
	db_bind_text(st, 5, f->since);
	db_bind_text(st, 6, f->until);
	sqlite3_bind_int64(st, 7, f->before_seq);
	sqlite3_bind_int64(st, 8, f->limit > 0 ? f->limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry e;
		entry_from_row(st, &e);
		int r = cb(&e, data);
		if (r) {
			sqlite3_reset(st);
			return r;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "listing the audit log");
}

int audit_verify(struct rl_db *db, int64_t *count, int64_t *bad_seq)
{
	sqlite3_stmt *st;
	char prev[AUDIT_HASH_HEX + 1], h[AUDIT_HASH_HEX + 1];
	int64_t expect = 1;
	int rc;

	*count = 0;
	*bad_seq = 0;
	if (sqlite3_prepare_v2(db_handle(db),
			       "SELECT seq, id, at, actor, action, kind, record, summary, prev_hash, hash"
			       " FROM audit ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "reading the audit log");
	memcpy(prev, zero_hash, sizeof(prev));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry e;
		entry_from_row(st, &e);
		if (e.seq != expect) {
			*bad_seq = e.seq;
			sqlite3_finalize(st);
			return rl_error(RL_EIO, "audit entry %lld: expected entry %lld here (removed or reordered)",
					(long long)e.seq, (long long)expect);
		}
		if (strcmp(e.prev_hash, prev)) {
			*bad_seq = e.seq;
			sqlite3_finalize(st);
			return rl_error(RL_EIO, "audit entry %lld: does not follow the entry before it (removed or reordered)",
					(long long)e.seq);
		}
		entry_hash(&e, h);
		if (strcmp(h, e.hash)) {
			*bad_seq = e.seq;
			sqlite3_finalize(st);
			return rl_error(RL_EIO, "audit entry %lld: content changed (hash mismatch)", (long long)e.seq);
		}
		memcpy(prev, e.hash, sizeof(prev) - 1);
		prev[AUDIT_HASH_HEX] = '\0';
		expect++;
		(*count)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading the audit log");
}
