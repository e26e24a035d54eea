/*
 * api_notices.c: notices, screening, hits and checkpoint statistics:
 *   GET/POST /api/v1/notices, GET /api/v1/notices/{ref},
 *   POST /api/v1/notices/{ref}/approve, POST /api/v1/notices/{ref}/withdraw,
 *   POST /api/v1/notices/{ref}/links,
 *   POST /api/v1/screen, POST /api/v1/screen/batch, POST /api/v1/hits,
 *   GET /api/v1/checkpoints/stats.
 * Thin: decode, call core/notice.h and core/screen.h, encode. The rules,
 * transactions, audit records and authorisation are core's.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/notice.h"
#include "core/screen.h"
#include "http/api.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

static json_t *jnull(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* A '|'-joined list as a JSON array. */
static json_t *jlist(const char *s)
{
	json_t *a = json_array();
	const char *p = s;

	while (p && *p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		json_array_append_new(a, json_stringn(p, len));
		p = e ? e + 1 : p + len;
	}
	return a;
}

static json_t *notice_json(const struct notice *n)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(n->id));
	json_object_set_new(o, "ref", json_string(n->ref));
	json_object_set_new(o, "kind", json_string(n->kind));
	json_object_set_new(o, "state", json_string(n->state));
	json_object_set_new(o, "issuing_unit", json_string(n->unit_code));
	json_object_set_new(o, "country", json_string(n->country));
	json_object_set_new(o, "full_name", jnull(n->full_name));
	json_object_set_new(o, "aliases", jlist(n->aliases));
	json_object_set_new(o, "birth_date", jnull(n->birth_date));
	json_object_set_new(o, "sex", jnull(n->sex));
	json_object_set_new(o, "nationality", jnull(n->nationality));
	json_object_set_new(o, "documents", jlist(n->documents));
	json_object_set_new(o, "marks", jnull(n->marks));
	json_object_set_new(o, "plate", jnull(n->plate));
	json_object_set_new(o, "plate_key", jnull(n->plate_key));
	json_object_set_new(o, "plate_country", jnull(n->plate_country));
	json_object_set_new(o, "make", jnull(n->make));
	json_object_set_new(o, "colour", jnull(n->colour));
	json_object_set_new(o, "reason", jnull(n->reason));
	json_object_set_new(o, "action", json_string(n->action));
	json_object_set_new(o, "valid_from", json_string(n->valid_from));
	json_object_set_new(o, "valid_to", jnull(n->valid_to));
	json_object_set_new(o, "tlp", json_string(n->tlp));
	json_object_set_new(o, "sharing", json_string(n->sharing));
	json_object_set_new(o, "created_by", json_string(n->created_by));
	json_object_set_new(o, "created_at", json_string(n->created_at));
	json_object_set_new(o, "approved_by", jnull(n->approved_by));
	json_object_set_new(o, "approved_at", jnull(n->approved_at));
	json_object_set_new(o, "ended_by", jnull(n->ended_by));
	json_object_set_new(o, "ended_at", jnull(n->ended_at));
	json_object_set_new(o, "end_reason", jnull(n->end_reason));
	return o;
}

/* ---- notices ---- */

struct page {
	json_t *items;
	int want, got;
	char last[RL_NOTICE_REF_MAX + 1];
};

static int page_cb(const struct notice *n, void *data)
{
	struct page *p = data;

	if (p->got == p->want) {
		p->got++;
		return 2;   /* one more exists: stop */
	}
	p->got++;
	json_array_append_new(p->items, notice_json(n));
	snprintf(p->last, sizeof(p->last), "%s", n->ref);
	return 0;
}

