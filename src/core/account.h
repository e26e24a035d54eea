/*
 * account.h: user accounts: adding, listing, showing, passwords, disabling,
 * roles and units. The rules live here; the SQL in store/user_store.c.
 *
 * Every function takes the acting `struct actor` and asks core/policy.c:
 * reads need POLICY_USER_READ (admins, or a user reading their own
 * account), writes POLICY_USER_ADMIN (admins and the system actor), except
 * account_change_own_password(). A user outside the actor's reach is
 * RL_ENOTFOUND, exactly like an unknown login.
 *
 * Every write is one transaction with its audit record ("user.add",
 * "user.passwd", "user.disable", "user.enable", "user.roles", "user.unit",
 * "user.name"); audit summaries never hold a password or hash. Bad input
 * is refused before anything is written.
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str,
 * INTERACTIVE limits: about 0.1 s and 64 MiB each). Callers own their
 * password buffers and should wipe them (sodium_memzero) after the call;
 * nothing here keeps a copy.
 *
 * Threads: no global state; call from any thread, each with its own
 * struct rl_db *. Results are fixed-size structs (store/user_store.h):
 * nothing to free.
 */
#ifndef RL_CORE_ACCOUNT_H
#define RL_CORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/actor.h"
#include "store/db.h"
#include "store/user_store.h"

/* The one password of every account `init --demo` makes (documented in
 * README.md; demo databases are for training and tests only). */
#define ACCOUNT_DEMO_PASSWORD "redline-demo"

/* The fields of a new account. */
struct account_new {
	const char *login;      /* 1..RL_LOGIN_MAX of [a-z0-9._-] */
	const char *full_name;  /* valid UTF-8, 1..RL_NAME_MAX bytes */
	const char *unit_code;  /* an existing unit, valid today */
	unsigned roles;         /* enum role bits, at least one */
	const char *password;   /* RL_PASSWORD_MIN..RL_PASSWORD_MAX bytes */
	size_t password_len;    /* bytes of password */
	bool demo;              /* mark as a demo account (init --demo) */
	const char *password_hash; /* if not NULL: use this crypto_pwhash_str
				    * string instead of hashing `password`
				    * (demo seeding hashes once for all) */
};

/* Validation, for callers that want to check before asking for more
 * input; each returns 0 or RL_EINVAL/RL_ETOOBIG with a message naming the
 * field. */
int account_check_login(const char *login);
int account_check_name(const char *name);
int account_check_password(const char *pw, size_t len);

/* Argon2id hash of a password into out (USER_HASH_MAX bytes). */
int account_hash_password(const char *pw, size_t len, char out[USER_HASH_MAX]);

/* Adds an account; *out (if not NULL) receives it as stored. */
int account_add(struct rl_db *db, const struct actor *a, const struct account_new *n,
		struct user_rec *out);

/* Reads one account by login. */
int account_get(struct rl_db *db, const struct actor *a, const char *login,
		struct user_rec *out);

struct account_filter {
	const char *unit_code;  /* users of this unit, or NULL */
	unsigned roles;         /* users with any of these roles; 0: any */
	int disabled;           /* 0: enabled only, 1: disabled only, -1: both */
	bool demo_only;         /* only accounts made by init --demo */
	const char *after;      /* cursor: logins after this one, or NULL */
	int limit;              /* 1..RL_PAGE_MAX + 1 (one more than a page, to
				 * see if another follows); 0: RL_PAGE_DEFAULT;
				 * -1: all */
};

typedef int (*account_cb)(const struct user_rec *u, void *data);

/* Lists accounts in login order (admins only); a non-zero return from cb
 * stops the walk and is returned. An unknown unit_code is RL_ENOTFOUND. */
int account_list(struct rl_db *db, const struct actor *a, const struct account_filter *f,
		 account_cb cb, void *data);

/* An admin sets a user's password. All the user's sessions end, except
 * keep_session_id (NULL: all), so a stolen session dies with the old
 * password. */
int account_set_password(struct rl_db *db, const struct actor *a, const char *login,
			 const char *pw, size_t len, const char *keep_session_id);

/* A signed-in user changes their own password, proving the old one;
 * a wrong old password is RL_EAUTH. Other sessions end, keep_session_id
 * (the caller's) stays. */
int account_change_own_password(struct rl_db *db, const struct actor *a,
				const char *old_pw, size_t old_len,
				const char *new_pw, size_t new_len,
				const char *keep_session_id);

/* Disables (ending every session of the user) or enables an account.
 * Already in that state is RL_ECONFLICT; an admin cannot disable
 * themselves. */
int account_set_disabled(struct rl_db *db, const struct actor *a, const char *login,
			 bool disabled);

/* Replaces the roles (at least one); an admin cannot take the admin role
 * from themselves. */
int account_set_roles(struct rl_db *db, const struct actor *a, const char *login,
		      unsigned roles);

/* Moves the user to another unit (existing and valid today). */
int account_set_unit(struct rl_db *db, const struct actor *a, const char *login,
		     const char *unit_code);

/* Changes the full name. */
int account_set_name(struct rl_db *db, const struct actor *a, const char *login,
		     const char *full_name);

/* Several changes at once (the API's PATCH): each field NULL/absent is
 * left alone. All are checked first, then applied in ONE transaction
 * with one audit record per change, so a bad field changes nothing. */
struct account_patch {
	const char *full_name;  /* or NULL */
	const char *unit_code;  /* or NULL */
	bool set_roles;         /* whether roles is given */
	unsigned roles;
	bool set_disabled;      /* whether disabled is given */
	bool disabled;
};
int account_update(struct rl_db *db, const struct actor *a, const char *login,
		   const struct account_patch *p, struct user_rec *out);

/*
 * The actor of an enabled user, for `redline --as LOGIN` and for
 * sessions: audit_name "user:LOGIN", ids, unit and roles. Unknown login is
 * RL_ENOTFOUND, a disabled one RL_EDENIED. No authorisation: the caller
 * has already proved it may act as this user.
 */
int account_actor(struct rl_db *db, const char *login, struct actor *out);

/* The node_seed_fn of `init --demo` (listed in core/seed.h after the
 * directory's demo units): see account_demo.c for the accounts. Runs
 * inside node_init()'s transaction. */
int account_seed_demo(struct rl_db *db, const struct actor *a, bool demo);

/* Fills an actor from a user record (no checks). */
void account_actor_from(const struct user_rec *u, struct actor *out);

#endif
