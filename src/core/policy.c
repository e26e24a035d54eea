/*
 * policy.c: the one place where Redline decides who may do what.
 */
#include <string.h>

#include "core/directory.h"
#include "core/policy.h"
#include "util/status.h"
#include "util/banned.h"

enum policy_scope policy_scope_of(const struct actor *a)
{
	if (a->system)
		return POLICY_SCOPE_ALL;
	if (a->roles & (ROLE_SUPERVISOR | ROLE_ANALYST))
		return POLICY_SCOPE_SUBTREE;
	if (a->roles & ROLE_OFFICER)
		return POLICY_SCOPE_UNIT;
	return POLICY_SCOPE_NONE;
}

struct ancestor_walk {
	const char *want;  /* the actor's unit id */
	bool found;
};

static int is_ancestor(const struct unit *u, void *data)
{
	struct ancestor_walk *w = data;

	if (!strcmp(u->id, w->want)) {
		w->found = true;
		return 1;  /* stop the walk */
	}
	return 0;
}

int policy_unit_in_scope(struct rl_db *db, const struct actor *a, const char *unit_id,
			 bool *in)
{
	enum policy_scope sc = policy_scope_of(a);
	struct ancestor_walk w = { .want = a->unit_id, .found = false };
	struct actor sys;
	struct unit u;
	int rc;

	*in = false;
	if (sc == POLICY_SCOPE_ALL) {
		*in = true;
		return 0;
	}
	if (sc == POLICY_SCOPE_NONE || !unit_id || !*unit_id || !a->unit_id[0])
		return 0;
	if (!strcmp(unit_id, a->unit_id)) {
		*in = true;
		return 0;
	}
	/* The directory reads are the policy's own, not the actor's. */
	actor_system(&sys, "policy");
	rc = dir_find(db, &sys, unit_id, NULL, &u);
	if (rc == RL_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (!strcmp(u.id, a->unit_id)) {
		*in = true;
		return 0;
	}
	if (sc != POLICY_SCOPE_SUBTREE || !u.exists)
		return 0;
	rc = dir_ancestors(db, &sys, u.id, NULL, is_ancestor, &w);
	if (rc < 0 && rc != RL_ENOTFOUND)
		return rc;
	*in = w.found;
	return 0;
}

static int record_check(struct rl_db *db, const struct actor *a, enum policy_action act,
			const struct policy_target *t)
{
	bool in;
	int rc;

	if (act == POLICY_RECORD_WRITE && (!t || !t->unit_id)) {
		/* A new record of the actor's own unit. */
		if (a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR))
			return 0;
		return rl_error(RL_EDENIED, "this needs the officer or supervisor role");
	}
	if (!t || !t->unit_id)
		return rl_error(RL_EINTERNAL, "policy: a record check needs the record's unit");
	if ((rc = policy_unit_in_scope(db, a, t->unit_id, &in)))
		return rc;
	if (!in)
		return rl_error(RL_ENOTFOUND, "no such record");
	if (act == POLICY_RECORD_WRITE && !(a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR)))
		return rl_error(RL_EDENIED, "this role may read but not change records");
	return 0;
}

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
	case POLICY_RECORD_READ:
	case POLICY_RECORD_WRITE:
		return rl_error(RL_EINTERNAL, "policy: record actions need policy_check_db()");
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

int policy_check_db(struct rl_db *db, const struct actor *a, enum policy_action act,
		    const struct policy_target *t)
{
	if (a->system)
		return 0;
	if (act == POLICY_RECORD_READ || act == POLICY_RECORD_WRITE)
		return record_check(db, a, act, t);
	return policy_check(a, act, t);
}
