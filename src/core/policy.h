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

#include <stdbool.h>

#include "core/actor.h"

struct rl_db;

enum policy_action {
	POLICY_AUDIT_READ,     /* list or verify the audit log */
	POLICY_USER_READ,      /* see a user account */
	POLICY_USER_ADMIN,     /* add, disable, enable, reset, change roles */
	POLICY_UNIT_READ,      /* see the directory (all signed-in users) */
	POLICY_UNIT_ADMIN,     /* add, edit, link, merge units */
	POLICY_NOTICE_CREATE,  /* draft a notice issued by t->unit_id */
	POLICY_NOTICE_APPROVE, /* activate or withdraw a notice of t->unit_id */
	POLICY_NOTICE_READ,    /* see a notice (list, show, screening result) */
	POLICY_SCREEN,         /* screen travellers and vehicles, record hits */
	POLICY_CHECKPOINT_STATS, /* read checkpoint counters of t->unit_id (NULL: all) */
	POLICY_SCREEN_ADMIN,   /* set the screening threshold */
};

/* Traffic Light Protocol labels of shared records (FIRST TLP 2.0). */
enum policy_tlp {
	TLP_CLEAR = 0,        /* no limit */
	TLP_GREEN,            /* the community: police of both countries */
	TLP_AMBER,            /* need to know, within the sharing scope */
	TLP_AMBER_STRICT,     /* the issuing country only, whatever the scope */
	TLP_RED,              /* the issuing unit and the units above it only */
};

/* What policy_check() needs to know of the record; NULL for actions on no
 * particular record. */
struct policy_target {
	const char *unit_id;   /* the unit that owns the record, or NULL */
	const char *user_id;   /* for user records: the user, or NULL */
	/* Facts core/ looks up for notice decisions (the policy itself
	 * reads no database): */
	const char *country;       /* the record's country ("VNM"/"LAO") */
	const char *actor_country; /* the country of the actor's unit */
	bool actor_in_unit;        /* the actor's unit is t->unit_id */
	bool actor_above;          /* the actor's unit is an ancestor of t->unit_id */
	enum policy_tlp tlp;       /* the record's label */
	bool shared;               /* sharing scope "both" countries */
	bool draft;                /* not yet approved (only its unit and those above see it) */
};

int policy_check(const struct actor *a, enum policy_action act,
		 const struct policy_target *t);

#endif
