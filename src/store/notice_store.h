/*
 * notice_store.h: the SQL of notices, their links, hits, pending hit
 * notifications and checkpoint counters (migrations 0005, 0011).
 *
 * No rules here: core/notice.c and core/screen.c validate and authorise,
 * then call these inside their transactions. A struct notice is
 * fixed-size except `reason` and `marks`, which the store allocates when
 * it fills a struct: the caller frees them with notice_release() (a
 * struct filled by the caller may point them at borrowed strings and
 * must then not call notice_release()). Structs passed to callbacks are
 * valid only during the call and are released by the store.
 */
#ifndef RL_STORE_NOTICE_STORE_H
#define RL_STORE_NOTICE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/clock.h"
#include "util/limit.h"

/* '|'-joined alias and document lists, with their separators. */
#define NOTICE_ALIASES_BYTES (RL_NOTICE_ALIASES_MAX * (RL_NAME_MAX + 1))
#define NOTICE_DOCS_BYTES (RL_NOTICE_DOCS_MAX * (RL_NOTICE_DOC_MAX + 1))
/* An audit name: "user:LOGIN" or "system:NAME". */
#define NOTICE_WHO_MAX (RL_LOGIN_MAX + 16)

struct notice {
	char id[RL_ID_LEN + 1];              /* ULID */
	char ref[RL_NOTICE_REF_MAX + 1];     /* unique human reference */
	char kind[24];                       /* wanted, fugitive, missing, trafficking_victim, vehicle */
	char unit_id[RL_ID_LEN + 1];         /* the issuing unit */
	char unit_code[RL_CODE_MAX + 1];     /* its code (joined by the store) */
	char country[4];                     /* the issuing unit's country */
	char full_name[RL_NAME_MAX + 1];     /* "" only for vehicles */
	char aliases[NOTICE_ALIASES_BYTES];  /* '|'-joined, may be "" */
	char birth_date[RL_DATE_LEN + 1];    /* YYYY, YYYY-MM, YYYY-MM-DD or "" */
	char sex[2];                         /* "M", "F" or "" */
	char nationality[4];                 /* alpha-3 or "" */
	char documents[NOTICE_DOCS_BYTES];   /* '|'-joined, may be "" */
	char plate[RL_PLATE_MAX + 1];        /* vehicles, else "" */
	char plate_key[RL_PLATE_MAX + 1];    /* match_plate_key(plate) */
	char plate_country[4];
	char make[RL_SHORT_MAX + 1];
	char colour[RL_SHORT_MAX + 1];
	char action[16];                     /* arrest, discreet_check, protect_inform, seize */
	char valid_from[RL_DATE_LEN + 1];    /* first day screened */
	char valid_to[RL_DATE_LEN + 1];      /* last day, "" open */
	char tlp[16];                        /* CLEAR, GREEN, AMBER, AMBER+STRICT, RED */
	char sharing[16];                    /* own_country, both */
	char state[12];                      /* draft, active, hit, withdrawn, expired */
	char created_by[NOTICE_WHO_MAX];
	char created_at[RL_TIME_LEN + 1];
	char approved_by[NOTICE_WHO_MAX];    /* "" until approved */
	char approved_at[RL_TIME_LEN + 1];
	char ended_by[NOTICE_WHO_MAX];       /* "" until withdrawn, expired or hit */
	char ended_at[RL_TIME_LEN + 1];
	char end_reason[RL_SHORT_MAX + 1];
	char updated_at[RL_TIME_LEN + 1];
	char *marks;                         /* distinguishing marks, or NULL */
	char *reason;                        /* why, or NULL */
};

/* Frees marks and reason of a struct the store filled. */
void notice_release(struct notice *n);

/* Inserts n (name_fold computed from names). Duplicate ref: RL_ECONFLICT. */
int notice_store_insert(struct rl_db *db, const struct notice *n, const char *name_fold);

/* Rewrites the subject fields (kind, names, birth, sex, nationality,
 * documents, action, the vehicle's plate, plate key, country, make and
 * colour) of an existing notice (imports). */
int notice_store_update_subject(struct rl_db *db, const struct notice *n, const char *name_fold);

/* By id or ref; RL_ENOTFOUND "no such notice 'X'". */
int notice_store_get(struct rl_db *db, const char *id_or_ref, struct notice *out);

/* Sets state; `by`/`at` go to approved_* for "active", to ended_* for the
 * end states (with reason). */
int notice_store_set_state(struct rl_db *db, const char *id, const char *state,
			   const char *by, const char *at, const char *reason);

struct notice_store_filter {
	const char *state;     /* exact, or NULL */
	const char *kind;      /* exact, or NULL */
	const char *unit_id;   /* issuing unit, or NULL */
	const char *q;         /* folded text found in any name, or in ref; NULL */
	const char *after_ref; /* paging: refs after this, or NULL */
	const char *plate_key; /* exact plate key, or NULL */
	const char *expired_before; /* active notices whose valid_to < this date */
};

typedef int (*notice_cb)(const struct notice *n, void *data);

/* Calls cb for matching notices in ref order. */
int notice_store_list(struct rl_db *db, const struct notice_store_filter *f,
		      notice_cb cb, void *data);

