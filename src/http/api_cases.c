/*
 * api_cases.c: cases, persons, statistics and the vocabularies over the API:
 *   GET    /api/v1/cases                    list: ?country=&unit=&category=&status=&from=&to=&q=
 *   GET    /api/v1/cases/{country}/{ref}    one case with persons and seizures
 *   POST   /api/v1/cases                    add one case (the JSON Lines record)
 *   PATCH  /api/v1/cases/{country}/{ref}    change status, summary, category, place
 *   POST   /api/v1/cases/import             JSON Lines body, all or nothing
 *   GET    /api/v1/persons?q=               persons by name, any script
 *   GET    /api/v1/persons/duplicates       likely duplicates
 *   POST   /api/v1/persons/merge            {survivor, merged}
 *   POST   /api/v1/persons/unmerge          {merge_id}
 *   GET    /api/v1/reports/stats            the figures (JSON), .csv, conference
 *   GET    /api/v1/vocab?lang=              codes and labels
 * Decode, call core (casefile.h, report.h, caseedit.h), encode. Which
 * cases, persons and figures the user sees is policy.c's (need to know,
 * applied by core in the store's queries); a case out of scope answers
 * exactly as an unknown one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "core/audit_log.h"
#include "core/caseedit.h"
#include "core/casefile.h"
#include "core/directory.h"
#include "core/personview.h"
#include "core/policy.h"
#include "core/report.h"
#include "core/vocab.h"
#include "http/api.h"
#include "http/reply.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Per-line errors an import answers with (the count is always exact). */
#define IMPORT_ERRORS_MAX 1000

/* Persons a search answers with. */
#define PERSON_SEARCH_MAX 200

/* ---- encoding ---- */

static json_t *case_json(const struct case_row *c)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:s}",
			 "id", c->id, "country", c->country, "ref", c->ref,
			 "unit", c->unit_code, "province", c->province ? c->province : "",
			 "border", c->border != 0, "category", c->category, "opened", c->opened,
			 "status", c->status, "place_unit", c->place_unit ? c->place_unit : "",
			 "place_text", c->place_text ? c->place_text : "",
			 "summary", c->summary ? c->summary : "",
			 "suspects", (json_int_t)c->n_suspects, "foreign_suspects", (json_int_t)c->n_foreign,
			 "created_at", c->created_at ? c->created_at : "");
}

static json_t *person_json(const struct person_row *p)
{
	json_t *names = json_array(), *docs = json_array();

	for (size_t i = 0; i < p->nnames; i++)
		json_array_append_new(names, json_pack("{s:s,s:s,s:b}", "name", p->names[i].name,
						       "script", p->names[i].script ? p->names[i].script : "",
						       "alias", p->names[i].alias != 0));
	for (size_t i = 0; i < p->ndocs; i++)
		json_array_append_new(docs, json_pack("{s:s,s:s,s:s}", "type", p->docs[i].type,
						      "number", p->docs[i].number,
						      "country", p->docs[i].country ? p->docs[i].country : ""));
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:o}", "id", p->id,
			 "full_name", p->nnames ? p->names[0].name : "",
			 "birth_date", p->birth_date ? p->birth_date : "", "sex", p->sex ? p->sex : "U",
			 "nationality", p->nationality ? p->nationality : "", "names", names,
			 "documents", docs);
}

/* ---- list ---- */

/* The position after the last case of a page: opened|country|ref. */
struct case_cursor {
	char opened[RL_DATE_LEN + 1];
	char country[4];
	char ref[RL_SHORT_MAX + 1];
};

static int cursor_parse(const char *s, struct case_cursor *c)
{
	const char *a = strchr(s, '|'), *b = a ? strchr(a + 1, '|') : NULL;

	if (!a || !b || a - s != RL_DATE_LEN || b - a - 1 != 3 || strlen(b + 1) > RL_SHORT_MAX)
		return rl_error(RL_EINVAL, "query parameter 'cursor' is not a cursor of this listing");
	memcpy(c->opened, s, RL_DATE_LEN);
	c->opened[RL_DATE_LEN] = '\0';
	memcpy(c->country, a + 1, 3);
	c->country[3] = '\0';
	snprintf(c->ref, sizeof(c->ref), "%s", b + 1);
	return 0;
}

