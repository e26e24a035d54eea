/*
 * screen.h: screening travellers and vehicles at checkpoints against the
 * active notices, hits, and the checkpoints' daily counters.
 *
 * The process keeps one in-memory match index (match/match.h) of the
 * active person notices, built from the database on first use and kept
 * current by core/notice.c, which calls screen_index_update() after every
 * change it commits (add, approve, withdraw, expire, hit): no rebuild. A
 * reader-writer lock guards it, so the server's threads screen at once.
 * Every change of the screened set also bumps a counter in the database
 * (notices_gen); a screening that finds the counter moved by another
 * process (a CLI import while the server runs) rebuilds the index first.
 *
 * Vehicles are screened by plate key (match_plate_key) against the
 * database. Candidates are filtered by the actor's right to read each
 * notice (policy.c), and only notices valid today are reported.
 *
 * Every screening counts persons or vehicles checked for the checkpoint's
 * unit (the actor's unit; the system actor names one with `unit`) and the
 * day, in one transaction with an audit record that names no traveller.
 *
 * Ownership: results are written into caller arrays; nothing to free
 * except what screen_index_free() releases at exit.
 */
#ifndef RL_CORE_SCREEN_H
#define RL_CORE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/actor.h"
#include "match/match.h"
#include "store/db.h"
#include "store/notice_store.h"

/* Builds the index from the active notices unless it exists. */
int screen_index_load(struct rl_db *db);
/* Reflects a committed change of n in the index (no-op before load). */
void screen_index_update(const struct notice *n);
/* After the updates of one committed change that bumped notices_gen to
 * gen (notice_store_bump_gen): the index reflects gen, if it reflected
 * gen - 1; else the next screen_index_load() rebuilds it. */
void screen_index_changed(int64_t gen);
/* Frees the index (the CLI at exit; tests). */
void screen_index_free(void);
/* Entries in the index (0 before load). */
size_t screen_index_count(void);

/* The screening threshold: the setting "screen_threshold", else
 * MATCH_THRESHOLD_DEFAULT. */
int screen_threshold(struct rl_db *db, double *out);
/* Sets it (admins), audited. */
int screen_set_threshold(struct rl_db *db, const struct actor *a, double t);

struct screen_query {
	const char *name;         /* the traveller's name, or NULL for a plate only */
	const char *birth;        /* YYYY, YYYY-MM or YYYY-MM-DD, or NULL */
	const char *sex;          /* M, F, or NULL */
	const char *nationality;  /* alpha-3, or NULL */
	const char *document;     /* document number, or NULL */
	const char *plate;        /* a vehicle plate, or NULL */
	const char *unit;         /* system actor only: the checkpoint unit to count for */
};

struct screen_cand {
	char notice_id[RL_ID_LEN + 1];
	char ref[RL_NOTICE_REF_MAX + 1];
	char kind[24];
	char action[16];                      /* what to do on a hit */
	char full_name[RL_NAME_MAX + 1];
	char birth_date[RL_DATE_LEN + 1];
	char plate[RL_PLATE_MAX + 1];
	char unit_code[RL_CODE_MAX + 1];      /* the issuing unit */
	char tlp[16];
	double score;                         /* 0..1 */
	char why[MATCH_EXPLAIN_MAX];          /* the matcher's explanation */
};

/*
 * Screens one traveller and/or one plate: writes up to max candidates
 * (score >= threshold; a negative threshold means the setting) best first
 * into out and their number into *n. Counts and audits the screening.
 */
int screen_one(struct rl_db *db, const struct actor *a, const struct screen_query *q,
	       double threshold, struct screen_cand *out, size_t max, size_t *n);

/* One manifest row's result, for screen_batch()'s callback. */
typedef int (*screen_row_cb)(const char *ref, const struct screen_cand *c, size_t n, void *data);
/* A bad manifest line. */
typedef int (*screen_bad_cb)(long line, const char *msg, void *data);

struct screen_batch_result {
	int screened;   /* rows screened */
	int bad;        /* rows refused (reported through bad_cb) */
	int flagged;    /* rows with at least one candidate */
};

/*
 * Screens a manifest: CSV with a header holding ref and full_name, and
 * optionally birth_date, sex, nationality, document_no (any order;
 * unknown columns are an error). Calls row_cb for each good row in file
 * order, bad_cb for each bad one (the rest go on). At most
 * RL_SCREEN_BATCH_MAX rows. One counter update and one audit record.
 */
int screen_batch(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
		 double threshold, const char *unit, screen_row_cb row_cb, screen_bad_cb bad_cb,
		 void *data, struct screen_batch_result *res);

