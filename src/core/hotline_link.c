/*
 * hotline_link.c: links from hotline messages to cases, persons and
 * notices (see hotline_link.h). The record lookups are the case and notice
 * stores'; the decisions are policy.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hotline_link.h"
#include "core/hotline_reason.h"
#include "core/notice.h"
#include "core/policy.h"
#include "store/audit.h"
#include "store/case_store.h"
#include "store/msg_link_store.h"
#include "store/notice_store.h"
#include "util/clock.h"
#include "util/id.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

static const char *const kinds[] = { "case", "person", "notice", NULL };

static bool known_kind(const char *k)
{
	for (int i = 0; kinds[i]; i++)
		if (!strcmp(k, kinds[i]))
			return true;
	return false;
}

/* Copies s into a label of at most size-1 bytes, cut on a character. */
static void set_label(char *dst, size_t size, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n >= size)
		n = size - 1;
	while (n && !rl_utf8_valid(s, n))
		n--;
	memcpy(dst, s ? s : "", n);
	dst[n] = '\0';
}

static int not_found(const char *kind, const char *ref)
{
	return rl_error(RL_ENOTFOUND, "no such %s '%.64s'", kind, ref);
}

struct case_find {
	struct hotline_link_target *t;
	char unit[RL_CODE_MAX + 1];           /* the case's handling unit */
};

static int case_cb(const struct case_row *c, void *data)
{
	struct case_find *f = data;
	struct hotline_link_target *t = f->t;

	snprintf(t->id, sizeof(t->id), "%s", c->id);
	snprintf(t->ref, sizeof(t->ref), "%s", c->ref);
	snprintf(t->country, sizeof(t->country), "%s", c->country);
	/* The summary names the case for a reader; the unit says who holds it. */
	set_label(t->label, sizeof(t->label), c->summary && *c->summary ? c->summary : c->category);
	snprintf(f->unit, sizeof(f->unit), "%s", c->unit_code);
	return 0;
}

static int person_cb(const struct person_row *p, void *data)
{
	struct hotline_link_target *t = data;

	snprintf(t->id, sizeof(t->id), "%s", p->id);
	snprintf(t->ref, sizeof(t->ref), "%s", p->id);
	set_label(t->label, sizeof(t->label), p->nnames ? p->names[0].name : "");
	return 0;
}

/*
 * A case by id, by ref (with r->country, or written COUNTRY/REF). Readable
 * as when reading the case itself: policy_case_scope() decides.
 */
static int resolve_case(struct rl_db *db, const struct actor *a, const struct hotline_link_ref *r,
			struct hotline_link_target *t)
{
	struct case_find f = { .t = t };
	struct case_scope s;
	char country[4] = "";
	const char *ref = r->ref;
	int rc;

	if (r->country && *r->country) {
		if (strcmp(r->country, "VNM") && strcmp(r->country, "LAO"))
			return rl_error(RL_EINVAL, "unknown country '%.8s' (VNM or LAO)", r->country);
		snprintf(country, sizeof(country), "%s", r->country);
	} else if (strlen(ref) > 4 && ref[3] == '/' && (!strncmp(ref, "VNM", 3) || !strncmp(ref, "LAO", 3))) {
		memcpy(country, ref, 3);
		ref += 4;
	}
	/* policy.c's case scope (need to know): a role without case files, or
	 * a case out of scope, answers as an unknown case; a ref is looked up
	 * in the actor's own country only, so both countries' use of it is
	 * never hinted at. */
	if ((rc = policy_case_scope(db, a, &s))) {
		policy_case_scope_release(&s);
		return rc == RL_EDENIED ? not_found("case", r->ref) : rc;
	}
	if (s.read != CASE_SCOPE_ALL) {
		if (*country && strcmp(country, s.country)) {
			policy_case_scope_release(&s);
			return not_found("case", r->ref);
		}
		snprintf(country, sizeof(country), "%s", s.country);
	}
	if (rl_id_valid(ref))
		rc = case_store_get_by_id(db, ref, case_cb, &f);
	else
		rc = case_store_get(db, *country ? country : NULL, ref, case_cb, &f);
	if (!rc && *country && strcmp(country, t->country))
		rc = RL_ENOTFOUND;
	if (!rc && !policy_case_in(&s, t->country, f.unit, false))
		rc = RL_ENOTFOUND;
	policy_case_scope_release(&s);
	return rc == RL_ENOTFOUND ? not_found("case", r->ref) : rc;
}

