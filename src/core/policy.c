/*
 * policy.c: the one place where Redline decides who may do what.
 */
#include <string.h>

#include "core/policy.h"
#include "util/status.h"

int policy_check(const struct actor *a, enum policy_action act,
		 const struct policy_target *t)
{
	if (a->system)
		return 0;
	switch (act) {
	case POLICY_AUDIT_READ:
	case POLICY_USER_ADMIN:
	case POLICY_UNIT_ADMIN:
		if (a->roles & ROLE_ADMIN)
			return 0;
		return rl_error(RL_EDENIED, "this needs the admin role");
	case POLICY_USER_READ:
		if (a->roles & ROLE_ADMIN)
			return 0;
		if (t && t->user_id && !strcmp(t->user_id, a->user_id))
			return 0;
		return rl_error(RL_ENOTFOUND, "no such user");
	case POLICY_UNIT_READ:
		return 0;
	/* Cases: checkpoint posts screen travellers and never see case files.
	 * Not yet scoped by unit: officers see every case of the node. */
	case POLICY_CASE_READ:
		if (a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR | ROLE_ANALYST | ROLE_ADMIN))
			return 0;
		return rl_error(RL_EDENIED, "cases need the officer, supervisor, analyst or admin role");
	case POLICY_CASE_WRITE:
		if (a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR | ROLE_ADMIN))
			return 0;
		return rl_error(RL_EDENIED, "recording cases needs the officer, supervisor or admin role");
	case POLICY_PERSON_MERGE:
		if (a->roles & (ROLE_SUPERVISOR | ROLE_ADMIN))
			return 0;
		return rl_error(RL_EDENIED, "merging persons needs the supervisor or admin role");
	case POLICY_REPORT:
		if (a->roles & (ROLE_ANALYST | ROLE_SUPERVISOR | ROLE_ADMIN))
			return 0;
		return rl_error(RL_EDENIED, "statistics need the analyst, supervisor or admin role");
	}
	return rl_error(RL_EDENIED, "not allowed");
}
