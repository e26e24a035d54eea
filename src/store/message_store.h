/*
 * message_store.h: the SQL of the hotline (migration 0006): messages,
 * their addressees and states, the timeline, escalations, attachments,
 * standing links, duty status and the full-text index. Only
 * core/hotline.c and core/policy.c use it; they decide, this file stores.
 *
 * Times are milliseconds since the epoch (rl_now_ms()); 0 in a struct
 * means "not yet" (NULL in the table).
 *
 * Ownership: struct msg_rec owns its subject, body and fields strings;
 * msg_rec_release() frees them. Records passed to callbacks are valid
 * only during the call; a callback returning non-zero stops the walk and
 * that value is returned. Strings given as input are borrowed.
 */
#ifndef RL_STORE_MESSAGE_STORE_H
#define RL_STORE_MESSAGE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/limit.h"

#define MSG_CODE_MAX 16   /* "HL-0000001" */

struct msg_rec {
	int64_t seq;                          /* rowid, > 0 */
	char id[RL_ID_LEN + 1];               /* ULID */
	char code[MSG_CODE_MAX + 1];          /* HL-0000001 */
	char thread_id[RL_ID_LEN + 1];        /* the first message's id */
	char parent_id[RL_ID_LEN + 1];        /* "" unless a reply */
	char kind[16];                        /* information, request, alert, reply */
	char subtype[24];                     /* "" or a request subtype */
	char priority[12];                    /* routine, urgent, flash */
	char tlp[16];                         /* clear, green, amber, amber_strict, red */
	char lang[4];                         /* vi, lo, en, fr */
	char *subject;                        /* owned */
	char *body;                           /* owned */
	char *fields;                         /* owned, a JSON object */
	char sender_unit[RL_ID_LEN + 1];
	char sender_unit_code[RL_CODE_MAX + 1];
	char sender_user[RL_ID_LEN + 1];
	char sender_login[RL_LOGIN_MAX + 1];
	int64_t created_ms;
	int64_t acked_ms, answered_ms, closed_ms; /* 0: not yet */
};
void msg_rec_release(struct msg_rec *m);

/* One addressee of a message, as stored. */
struct addr_rec {
	char unit_id[RL_ID_LEN + 1];
	char unit_code[RL_CODE_MAX + 1];
	char country[4];                      /* the unit's country */
	char role[12];                        /* to, forward, escalation, copy */
	char state[16];                       /* sent .. closed */
	int64_t created_ms, delivered_ms, read_ms, acked_ms, answered_ms, closed_ms;
	int64_t ack_due_ms, reply_due_ms;     /* 0: no deadline */
	int level;                            /* escalation steps above chain_unit */
	bool escalated;                       /* already passed up */
	char chain_unit[RL_ID_LEN + 1];
};

/* A new message (all fields validated by core). */
struct msg_new {
	const char *id, *thread_id, *parent_id; /* parent_id NULL unless a reply */
	const char *kind, *subtype, *priority, *tlp, *lang;
	const char *subject, *body, *fields;
	const char *sender_unit, *sender_user;
	const char *idem_key;                 /* NULL if none */
	const char *fold;                     /* rl_fold() text for the search index */
	int64_t created_ms;
};

/* Inserts the message and its index entry; *seq and code are set. */
int msg_store_insert(struct rl_db *db, const struct msg_new *n, int64_t *seq,
		     char code[MSG_CODE_MAX + 1]);

/* The message id a user already sent with this key; RL_ENOTFOUND if none. */
int msg_store_find_idem(struct rl_db *db, const char *user_id, const char *key,
			char id[RL_ID_LEN + 1]);

/* A message by id or code; RL_ENOTFOUND "no such message" if none. */
int msg_store_get(struct rl_db *db, const char *id_or_code, struct msg_rec *out);
int msg_store_get_seq(struct rl_db *db, int64_t seq, struct msg_rec *out);

/* Sets acked_ms / answered_ms (first time only) or closed_ms. */
enum msg_mark { MSG_MARK_ACKED, MSG_MARK_ANSWERED, MSG_MARK_CLOSED };
int msg_store_mark(struct rl_db *db, int64_t seq, enum msg_mark m, int64_t now);

