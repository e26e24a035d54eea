/*
 * policy.h: every authorisation decision of Redline, in one function.
 *
 * Each read and write of the CLI and the API asks policy_check(): may this
 * actor do this action to this record? Answers:
 *   0            allowed;
 *   RL_EDENIED   the actor may see the record but not do this (HTTP 403);
 *   RL_ENOTFOUND the record is outside the actor's scope: callers answer
 *                exactly as for an unknown id, so ids cannot be probed.
 * The decision uses the actor's roles and unit, the record's owning unit
 * (own unit, or own subtree for supervisors), and, as later modules add
 * them, TLP labels and addressees.
 */
#ifndef RL_CORE_POLICY_H
#define RL_CORE_POLICY_H

#include "core/actor.h"

struct rl_db;

enum policy_action {
	POLICY_AUDIT_READ,     /* list or verify the audit log */
	POLICY_USER_READ,      /* see a user account */
	POLICY_USER_ADMIN,     /* add, disable, enable, reset, change roles */
	POLICY_UNIT_READ,      /* see the directory (all signed-in users) */
	POLICY_UNIT_ADMIN,     /* add, edit, link, merge units */
	POLICY_CASE_READ,      /* list, show, export cases and persons */
	POLICY_CASE_WRITE,     /* import and add cases */
	POLICY_PERSON_MERGE,   /* merge and unmerge persons */
	POLICY_REPORT,         /* statistics and the conference report */
};

/* What policy_check() needs to know of the record; NULL for actions on no
 * particular record. */
struct policy_target {
	const char *unit_id;   /* the unit that owns the record, or NULL */
	const char *user_id;   /* for user records: the user, or NULL */
};

int policy_check(const struct actor *a, enum policy_action act,
		 const struct policy_target *t);

#endif