int api_notices_list(struct http_req *r, struct http_resp *out)
{
	struct notice_filter f = { .limit = -1 };
	struct http_page pg;
	struct page p = { 0 };
	int rc = 0;

	if ((rc = http_page(r, &pg)))
		return rc;
	f.state = http_query(r, "state", &rc);
	if (!rc) f.kind = http_query(r, "kind", &rc);
	if (!rc) f.unit = http_query(r, "unit", &rc);
	if (!rc) f.q = http_query(r, "q", &rc);
	if (rc)
		return rc;
	if (!f.state)
		f.state = "active";
	f.after = pg.cursor;
	p.items = json_array();
	p.want = pg.limit;
	rc = notice_list(r->db, &r->actor, &f, page_cb, &p);
	if (rc < 0) {
		json_decref(p.items);
		return rc;
	}
	return http_reply_page(out, p.items, p.got > p.want ? p.last : NULL);
}

/* Body string fields of a new notice. */
static int body_notice(struct http_req *r, struct notice_input *in)
{
	static const struct {
		const char *name;
		size_t off;
		size_t max;
	} fields[] = {
#define F(n, m) { #n, offsetof(struct notice_input, n), m }
		F(ref, RL_NOTICE_REF_MAX), F(kind, 32), F(unit, RL_CODE_MAX), F(full_name, RL_NAME_MAX),
		F(birth_date, 16), F(sex, 16), F(nationality, 8), F(marks, RL_TEXT_MAX),
		F(plate, RL_PLATE_MAX), F(plate_country, 8), F(make, RL_SHORT_MAX), F(colour, RL_SHORT_MAX),
		F(reason, RL_TEXT_MAX), F(action, 32), F(valid_from, 16), F(valid_to, 16), F(tlp, 16),
		F(sharing, 16),
#undef F
	};
	int rc;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if ((rc = http_body_str(r, fields[i].name, !strcmp(fields[i].name, "kind"), fields[i].max,
					(const char **)((char *)in + fields[i].off))))
			return rc;
	return 0;
}

/* An array of strings in the body as a '|'-joined list. */
static int body_list(struct http_req *r, const char *name, size_t max_items, struct strbuf *sb)
{
	json_t *a = NULL;
	size_t i;
	json_t *v;
	int rc;

	if ((rc = http_body_array(r, name, false, max_items, &a)) || !a)
		return rc;
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return rl_error(RL_EINVAL, "field '%s' must be an array of strings", name);
		if (strchr(json_string_value(v), '|'))
			return rl_error(RL_EINVAL, "field '%s': an item may not hold '|'", name);
		strbuf_addf(sb, "%s%s", i ? "|" : "", json_string_value(v));
	}
	return 0;
}

int api_notices_create(struct http_req *r, struct http_resp *out)
{
	struct notice_input in = { 0 };
	struct strbuf aliases = STRBUF_INIT, docs = STRBUF_INIT;
	struct notice n;
	int rc;

	if ((rc = body_notice(r, &in)) ||
	    (rc = body_list(r, "aliases", RL_NOTICE_ALIASES_MAX, &aliases)) ||
	    (rc = body_list(r, "documents", RL_NOTICE_DOCS_MAX, &docs)))
		goto out;
	in.aliases = aliases.buf;
	in.documents = docs.buf;
	if ((rc = notice_create(r->db, &r->actor, &in, &n)))
		goto out;
	rc = http_reply_json(out, 201, notice_json(&n));
	notice_release(&n);
out:
	strbuf_release(&aliases);
	strbuf_release(&docs);
	return rc;
}

static int link_cb(const char *kind, const char *target, void *data)
{
	json_array_append_new(data, json_pack("{s:s,s:s}", "kind", kind, "id", target));
	return 0;
}

/* The notice `ref` with its links, answered with `status`. */
static int reply_with_links(struct http_req *r, const char *ref, int status, struct http_resp *out)
{
	struct notice n;
	json_t *o, *links = json_array();
	int rc;

	if ((rc = notice_get(r->db, &r->actor, ref, &n))) {
		json_decref(links);
		return rc;
	}
	o = notice_json(&n);
	json_object_set_new(o, "links", links);
	rc = notice_links(r->db, &r->actor, n.id, link_cb, links);
	notice_release(&n);
	if (rc) {
		json_decref(o);
		return rc;
	}
	return http_reply_json(out, status, o);
}