/* Messages of a thread, oldest first. */
int msg_store_thread(struct rl_db *db, const char *thread_id,
		     int (*cb)(struct msg_rec *m, void *data), void *data);

/* SAVEPOINT name (op 0), RELEASE (1) or ROLLBACK TO (-1) it, inside a
 * transaction: name is a fixed identifier. */
int msg_store_savepoint(struct rl_db *db, const char *name, int op);

/* ---- addressees ---- */

struct addr_new {
	const char *unit_id, *role, *state, *chain_unit;
	int64_t now, ack_due_ms, reply_due_ms; /* 0: no deadline */
	int level;
};
/* RL_ECONFLICT if the unit is already an addressee of the message. */
int msg_store_addr_insert(struct rl_db *db, int64_t seq, const struct addr_new *a);
int msg_store_addrs(struct rl_db *db, int64_t seq,
		    int (*cb)(const struct addr_rec *a, void *data), void *data);
/* The addressee row of unit; RL_ENOTFOUND if the unit is not one. */
int msg_store_addr_get(struct rl_db *db, int64_t seq, const char *unit_id, struct addr_rec *out);
/* Sets the state and its time column (read_ms for "read", ...). */
int msg_store_addr_state(struct rl_db *db, int64_t seq, const char *unit_id,
			 const char *state, int64_t now);
/* Closes every addressee row of the message. */
int msg_store_addr_close_all(struct rl_db *db, int64_t seq, int64_t now);
int msg_store_addr_set_escalated(struct rl_db *db, int64_t seq, const char *unit_id);
/* Whether any row of the chain is acknowledged (or beyond). */
int msg_store_chain_acked(struct rl_db *db, int64_t seq, const char *chain_unit, bool *out);

/* ---- timeline and escalations ---- */

struct msg_event {
	int64_t msg_seq;
	char msg_id[RL_ID_LEN + 1];
	char msg_code[MSG_CODE_MAX + 1];
	int64_t at_ms;
	const char *actor;
	char unit_code[RL_CODE_MAX + 1];      /* "" if none */
	const char *what;
	const char *detail;
	const char *code;                     /* the reason's code (0008), "" if none */
	const char *params;                   /* its parameters, a JSON object text */
};
int msg_store_event_add(struct rl_db *db, int64_t seq, int64_t now, const char *actor,
			const char *unit_id, const char *what, const char *detail);
/* The same with the reason as data: code names a sentence of
 * core/hotline_reason.c, params (a JSON object text, or NULL for "{}")
 * its values; detail stays the English text. */
int msg_store_event_add_coded(struct rl_db *db, int64_t seq, int64_t now, const char *actor,
			      const char *unit_id, const char *what, const char *detail,
			      const char *code, const char *params);
/* Every event of the thread's messages, in order. */
int msg_store_events(struct rl_db *db, const char *thread_id,
		     int (*cb)(const struct msg_event *e, void *data), void *data);
int msg_store_escalation_add(struct rl_db *db, int64_t seq, const char *from_unit,
			     const char *to_unit, const char *reason, int64_t now);

/* ---- boxes ---- */

enum msg_box { MSG_BOX_INBOX, MSG_BOX_OUTBOX, MSG_BOX_ESCALATED };

struct msg_box_filter {
	enum msg_box box;
	const char *unit_id;                  /* whose box */
	const char *state;                    /* addressee state (inbox/escalated), or NULL */
	const char *priority, *kind;          /* or NULL */
	const char *other_unit;               /* inbox: sender unit; outbox: an addressee; or NULL */
	bool overdue;                         /* only rows past a deadline at `now` */
	int64_t now;
	int64_t since_ms, until_ms;           /* created in [since, until), 0: open */
	int64_t before_ms, before_seq;        /* paging: rows older than this, 0: from the top */
	int limit;                            /* 1..RL_PAGE_MAX */
};
/* Rows newest first. For inbox/escalated, `a` is the unit's addressee
 * row; for the outbox, `a` is NULL. sort_ms is the paging key. Rows carry
 * what a list's line shows: of m, seq, id, code, kind, subtype, priority,
 * tlp, subject, sender_unit(_code), created_ms and closed_ms (the rest is
 * empty: body and fields NULL); of a, unit_id, role, state, created_ms,
 * the deadlines, level, escalated and chain_unit. m->subject belongs to
 * the store and is valid only during the call: copy it to keep it, and
 * never msg_rec_release() a box row. */
