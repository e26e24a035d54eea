/*
 * policy.c: the one place where Redline decides who may do what.
 *
 * Who sees what in case files and statistics (need to know; the full table
 * is in policy.h and docs/security.md):
 *   - officers and supervisors see and change the cases handled by their
 *     unit or any unit below it, as the directory stands today (at a
 *     ministry: their whole country); analysts read their country's cases;
 *     admins and checkpoint posts see no case files; the CLI without --as
 *     (the node operator) sees everything;
 *   - nobody sees the other country's case files through this node;
 *   - a person is visible through a case in scope; merges need both persons
 *     in scope and the supervisor role;
 *   - statistics are aggregates: analysts and ministry users see both
 *     countries, everyone else with statistics only their unit's subtree;
 *   - out of scope is RL_ENOTFOUND, exactly as unknown, never RL_EDENIED.
 * The scope is computed once per request (policy_case_scope) and core/
 * hands it to the store, which filters in SQL.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/directory.h"
#include "core/policy.h"
#include "store/message_store.h"
#include "store/unit_store.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/xalloc.h"
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
	const char *want;  /* the ancestor looked for */
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

/* Whether `anc` is a strict ancestor of unit `id` today (scope of
 * supervisors, TLP chains of the hotline). */
static int unit_is_below(struct rl_db *db, const char *anc, const char *id, bool *out)
{
	struct ancestor_walk w = { .want = anc, .found = false };
	char today[RL_DATE_LEN + 1];
	int rc;

	rl_today(today);
	rc = unit_store_ancestors(db, id, today, is_ancestor, &w);
	*out = w.found;
	return rc < 0 ? rc : 0;
}

int policy_unit_in_scope(struct rl_db *db, const struct actor *a, const char *unit_id,
			 bool *in)
{
	enum policy_scope sc = policy_scope_of(a);
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
	rc = unit_is_below(db, a->unit_id, u.id, in);
	return rc == RL_ENOTFOUND ? 0 : rc;
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
	/* Deployment settings change how every unit works (deadlines): the
	 * node's administrators only. */
	case POLICY_CONFIG_READ:
	case POLICY_CONFIG_ADMIN:
		if (a->roles & ROLE_ADMIN)
			return 0;
		return rl_error(RL_EDENIED, "this needs the admin role");
	case POLICY_RECORD_READ:
	case POLICY_RECORD_WRITE:
		return rl_error(RL_EINTERNAL, "policy: record actions need policy_check_db()");
	/* Cases: the roles only; which cases is policy_case_scope()'s.
	 * Checkpoint posts screen travellers and admins manage accounts and
	 * the directory: neither sees case files (need to know). */
	case POLICY_CASE_READ:
		if (a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR | ROLE_ANALYST))
			return 0;
		return rl_error(RL_EDENIED, "case files need the officer, supervisor or analyst role");
	case POLICY_CASE_WRITE:
		if (a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR))
			return 0;
		return rl_error(RL_EDENIED, "recording cases needs the officer or supervisor role");
	case POLICY_PERSON_MERGE:
		if (a->roles & ROLE_SUPERVISOR)
			return 0;
		return rl_error(RL_EDENIED, "merging persons needs the supervisor role");
	/* Statistics carry no personal data; which figures is
	 * policy_stats_scope()'s. */
	case POLICY_REPORT:
		if (a->roles & (ROLE_ANALYST | ROLE_SUPERVISOR | ROLE_OFFICER | ROLE_ADMIN))
			return 0;
		return rl_error(RL_EDENIED, "statistics need the analyst, supervisor, officer or admin role");
	}
	return rl_error(RL_EDENIED, "not allowed");
}

/* ---- the hotline ---- */

int policy_hotline_user(const struct actor *a)
{
	if (a->system || (a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR)))
		return 0;
	return rl_error(RL_EDENIED, "the hotline needs the officer or supervisor role");
}

int policy_msg_hit(const struct actor *a)
{
	if (a->system || !a->user_id[0])
		return rl_error(RL_EDENIED, "a hit is notified through the hotline only by a user (use --as LOGIN)");
	return policy_check(a, POLICY_SCREEN, NULL);
}

