/*
 * user_store.h: the SQL of user accounts (table users, migration 0003).
 *
 * No rules here: core/account.c validates and authorises, then calls
 * these inside its transaction. A struct user_rec is plain fixed-size
 * data; nothing in it is allocated, so nobody frees anything.
 *
 * Like every store/ function these use one connection from one thread.
 */
#ifndef RL_STORE_USER_STORE_H
#define RL_STORE_USER_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "util/clock.h"
#include "util/limit.h"

/* Size of a crypto_pwhash_str() string with its NUL (libsodium's
 * crypto_pwhash_STRBYTES), kept here so this header needs no sodium.h. */
#define USER_HASH_MAX 128

struct user_rec {
	char id[RL_ID_LEN + 1];           /* ULID */
	char login[RL_LOGIN_MAX + 1];     /* [a-z0-9._-], unique */
	char full_name[RL_NAME_MAX + 1];  /* valid UTF-8 */
	char unit_id[RL_ID_LEN + 1];      /* units.id */
	/* Of unit_id today: filled by core/account.c, "" from the store. */
	char unit_code[RL_CODE_MAX + 1];
	char unit_name_en[RL_NAME_MAX + 1];
	char unit_name_local[RL_NAME_MAX + 1];
	unsigned roles;                   /* enum role bits, never 0 */
	bool disabled;                    /* may not sign in or act */
	bool demo;                        /* created by `init --demo` */
	char created_at[RL_TIME_LEN + 1]; /* UTC */
	char updated_at[RL_TIME_LEN + 1]; /* UTC */
	char password_changed_at[RL_TIME_LEN + 1]; /* UTC */
};

/* Inserts u (all fields but unit_*) with the given password hash. A
 * duplicate login is RL_ECONFLICT with a message naming it. */
int user_store_insert(struct rl_db *db, const struct user_rec *u, const char *hash);

/* Reads a user by login or by id; RL_ENOTFOUND "no such user" if none.
 * hash, if not NULL, receives the password hash (USER_HASH_MAX bytes). */
int user_store_get_by_login(struct rl_db *db, const char *login, struct user_rec *u, char *hash);
int user_store_get_by_id(struct rl_db *db, const char *id, struct user_rec *u, char *hash);

struct user_store_filter {
	const char *unit_id;  /* exact, or NULL */
	unsigned roles;       /* users with any of these bits; 0: any */
	int disabled;         /* 0: enabled only, 1: disabled only, -1: both */
	int demo;             /* 1: demo accounts only, -1: any */
	const char *after;    /* logins sorting after this (paging), or NULL */
	int limit;            /* at most this many, by login; <= 0: no limit */
};

typedef int (*user_store_cb)(const struct user_rec *u, void *data);

/* Calls cb for matching users in login order; a non-zero return from cb
 * stops the walk and is returned. */
int user_store_list(struct rl_db *db, const struct user_store_filter *f,
		    user_store_cb cb, void *data);

/* Field updates; each sets updated_at to `now` (UTC text). RL_ENOTFOUND
 * if there is no such id. */
int user_store_set_password(struct rl_db *db, const char *id, const char *hash, const char *now);
int user_store_set_disabled(struct rl_db *db, const char *id, bool disabled, const char *now);
int user_store_set_roles(struct rl_db *db, const char *id, unsigned roles, const char *now);
int user_store_set_unit(struct rl_db *db, const char *id, const char *unit_id, const char *now);
int user_store_set_name(struct rl_db *db, const char *id, const char *name, const char *now);

#endif
