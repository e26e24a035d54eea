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
	}
	return rl_error(RL_EDENIED, "not allowed");
}
