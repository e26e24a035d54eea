/*
 * meta.h: node-wide settings in the meta table (node id, country, ...).
 */
#ifndef RL_STORE_META_H
#define RL_STORE_META_H

#include <stddef.h>

#include "store/db.h"

/* Copies the value of key into buf; RL_ENOTFOUND if there is none. */
int meta_get(struct rl_db *db, const char *key, char *buf, size_t size);

/* Sets key to value (inside the caller's transaction). */
int meta_set(struct rl_db *db, const char *key, const char *value);

#endif
