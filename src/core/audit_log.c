/*
 * audit_log.c: admin access to the audit log.
 */
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