int policy_msg_route(struct rl_db *db, const struct unit *from, const struct unit *to,
		     const char **why)
{
	char today[RL_DATE_LEN + 1];
	const char *w = NULL;
	bool linked = false;
	int rc;

	rl_today(today);
	if (!strcmp(from->id, to->id))
		return rl_error(RL_EINVAL, "a unit cannot write to itself");
	if (!to->exists)
		return rl_error(RL_EINVAL, "unit '%s' does not exist today", to->code);
	if (!strcmp(from->parent_id, to->id))
		w = "parent";
	else if (!strcmp(to->parent_id, from->id))
		w = "child";
	else if (!(rc = unit_store_linked(db, from->id, to->id, today, &linked)) && linked)
		w = "counterpart";
	else if (rc)
		return rc;
	else if (from->level == 0 && (!strcmp(from->country, to->country) || to->level == 0))
		w = "ministry";
	else if ((rc = msg_store_linked(db, from->id, to->id, &linked)))
		return rc;
	else if (linked)
		w = "standing link";
	if (!w)
		return rl_error(RL_EDENIED, "%s may not write to %s (not its parent, a child, a counterpart "
				"or a standing link)", from->code, to->code);
	if (why)
		*why = w;
	return 0;
}

struct read_ctx {
	const struct actor *a;
	struct rl_db *db;
	bool ok;
	int rc;
};

static int read_addr_cb(const struct addr_rec *ad, void *data)
{
	struct read_ctx *c = data;
	if (!strcmp(ad->unit_id, c->a->unit_id)) {
		c->ok = true;
		return 1;
	}
	return 0;
}

static int supervisor_cb(const struct addr_rec *ad, void *data)
{
	struct read_ctx *c = data;
	bool anc = false;

	if ((c->rc = unit_is_below(c->db, c->a->unit_id, ad->unit_id, &anc)))
		return 1;
	if (anc) {
		c->ok = true;
		return 1;
	}
	return 0;
}

static int read_one(struct rl_db *db, const struct actor *a, const struct msg_rec *m)
{
	struct read_ctx c = { .a = a, .db = db };
	bool anc = false;
	int rc;

	if (!strcmp(m->tlp, "clear") || !strcmp(m->tlp, "green"))
		return 0;
	if (!strcmp(m->sender_unit, a->unit_id))
		return 0;
	if ((rc = msg_store_addrs(db, m->seq, read_addr_cb, &c)) < 0)
		return rc;
	if (c.ok)
		return 0;
	if (strcmp(m->tlp, "red") && (a->roles & ROLE_SUPERVISOR)) {
		if ((rc = unit_is_below(db, a->unit_id, m->sender_unit, &anc)))
			return rc;
		if (anc)
			return 0;
		if ((rc = msg_store_addrs(db, m->seq, supervisor_cb, &c)) < 0)
			return rc;
		if (c.rc)
			return c.rc;
		if (c.ok)
			return 0;
	}
	return rl_error(RL_ENOTFOUND, "no such message");
}

int policy_msg_read(struct rl_db *db, const struct actor *a, const struct msg_rec *m)
{
	struct msg_rec root;
	int rc;

	if (a->system)
		return 0;
	if ((rc = policy_hotline_user(a)))
		return rl_error(RL_ENOTFOUND, "no such message");
	if (!strcmp(m->thread_id, m->id))
		return read_one(db, a, m);
	/* A reply belongs to its thread: whoever may read the first message
	 * follows the whole exchange. */
	if ((rc = msg_store_get(db, m->thread_id, &root)))
		return rc;
	rc = read_one(db, a, &root);
	msg_rec_release(&root);
	if (rc == RL_ENOTFOUND)
		return read_one(db, a, m);
	return rc;
}

int policy_msg_act(struct rl_db *db, const struct actor *a, const struct msg_rec *m,
		   enum policy_msg_action act)
{
	struct addr_rec ad;
	int rc;

