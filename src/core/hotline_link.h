/*
 * hotline_link.h: links from a hotline message to other records: a case,
 * a person of the case files, a notice. A user who may read the message
 * (policy_msg_read) links it to a record they may read too (policy.c:
 * POLICY_CASE_READ for cases and persons, POLICY_NOTICE_READ for
 * notices); anything else, like an unknown record, is RL_ENOTFOUND with
 * nothing changed. Each link and unlink is one transaction with a
 * timeline event and its audit record. A thread shows each reader only
 * the linked records that reader may read.
 *
 * Ownership: json_t results are new references the caller decrefs;
 * input strings are borrowed.
 */
#ifndef RL_CORE_HOTLINE_LINK_H
#define RL_CORE_HOTLINE_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/hotline.h"

/* A resolved target. */
struct hotline_link_target {
	char kind[16];                        /* case, person, notice */
	char id[RL_ID_LEN + 1];               /* the record's id */
	char ref[RL_CASE_REF_MAX + 1];        /* case or notice ref; a person's id */
	char country[4];                      /* a case's country, else "" */
	char label[RL_NAME_MAX + 1];          /* a person's or notice's name, a case's summary (cut) */
	int64_t linked_ms;                    /* when linked (listing only), 0 otherwise */
	char linked_by[RL_LOGIN_MAX + 16];    /* audit name (listing only) */
};

/* Finds the record r names and checks the actor may read it. */
int hotline_link_resolve(struct rl_db *db, const struct actor *a, const struct hotline_link_ref *r,
			 struct hotline_link_target *out);

/* Stores a link of message m (inside the caller's transaction) with its
 * timeline event; the caller writes the audit record. */
int hotline_link_store(struct rl_db *db, const struct actor *a, const struct msg_rec *m,
		       const struct hotline_link_target *t, int64_t now);

/* Links (add) or unlinks message id (or code) and the record r; *out (may
 * be NULL) is the target. */
int hotline_msg_link(struct rl_db *db, const struct actor *a, const char *id,
		     const struct hotline_link_ref *r, bool add, struct hotline_link_target *out);

/* The links of message seq that the actor may read, as a JSON array. */
int hotline_links_json(struct rl_db *db, const struct actor *a, int64_t seq, json_t **out);

/* One target as JSON: {kind, id, ref, country?, label, linked_at?, linked_by?}. */
json_t *hotline_link_json(const struct hotline_link_target *t);

#endif