/* ---- hits ---- */

struct hit_input {
	const char *notice;        /* ref or id, required */
	double score;              /* the score shown (0..1); < 0: not given */
	const char *explanation;   /* the explanation shown, or NULL */
	const char *action_taken;  /* arrested, seized, protected, informed, checked_released,
				    * not_confirmed, other; default from the notice's action */
	const char *note;          /* or NULL */
	const struct screen_query *screened; /* the data keyed in (name, birth, ...) */
	const char *unit;          /* system actor only: the checkpoint unit */
};

struct hit_result {
	struct hit_rec hit;
	char notice_state[12];                 /* the notice's state after the hit */
	char notification_id[RL_ID_LEN + 1];   /* the notification to the issuer */
	char issuing_unit[RL_CODE_MAX + 1];
	bool notified;                         /* sent through the hotline (false: pending) */
	char message_code[32];                 /* the hotline message's code, if notified */
	char notify_error[RL_ERRMSG_MAX];      /* why it is pending, if not notified */
};

/*
 * Records a hit on an active notice the actor may read, counts it for the
 * checkpoint and day, and notifies the issuing unit: the notification is
 * stored with the hit, then sent as a FLASH alert through the hotline from
 * the checkpoint's unit to the issuing unit (policy_msg_hit); if that
 * fails (the system actor, a storage error) it stays pending in
 * hit_notifications, out->notify_error says why, and hit_notify_pending()
 * sends it later. A hit
 * whose action took the subject in (arrested, seized, protected) ends the
 * notice as "hit" (it leaves the screening index).
 */
int hit_record(struct rl_db *db, const struct actor *a, const struct hit_input *in,
	       struct hit_result *out);

/*
 * Pending hit notifications (not carried by the hotline yet: the attempt
 * at the hit failed, or the process stopped before it; migration 0011).
 * The system actor sees all; a user who may screen those of hits at their
 * unit. At most RL_HIT_NOTIFY_BATCH, oldest first.
 */
int hit_pending_list(struct rl_db *db, const struct actor *a,
		     int (*cb)(const struct hit_pending *, void *), void *data);

/* What one attempt of hit_notify_pending() did. */
struct hit_notify_outcome {
	const struct hit_pending *p;      /* the notification, as it was before */
	bool sent;                        /* carried now (or found carried) */
	bool carried_before;              /* a message had carried it: only marked now */
	bool busy;                        /* another sender holds it: not reported */
	char message_code[32];            /* the hotline message, if sent */
	char error[RL_ERRMSG_MAX];        /* why it is still pending, if not sent */
};

/*
 * Sends the pending notifications that are due (RL_HIT_NOTIFY_BATCH at
 * most), each exactly once: it is claimed with a lease
 * (RL_HIT_NOTIFY_LEASE_MS) so concurrent senders (the server's job, a
 * `hit resend`) skip it; a message that already carried it (a send whose
 * mark was lost) is found and only marked; otherwise it is sent with the
 * hit's id as the idempotency key. Who sends: a user actor sends the
 * notifications of hits at their unit as themselves; the system actor (the
 * server's job, the operator) sends each as the user who recorded the hit,
 * if that user still may, and leaves hits the operator recorded to a user
 * of the checkpoint's unit. A failure is kept with its reason and retried
 * after a back-off (RL_HIT_NOTIFY_RETRY_MS doubling, up to
 * RL_HIT_NOTIFY_RETRY_MAX_MS); force retries failed ones at once. Each
 * attempt's end is one transaction with its audit record ("hit.notify",
 * "hit.notify_failed"). cb (may be NULL) gets each outcome; *sent and
 * *left count them. Returns 0 unless storage failed.
 */
int hit_notify_pending(struct rl_db *db, const struct actor *a, bool force,
		       int (*cb)(const struct hit_notify_outcome *, void *), void *data,
		       int *sent, int *left);

/* Hits of a notice the actor may read, oldest first. */
int hit_list(struct rl_db *db, const struct actor *a, const char *notice,
	     int (*cb)(const struct hit_rec *, void *), void *data);

/* Per checkpoint unit per day from..to (YYYY-MM-DD, inclusive): persons
 * and vehicles checked, hits. unit: a code, or NULL for all (checkpoint
 * users: their own unit only). */
int checkpoint_stats(struct rl_db *db, const struct actor *a, const char *from, const char *to,
		     const char *unit, int (*cb)(const struct checkpoint_day *, void *), void *data);

#endif
