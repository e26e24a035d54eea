/*
 * audit_log.h: reading and verifying the audit log, for admins.
 * Writing happens inside each module's own transactions (store/audit.h).
 */
#ifndef RL_CORE_AUDIT_LOG_H
#define RL_CORE_AUDIT_LOG_H

#include "core/actor.h"
#include "store/audit.h"

/* Lists entries the actor may see (admins and the system actor). */
int audit_log_list(struct rl_db *db, const struct actor *a,
		   const struct audit_filter *f, audit_cb cb, void *data);

/* Verifies the chain; see audit_verify(). */
int audit_log_verify(struct rl_db *db, const struct actor *a,
		     int64_t *count, int64_t *bad_seq);

/*
 * Records that the actor read personal data: one transaction holding one
 * audit entry with action "KIND.read" (e.g. "person.read"), so who looked
 * at whom can be answered later. Call it after a successful read and
 * outside any transaction (it takes the write lock briefly). kind is a
 * short [a-z_] word; record the id read; summary may be NULL.
 */
int audit_read(struct rl_db *db, const struct actor *a, const char *kind,
	       const char *record, const char *summary);

#endif
