/*
 * status.h: how every layer below the CLI and HTTP reports failure.
 *
 * Functions return 0 (RL_OK) or a negative RL_E* code, and record a
 * lowercase, user-readable message with rl_error(), git's error() style:
 *
 *	if (!unit)
 *		return rl_error(RL_ENOTFOUND, "unknown unit '%s'", code);
 *
 * The message lives in thread-local storage until the next rl_error() on
 * the same thread; the CLI prints it, the HTTP layer puts it in the error
 * body. The code alone decides the CLI exit status and the HTTP status, in
 * one place each (cli/exit.c and http/reply.c).
 */
#ifndef RL_UTIL_STATUS_H
#define RL_UTIL_STATUS_H

enum rl_status {
	RL_OK = 0,
	RL_EINVAL = -1,    /* malformed or invalid input (HTTP 400/422) */
	RL_ENOTFOUND = -2, /* unknown id, or a record outside the actor's scope */
	RL_ECONFLICT = -3, /* duplicate, or a state that forbids the change */
	RL_EDENIED = -4,   /* authenticated, but the policy says no */
	RL_EAUTH = -5,     /* not signed in, bad credentials, expired session */
	RL_ETOOBIG = -6,   /* over a limit in util/limit.h */
	RL_ELIMIT = -7,    /* throttled: too many attempts */
	RL_EIO = -8,       /* storage failed (disk, corruption, busy) */
	RL_ENOMEM = -9,    /* out of memory */
	RL_EINTERNAL = -10 /* a bug: a broken invariant */
};

/* Records the message and returns `code`, for `return rl_error(...)`. */
int rl_error(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The message of the last rl_error() on this thread ("" if none). */
const char *rl_errmsg(void);

/* The code of the last rl_error() on this thread (RL_OK if none). */
int rl_errcode(void);

/* Forget the last error (a request handler calls it before starting). */
void rl_error_clear(void);

/* Stable machine-readable name of a code: "invalid", "not_found", ... */
const char *rl_status_name(int code);

#endif
