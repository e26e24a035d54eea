/*
 * hotline.h: the heart of Redline: messages and requests between units,
 * their states, deadlines and escalation up the four levels.
 *
 * A unit sends information, requests and alerts to the units routing lets
 * it write to (core/policy.c: parent, children, counterparts, for a
 * ministry its whole country and the other ministry, standing links). Each
 * addressee moves through delivered -> read (first open by one of its
 * users) -> acknowledged (an explicit act) -> answered (a reply) ->
 * closed (the sender closes). Deadlines come from struct
 * hotline_settings (the deployment's settings, core/config.h); hotline_escalate_due() passes overdue messages to the
 * parent of the unit that let the deadline pass, and tells the sender's
 * parent, up to the ministries; every step is in the thread's timeline.
 *
 * Every write validates everything first and runs as one transaction with
 * its audit record. Messages outside the actor's reach are RL_ENOTFOUND.
 * All times come from rl_now_ms().
 *
 * Ownership: json_t results are new references the caller decrefs.
 * Records passed to callbacks are valid only during the call. Input
 * strings are borrowed.
 */
#ifndef RL_CORE_HOTLINE_H
#define RL_CORE_HOTLINE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/actor.h"
#include "store/message_store.h"
#include "store/unit_store.h"

enum hotline_priority { HL_ROUTINE, HL_URGENT, HL_FLASH, HL_NPRIO };

/* Deadlines in milliseconds, per priority. */
struct hotline_settings {
	int64_t ack_ms[HL_NPRIO];     /* from delivery to acknowledgement */
	int64_t reply_ms[HL_NPRIO];   /* from delivery to the reply (requests) */
};
/* ack: routine 24 h, urgent 1 h, flash 15 min; reply to a request:
 * routine 7 days, urgent 3 days, flash 8 h. */
void hotline_settings_default(struct hotline_settings *s);
/* The settings in force: the deployment's (core/config.c keys
 * hotline.ack.PRIORITY and hotline.reply.PRIORITY), else the defaults.
 * Read from the database at each send, forward and escalation pass, so a
 * change applies to messages delivered after it, without a restart;
 * deadlines already set stay as they were. */
int hotline_settings_load(struct rl_db *db, struct hotline_settings *s);

/* A record a message links to (core/hotline_link.h): a case by its ref
 * (with country when the ref exists in both) or id, a person by id, a
 * notice by ref or id. */
struct hotline_link_ref {
	const char *kind;             /* case, person, notice */
	const char *ref;
	const char *country;          /* cases only: VNM or LAO, or NULL */
};

/* What to send. Units are codes or ids. */
struct hotline_msg_input {
	const char *from;             /* optional: must be the actor's unit */
	const char *const *to;        /* 1..RL_ADDRESSEES_MAX units */
	int nto;
	const char *kind;             /* information, request, alert */
	const char *subtype;          /* requests: investigate, verify, ... */
	const char *priority;         /* routine (default), urgent, flash */
	const char *tlp;              /* clear, green, amber (default), amber_strict, red */
	const char *subject;
	const char *body;             /* may be "" */
	const char *lang;             /* vi, lo, en, fr: default the sender's country's */
	const char *fields;           /* JSON object, or NULL */
	const char *idem_key;         /* a retry with the same key returns the first */
	const struct hotline_link_ref *links; /* records to link, each one the sender
				       * may read (else nothing is sent); or NULL */
	int nlinks;                   /* 0..RL_MSG_LINKS_MAX */
	bool hit;                     /* core/screen.c only: a checkpoint's hit notice to
				       * the issuing unit (policy_msg_hit instead of the
				       * hotline role and routing checks) */
};

struct hotline_sent {
	char id[RL_ID_LEN + 1];
	char code[MSG_CODE_MAX + 1];
	char thread_id[RL_ID_LEN + 1];
	bool replayed;                /* the key was seen: nothing new was stored */
};

int hotline_send(struct rl_db *db, const struct actor *a, const struct hotline_msg_input *in,
		 struct hotline_sent *out);

/*
 * Group commit for servers: hotline_group_start() starts a thread that
 * stores the sends of every thread in shared transactions (one savepoint
 * each, one fsync a batch) on its own connection `db`, which it uses until
 * hotline_group_stop() (the caller then closes it). hotline_send() still
 * returns only after its message is committed.
 */
int hotline_group_start(struct rl_db *db);
void hotline_group_stop(void);

/* Replies to message `id` (to its sender unit), moving the actor's unit's
 * addressee row to answered. */
int hotline_reply(struct rl_db *db, const struct actor *a, const char *id, const char *body,
		  const char *lang, const char *idem_key, struct hotline_sent *out);