struct list_ctx {
	json_t *items;
	int want, got;
	const struct case_cursor *after;   /* or NULL */
	const char *qfold;                 /* folded q, or NULL */
	char next[RL_DATE_LEN + 5 + RL_SHORT_MAX + 1];
	int err;
};

static bool matches_q(const struct case_row *c, const char *qfold)
{
	const char *fields[] = { c->ref, c->summary, c->place_text, c->unit_code };
	bool hit = false;

	for (size_t i = 0; !hit && i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *f;
		if (!fields[i] || !*fields[i])
			continue;
		f = rl_fold(fields[i]);
		hit = f && strstr(f, qfold);
		free(f);
	}
	return hit;
}

static int list_case(const struct case_row *c, void *data)
{
	struct list_ctx *x = data;

	if (x->after) {
		int d = strcmp(c->opened, x->after->opened);
		if (!d)
			d = strcmp(c->country, x->after->country);
		if (!d)
			d = strcmp(c->ref, x->after->ref);
		if (d <= 0)
			return 0;
	}
	if (x->qfold && !matches_q(c, x->qfold))
		return 0;
	if (x->got == x->want) {
		x->got++;
		return 1;  /* one more than a page: there is a next page */
	}
	json_array_append_new(x->items, case_json(c));
	snprintf(x->next, sizeof(x->next), "%s|%s|%s", c->opened, c->country, c->ref);
	x->got++;
	return 0;
}

int api_cases_list(struct http_req *r, struct http_resp *out)
{
	struct case_filter f = { 0 };
	struct http_page pg;
	struct case_cursor cur;
	struct list_ctx x = { 0 };
	const char *q;
	char *qfold = NULL;
	int rc;

	if ((rc = http_page(r, &pg)))
		return rc;
	if ((f.country = http_query(r, "country", &rc), rc) ||
	    (f.unit = http_query(r, "unit", &rc), rc) ||
	    (f.category = http_query(r, "category", &rc), rc) ||
	    (f.status = http_query(r, "status", &rc), rc) ||
	    (f.from = http_query(r, "from", &rc), rc) ||
	    (f.to = http_query(r, "to", &rc), rc) ||
	    (q = http_query(r, "q", &rc), rc))
		return rc;
#define EMPTY_NULL(v) if ((v) && !*(v)) (v) = NULL
	EMPTY_NULL(f.country);
	EMPTY_NULL(f.unit);
	EMPTY_NULL(f.category);
	EMPTY_NULL(f.status);
	EMPTY_NULL(f.from);
	EMPTY_NULL(f.to);
#undef EMPTY_NULL
	if (pg.cursor) {
		if ((rc = cursor_parse(pg.cursor, &cur)))
			return rc;
		x.after = &cur;
		/* Start the scan at the cursor's date rather than the beginning. */
		if (!f.from || strcmp(f.from, cur.opened) < 0)
			f.from = cur.opened;
	}
	if (q && *q) {
		qfold = rl_fold(q);
		if (!qfold)
			return rl_error(RL_EINVAL, "query parameter 'q' is not valid utf-8");
		if (*qfold)
			x.qfold = qfold;
	}
	x.items = json_array();
	x.want = pg.limit;
	rc = casefile_list(r->db, &r->actor, &f, list_case, &x);
	if (rc == 1)
		rc = 0;
	if (!rc && x.err)
		rc = x.err;
	free(qfold);
	if (rc) {
		json_decref(x.items);
		return rc;
	}
	return http_reply_page(out, x.items, x.got > x.want ? x.next : NULL);
}

/* ---- one case ---- */

struct show_ctx {
	json_t *c, *persons, *seizures;
	char unit[RL_CODE_MAX + 1];
	char id[RL_ID_LEN + 1];
};

