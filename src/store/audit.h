/*
 * audit.h: the append-only, hash-chained audit log.
 *
 * audit_append() must be called inside the transaction of the change it
 * records (db_begin .. db_commit), so a change and its record are stored
 * together or not at all. Each entry's hash covers the previous entry's
 * hash and all its own fields; audit_verify() recomputes the chain and
 * names the first entry that does not fit.
 *
 * Ownership: entries passed to an audit_list() callback are valid only
 * during the call.
 */
#ifndef RL_STORE_AUDIT_H
#define RL_STORE_AUDIT_H

#include <stdint.h>

#include "store/db.h"
#include "util/clock.h"
#include "util/limit.h"

#define AUDIT_HASH_HEX 64

struct audit_entry {
	int64_t seq;                      /* position in the chain, from 1 */
	const char *id;                   /* ULID */
	const char *at;                   /* UTC time, rl_time_format() */
	const char *actor;                /* "user:LOGIN" or "system:NAME" */
	const char *action;               /* "unit.add", ... */
	const char *kind;                 /* "unit", "user", ... */
	const char *record;               /* id or code, may be NULL */
	const char *summary;              /* what changed */
	const char *prev_hash;            /* hex */
	const char *hash;                 /* hex */
};

/* Appends an entry; fails with RL_EINTERNAL outside a transaction. */
int audit_append(struct rl_db *db, const char *actor, const char *action,
		 const char *kind, const char *record, const char *summary);

struct audit_filter {
	const char *actor;   /* exact, or NULL */
	const char *action;  /* exact or prefix ending in '.', or NULL */
	const char *kind;    /* exact, or NULL */
	const char *record;  /* exact, or NULL */
	const char *since;   /* inclusive, a date or time prefix, or NULL */
	const char *until;   /* inclusive date (YYYY-MM-DD), or NULL */
	int64_t before_seq;  /* only entries with seq < this (paging), 0: none */
	int limit;           /* at most this many, newest first; 0: no limit */
};

typedef int (*audit_cb)(const struct audit_entry *e, void *data);

/* Calls cb for matching entries, newest first; a non-zero return from cb
 * stops the walk and is returned. */
int audit_list(struct rl_db *db, const struct audit_filter *f, audit_cb cb, void *data);

/* Recomputes the chain. Returns 0 if intact (count set to the number of
 * entries), or RL_EIO with *bad_seq the first bad entry's seq and an
 * rl_error() message saying what is wrong with it. */
int audit_verify(struct rl_db *db, int64_t *count, int64_t *bad_seq);

#endif
