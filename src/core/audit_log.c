/*
 * audit_log.c: admin access to the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "core/audit_log.h"
#include "core/policy.h"
#include "util/status.h"

int audit_log_list(struct rl_db *db, const struct actor *a,
		   const struct audit_filter *f, audit_cb cb, void *data)
{
	int rc = policy_check(a, POLICY_AUDIT_READ, NULL);
	if (rc)
		return rc;
	return audit_list(db, f, cb, data);
}

int audit_log_verify(struct rl_db *db, const struct actor *a,
		     int64_t *count, int64_t *bad_seq)
{
	int rc = policy_check(a, POLICY_AUDIT_READ, NULL);
	if (rc)
		return rc;
	return audit_verify(db, count, bad_seq);
}

int audit_read(struct rl_db *db, const struct actor *a, const char *kind,
	       const char *record, const char *summary)
{
	char action[64];
	int rc;

	if (!kind || !*kind || strlen(kind) > 40 || strspn(kind, "abcdefghijklmnopqrstuvwxyz_") != strlen(kind))
		return rl_error(RL_EINTERNAL, "audit_read: bad record kind");
	snprintf(action, sizeof(action), "%s.read", kind);
	if ((rc = db_begin(db)))
		return rc;
	if ((rc = audit_append(db, a->audit_name, action, kind, record, summary ? summary : ""))) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}