/* Acknowledges: an explicit act by a user of an addressee unit. */
int hotline_ack(struct rl_db *db, const struct actor *a, const char *id);
/* Forwards a received message to the parent or a child of the actor's
 * unit, in the same thread; note may be NULL. */
int hotline_forward(struct rl_db *db, const struct actor *a, const char *id, const char *to,
		    const char *note);
/* Closes: the sender's unit only. */
int hotline_close(struct rl_db *db, const struct actor *a, const char *id, const char *note);

/* The thread of message `id` as JSON (messages the actor may read, their
 * addressees, fields with labels in lang, the timeline). If mark_read,
 * the first open by a user of an addressee unit marks it read. */
int hotline_show(struct rl_db *db, const struct actor *a, const char *id, const char *lang,
		 bool mark_read, json_t **out);

/* The language of the actor's country ("vi", "lo"; "en" for the system). */
const char *hotline_lang_of(struct rl_db *db, const struct actor *a);

/* A message as a JSON object (for lists and notices). */
json_t *hotline_msg_json(const struct msg_rec *m, const struct addr_rec *ad, const char *lang);
/* The same, brief: a line of a list (no body or fields; the addressee
 * row's state, role, level and deadlines only). */
json_t *hotline_msg_line_json(const struct msg_rec *m, const struct addr_rec *ad, const char *lang);
/* The line written as JSON text into w, "overdue" judged at now: the one
 * definition of a line, for pages written without a jansson tree. */
struct jsonw;
void hotline_msg_line_write(struct jsonw *w, const struct msg_rec *m, const struct addr_rec *ad,
			    const char *lang, int64_t now);

/* A box of the actor's unit (system actor: of f->unit). Filters as in
 * struct msg_box_filter, with units given by code. */
struct hotline_box_query {
	const char *box;              /* inbox, outbox, escalated */
	const char *unit;             /* system actor only: whose box */
	const char *state, *priority, *kind;
	const char *counterpart;      /* the other unit's code */
	bool overdue;
	const char *since, *until;    /* dates YYYY-MM-DD, inclusive */
	const char *cursor;           /* from the previous page, or NULL */
	int limit;                    /* 0: RL_PAGE_DEFAULT */
};
/* cb gets each row; *next_cursor (RL_ID_LEN+40 bytes) is "" at the end. */
int hotline_box(struct rl_db *db, const struct actor *a, const struct hotline_box_query *q,
		msg_box_cb cb, void *data, char *next_cursor, size_t cursor_size);
int hotline_counts(struct rl_db *db, const struct actor *a, int64_t *all, int64_t *unread,
		   int64_t *overdue);

/* Full-text search over what the actor may read, newest first. */
int hotline_search(struct rl_db *db, const struct actor *a, const char *q, int limit,
		   int (*cb)(struct msg_rec *m, void *data), void *data);

/* The units the actor may write to (for compose), by code. */
int hotline_addressees(struct rl_db *db, const struct actor *a,
		       int (*cb)(const struct unit *u, const char *why, void *data), void *data);

/* One escalation pass at `now`: returns the number of escalations. */
int hotline_escalate_due(struct rl_db *db, int64_t now, int *count);

/* Duty: the actor on or off duty now; who is on duty (unit code or NULL). */
int hotline_duty_set(struct rl_db *db, const struct actor *a, bool on);
int hotline_duty_list(struct rl_db *db, const struct actor *a, const char *unit,
		      int (*cb)(const struct duty_rec *d, void *data), void *data);

/* Standing links (admins): units that may write to each other. */
int hotline_link(struct rl_db *db, const struct actor *a, const char *unit_a, const char *unit_b,
		 bool add);

/* Attachments: add to a message the actor's unit sent (before it is
 * closed); read one the actor may read. */
int hotline_attach(struct rl_db *db, const struct actor *a, const char *msg_id, const char *filename,
		   const char *content_type, const void *bytes, size_t size, char out_id[RL_ID_LEN + 1]);
int hotline_attachment(struct rl_db *db, const struct actor *a, const char *att_id,
		       struct attach_rec *out, void **bytes);

/*
 * Live notices: after each committed send, forward, reply or escalation,
 * the notifier (set once by the server) is called for every unit that
 * newly holds the message. Called on the writer's thread after commit.
 */
struct hotline_notice {
	const char *unit_id;
	const char *msg_id, *code, *kind, *priority, *subject, *what; /* what: new, escalated, reply, forward */
	const char *from_unit_code;
};
typedef void (*hotline_notify_fn)(const struct hotline_notice *n, void *data);
void hotline_set_notifier(hotline_notify_fn fn, void *data);

/* Seed step: every demo officer starts on duty. */
int hotline_seed_demo(struct rl_db *db, const struct actor *a, bool demo);

#endif