static int resolve_person(struct rl_db *db, const struct actor *a, const struct hotline_link_ref *r,
			  struct hotline_link_target *t)
{
	struct case_scope s;
	struct case_scope_sql q;
	bool in = false;
	int rc;

	if (!rl_id_valid(r->ref))
		return not_found("person", r->ref);
	/* A person is visible through a case in the actor's scope (policy.c). */
	if ((rc = policy_case_scope(db, a, &s))) {
		policy_case_scope_release(&s);
		return rc == RL_EDENIED ? not_found("person", r->ref) : rc;
	}
	q = policy_scope_sql(&s, s.read);
	rc = case_store_person_in_scope(db, &q, r->ref, &in);
	policy_case_scope_release(&s);
	if (rc)
		return rc;
	if (!in)
		return not_found("person", r->ref);
	rc = case_store_person_get(db, r->ref, person_cb, t);
	return rc == RL_ENOTFOUND ? not_found("person", r->ref) : rc;
}

static int resolve_notice(struct rl_db *db, const struct actor *a, const struct hotline_link_ref *r,
			  struct hotline_link_target *t)
{
	struct notice_viewer v;
	struct notice n;
	int rc;

	memset(&n, 0, sizeof(n));
	rc = notice_store_get(db, r->ref, &n);
	if (rc == RL_ENOTFOUND)
		return not_found("notice", r->ref);
	if (rc)
		return rc;
	if (!(rc = notice_viewer_init(&v, db, a)))
		rc = notice_viewer_check(&v, &n, POLICY_NOTICE_READ);
	if (!rc) {
		snprintf(t->id, sizeof(t->id), "%s", n.id);
		snprintf(t->ref, sizeof(t->ref), "%s", n.ref);
		set_label(t->label, sizeof(t->label), *n.full_name ? n.full_name : n.plate);
	}
	notice_release(&n);
	if (rc == RL_ENOTFOUND || rc == RL_EDENIED)
		return not_found("notice", r->ref);
	return rc;
}

int hotline_link_resolve(struct rl_db *db, const struct actor *a, const struct hotline_link_ref *r,
			 struct hotline_link_target *out)
{
	memset(out, 0, sizeof(*out));
	if (!r->kind || !*r->kind)
		return rl_error(RL_EINVAL, "a link needs a kind (case, person or notice)");
	if (!known_kind(r->kind))
		return rl_error(RL_EINVAL, "unknown link kind '%.16s' (case, person or notice)", r->kind);
	if (!r->ref || !*r->ref)
		return rl_error(RL_EINVAL, "a link to a %s needs its reference", r->kind);
	if (strlen(r->ref) > RL_CASE_REF_MAX || !rl_utf8_valid(r->ref, strlen(r->ref)))
		return not_found(r->kind, r->ref);
	snprintf(out->kind, sizeof(out->kind), "%s", r->kind);
	if (!strcmp(r->kind, "case"))
		return resolve_case(db, a, r, out);
	if (r->country && *r->country)
		return rl_error(RL_EINVAL, "only a link to a case takes a country");
	if (!strcmp(r->kind, "person"))
		return resolve_person(db, a, r, out);
	return resolve_notice(db, a, r, out);
}

/* "case VNM/VN-22-2025-0001", "notice VN-W-0001", "person 01J..." */
static void describe(const struct hotline_link_target *t, struct strbuf *sb)
{
	strbuf_addf(sb, "%s %s%s%s", t->kind, t->country, *t->country ? "/" : "", t->ref);
}

/* The timeline event of a link or unlink, its reason as data. */
static int link_event(struct rl_db *db, const struct actor *a, int64_t seq, int64_t now, const char *what,
		      const char *detail, const struct hotline_link_target *t)
{
	json_t *p = json_pack("{s:s, s:s, s:s}", "kind", t->kind, "ref", t->ref, "id", t->id);
	char *ps;
	int rc;

	if (*t->country)
		json_object_set_new(p, "country", json_string(t->country));
	ps = json_dumps(p, JSON_COMPACT);
	rc = msg_store_event_add_coded(db, seq, now, a->audit_name, a->unit_id[0] ? a->unit_id : NULL, what,
				       detail, what, ps);
	free(ps);
	json_decref(p);
	return rc;
}

int hotline_link_store(struct rl_db *db, const struct actor *a, const struct msg_rec *m,
		       const struct hotline_link_target *t, int64_t now)
{
	struct strbuf d = STRBUF_INIT;
	int rc;

	describe(t, &d);
	if (!(rc = msg_link_store_add(db, m->seq, t->kind, t->id, now, a->audit_name)))
		rc = link_event(db, a, m->seq, now, "linked", d.buf, t);
	strbuf_release(&d);
	return rc;
}

