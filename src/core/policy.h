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
 *
 * Roles and scope (records are cases, messages, notices...: anything a
 * unit owns):
 *   officer     reads and writes the records of their own unit;
 *   supervisor  reads and writes the records of their unit's subtree
 *               (as the directory stands today);
 *   analyst     reads (never writes) records of their unit's subtree, and
 *               statistics (POLICY_REPORT);
 *   checkpoint  screening only: no unit records;
 *   admin       users and the directory; no unit records by that role;
 *   system      everything (the CLI operator, escalation jobs).
 * A record outside the actor's scope is RL_ENOTFOUND, a record in scope
 * that the role may not change is RL_EDENIED.
 *
 * Record actions need the directory's ancestry, so they go through
 * policy_check_db(); policy_check() refuses them with RL_EINTERNAL.
 *
 * Case files (cases, their persons and seizures, person search,
 * duplicates and merges, case export and import) follow need to know,
 * decided once per request by policy_case_scope() on today's directory:
 *   officer, supervisor  see and change the cases handled by their unit or
 *                        any unit below it (a unit gone since goes with the
 *                        unit that took over its work: unit_store_scope_codes);
 *                        at a ministry, every case of their country;
 *   analyst              reads (never changes) every case of their country;
 *   admin, checkpoint    no case files (accounts, the directory, screening);
 *   system               everything (the CLI without --as).
 * Nobody reads the other country's case files through this node. A person
 * is visible when linked to at least one case in scope; merging needs the
 * supervisor role and both persons in scope. Out of scope answers exactly
 * as unknown (RL_ENOTFOUND); in scope but read only is RL_EDENIED.
 * Statistics (policy_stats_scope) carry no personal data: analysts and
 * users of a ministry see both countries' figures; officers, supervisors
 * and admins of units below a ministry see only their unit's subtree, and
 * asking for another scope is refused (RL_EDENIED) with a message naming
 * theirs. The conference report needs both countries (analysts, ministry).
 */
#ifndef RL_CORE_POLICY_H
#define RL_CORE_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/actor.h"
#include "store/case_store.h"

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
	POLICY_RECORD_READ,    /* read a record owned by t->unit_id */
	POLICY_RECORD_WRITE,   /* create or change one (t NULL or no unit_id:
				* a new record of the actor's own unit) */
	POLICY_CASE_READ,      /* list, show, export cases and persons */
	POLICY_CASE_WRITE,     /* import and add cases */
	POLICY_PERSON_MERGE,   /* merge and unmerge persons */
	POLICY_REPORT,         /* statistics and the conference report */
	POLICY_CONFIG_READ,    /* see the deployment settings (core/config.c) */
	POLICY_CONFIG_ADMIN,   /* change them (deadlines of the hotline...) */
};

/* Traffic Light Protocol labels of shared records (FIRST TLP 2.0). */
enum policy_tlp {
	TLP_CLEAR = 0,        /* no limit */
	TLP_GREEN,            /* the community: police of both countries */
	TLP_AMBER,            /* need to know, within the sharing scope */
	TLP_AMBER_STRICT,     /* the issuing country only, whatever the scope */
	TLP_RED,              /* the issuing unit and the units above it only */
};

/* Which units' records an actor may read, for list queries that must
 * filter in SQL: POLICY_SCOPE_UNIT is a->unit_id only, _SUBTREE is
 * a->unit_id and every unit below it today. */