static int show_case_row(const struct case_row *c, void *data)
{
	struct show_ctx *x = data;

	x->c = case_json(c);
	snprintf(x->unit, sizeof(x->unit), "%s", c->unit_code);
	snprintf(x->id, sizeof(x->id), "%s", c->id);
	return 0;
}

static int show_link(const struct link_row *l, void *data)
{
	struct show_ctx *x = data;

	json_array_append_new(x->persons,
		json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "person_id", l->person_id,
			  "effective_id", l->effective_id ? l->effective_id : l->person_id,
			  "role", l->role, "ref", l->ref ? l->ref : "", "full_name", l->name ? l->name : "",
			  "birth_date", l->birth_date ? l->birth_date : "", "sex", l->sex ? l->sex : "U",
			  "nationality", l->nationality ? l->nationality : ""));
	return 0;
}

static int show_seizure(const struct seizure_row *s, void *data)
{
	struct show_ctx *x = data;
	char q[64];

	casefile_quantity_text(s, q, sizeof(q));
	json_array_append_new(x->seizures,
		json_pack("{s:I,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)s->id, "drug", s->drug,
			  "quantity", q, "unit", s->unit, "measure", s->measure, "amount",
			  (json_int_t)s->amount));
	return 0;
}

static void show_release(struct show_ctx *x)
{
	json_decref(x->c);
	json_decref(x->persons);
	json_decref(x->seizures);
}

/* The case (country, ref) as the actor may see it, into x (released by
 * the caller with show_release() in every case). */
static int load_case(struct http_req *r, const char *country, const char *ref, struct show_ctx *x)
{
	int rc;

	memset(x, 0, sizeof(*x));
	x->persons = json_array();
	x->seizures = json_array();
	if (strcmp(country, "VNM") && strcmp(country, "LAO"))
		return rl_error(RL_ENOTFOUND, "no such case");
	rc = casefile_show(r->db, &r->actor, country, ref, show_case_row, show_link, show_seizure, x);
	if (rc == RL_ENOTFOUND || (!rc && !x->c))
		return rl_error(RL_ENOTFOUND, "no such case");
	return rc;
}

static int reply_case(struct http_req *r, struct http_resp *out, int status, struct show_ctx *x)
{
	json_t *j = x->c;
	char summary[96];
	int rc;

	snprintf(summary, sizeof(summary), "case %s (%s)", http_param(r, "ref"), x->unit);
	/* Who looked at which case file (its persons are personal data). */
	if ((rc = audit_read(r->db, &r->actor, "case", x->id, summary)))
		return rc;
	json_object_set(j, "persons", x->persons);
	json_object_set(j, "seizures", x->seizures);
	x->c = NULL;
	return http_reply_json(out, status, j);
}

int api_case_get(struct http_req *r, struct http_resp *out)
{
	struct show_ctx x;
	int rc = load_case(r, http_param(r, "country"), http_param(r, "ref"), &x);

	if (!rc)
		rc = reply_case(r, out, 200, &x);
	show_release(&x);
	return rc;
}

/* ---- add ---- */

int api_case_create(struct http_req *r, struct http_resp *out)
{
	const char *unit = NULL, *country = NULL, *ref = NULL;
	char id[RL_ID_LEN + 1];
	char *text;
	struct show_ctx x;
	int rc;

	if (!r->body)
		return rl_error(RL_EINVAL, "the request needs a case as a json object");
	if ((rc = http_body_str(r, "unit", true, RL_CODE_MAX, &unit)) ||
	    (rc = http_body_str(r, "country", true, 3, &country)) ||
	    (rc = http_body_str(r, "ref", true, RL_SHORT_MAX, &ref)))
		return rc;
	text = json_dumps(r->body, JSON_COMPACT);
	if (!text)
		return rl_error(RL_ENOMEM, "out of memory");
	rc = casefile_add_json(r->db, &r->actor, text, id);
	free(text);
	if (rc)
		return rc;
	if (!(rc = load_case(r, country, ref, &x))) {
		char loc[RL_SHORT_MAX * 3 + 32];
		snprintf(loc, sizeof(loc), "/api/v1/cases/%s/%s", country, ref);
		http_resp_header(out, "Location", loc);
		rc = reply_case(r, out, 201, &x);
	}
	show_release(&x);
	return rc;
}

