/*
 * id.h: globally unique record identifiers (ULID: 48-bit Unix time in ms,
 * then 80 random bits, as 26 Crockford base32 characters). Unique across
 * national nodes without coordination, and sortable by creation time, so
 * records can move between nodes and still list in order.
 */
#ifndef RL_UTIL_ID_H
#define RL_UTIL_ID_H

#include <stdbool.h>

#include "util/limit.h"

/* Writes a new ULID and its NUL into out. Thread-safe. */
void rl_id_new(char out[RL_ID_LEN + 1]);

/* Whether s is a well-formed ULID (26 Crockford base32 characters). */
bool rl_id_valid(const char *s);

#endif