enum policy_scope {
	POLICY_SCOPE_NONE = 0,
	POLICY_SCOPE_UNIT,
	POLICY_SCOPE_SUBTREE,
	POLICY_SCOPE_ALL,
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

/* Whether the actor may send the hotline message of a hit it recorded
 * (core/screen.c): a user who may screen (checkpoint posts included) writes
 * from their unit to the issuing unit of the notice, whatever the routing
 * of policy_msg_route, because a hit must reach the issuer at once. */
int policy_msg_hit(const struct actor *a);

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

/* Whether the actor may link message m to other records or remove a link
 * (core/hotline_link.c): a hotline user (never the system actor, whose
 * acts would name no one) who may read the message. RL_ENOTFOUND if they
 * may not read it, RL_EDENIED otherwise. */
int policy_msg_link(struct rl_db *db, const struct actor *a, const struct msg_rec *m);

/* Whether the actor may see a record a message links to, for act
 * (POLICY_CASE_READ for cases and persons): RL_ENOTFOUND if not, whatever
 * the reason, so a link cannot be used to probe records. */
int policy_link_target(struct rl_db *db, const struct actor *a, enum policy_action act,
		       const struct policy_target *t);

/* Whether the actor's unit may forward m to unit `to`: its parent or a
 * child; never red or amber_strict; amber only within the actor's
 * country. RL_EDENIED if not. */
int policy_msg_forward(struct rl_db *db, const struct actor *a, const struct msg_rec *m,
		       const struct unit *to);
/* policy_check() for every action, record actions included: reads the
 * directory (today) through db to place t->unit_id in the actor's scope. */
int policy_check_db(struct rl_db *db, const struct actor *a, enum policy_action act,
		    const struct policy_target *t);

/* The actor's read scope for records (see the table above). */
enum policy_scope policy_scope_of(const struct actor *a);

/* Whether the records of unit unit_id (an id or a code) are in the
 * actor's read scope today; an unknown unit is not. 0 or an RL_E code
 * for a storage failure. */
int policy_unit_in_scope(struct rl_db *db, const struct actor *a, const char *unit_id,
			 bool *in);


/* ---- need-to-know scope of case files (see the table at the top) ---- */

enum case_scope_kind {
	CASE_SCOPE_NONE = 0,  /* nothing */
	CASE_SCOPE_UNITS,     /* cases handled by the units in codes[] */
	CASE_SCOPE_COUNTRY,   /* every case of `country` */
	CASE_SCOPE_ALL,       /* every case of the node */
};

/* An actor's scope, computed once per request. Filled by
 * policy_case_scope() or policy_stats_scope(); freed with
 * policy_case_scope_release(). */
struct case_scope {
	enum case_scope_kind read;   /* cases the actor sees */
	enum case_scope_kind write;  /* of those, the ones they may change (write <= read) */
	bool merge;                  /* may merge persons (within `write`) */
	char country[4];             /* the actor's country ("" for the system actor) */
	char unit[RL_CODE_MAX + 1];  /* the actor's unit code ("" for the system actor) */
	size_t n;                    /* codes of the actor's unit subtree (UNITS), sorted */
	char **codes;                /* owned */
	char *units_json;            /* the same codes as a JSON array, for store filters; owned */
};

/* The actor's case scope: RL_EDENIED (with the reason) if they see no case
 * files at all, 0 otherwise. s is always safe to release. */
int policy_case_scope(struct rl_db *db, const struct actor *a, struct case_scope *s);
void policy_case_scope_release(struct case_scope *s);

/* Whether a case of country handled by unit_code is in scope for reading
 * (write false) or changing (write true). */
bool policy_case_in(const struct case_scope *s, const char *country, const char *unit_code,
		    bool write);

/* For one case: 0, RL_ENOTFOUND (out of the read scope, with the message
 * not_found, so the answer is that of an unknown id) or RL_EDENIED
 * (readable, but not to be changed by this actor). */
int policy_case_check(const struct case_scope *s, const char *country, const char *unit_code,
		      bool write, const char *not_found);

/* policy_case_scope() and policy_case_check() for one case, for callers
 * that touch a single case (links from messages and notices, removals):
 * 0, RL_ENOTFOUND (message not_found), RL_EDENIED (read only, or a role
 * without case files). */
int policy_case_access(struct rl_db *db, const struct actor *a, const char *country,
		       const char *unit_code, bool write, const char *not_found);

/* The scope `kind` (s->read or s->write) as the store applies it in SQL
 * (store/case_store.h); its strings point into s. */
struct case_scope_sql policy_scope_sql(const struct case_scope *s, enum case_scope_kind kind);

/* The scope of statistics: read CASE_SCOPE_ALL (both countries) or
 * CASE_SCOPE_UNITS (the actor's unit subtree, s->unit, s->codes);
 * RL_EDENIED for roles without statistics. */
int policy_stats_scope(struct rl_db *db, const struct actor *a, struct case_scope *s);

#endif