	if ((rc = policy_msg_read(db, a, m)))
		return rc;
	if (a->system)
		return rl_error(RL_EDENIED, "the hotline acts only as a user (use --as LOGIN)");
	if ((rc = policy_hotline_user(a)))
		return rc;
	if (act == PMSG_CLOSE || act == PMSG_ATTACH) {
		if (strcmp(m->sender_unit, a->unit_id))
			return rl_error(RL_EDENIED, "only the sender's unit may %s this message",
					act == PMSG_CLOSE ? "close" : "add files to");
		return 0;
	}
	rc = msg_store_addr_get(db, m->seq, a->unit_id, &ad);
	if (rc == RL_ENOTFOUND || (!rc && !strcmp(ad.role, "copy")))
		return rl_error(RL_EDENIED, "your unit is not an addressee of this message");
	return rc;
}

int policy_msg_link(struct rl_db *db, const struct actor *a, const struct msg_rec *m)
{
	int rc;

	if ((rc = policy_msg_read(db, a, m)))
		return rc;
	if (a->system || !a->user_id[0])
		return rl_error(RL_EDENIED, "links are added by a user (use --as LOGIN)");
	return policy_hotline_user(a);
}

int policy_link_target(struct rl_db *db, const struct actor *a, enum policy_action act,
		       const struct policy_target *t)
{
	int rc = policy_check_db(db, a, act, t);

	if (rc == RL_EDENIED)
		return RL_ENOTFOUND;
	return rc;
}

int policy_msg_forward(struct rl_db *db, const struct actor *a, const struct msg_rec *m,
		       const struct unit *to)
{
	struct unit mine;
	char today[RL_DATE_LEN + 1];
	int rc;

	if ((rc = policy_msg_act(db, a, m, PMSG_FORWARD)))
		return rc;
	if (!strcmp(m->tlp, "red") || !strcmp(m->tlp, "amber_strict"))
		return rl_error(RL_EDENIED, "TLP:%s messages may not be forwarded",
				!strcmp(m->tlp, "red") ? "RED" : "AMBER+STRICT");
	rl_today(today);
	if ((rc = unit_store_find(db, a->unit_id, today, &mine)))
		return rc;
	if (strcmp(mine.parent_id, to->id) && strcmp(to->parent_id, mine.id))
		return rl_error(RL_EDENIED, "a message can only be forwarded to the parent or a child "
				"of your unit");
	if (!strcmp(m->tlp, "amber") && strcmp(mine.country, to->country))
		return rl_error(RL_EDENIED, "TLP:AMBER messages may only be forwarded within your country");
	return 0;
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

/* ---- need-to-know scope of case files and statistics ---- */

static int add_code(const char *code, void *data)
{
	struct case_scope *s = data;

	s->codes = xrealloc(s->codes, (s->n + 1) * sizeof(*s->codes));
	s->codes[s->n++] = xstrdup(code);
	return 0;
}

/* The actor's unit today into u, and s->country and s->unit. */
static int actor_unit(struct rl_db *db, const struct actor *a, struct case_scope *s, struct unit *u)
{
	char today[RL_DATE_LEN + 1];
	int rc;

	if (!a->unit_id[0])
		return rl_error(RL_EDENIED, "your account belongs to no unit");
	rl_today(today);
	rc = unit_store_find(db, a->unit_id, today, u);
	if (rc == RL_ENOTFOUND)
		return rl_error(RL_EDENIED, "your account's unit is not in the directory");
	if (rc)
		return rc;
	snprintf(s->country, sizeof(s->country), "%s", u->country);
	snprintf(s->unit, sizeof(s->unit), "%s", u->code);
	return 0;
}

/* s->codes: the units whose cases are now the business of unit u (the
 * directory's answer, sorted by code) and the same as a JSON array. */
static int subtree_codes(struct rl_db *db, const struct unit *u, struct case_scope *s)
{
	json_t *arr;
	int rc;

	if ((rc = unit_store_scope_codes(db, u->id, NULL, add_code, s)))
		return rc;
	arr = json_array();
	for (size_t i = 0; i < s->n; i++)
		json_array_append_new(arr, json_string(s->codes[i]));
	s->units_json = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	if (!s->units_json)
		return rl_error(RL_ENOMEM, "out of memory");
	return 0;
}

int policy_case_scope(struct rl_db *db, const struct actor *a, struct case_scope *s)
{
	struct unit u;
	int rc;

	memset(s, 0, sizeof(*s));
	if (a->system) {
		s->read = s->write = CASE_SCOPE_ALL;
		s->merge = true;
		return 0;
	}
	if ((rc = policy_check(a, POLICY_CASE_READ, NULL)) || (rc = actor_unit(db, a, s, &u)))
		return rc;
	if (a->roles & (ROLE_OFFICER | ROLE_SUPERVISOR)) {
		if (u.level == 0) {
			s->write = CASE_SCOPE_COUNTRY;
		} else {
			if ((rc = subtree_codes(db, &u, s)))
				return rc;
			s->write = CASE_SCOPE_UNITS;
		}
		s->merge = (a->roles & ROLE_SUPERVISOR) != 0;
	}
	s->read = (a->roles & ROLE_ANALYST) ? CASE_SCOPE_COUNTRY : s->write;
	return 0;
}

void policy_case_scope_release(struct case_scope *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->codes[i]);
	free(s->codes);
	free(s->units_json);
	memset(s, 0, sizeof(*s));
}