/* ---- edit ---- */

int api_case_patch(struct http_req *r, struct http_resp *out)
{
	struct case_edit e = { 0 };
	struct show_ctx x;
	json_t *persons = NULL, *seizures = NULL;
	const char *place_unit = NULL;
	int rc;

	if (!r->body || !json_object_size(r->body))
		return rl_error(RL_EINVAL, "nothing to change");
	{
		static const char *const known[] = { "status", "summary", "category", "place_unit",
			"place_text", "add_persons", "add_seizures", NULL };
		const char *k;
		json_t *v;
		json_object_foreach(r->body, k, v) {
			bool ok = false;
			for (int i = 0; known[i]; i++)
				ok = ok || !strcmp(k, known[i]);
			if (!ok)
				return rl_error(RL_EINVAL, "unknown field '%.40s'", k);
		}
	}
	if ((rc = http_body_str(r, "status", false, RL_CODE_MAX, &e.status)) ||
	    (rc = http_body_str(r, "summary", false, RL_TEXT_MAX, &e.summary)) ||
	    (rc = http_body_str(r, "category", false, RL_CODE_MAX, &e.category)) ||
	    (rc = http_body_str(r, "place_unit", false, RL_CODE_MAX, &place_unit)) ||
	    (rc = http_body_str(r, "place_text", false, RL_SHORT_MAX, &e.place_text)) ||
	    (rc = http_body_array(r, "add_persons", false, RL_CASE_PERSONS_MAX, &persons)) ||
	    (rc = http_body_array(r, "add_seizures", false, RL_CASE_SEIZURES_MAX, &seizures)))
		return rc;
	e.place_unit = place_unit;
	e.add_persons = persons;
	e.add_seizures = seizures;
	/* Out of scope answers as unknown; in scope but read-only is 403
	 * (caseedit asks policy). */
	rc = load_case(r, http_param(r, "country"), http_param(r, "ref"), &x);
	if (!rc)
		rc = caseedit_apply(r->db, &r->actor, x.id, &e);
	show_release(&x);
	if (rc)
		return rc;
	if (!(rc = load_case(r, http_param(r, "country"), http_param(r, "ref"), &x)))
		rc = reply_case(r, out, 200, &x);
	show_release(&x);
	return rc;
}

/* ---- removing a person or a seizure ---- */

/* Like a PATCH: a case out of scope answers as unknown, one in scope but
 * read-only as 403 (caseedit asks policy); the reply is the case as it
 * now is. */
int api_case_person_remove(struct http_req *r, struct http_resp *out)
{
	struct show_ctx x;
	const char *role;
	int rc = 0;

	role = http_query(r, "role", &rc);
	if (rc)
		return rc;
	rc = load_case(r, http_param(r, "country"), http_param(r, "ref"), &x);
	if (!rc)
		rc = caseedit_remove_person(r->db, &r->actor, x.id, http_param(r, "person_id"), role, NULL);
	show_release(&x);
	if (rc)
		return rc;
	if (!(rc = load_case(r, http_param(r, "country"), http_param(r, "ref"), &x)))
		rc = reply_case(r, out, 200, &x);
	show_release(&x);
	return rc;
}

int api_case_seizure_remove(struct http_req *r, struct http_resp *out)
{
	const char *sid = http_param(r, "seizure_id");
	struct show_ctx x;
	long long id = 0;
	char *end = NULL;
	int rc;

	if (sid && *sid >= '0' && *sid <= '9')
		id = strtoll(sid, &end, 10);
	rc = load_case(r, http_param(r, "country"), http_param(r, "ref"), &x);
	if (!rc && (!end || *end || id <= 0))
		rc = rl_error(RL_ENOTFOUND, "no seizure '%.40s' in this case", sid ? sid : "");
	if (!rc)
		rc = caseedit_remove_seizure(r->db, &r->actor, x.id, id);
	show_release(&x);
	if (rc)
		return rc;
	if (!(rc = load_case(r, http_param(r, "country"), http_param(r, "ref"), &x)))
		rc = reply_case(r, out, 200, &x);
	show_release(&x);
	return rc;
}