int api_notice_get(struct http_req *r, struct http_resp *out)
{
	return reply_with_links(r, http_param(r, "ref"), 200, out);
}

int api_notice_link(struct http_req *r, struct http_resp *out)
{
	const char *case_spec = NULL;
	int rc;

	if ((rc = http_body_str(r, "case", true, RL_SHORT_MAX, &case_spec)) ||
	    (rc = notice_link(r->db, &r->actor, http_param(r, "ref"), "case", case_spec)))
		return rc;
	return reply_with_links(r, http_param(r, "ref"), 201, out);
}

int api_notice_approve(struct http_req *r, struct http_resp *out)
{
	struct notice n;
	int rc;

	if ((rc = notice_approve(r->db, &r->actor, http_param(r, "ref"), &n)))
		return rc;
	rc = http_reply_json(out, 200, notice_json(&n));
	notice_release(&n);
	return rc;
}

int api_notice_withdraw(struct http_req *r, struct http_resp *out)
{
	const char *reason = NULL;
	struct notice n;
	int rc;

	if ((rc = http_body_str(r, "reason", false, RL_SHORT_MAX, &reason)) ||
	    (rc = notice_withdraw(r->db, &r->actor, http_param(r, "ref"), reason, &n)))
		return rc;
	rc = http_reply_json(out, 200, notice_json(&n));
	notice_release(&n);
	return rc;
}

/* ---- screening ---- */

static json_t *cand_json(const struct screen_cand *c)
{
	return json_pack("{s:s,s:f,s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:s}", "notice", c->ref, "score", c->score,
			 "why", c->why, "kind", c->kind, "action", c->action,
			 "full_name", jnull(c->full_name), "birth_date", jnull(c->birth_date),
			 "plate", jnull(c->plate), "issuing_unit", c->unit_code, "tlp", c->tlp);
}

/* The traveller fields of a body (screen, and the screened data of a hit). */
static int body_query(struct http_req *r, json_t *obj, struct screen_query *q)
{
	static const struct {
		const char *name;
		size_t off;
		size_t max;
	} fields[] = {
		{ "full_name", offsetof(struct screen_query, name), RL_NAME_MAX },
		{ "birth_date", offsetof(struct screen_query, birth), 16 },
		{ "sex", offsetof(struct screen_query, sex), 16 },
		{ "nationality", offsetof(struct screen_query, nationality), 8 },
		{ "document_no", offsetof(struct screen_query, document), RL_NOTICE_DOC_MAX },
		{ "plate", offsetof(struct screen_query, plate), RL_PLATE_MAX },
	};

	memset(q, 0, sizeof(*q));
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char **dst = (const char **)((char *)q + fields[i].off);
		json_t *v;
		if (!obj) {
			int rc = http_body_str(r, fields[i].name, false, fields[i].max, dst);
			if (rc)
				return rc;
			continue;
		}
		v = json_object_get(obj, fields[i].name);
		if (!v || json_is_null(v))
			continue;
		if (!json_is_string(v))
			return rl_error(RL_EINVAL, "field 'screened.%s' must be a string", fields[i].name);
		if (strlen(json_string_value(v)) > fields[i].max)
			return rl_error(RL_ETOOBIG, "field 'screened.%s' is longer than %zu bytes", fields[i].name,
					fields[i].max);
		*dst = json_string_value(v);
	}
	return 0;
}

/* "threshold" of a body: a number 0..1, or absent (-1: the setting). */
static int body_threshold(struct http_req *r, double *t)
{
	json_t *v = r->body ? json_object_get(r->body, "threshold") : NULL;

	*t = -1;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 1)
		return rl_error(RL_EINVAL, "field 'threshold' must be a number from 0 to 1");
	*t = json_number_value(v);
	return 0;
}

