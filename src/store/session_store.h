/*
 * session_store.h: the SQL of sign-in sessions and sign-in throttling
 * (tables sessions and signin_throttle, migration 0003).
 *
 * No rules here: core/session.c decides expiry and throttling. Times are
 * milliseconds since the epoch from rl_now_ms(). A struct session_rec is
 * plain fixed-size data: nobody frees anything. One connection, one
 * thread, like every store/ function.
 */
#ifndef RL_STORE_SESSION_STORE_H
#define RL_STORE_SESSION_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/limit.h"

/* Hex SHA-256 of a token: 64 characters. */
#define SESSION_HASH_HEX 64
/* A CSRF token as stored: base64url of 32 bytes, 43 characters. */
#define SESSION_CSRF_LEN 43

struct session_rec {
	char id[RL_ID_LEN + 1];                 /* ULID */
	char token_hash[SESSION_HASH_HEX + 1];  /* hex SHA-256 of the token */
	char user_id[RL_ID_LEN + 1];            /* users.id */
	int64_t created_ms;                     /* sign-in */
	int64_t last_seen_ms;                   /* last touch */
	int64_t idle_until_ms;                  /* invalid from then on */
	int64_t expires_ms;                     /* invalid from then on */
	char csrf[SESSION_CSRF_LEN + 1];        /* base64url */
	char client_ip[RL_CLIENT_IP_MAX + 1];   /* as given at sign-in */
	int64_t ended_ms;                       /* 0 while open */
};

int session_store_insert(struct rl_db *db, const struct session_rec *s);

/* The session whose token hashes to token_hash, ended or not;
 * RL_ENOTFOUND if none. */
int session_store_get(struct rl_db *db, const char *token_hash, struct session_rec *s);

/* Moves last_seen_ms and idle_until_ms of an open session. */
int session_store_touch(struct rl_db *db, const char *id, int64_t last_seen_ms,
			int64_t idle_until_ms);

/* Ends one open session (RL_ENOTFOUND if not open), or all open sessions
 * of a user except keep_id (NULL: all); *ended counts them if not NULL. */
int session_store_end(struct rl_db *db, const char *id, int64_t now_ms);
int session_store_end_user(struct rl_db *db, const char *user_id, const char *keep_id,
			   int64_t now_ms, int *ended);

/* Throttle state of one key ("login" or "ip" kind); a key never seen is
 * all zeros. */
struct throttle_rec {
	int failures;       /* in the window that began at window_ms */
	int64_t window_ms;  /* start of the counting window */
	int64_t locked_ms;  /* attempts refused until then */
};

int throttle_store_get(struct rl_db *db, const char *kind, const char *key,
		       struct throttle_rec *t);
int throttle_store_put(struct rl_db *db, const char *kind, const char *key,
		       const struct throttle_rec *t);
int throttle_store_clear(struct rl_db *db, const char *kind, const char *key);

/* Deletes rows whose window and lock both ended before `before_ms`, so
 * guessed logins do not pile up. */
int throttle_store_prune(struct rl_db *db, int64_t before_ms);

#endif
