/*
 * settings_store.h: the SQL of deployment settings (migration 0008): one
 * row per key an administrator changed, in its canonical text. What keys
 * exist, their defaults and bounds, and who may change them are
 * core/config.c's; this file only stores.
 *
 * Ownership: records passed to callbacks are valid only during the call;
 * a callback returning non-zero stops the walk and that value is
 * returned. Input strings are borrowed.
 */
#ifndef RL_STORE_SETTINGS_STORE_H
#define RL_STORE_SETTINGS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/limit.h"

struct setting_rec {
	char key[RL_SETTING_KEY_MAX + 1];
	char value[RL_SETTING_VALUE_MAX + 1]; /* canonical text, e.g. "15m" */
	int64_t updated_ms;                   /* when it was last set */
	char updated_by[RL_LOGIN_MAX + 16];   /* audit name: "user:LOGIN", "system:cli" */
};

/* The stored row of key; RL_ENOTFOUND (with no message set) if the key
 * has none, i.e. it has its default. */
int settings_store_get(struct rl_db *db, const char *key, struct setting_rec *out);

/* Inserts or replaces the row of key (inside the caller's transaction). */
int settings_store_set(struct rl_db *db, const char *key, const char *value, int64_t now,
		       const char *by);

/* Removes the row of key; *n is 1 if there was one, else 0. */
int settings_store_unset(struct rl_db *db, const char *key, int *n);

/* Every stored row, by key. */
int settings_store_list(struct rl_db *db, int (*cb)(const struct setting_rec *s, void *data),
			void *data);

#endif