int api_screen(struct http_req *r, struct http_resp *out)
{
	struct screen_query q;
	struct screen_cand cands[RL_SCREEN_RESULTS_MAX];
	int64_t limit = RL_SCREEN_RESULTS_DEFAULT;
	double t;
	size_t n;
	json_t *a;
	int rc;

	if ((rc = body_query(r, NULL, &q)) || (rc = body_threshold(r, &t)) ||
	    (rc = http_body_int(r, "limit", false, 1, RL_SCREEN_RESULTS_MAX, &limit)))
		return rc;
	if ((rc = screen_one(r->db, &r->actor, &q, t, cands, (size_t)limit, &n)))
		return rc;
	if (t < 0 && (rc = screen_threshold(r->db, &t)))
		return rc;
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, cand_json(&cands[i]));
	return http_reply_json(out, 200, json_pack("{s:o,s:f}", "candidates", a, "threshold", t));
}

struct batch_ctx {
	json_t *results, *errors;
};

static int batch_row(const char *ref, const struct screen_cand *c, size_t n, void *data)
{
	struct batch_ctx *b = data;
	json_t *hits = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(hits, json_pack("{s:s,s:f,s:s,s:s}", "notice", c[i].ref, "score", c[i].score,
						      "why", c[i].why, "action", c[i].action));
	json_array_append_new(b->results, json_pack("{s:s,s:o}", "ref", ref, "hits", hits));
	return 0;
}

static int batch_bad(long line, const char *msg, void *data)
{
	struct batch_ctx *b = data;

	json_array_append_new(b->errors, json_pack("{s:I,s:s}", "line", (json_int_t)line, "message", msg));
	return 0;
}

int api_screen_batch(struct http_req *r, struct http_resp *out)
{
	struct batch_ctx b;
	struct screen_batch_result res;
	const char *q;
	char *end;
	double t = -1;
	FILE *in;
	int rc = 0;

	/* The body is the CSV itself (a raw route, text/csv); the threshold
	 * comes from the query. */
	q = http_query(r, "threshold", &rc);
	if (rc)
		return rc;
	if (q && *q) {
		t = strtod(q, &end);
		if (*end || !(t >= 0 && t <= 1))
			return rl_error(RL_EINVAL, "query parameter 'threshold' must be a number from 0 to 1");
	}
	if (!r->raw || !r->raw_len)
		return rl_error(RL_EINVAL, "the manifest is empty (it needs a header line)");
	if (!(in = fmemopen((void *)r->raw, r->raw_len, "r")))
		return rl_error(RL_ENOMEM, "cannot read the manifest");
	b.results = json_array();
	b.errors = json_array();
	rc = screen_batch(r->db, &r->actor, in, "the manifest", t, NULL, batch_row, batch_bad, &b, &res);
	fclose(in);
	if (rc) {
		json_decref(b.results);
		json_decref(b.errors);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:o,s:o,s:i,s:i,s:i}", "results", b.results,
						   "errors", b.errors, "screened", res.screened,
						   "flagged", res.flagged, "bad", res.bad));
}

