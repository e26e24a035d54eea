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
};

/* What policy_check() needs to know of the record; NULL for actions on no
 * particular record. */
struct policy_target {
	const char *unit_id;   /* the unit that owns the record, or NULL */
	const char *user_id;   /* for user records: the user, or NULL */
};

int policy_check(const struct actor *a, enum policy_action act,
		 const struct policy_target *t);

/*
 * The hotline (core/hotline.c). These need the database: routing follows
 * the directory on the day, read access the message's TLP label and
 * addressees.
 */
struct msg_rec;
struct unit;

/* Whether the actor may use the hotline at all (officers, supervisors;
 * the system actor reads for operations). RL_EDENIED if not. */
int policy_hotline_user(const struct actor *a);

/* Whether unit `from` may write to unit `to` today: its parent or a
 * child, a counterpart across the border, for a ministry any unit of its
 * country or the other ministry, or a standing link. *why (may be NULL)
 * names the route. RL_EDENIED if not. */
int policy_msg_route(struct rl_db *db, const struct unit *from, const struct unit *to,
		     const char **why);

/* Whether the actor may read the message (a reply: its thread's first
 * message decides). RL_ENOTFOUND if not:
 *   red          users of the sender and addressee units;
 *   amber_strict those, and supervisors of units above them;
 *   amber        the same (forwarding within the receiving country adds
 *                addressees, see policy_msg_forward);
 *   green, clear every hotline user of the network. */
int policy_msg_read(struct rl_db *db, const struct actor *a, const struct msg_rec *m);

enum policy_msg_action {
	PMSG_ACK,      /* a user of an addressee unit (not an informed copy) */
	PMSG_REPLY,    /* the same */
	PMSG_FORWARD,  /* the same, see also policy_msg_forward */
	PMSG_CLOSE,    /* a user of the sender unit */
	PMSG_ATTACH,   /* a user of the sender unit, while open */
};
/* RL_ENOTFOUND if the actor may not read it, RL_EDENIED if they may read
 * but not do this. */
int policy_msg_act(struct rl_db *db, const struct actor *a, const struct msg_rec *m,
		   enum policy_msg_action act);

/* Whether the actor's unit may forward m to unit `to`: its parent or a
 * child; never red or amber_strict; amber only within the actor's
 * country. RL_EDENIED if not. */
int policy_msg_forward(struct rl_db *db, const struct actor *a, const struct msg_rec *m,
		       const struct unit *to);

#endif