/* ---- import ---- */

struct import_ctx {
	json_t *errors;
	long long n;
};

static void import_reject(void *data, const char *where, const char *why)
{
	struct import_ctx *x = data;

	if (x->n++ < IMPORT_ERRORS_MAX)
		json_array_append_new(x->errors, json_pack("{s:s,s:s}", "where", where, "message", why));
}

static bool query_true(const char *v)
{
	return v && (!strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "yes"));
}

int api_cases_import(struct http_req *r, struct http_resp *out)
{
	struct casefile_import_opts o = { 0 };
	struct casefile_import_stats st = { 0 };
	struct import_ctx x = { .errors = json_array() };
	const char *skip;
	json_t *j;
	FILE *in;
	int rc;

	if ((skip = http_query(r, "skip_bad", &rc), rc)) {
		json_decref(x.errors);
		return rc;
	}
	if (!r->raw || !r->raw_len) {
		json_decref(x.errors);
		return rl_error(RL_EINVAL, "the request needs cases as json lines in its body");
	}
	in = fmemopen((void *)r->raw, r->raw_len, "r");
	if (!in) {
		json_decref(x.errors);
		return rl_error(RL_ENOMEM, "out of memory");
	}
	o.skip_bad = query_true(skip);
	o.source = "api";
	o.reject = import_reject;
	o.cbdata = &x;
	rc = casefile_import_jsonl(r->db, &r->actor, in, (long long)r->raw_len, &o, &st);
	fclose(in);
	if (rc && !st.rejected) {
		json_decref(x.errors);
		return rc;
	}
	j = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o}", "records", (json_int_t)st.records,
		      "imported", (json_int_t)(rc ? 0 : st.imported), "present", (json_int_t)st.present,
		      "rejected", (json_int_t)st.rejected, "persons", (json_int_t)(rc ? 0 : st.persons),
		      "links", (json_int_t)(rc ? 0 : st.links),
		      "seizures", (json_int_t)(rc ? 0 : st.seizures), "errors", x.errors);
	if (rc) {
		/* Nothing stored: the error reply, with the lines at fault. */
		json_object_set_new(j, "error", json_pack("{s:s,s:s}", "code", rl_status_name(rc),
							  "message", rl_errmsg()));
		return http_reply_json(out, reply_status_of(rc), j);
	}
	return http_reply_json(out, 200, j);
}

/* ---- persons ---- */

struct persons_ctx {
	json_t *items;
};

static int add_person(const struct person_row *p, void *data)
{
	struct persons_ctx *x = data;

	json_array_append_new(x->items, person_json(p));
	return 0;
}

int api_persons_search(struct http_req *r, struct http_resp *out)
{
	struct persons_ctx x;
	const char *q;
	char summary[RL_SHORT_MAX + 32];
	int rc;

	if ((q = http_query(r, "q", &rc), rc))
		return rc;
	if (!q || !*q)
		return rl_error(RL_EINVAL, "query parameter 'q' (a name) is needed");
	x.items = json_array();
	rc = casefile_person_search(r->db, &r->actor, q, PERSON_SEARCH_MAX, add_person, &x);
	if (!rc) {
		snprintf(summary, sizeof(summary), "search '%.200s': %zu persons", q,
			 json_array_size(x.items));
		rc = audit_read(r->db, &r->actor, "person", "search", summary);
	}
	if (rc) {
		json_decref(x.items);
		return rc;
	}
	return http_reply_page(out, x.items, NULL);
}

static int add_pair(const struct person_pair *p, void *data)
{
	struct persons_ctx *x = data;

	if (json_array_size(x->items) >= RL_PAGE_MAX)
		return 1;
	json_array_append_new(x->items, json_pack("{s:s,s:s,s:s,s:i,s:s}", "a", p->a, "b", p->b,
						  "name", p->name, "score", p->score, "why", p->why));
	return 0;
}

