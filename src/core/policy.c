/*
 * policy.c: the one place where Redline decides who may do what.
 */
#include <string.h>

#include "core/policy.h"
#include "util/status.h"

/*
 * Whether a notice is visible (0) or outside the actor's scope
 * (RL_ENOTFOUND, so refs cannot be probed). A draft is seen only by its
 * unit and the units above it. An issued notice is seen by its own
 * country, and by the other country only when shared with "both" and
 * labelled at most AMBER; AMBER+STRICT keeps it in its own country; RED
 * keeps it in its unit and the units above it. Admins (users and the
 * directory) do not read notices unless they hold another role.
 */
static int policy_notice_visible(const struct actor *a, const struct policy_target *t)
{
	bool own_line, own_country;

	if (a->system)
		return 0;
	if (!t || !t->country || !(a->roles & ~(unsigned)ROLE_ADMIN))
		return rl_error(RL_ENOTFOUND, "no such notice");
	own_line = t->actor_in_unit || t->actor_above;
	own_country = t->actor_country && !strcmp(t->actor_country, t->country);
	if (t->draft || t->tlp == TLP_RED)
		return own_line ? 0 : rl_error(RL_ENOTFOUND, "no such notice");
	if (own_country)
		return 0;
	if (t->shared && t->tlp <= TLP_AMBER)
		return 0;
	return rl_error(RL_ENOTFOUND, "no such notice");
}

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
	case POLICY_NOTICE_CREATE:
		/* Officers and supervisors issue notices for their own unit;
		 * supervisors also for the units below them. */
		if (!(a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR)))
			return rl_error(RL_EDENIED, "issuing notices needs the officer or supervisor role");
		if (t && (t->actor_in_unit || ((a->roles & ROLE_SUPERVISOR) && t->actor_above)))
			return 0;
		return rl_error(RL_EDENIED, "a notice is issued by your own unit (or, for a supervisor, a unit below it)");
	case POLICY_NOTICE_APPROVE:
		if (policy_notice_visible(a, t))
			return rl_error(RL_ENOTFOUND, "no such notice");
		if ((a->roles & ROLE_SUPERVISOR) && t && (t->actor_in_unit || t->actor_above))
			return 0;
		return rl_error(RL_EDENIED, "this needs a supervisor of the issuing unit or a unit above it");
	case POLICY_NOTICE_READ:
		return policy_notice_visible(a, t);
	case POLICY_SCREEN:
		if (a->roles & (ROLE_CHECKPOINT | ROLE_OFFICER | ROLE_SUPERVISOR))
			return 0;
		return rl_error(RL_EDENIED, "screening needs the checkpoint, officer or supervisor role");
	case POLICY_CHECKPOINT_STATS:
		if (a->roles & (ROLE_ANALYST | ROLE_SUPERVISOR | ROLE_ADMIN))
			return 0;
		if ((a->roles & ROLE_CHECKPOINT) && t && t->unit_id && t->actor_in_unit)
			return 0;
		return rl_error(RL_EDENIED, "checkpoint statistics need the analyst or supervisor role"
			" (checkpoint users see their own unit's)");
	case POLICY_SCREEN_ADMIN:
		if (a->roles & ROLE_ADMIN)
			return 0;
		return rl_error(RL_EDENIED, "this needs the admin role");
	}
	return rl_error(RL_EDENIED, "not allowed");
}
