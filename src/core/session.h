/*
 * session.h: signing in and out, and recognising a signed-in request.
 *
 * A session is identified by an opaque bearer token: 32 random bytes
 * (randombytes_buf) written as 43 characters of unpadded base64url. The
 * token is handed to the caller ONCE, by session_sign_in(); the database
 * keeps only its SHA-256, so neither a backup nor a read of the database
 * gives a usable token. Each session also has a CSRF token, which the
 * server sends to the console and expects back in a header on every
 * write (session_csrf_ok()).
 *
 * A session ends at sign-out, when its user is disabled or has their
 * password reset, after `idle_ms` without a request (default 30 min), or
 * `absolute_ms` after sign-in however active (default 12 h). Every time is
 * read from rl_now_ms() (util/clock.h), so tests move time with
 * rl_clock_set()/rl_clock_advance().
 *
 * Failed sign-ins are counted per typed login and per client address; too
 * many within the window lock further attempts for a while (RL_ELIMIT),
 * whether the login exists or not. A wrong password, an unknown login and
 * a disabled account all answer the same RL_EAUTH "wrong login or
 * password", after the same Argon2id work, so neither the answer nor its
 * time tells whether an account exists. Every outcome is audited:
 * "session.start", "session.end", "session.fail" (failures too).
 *
 * Threads: the server calls these from several threads at once, each with
 * its own struct rl_db *. The settings are process-wide: set them once
 * with session_configure() before starting threads; nothing else here has
 * global state. All results are fixed-size structs the caller owns;
 * nothing is allocated. The caller owns the password buffer (wipe it with
 * sodium_memzero after the call) and the token it got back.
 */
#ifndef RL_CORE_SESSION_H
#define RL_CORE_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/actor.h"
#include "store/db.h"
#include "store/session_store.h"
#include "util/limit.h"

/* Length of a token and a CSRF token: base64url of 32 bytes, no padding. */
#define SESSION_TOKEN_LEN 43

struct session_settings {
	int64_t idle_ms;         /* end after this long without a request */
	int64_t absolute_ms;     /* end this long after sign-in, in any case */
	int account_fails;       /* failures of one login within window_ms ... */
	int ip_fails;            /* ... or of one address, that lock it */
	int64_t window_ms;       /* the counting window */
	int64_t lock_ms;         /* how long a lock lasts */
};

/* The defaults from util/limit.h (RL_SESSION_*, RL_SIGNIN_*). */
void session_settings_default(struct session_settings *s);

/* Sets the process-wide settings (values <= 0 keep the default). Not
 * thread-safe: call at start-up, or in a single-threaded test. */
void session_configure(const struct session_settings *s);

/* What a valid session is, for the HTTP layer (cookies, CSRF, /me). */
struct session_info {
	char id[RL_ID_LEN + 1];              /* the session's ULID: loggable */
	char user_id[RL_ID_LEN + 1];
	char login[RL_LOGIN_MAX + 1];
	char csrf[SESSION_TOKEN_LEN + 1];    /* expected in the CSRF header */
	int64_t created_ms;                  /* sign-in */
	int64_t last_seen_ms;                /* last request seen */
	int64_t idle_until_ms;               /* ends then unless used again */
	int64_t expires_ms;                  /* ends then in any case */
};

/* What a successful sign-in returns. `token` is shown once: send it to the
 * client (e.g. an HttpOnly cookie) and forget it. */
struct session_new {
	char token[SESSION_TOKEN_LEN + 1];   /* the bearer secret */
	struct session_info info;
	struct actor actor;                  /* the signed-in user */
};

/*
 * Signs `login` in with `password` (a NUL-terminated string) from
 * client_ip (NULL: "unknown"; printable, at most RL_CLIENT_IP_MAX bytes).
 * Returns 0 with *out filled, RL_EAUTH "wrong login or password",
 * RL_ELIMIT "too many failed sign-ins; try again later", or RL_EINVAL for
 * a malformed client_ip. Takes about 0.1 s (Argon2id) on every path but
 * the throttled one.
 */
int session_sign_in(struct rl_db *db, const char *login, const char *password,
		    const char *client_ip, struct session_new *out);

/*
 * The user of a valid token: fills *a (audit_name "user:LOGIN", user_id,
 * login, unit_id, roles) and *info (either may be NULL), and moves the
 * idle expiry on. An unknown, malformed, ended or expired token, or a
 * disabled user, is RL_EAUTH "not signed in" / "session expired".
 * Call it at the start of a request: it first resets the connection's
 * cached statements (db_reset_statements), so it sees other threads'
 * sign-outs and disables.
 */
int session_lookup(struct rl_db *db, const char *token, struct actor *a,
		   struct session_info *info);

/* Ends the session of token (audited "session.end"); RL_EAUTH if it is
 * not a valid session. */
int session_sign_out(struct rl_db *db, const char *token);

/* Whether header_value (may be NULL) is the session's CSRF token;
 * constant-time. */
bool session_csrf_ok(const struct session_info *info, const char *header_value);

/* Hex SHA-256 of a token, as stored (out: 65 bytes). For tests and tools. */
void session_token_hash(const char *token, char out[SESSION_HASH_HEX + 1]);

#endif
