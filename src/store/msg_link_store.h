/*
 * msg_link_store.h: the SQL of links from a hotline message to other
 * records (table message_links of migrations 0006 and 0008): a case, a
 * person or a notice, by the record's id. Whether the target exists and
 * who may link are core/hotline_link.c's and policy.c's; this file stores.
 *
 * Ownership: records passed to callbacks are valid only during the call;
 * a callback returning non-zero stops the walk and that value is
 * returned. Input strings are borrowed.
 */
#ifndef RL_STORE_MSG_LINK_STORE_H
#define RL_STORE_MSG_LINK_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/limit.h"

struct msg_link_rec {
	char kind[16];                        /* case, person, notice */
	char record_id[RL_ID_LEN + 1];        /* the target's id */
	int64_t created_ms;                   /* 0 for links from before 0008 */
	char created_by[RL_LOGIN_MAX + 16];   /* audit name, "" before 0008 */
};

/* Links message seq to the record; RL_ECONFLICT (message set) if it
 * already is. Inside the caller's transaction. */
int msg_link_store_add(struct rl_db *db, int64_t seq, const char *kind, const char *record_id,
		       int64_t now, const char *by);
/* Removes the link; *n is 1 if there was one, else 0. */
int msg_link_store_remove(struct rl_db *db, int64_t seq, const char *kind, const char *record_id,
			  int *n);
int msg_link_store_count(struct rl_db *db, int64_t seq, int *n);
/* The message's links, oldest first. */
int msg_link_store_list(struct rl_db *db, int64_t seq,
			int (*cb)(const struct msg_link_rec *l, void *data), void *data);

#endif