/*
 * The generation of the screened set: a counter in meta ("notices_gen")
 * that every change of which notices are active (or of their subject)
 * increments in its own transaction, so a process can tell that another
 * one changed the notices since it built its screening index. bump
 * returns the new value; gen reads it (0 before any change).
 */
int notice_store_bump_gen(struct rl_db *db, int64_t *out);
int notice_store_gen(struct rl_db *db, int64_t *out);

/* How many refs start with prefix (for generated refs). */
int notice_store_count_prefix(struct rl_db *db, const char *prefix, int64_t *out);

/* Links. */
int notice_store_link_add(struct rl_db *db, const char *notice_id, const char *kind,
			  const char *target, const char *by, const char *at);
int notice_store_links(struct rl_db *db, const char *notice_id,
		       int (*cb)(const char *kind, const char *target, void *), void *data);

/* ---- hits ---- */

struct hit_rec {
	char id[RL_ID_LEN + 1];
	char notice_id[RL_ID_LEN + 1];
	char notice_ref[RL_NOTICE_REF_MAX + 1];  /* joined by the store */
	char unit_id[RL_ID_LEN + 1];             /* "" for the system actor */
	char unit_code[RL_CODE_MAX + 1];         /* joined by the store */
	char user_login[NOTICE_WHO_MAX];
	char at[RL_TIME_LEN + 1];
	double score;                            /* 0..1 */
	char explanation[512];
	char action_taken[24];
	char note[RL_SHORT_MAX + 1];
	char screened[2048];                     /* JSON object */
};

int hit_store_insert(struct rl_db *db, const struct hit_rec *h);
int hit_store_list(struct rl_db *db, const char *notice_id,
		   int (*cb)(const struct hit_rec *, void *), void *data);

/* A notification to the issuing unit (the hotline carries it), stored
 * with the hit as the recorder's first attempt: nobody else tries before
 * lease_until (a UTC time). */
int hit_store_notify(struct rl_db *db, const char *hit_id, const char *from_unit_id,
		     const char *to_unit_id, const char *body, const char *at,
		     const char *lease_until, char out_id[RL_ID_LEN + 1]);

/* Marks a notification sent at `at` by hotline message message_id. */
int hit_store_notify_sent(struct rl_db *db, const char *id, const char *at, const char *message_id);

/* Records a failed attempt: why, and no new attempt before retry_at. */
int hit_store_notify_failed(struct rl_db *db, const char *id, const char *error, const char *retry_at);

/*
 * Claims a pending notification for one attempt if it is due at `now`
 * (never tried, its back-off or the last sender's lease over; with force,
 * also any that failed, whatever its back-off): counts the attempt and
 * keeps others off until lease_until. *claimed false: not due, sent, or
 * claimed by someone else.
 */
int hit_store_notify_claim(struct rl_db *db, const char *id, const char *now, bool force,
			   const char *lease_until, bool *claimed);

/* A pending notification with what sending it needs. */
struct hit_pending {
	char id[RL_ID_LEN + 1];
	char hit_id[RL_ID_LEN + 1];
	char notice_id[RL_ID_LEN + 1];
	char notice_ref[RL_NOTICE_REF_MAX + 1];
	char from_unit_id[RL_ID_LEN + 1];        /* the checkpoint, "" if the hit named none */
	char from_unit_code[RL_CODE_MAX + 1];
	char to_unit_id[RL_ID_LEN + 1];          /* the notice's issuing unit */
	char to_unit_code[RL_CODE_MAX + 1];
	char user_login[NOTICE_WHO_MAX];         /* who recorded the hit: "user:X" or "system:X" */
	char body[1024];
	char created_at[RL_TIME_LEN + 1];
	int attempts;
	char next_attempt_at[RL_TIME_LEN + 1];
	char last_error[RL_ERRMSG_MAX];          /* "" if no attempt failed */
};

/* Pending notifications, the longest due first, at most limit: only those
 * due at due_at (as in hit_store_notify_claim) unless due_at is NULL
 * (all), only from one checkpoint unit unless from_unit_id is NULL, and
 * with users_only only of hits a user recorded. */
int hit_store_pending(struct rl_db *db, const char *due_at, bool force, const char *from_unit_id,
		      bool users_only, int limit, int (*cb)(const struct hit_pending *, void *), void *data);

/* The hotline message that already carried the notification of hit_id to
 * to_unit_id (a send whose "sent" mark was lost): 0 with its id and code,
 * or RL_ENOTFOUND. */
int hit_store_carried(struct rl_db *db, const char *hit_id, const char *to_unit_id,
		      char msg_id[RL_ID_LEN + 1], char *code, size_t code_size);

/* ---- counters ---- */

/* Adds to the counters of (unit, day). */
int checkpoint_store_add(struct rl_db *db, const char *unit_id, const char *day,
			 int persons, int vehicles, int hits);

struct checkpoint_day {
	char unit_id[RL_ID_LEN + 1];
	char unit_code[RL_CODE_MAX + 1];
	char day[RL_DATE_LEN + 1];
	int64_t persons, vehicles, hits;
};

/* Counters of days from..to (inclusive), of one unit or all (NULL), by
 * unit code then day. */
int checkpoint_store_list(struct rl_db *db, const char *from, const char *to,
			  const char *unit_id,
			  int (*cb)(const struct checkpoint_day *, void *), void *data);

#endif