int api_hits_create(struct http_req *r, struct http_resp *out)
{
	struct hit_input in = { .score = -1 };
	struct screen_query q;
	struct hit_result res;
	json_t *screened = NULL, *sv;
	int rc;

	if ((rc = http_body_str(r, "notice", true, RL_NOTICE_REF_MAX + RL_ID_LEN, &in.notice)) ||
	    (rc = http_body_str(r, "why", false, 511, &in.explanation)) ||
	    (rc = http_body_str(r, "action_taken", false, 32, &in.action_taken)) ||
	    (rc = http_body_str(r, "note", false, RL_SHORT_MAX, &in.note)))
		return rc;
	sv = r->body ? json_object_get(r->body, "score") : NULL;
	if (sv && !json_is_null(sv)) {
		if (!json_is_number(sv) || json_number_value(sv) < 0 || json_number_value(sv) > 1)
			return rl_error(RL_EINVAL, "field 'score' must be a number from 0 to 1");
		in.score = json_number_value(sv);
	}
	screened = r->body ? json_object_get(r->body, "screened") : NULL;
	if (screened && !json_is_null(screened)) {
		if (!json_is_object(screened))
			return rl_error(RL_EINVAL, "field 'screened' must be an object");
		if ((rc = body_query(r, screened, &q)))
			return rc;
		in.screened = &q;
	}
	if ((rc = hit_record(r->db, &r->actor, &in, &res)))
		return rc;
	return http_reply_json(out, 201, json_pack("{s:s,s:s,s:s,s:s,s:o,s:f,s:s,s:s,s:s,s:{s:s,s:s,s:b,s:o,s:o}}",
		"id", res.hit.id, "notice", res.hit.notice_ref, "at", res.hit.at,
		"by", res.hit.user_login, "checkpoint", jnull(res.hit.unit_code), "score", res.hit.score,
		"action_taken", res.hit.action_taken, "notice_state", res.notice_state,
		"issuing_unit", res.issuing_unit,
		"notification", "id", res.notification_id, "to", res.issuing_unit, "sent", res.notified,
		"message", jnull(res.message_code), "pending_reason", jnull(res.notify_error)));
}

static json_t *pending_to_json(const struct hit_pending *p)
{
	return json_pack("{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:i,s:o,s:o}", "id", p->id, "hit", p->hit_id,
			 "notice", p->notice_ref, "checkpoint", jnull(p->from_unit_code), "to", p->to_unit_code,
			 "recorded_by", p->user_login, "at", p->created_at, "attempts", p->attempts,
			 "next_attempt", jnull(p->next_attempt_at), "last_error", jnull(p->last_error));
}

static int pending_cb(const struct hit_pending *p, void *data)
{
	json_array_append_new(data, pending_to_json(p));
	return 0;
}

int api_hits_pending(struct http_req *r, struct http_resp *out)
{
	json_t *items = json_array();
	int rc;

	if ((rc = hit_pending_list(r->db, &r->actor, pending_cb, items))) {
		json_decref(items);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:o}", "items", items));
}

static int resend_cb(const struct hit_notify_outcome *o, void *data)
{
	json_t *j = pending_to_json(o->p);

	json_object_set_new(j, "sent", json_boolean(o->sent));
	json_object_set_new(j, "message", jnull(o->message_code));
	json_object_set_new(j, "error", jnull(o->error));
	json_array_append_new(data, j);
	return 0;
}

int api_hits_resend(struct http_req *r, struct http_resp *out)
{
	json_t *results;
	bool now = false;
	int rc, sent, left;

	if ((rc = http_body_bool(r, "now", false, &now)))
		return rc;
	results = json_array();
	if ((rc = hit_notify_pending(r->db, &r->actor, now, resend_cb, results, &sent, &left))) {
		json_decref(results);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:i,s:i,s:o}", "sent", sent, "pending", left,
						   "results", results));
}

static int stats_cb(const struct checkpoint_day *d, void *data)
{
	json_array_append_new(data, json_pack("{s:s,s:s,s:I,s:I,s:I}", "unit", d->unit_code, "day", d->day,
					      "persons", (json_int_t)d->persons,
					      "vehicles", (json_int_t)d->vehicles, "hits", (json_int_t)d->hits));
	return 0;
}

int api_checkpoint_stats(struct http_req *r, struct http_resp *out)
{
	const char *from = NULL, *to = NULL, *unit = NULL;
	char today[RL_DATE_LEN + 1];
	json_t *items;
	int rc = 0;

	from = http_query(r, "from", &rc);
	if (!rc) to = http_query(r, "to", &rc);
	if (!rc) unit = http_query(r, "unit", &rc);
	if (rc)
		return rc;
	rl_today(today);
	items = json_array();
	if ((rc = checkpoint_stats(r->db, &r->actor, from ? from : today, to ? to : today, unit,
				   stats_cb, items))) {
		json_decref(items);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:o}", "items", items));
}