int api_persons_duplicates(struct http_req *r, struct http_resp *out)
{
	struct persons_ctx x;
	const char *v;
	long min = 50;
	int rc;

	if ((v = http_query(r, "min_score", &rc), rc))
		return rc;
	if (v) {
		char *end;
		min = strtol(v, &end, 10);
		if (end == v || *end || min < 0 || min > 100)
			return rl_error(RL_EINVAL, "query parameter 'min_score' must be a number from 0 to 100");
	}
	x.items = json_array();
	rc = casefile_person_duplicates(r->db, &r->actor, (int)min, add_pair, &x);
	if (rc == 1)
		rc = 0;
	if (!rc)
		rc = audit_read(r->db, &r->actor, "person", "duplicates", NULL);
	if (rc) {
		json_decref(x.items);
		return rc;
	}
	return http_reply_page(out, x.items, NULL);
}

int api_persons_merge(struct http_req *r, struct http_resp *out)
{
	const char *survivor = NULL, *merged = NULL;
	char merge_id[RL_ID_LEN + 1];
	int rc;

	if ((rc = http_body_str(r, "survivor", true, RL_ID_LEN, &survivor)) ||
	    (rc = http_body_str(r, "merged", true, RL_ID_LEN, &merged)))
		return rc;
	if ((rc = casefile_person_merge(r->db, &r->actor, survivor, merged, merge_id)))
		return rc;
	return http_reply_json(out, 200, json_pack("{s:s,s:s,s:s}", "merge_id", merge_id,
						   "survivor", survivor, "merged", merged));
}

int api_persons_unmerge(struct http_req *r, struct http_resp *out)
{
	const char *merge_id = NULL;
	int rc;

	if ((rc = http_body_str(r, "merge_id", true, RL_ID_LEN, &merge_id)))
		return rc;
	if ((rc = casefile_person_unmerge(r->db, &r->actor, merge_id)))
		return rc;
	return http_reply_empty(out, 204);
}

/* ---- one person, the merge log ---- */

struct person_view_ctx {
	json_t *p, *cases;
};

static int view_person(const struct person_row *p, void *data)
{
	struct person_view_ctx *x = data;

	x->p = person_json(p);
	json_object_set_new(x->p, "merged_into", p->merged_into ? json_string(p->merged_into) : json_null());
	return 0;
}

static int view_case(const struct person_case_row *c, void *data)
{
	struct person_view_ctx *x = data;

	json_array_append_new(x->cases, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
		"country", c->country, "ref", c->ref, "unit", c->unit_code, "opened", c->opened,
		"category", c->category, "status", c->status, "role", c->role, "person_id", c->linked_id));
	return 0;
}

int api_person_get(struct http_req *r, struct http_resp *out)
{
	struct person_view_ctx x = { NULL, json_array() };
	json_t *shown;
	const char *id = http_param(r, "id");
	int rc;

	/* Core answers an out-of-scope person as unknown and hands on only
	 * the cases the actor may read (need to know, policy.c). */
	rc = person_view(r->db, &r->actor, id, view_person, view_case, &x);
	shown = x.cases;
	if (!rc && !x.p)
		rc = rl_error(RL_ENOTFOUND, "unknown person '%.40s'", id);
	/* Who looked at whom (personal data), as for a case file. */
	if (!rc)
		rc = audit_read(r->db, &r->actor, "person", id, "person with names, documents and cases");
	if (rc) {
		json_decref(x.p);
		json_decref(shown);
		return rc;
	}
	json_object_set_new(x.p, "cases", shown);
	return http_reply_json(out, 200, x.p);
}

static int add_merge(const struct merge_row *m, void *data)
{
	json_array_append_new(data, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "id", m->id,
		"survivor", m->survivor_id, "survivor_name", m->survivor_name, "merged", m->merged_id,
		"merged_name", m->merged_name, "at", m->at, "actor", m->actor,
		"undone_at", m->undone_at ? json_string(m->undone_at) : json_null()));
	return 0;
}