static int cmp_code(const void *k, const void *e)
{
	return strcmp(k, *(char *const *)e);
}

bool policy_case_in(const struct case_scope *s, const char *country, const char *unit_code,
		    bool write)
{
	switch (write ? s->write : s->read) {
	case CASE_SCOPE_ALL:
		return true;
	case CASE_SCOPE_COUNTRY:
		return country && !strcmp(country, s->country);
	case CASE_SCOPE_UNITS:
		return country && unit_code && !strcmp(country, s->country) && s->n &&
		       bsearch(unit_code, s->codes, s->n, sizeof(*s->codes), cmp_code);
	case CASE_SCOPE_NONE:
		break;
	}
	return false;
}

int policy_case_check(const struct case_scope *s, const char *country, const char *unit_code,
		      bool write, const char *not_found)
{
	if (!policy_case_in(s, country, unit_code, false))
		return rl_error(RL_ENOTFOUND, "%s", not_found);
	if (!write || policy_case_in(s, country, unit_code, true))
		return 0;
	if (s->write == CASE_SCOPE_NONE)
		return rl_error(RL_EDENIED, "your role may read case files but not change them");
	return rl_error(RL_EDENIED, "you may change the cases of %s and the units below it only", s->unit);
}

int policy_case_access(struct rl_db *db, const struct actor *a, const char *country,
		       const char *unit_code, bool write, const char *not_found)
{
	struct case_scope s;
	int rc;

	if (!(rc = policy_case_scope(db, a, &s)))
		rc = policy_case_check(&s, country, unit_code, write, not_found);
	policy_case_scope_release(&s);
	return rc;
}

struct case_scope_sql policy_scope_sql(const struct case_scope *s, enum case_scope_kind kind)
{
	struct case_scope_sql q = { NULL, NULL };

	if (kind == CASE_SCOPE_ALL)
		return q;
	q.country = s->country;
	if (kind == CASE_SCOPE_UNITS)
		q.units = s->units_json;
	else if (kind == CASE_SCOPE_NONE)
		q.units = "[]";   /* no unit: nothing */
	return q;
}

int policy_stats_scope(struct rl_db *db, const struct actor *a, struct case_scope *s)
{
	struct unit u;
	int rc;

	memset(s, 0, sizeof(*s));
	if (a->system) {
		s->read = CASE_SCOPE_ALL;
		return 0;
	}
	if ((rc = policy_check(a, POLICY_REPORT, NULL)) || (rc = actor_unit(db, a, s, &u)))
		return rc;
	/* Both countries' aggregates are the analysts' and the ministries'
	 * business (the bilateral conference); a unit below sees its own. */
	if ((a->roles & ROLE_ANALYST) || u.level == 0) {
		s->read = CASE_SCOPE_ALL;
		return 0;
	}
	if ((rc = subtree_codes(db, &u, s)))
		return rc;
	s->read = CASE_SCOPE_UNITS;
	return 0;
}