int hotline_msg_link(struct rl_db *db, const struct actor *a, const char *id,
		     const struct hotline_link_ref *r, bool add, struct hotline_link_target *out)
{
	struct hotline_link_target t;
	struct strbuf s = STRBUF_INIT;
	struct msg_rec m;
	int64_t now = rl_now_ms();
	int rc, n = 0;

	if (!id || !*id)
		return rl_error(RL_EINVAL, "a message id or code is needed");
	if ((rc = msg_store_get(db, id, &m)))
		return rc;
	if ((rc = policy_msg_link(db, a, &m))) {
		if (rc == RL_ENOTFOUND)
			rl_error(RL_ENOTFOUND, "no such message '%.64s'", id);
		goto out;
	}
	if ((rc = hotline_link_resolve(db, a, r, &t)))
		goto out;
	strbuf_addf(&s, "%s %s ", m.code, add ? "->" : "-/->");
	describe(&t, &s);
	if ((rc = db_begin(db)))
		goto out;
	if (add) {
		if ((rc = msg_link_store_count(db, m.seq, &n)))
			goto fail;
		if (n >= RL_MSG_LINKS_MAX) {
			rc = rl_error(RL_ETOOBIG, "a message links to at most %d records", RL_MSG_LINKS_MAX);
			goto fail;
		}
		if ((rc = hotline_link_store(db, a, &m, &t, now)))
			goto fail;
	} else {
		struct strbuf d = STRBUF_INIT;

		if ((rc = msg_link_store_remove(db, m.seq, t.kind, t.id, &n)))
			goto fail;
		if (!n) {
			rc = rl_error(RL_ENOTFOUND, "message %s is not linked to %s '%s'", m.code, t.kind, t.ref);
			goto fail;
		}
		describe(&t, &d);
		rc = link_event(db, a, m.seq, now, "unlinked", d.buf, &t);
		strbuf_release(&d);
		if (rc)
			goto fail;
	}
	if ((rc = audit_append(db, a->audit_name, add ? "message.link" : "message.unlink", "message", m.id, s.buf)))
		goto fail;
	if ((rc = db_commit(db)))
		goto out;
	if (out)
		*out = t;
	goto out;
fail:
	db_rollback(db);
out:
	strbuf_release(&s);
	msg_rec_release(&m);
	return rc;
}

/* Collected first, so no statement is held while each target is read. */
struct link_list {
	struct msg_link_rec v[RL_MSG_LINKS_MAX];
	int n;
};

static int collect(const struct msg_link_rec *l, void *data)
{
	struct link_list *ll = data;

	if (ll->n >= RL_MSG_LINKS_MAX)
		return 1;
	ll->v[ll->n++] = *l;
	return 0;
}

json_t *hotline_link_json(const struct hotline_link_target *t)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "kind", t->kind, "id", t->id, "ref", t->ref,
			      "label", t->label);

	if (*t->country)
		json_object_set_new(o, "country", json_string(t->country));
	if (t->linked_ms) {
		char at[RL_TIME_LEN + 1];

		rl_time_format(t->linked_ms, at);
		json_object_set_new(o, "linked_at", json_string(at));
		json_object_set_new(o, "linked_by", json_string(t->linked_by));
	}
	return o;
}

int hotline_links_json(struct rl_db *db, const struct actor *a, int64_t seq, json_t **out)
{
	struct link_list *ll = calloc(1, sizeof(*ll));
	json_t *arr;
	int rc;

	*out = NULL;
	if (!ll)
		return rl_error(RL_ENOMEM, "out of memory");
	if ((rc = msg_link_store_list(db, seq, collect, ll)) < 0) {
		free(ll);
		return rc;
	}
	arr = json_array();
	for (int i = 0; i < ll->n; i++) {
		struct hotline_link_ref r = { .kind = ll->v[i].kind, .ref = ll->v[i].record_id };
		struct hotline_link_target t;

		rc = hotline_link_resolve(db, a, &r, &t);
		if (rc == RL_ENOTFOUND || rc == RL_EINVAL) {
			/* A record this reader may not see is left out. */
			rl_error_clear();
			continue;
		}
		if (rc) {
			json_decref(arr);
			free(ll);
			return rc;
		}
		t.linked_ms = ll->v[i].created_ms;
		snprintf(t.linked_by, sizeof(t.linked_by), "%s", ll->v[i].created_by);
		json_array_append_new(arr, hotline_link_json(&t));
	}
	free(ll);
	*out = arr;
	return 0;
}