int api_persons_merges(struct http_req *r, struct http_resp *out)
{
	json_t *items = json_array();
	const char *v;
	long limit = 100;
	int rc;

	if ((v = http_query(r, "limit", &rc), rc)) {
		json_decref(items);
		return rc;
	}
	if (v) {
		char *end;
		limit = strtol(v, &end, 10);
		if (end == v || *end || limit < 1 || limit > RL_PAGE_MAX) {
			json_decref(items);
			return rl_error(RL_EINVAL, "query parameter 'limit' must be a number from 1 to %d",
					RL_PAGE_MAX);
		}
	}
	rc = person_merge_log(r->db, &r->actor, limit, add_merge, items);
	if (!rc)
		rc = audit_read(r->db, &r->actor, "person", "merges", NULL);
	if (rc) {
		json_decref(items);
		return rc;
	}
	return http_reply_page(out, items, NULL);
}

/* ---- statistics ---- */

static int lang_of(struct http_req *r, enum vocab_lang *lang)
{
	const char *v;
	int rc, l;

	*lang = LANG_EN;
	if ((v = http_query(r, "lang", &rc), rc))
		return rc;
	if (!v || !*v)
		return 0;
	if ((l = vocab_lang_parse(v)) < 0)
		return rl_error(RL_EINVAL, "unknown language '%.16s' (vi, lo, en or fr)", v);
	*lang = (enum vocab_lang)l;
	return 0;
}

/* The report's query from ?from=&to=&country=&unit=&border_only=&category=&by=. */
static int stats_query(struct http_req *r, struct report_query *q)
{
	const char *border, *by;
	int rc;

	memset(q, 0, sizeof(*q));
	if ((q->from = http_query(r, "from", &rc), rc) || (q->to = http_query(r, "to", &rc), rc) ||
	    (q->country = http_query(r, "country", &rc), rc) ||
	    (q->unit = http_query(r, "unit", &rc), rc) ||
	    (q->category = http_query(r, "category", &rc), rc) ||
	    (border = http_query(r, "border_only", &rc), rc) || (by = http_query(r, "by", &rc), rc))
		return rc;
	if (!q->from || !*q->from)
		return rl_error(RL_EINVAL, "query parameter 'from' (a date) is needed");
	if (!q->to || !*q->to)
		return rl_error(RL_EINVAL, "query parameter 'to' (a date) is needed");
	if (q->country && !*q->country)
		q->country = NULL;
	if (q->unit && !*q->unit)
		q->unit = NULL;
	if (q->category && !*q->category)
		q->category = NULL;
	if (border && *border && !query_true(border) && strcmp(border, "false") && strcmp(border, "0"))
		return rl_error(RL_EINVAL, "query parameter 'border_only' must be true or false");
	q->border_only = query_true(border);
	q->by = BY_NONE;
	if (by && *by) {
		int b = report_by_parse(by);
		if (b < 0)
			return rl_error(RL_EINVAL, "unknown grouping '%.32s' (unit, month, quarter, category, drug, nationality)", by);
		q->by = (enum report_by)b;
	}
	return 0;
}

/* Runs the report and formats it into sb. */
static int stats_run(struct http_req *r, enum report_format fmt, struct strbuf *sb)
{
	struct report_query q;
	struct report_result res;
	enum vocab_lang lang;
	int rc;

	if ((rc = stats_query(r, &q)) || (rc = lang_of(r, &lang)))
		return rc;
	if ((rc = report_run(r->db, &r->actor, &q, lang, &res)))
		return rc;
	report_format(&res, fmt, sb);
	report_result_release(&res);
	return 0;
}

int api_reports_stats(struct http_req *r, struct http_resp *out)
{
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	json_t *j;
	int rc;

	if ((rc = stats_run(r, RFMT_JSON, &sb))) {
		strbuf_release(&sb);
		return rc;
	}
	j = json_loadb(sb.buf, sb.len, 0, &err);
	strbuf_release(&sb);
	if (!j)
		return rl_error(RL_EINTERNAL, "report json: %s", err.text);
	return http_reply_json(out, 200, j);
}