typedef int (*msg_box_cb)(struct msg_rec *m, const struct addr_rec *a, int64_t sort_ms, void *data);
int msg_store_box(struct rl_db *db, const struct msg_box_filter *f, msg_box_cb cb, void *data);

/* Counts of a unit's inbox: all, unread (sent/delivered), overdue at now;
 * each at most RL_COUNT_CAP (meaning "that many or more"). */
int msg_store_inbox_counts(struct rl_db *db, const char *unit_id, int64_t now,
			   int64_t *all, int64_t *unread, int64_t *overdue);

/* ---- escalation ---- */

/* An addressee row that may need to go up at `now`. */
struct msg_due {
	int64_t seq;
	char unit_id[RL_ID_LEN + 1];
	char reason[16];                      /* ack_overdue, reply_overdue, nobody_on_duty */
};
/* Up to max rows whose ack or reply deadline passed, or flash rows of
 * units where nobody is on duty, not escalated yet, of open messages.
 * Returns the count in *n. */
int msg_store_due(struct rl_db *db, int64_t now, struct msg_due *out, int max, int *n);

/* ---- search ---- */

/* Messages whose index holds the folded phrase (>= 3 characters), newest
 * first, at most RL_SEARCH_SCAN_MAX. */
int msg_store_search(struct rl_db *db, const char *folded,
		     int (*cb)(struct msg_rec *m, void *data), void *data);

/* ---- standing links, duty ---- */

int msg_store_link_add(struct rl_db *db, const char *a_id, const char *b_id, int64_t now,
		       const char *by);
int msg_store_link_remove(struct rl_db *db, const char *a_id, const char *b_id, int *n);
int msg_store_linked(struct rl_db *db, const char *a_id, const char *b_id, bool *out);
/* Units linked to unit_id by a standing link. */
int msg_store_links(struct rl_db *db, const char *unit_id,
		    int (*cb)(const char *other_id, void *data), void *data);

int msg_store_duty_set(struct rl_db *db, const char *user_id, bool on, int64_t now);
/* Enabled users of the unit on duty now. */
int msg_store_duty_count(struct rl_db *db, const char *unit_id, int *n);
struct duty_rec {
	char user_id[RL_ID_LEN + 1];
	char login[RL_LOGIN_MAX + 1];
	char full_name[RL_NAME_MAX + 1];
	char unit_code[RL_CODE_MAX + 1];
	int64_t since_ms;
};
/* Users on duty, of one unit or (unit_id NULL) all, by unit code. */
int msg_store_duty_list(struct rl_db *db, const char *unit_id,
			int (*cb)(const struct duty_rec *d, void *data), void *data);
/* The user's duty state; *on false and *since 0 if never set. */
int msg_store_duty_get(struct rl_db *db, const char *user_id, bool *on, int64_t *since);

/* ---- attachments ---- */

struct attach_rec {
	char id[RL_ID_LEN + 1];
	int64_t msg_seq;
	char filename[RL_NAME_MAX + 1];
	char content_type[RL_SHORT_MAX + 1];
	int64_t size;
	const void *bytes;                    /* valid during the callback / get only */
};
int msg_store_attach_add(struct rl_db *db, int64_t seq, const char *id, const char *filename,
			 const char *content_type, const void *bytes, size_t size, int64_t now);
int msg_store_attach_count(struct rl_db *db, int64_t seq, int *n);
/* Lists a message's attachments (bytes NULL). */
int msg_store_attachments(struct rl_db *db, int64_t seq,
			  int (*cb)(const struct attach_rec *a, void *data), void *data);
/* Reads one with its bytes, copied into *bytes (the caller frees). */
int msg_store_attach_get(struct rl_db *db, const char *id, struct attach_rec *out, void **bytes);

#endif