/* A download: Content-Disposition with a file name made of safe bytes. */
static int reply_download(struct http_resp *out, const char *type, const char *name,
			  struct strbuf *sb)
{
	char disp[160];
	size_t len;
	char *buf;

	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", name);
	http_resp_header(out, "Content-Disposition", disp);
	buf = strbuf_detach(sb, &len);
	return http_reply_raw(out, 200, type, buf, len);
}

/* Keeps [0-9-] of a date for a file name. */
static void date_part(const char *s, char *buf, size_t size)
{
	size_t o = 0;

	for (; s && *s && o + 1 < size; s++)
		if ((*s >= '0' && *s <= '9') || *s == '-')
			buf[o++] = *s;
	buf[o] = '\0';
}

int api_reports_stats_csv(struct http_req *r, struct http_resp *out)
{
	struct strbuf sb = STRBUF_INIT;
	char name[80], from[16], to[16];
	int rc;

	if ((rc = stats_run(r, RFMT_CSV, &sb))) {
		strbuf_release(&sb);
		return rc;
	}
	date_part(MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "from"), from, sizeof(from));
	date_part(MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "to"), to, sizeof(to));
	snprintf(name, sizeof(name), "redline-stats-%s-%s.csv", from, to);
	return reply_download(out, "text/csv; charset=utf-8", name, &sb);
}

int api_reports_conference(struct http_req *r, struct http_resp *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *from, *to, *fmt;
	enum vocab_lang lang;
	bool html;
	char name[80], f[16], t[16];
	int rc;

	if ((from = http_query(r, "from", &rc), rc) || (to = http_query(r, "to", &rc), rc) ||
	    (fmt = http_query(r, "format", &rc), rc) || (rc = lang_of(r, &lang)))
		return rc;
	if (!from || !*from || !to || !*to)
		return rl_error(RL_EINVAL, "query parameters 'from' and 'to' (dates) are needed");
	if (fmt && *fmt && strcmp(fmt, "html") && strcmp(fmt, "text"))
		return rl_error(RL_EINVAL, "unknown format '%.16s' (html or text)", fmt);
	html = !fmt || !*fmt || !strcmp(fmt, "html");
	if ((rc = report_conference(r->db, &r->actor, from, to, lang, html ? RFMT_HTML : RFMT_TEXT, &sb))) {
		strbuf_release(&sb);
		return rc;
	}
	date_part(from, f, sizeof(f));
	date_part(to, t, sizeof(t));
	snprintf(name, sizeof(name), "redline-conference-%s-%s-%s.%s", f, t, vocab_lang_code(lang),
		 html ? "html" : "txt");
	return reply_download(out, html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
			      name, &sb);
}

/* ---- vocabularies ---- */

static json_t *terms_json(const struct vocab_term *table, enum vocab_lang lang, bool drugs)
{
	json_t *a = json_array();

	for (const struct vocab_term *t = table; t->code; t++) {
		json_t *o = json_pack("{s:s,s:s,s:{s:s,s:s,s:s,s:s}}", "code", t->code,
				      "label", t->label[lang], "labels",
				      "vi", t->label[LANG_VI], "lo", t->label[LANG_LO],
				      "en", t->label[LANG_EN], "fr", t->label[LANG_FR]);
		if (drugs) {
			json_t *units = json_array();
			for (const struct vocab_term *u = vocab_units; u->code; u++)
				if (vocab_drug_unit_ok(t->code, u->code))
					json_array_append_new(units, json_string(u->code));
			json_object_set_new(o, "units", units);
		}
		json_array_append_new(a, o);
	}
	return a;
}

int api_vocab(struct http_req *r, struct http_resp *out)
{
	enum vocab_lang lang;
	int rc;

	if ((rc = lang_of(r, &lang)))
		return rc;
	return http_reply_json(out, 200,
		json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "lang", vocab_lang_code(lang),
			  "categories", terms_json(vocab_categories, lang, false),
			  "statuses", terms_json(vocab_statuses, lang, false),
			  "roles", terms_json(vocab_roles, lang, false),
			  "drugs", terms_json(vocab_drugs, lang, true),
			  "units", terms_json(vocab_units, lang, false),
			  "sexes", terms_json(vocab_sexes, lang, false)));
}
