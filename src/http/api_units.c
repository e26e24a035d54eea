/*
 * api_units.c: the directory API: countries, units (listing, tree, one
 * unit with contacts, counterparts, parent, children and history) and the
 * admin writes (add, edit, contacts, counterparts, merge). Thin: decode,
 * call core/directory.h, encode. Every write's rules, transaction, audit
 * record and authorisation are core's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/directory.h"
#include "http/api.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/banned.h"

/* ---- encoding ---- */

static json_t *jstr_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* The short form of a unit (counterparts, children, tree nodes). */
static json_t *unit_brief(const struct unit *u)
{
	return json_pack("{s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:b,s:b}", "code", u->code, "country", u->country,
			 "level", u->level_key, "rank", u->level, "name_en", u->name_en,
			 "name_local", u->name_local, "name_other", u->name_other,
			 "border", u->border, "demo", u->demo);
}

static int contact_cb(const struct unit_contact *c, void *data)
{
	json_array_append_new(data, json_pack("{s:s,s:s,s:s,s:s}", "id", c->id, "kind", c->kind,
					      "value", c->value, "note", c->note));
	return 0;
}

static int link_cb(const struct unit_link *l, void *data)
{
	json_t *o = unit_brief(&l->other);
	json_object_set_new(o, "valid_from", jstr_or_null(l->valid_from));
	json_object_set_new(o, "valid_to", jstr_or_null(l->valid_to));
	json_array_append_new(data, o);
	return 0;
}

static int child_cb(const struct unit *u, void *data)
{
	json_array_append_new(data, unit_brief(u));
	return 0;
}

static int history_cb(const struct unit *u, void *data)
{
	json_array_append_new(data, json_pack("{s:o,s:o,s:o,s:s,s:s,s:s,s:b}",
					      "valid_from", jstr_or_null(u->version_from),
					      "valid_to", jstr_or_null(u->version_to),
					      "parent", jstr_or_null(u->parent_code),
					      "name_local", u->name_local, "name_en", u->name_en,
					      "name_other", u->name_other, "border", u->border));
	return 0;
}

/*
 * The unit JSON of the API, as on `on`: {id, code, country, level, rank,
 * parent, name_local, name_en, name_other, border, border_from, valid_from,
 * valid_to, successor, demo, exists, contacts, counterparts} and, when
 * `full`, children and history.
 */
static int unit_json(struct http_req *r, const struct unit *u, const char *on, bool full, json_t **out)
{
	json_t *o, *contacts = json_array(), *cps = json_array();
	int rc;

	o = json_pack("{s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:b,s:o,s:o,s:o,s:o,s:b,s:b}",
		      "id", u->id, "code", u->code, "country", u->country, "level", u->level_key,
		      "rank", u->level, "name_local", u->name_local, "name_en", u->name_en,
		      "name_other", u->name_other, "border", u->border,
		      "border_from", jstr_or_null(u->border_from), "valid_from", jstr_or_null(u->valid_from),
		      "valid_to", jstr_or_null(u->valid_to), "successor", jstr_or_null(u->successor_code),
		      "demo", u->demo, "exists", u->exists);
	json_object_set_new(o, "contacts", contacts);
	json_object_set_new(o, "counterparts", cps);
	if (u->parent_id[0]) {
		struct unit p;
		if ((rc = dir_find(r->db, &r->actor, u->parent_id, on, &p)))
			goto fail;
		json_object_set_new(o, "parent", json_pack("{s:s,s:s,s:s}", "code", p.code, "name_en", p.name_en,
							   "name_local", p.name_local));
	} else {
		json_object_set_new(o, "parent", json_null());
	}
	if ((rc = dir_contacts(r->db, &r->actor, u->id, contact_cb, contacts)) ||
	    (rc = dir_links(r->db, &r->actor, u->id, u->exists ? on : NULL, link_cb, cps)))
		goto fail;
	if (full) {
		json_t *kids = json_array(), *hist = json_array();
		json_object_set_new(o, "children", kids);
		json_object_set_new(o, "history", hist);
		if (u->exists) {
			struct unit_filter f = { .level = -1, .border = -1, .demo = -1, .on = on, .parent_id = u->id };
			if ((rc = dir_list(r->db, &r->actor, &f, child_cb, kids)))
				goto fail;
		}
		if ((rc = dir_history(r->db, &r->actor, u->id, history_cb, hist)))
			goto fail;
	}
	*out = o;
	return 0;
fail:
	json_decref(o);
	return rc;
}

/* ?on=DATE, or today. */
static int query_on(struct http_req *r, char on[RL_DATE_LEN + 1])
{
	int rc = 0;
	const char *v = http_query(r, "on", &rc);

	if (rc)
		return rc;
	if (!v || !*v) {
		rl_today(on);
		return 0;
	}
	if (!rl_date_valid(v))
		return rl_error(RL_EINVAL, "query 'on' must be a date YYYY-MM-DD");
	snprintf(on, RL_DATE_LEN + 1, "%s", v);
	return 0;
}

/* ---- GET ---- */

static int level_cb(const struct unit_level *l, void *data)
{
	json_array_append_new(data, json_pack("{s:i,s:s,s:s,s:s,s:s,s:o,s:o}", "rank", l->rank, "key", l->key,
					      "name_en", l->name_en, "name_local", l->name_local,
					      "romanized", l->romanized, "valid_from", jstr_or_null(l->valid_from),
					      "valid_to", jstr_or_null(l->valid_to)));
	return 0;
}

struct country_ctx {
	struct http_req *r;
	json_t *items;
};

static int country_cb(const struct unit_country *c, void *data)
{
	struct country_ctx *cc = data;
	json_t *levels = json_array();
	json_array_append_new(cc->items, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "code", c->code,
						   "prefix", c->prefix, "name_en", c->name_en,
						   "name_local", c->name_local, "ministry_en", c->ministry_en,
						   "ministry_local", c->ministry_local, "levels", levels));
	return dir_levels(cc->r->db, &cc->r->actor, c->code, level_cb, levels);
}

int api_countries(struct http_req *r, struct http_resp *out)
{
	struct country_ctx cc = { r, json_array() };
	int rc = dir_countries(r->db, &r->actor, country_cb, &cc);

	if (rc) {
		json_decref(cc.items);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:o}", "items", cc.items));
}

struct list_ctx {
	struct http_req *r;
	const char *on;
	json_t *items;
	int n, limit;
	char last[RL_CODE_MAX + 1];
};

static int list_cb(const struct unit *u, void *data)
{
	struct list_ctx *lc = data;
	json_t *o;
	int rc;

	/* One row past the page says there is a next page. */
	if (lc->n++ >= lc->limit)
		return 0;
	if ((rc = unit_json(lc->r, u, lc->on, false, &o)))
		return rc;
	json_array_append_new(lc->items, o);
	snprintf(lc->last, sizeof(lc->last), "%s", u->code);
	return 0;
}

static int query_yesno(struct http_req *r, const char *name, int *out)
{
	int rc = 0;
	const char *v = http_query(r, name, &rc);

	if (rc || !v)
		return rc;
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
		*out = 0;
	else
		return rl_error(RL_EINVAL, "query '%s' must be yes or no", name);
	return 0;
}

int api_units_list(struct http_req *r, struct http_resp *out)
{
	struct unit_filter f = { .level = -1, .border = -1, .demo = -1 };
	struct http_page pg;
	char on[RL_DATE_LEN + 1];
	struct list_ctx lc = { .r = r, .on = on };
	const char *level;
	int rc = 0;

	if ((rc = http_page(r, &pg)) || (rc = query_on(r, on)))
		return rc;
	f.on = on;
	f.country = http_query(r, "country", &rc);
	if (!rc)
		f.q = http_query(r, "q", &rc);
	if (!rc)
		level = http_query(r, "level", &rc);
	if (!rc)
		f.parent_id = http_query(r, "parent", &rc);
	if (rc || (rc = query_yesno(r, "border", &f.border)) || (rc = query_yesno(r, "demo", &f.demo)))
		return rc;
	if (level) {
		static const char *const keys[] = { "ministry", "province", "district", "commune", "village" };
		static const int ranks[] = { 0, 1, 2, 3, 3 };
		for (int i = 0; i < 5; i++)
			if (!strcmp(level, keys[i]) || (level[0] == '0' + ranks[i] && !level[1]))
				f.level = ranks[i];
		if (f.level < 0)
			return rl_error(RL_EINVAL, "query 'level' must be a level name or rank 0-3");
	}
	if (pg.cursor && strlen(pg.cursor) > RL_CODE_MAX)
		return rl_error(RL_EINVAL, "query 'cursor' is not a cursor of this listing");
	f.after_code = pg.cursor;
	f.limit = pg.limit + 1;
	lc.limit = pg.limit;
	lc.items = json_array();
	if ((rc = dir_list(r->db, &r->actor, &f, list_cb, &lc))) {
		json_decref(lc.items);
		return rc;
	}
	return http_reply_page(out, lc.items, lc.n > lc.limit ? lc.last : NULL);
}

/* Tree nodes by depth: the node last added at each depth takes the children. */
struct tree_ctx {
	json_t *roots;
	json_t *at[UNIT_LEVELS + 1];
};

static int tree_cb(const struct unit *u, int depth, void *data)
{
	struct tree_ctx *tc = data;
	json_t *node = unit_brief(u), *kids = json_array();

	json_object_set_new(node, "parent", jstr_or_null(u->parent_code));
	json_object_set_new(node, "children", kids);
	if (depth > UNIT_LEVELS)
		depth = UNIT_LEVELS;
	if (depth == 0 || !tc->at[depth - 1])
		json_array_append_new(tc->roots, node);
	else
		json_array_append_new(json_object_get(tc->at[depth - 1], "children"), node);
	tc->at[depth] = node;
	return 0;
}

int api_units_tree(struct http_req *r, struct http_resp *out)
{
	struct tree_ctx tc = { 0 };
	char on[RL_DATE_LEN + 1];
	const char *country;
	int rc = 0;

	if ((rc = query_on(r, on)))
		return rc;
	country = http_query(r, "country", &rc);
	if (rc)
		return rc;
	if (country && !*country)
		country = NULL;
	tc.roots = json_array();
	if ((rc = dir_tree(r->db, &r->actor, country, on, tree_cb, &tc))) {
		json_decref(tc.roots);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:s,s:o,s:o}", "on", on, "country",
						   jstr_or_null(country), "roots", tc.roots));
}

static int reply_unit(struct http_req *r, struct http_resp *out, int status, const char *code, const char *on_arg)
{
	char on[RL_DATE_LEN + 1];
	struct unit u;
	json_t *j;
	int rc;

	if (on_arg)
		snprintf(on, sizeof(on), "%s", on_arg);
	else
		rl_today(on);
	if ((rc = dir_find(r->db, &r->actor, code, on, &u)) || (rc = unit_json(r, &u, on, true, &j)))
		return rc;
	return http_reply_json(out, status, j);
}

int api_unit_get(struct http_req *r, struct http_resp *out)
{
	char on[RL_DATE_LEN + 1];
	int rc;

	if ((rc = query_on(r, on)))
		return rc;
	return reply_unit(r, out, 200, http_param(r, "code"), on);
}

/* ---- writes ---- */

/* A string field that may be null: null reads as "" (clears), absent
 * leaves *out NULL. */
static int body_str_or_null(struct http_req *r, const char *name, size_t max, const char **out)
{
	json_t *v = r->body ? json_object_get(r->body, name) : NULL;

	if (v && json_is_null(v)) {
		*out = "";
		return 0;
	}
	return http_body_str(r, name, false, max, out);
}

int api_unit_create(struct http_req *r, struct http_resp *out)
{
	struct dir_unit_input in = { .border = 0 };
	struct unit u;
	char level[16];
	json_t *lv = r->body ? json_object_get(r->body, "level") : NULL;
	bool border = false, demo = false;
	int rc;

	if (json_is_integer(lv)) {
		snprintf(level, sizeof(level), "%lld", (long long)json_integer_value(lv));
		in.level = level;
	} else if (lv && !json_is_string(lv)) {
		return rl_error(RL_EINVAL, "field 'level' must be a string or a number");
	} else if ((rc = http_body_str(r, "level", true, 15, &in.level))) {
		return rc;
	}
	if ((rc = http_body_str(r, "code", true, RL_CODE_MAX, &in.code)) ||
	    (rc = http_body_str(r, "country", true, 3, &in.country)) ||
	    (rc = http_body_str(r, "parent", false, RL_CODE_MAX, &in.parent)) ||
	    (rc = http_body_str(r, "name_local", true, RL_NAME_MAX, &in.name_local)) ||
	    (rc = http_body_str(r, "name_en", true, RL_NAME_MAX, &in.name_en)) ||
	    (rc = http_body_str(r, "name_other", false, RL_NAME_MAX, &in.name_other)) ||
	    (rc = http_body_bool(r, "border", false, &border)) ||
	    (rc = http_body_str(r, "border_from", false, RL_DATE_LEN, &in.border_from)) ||
	    (rc = http_body_str(r, "valid_from", false, RL_DATE_LEN, &in.valid_from)) ||
	    (rc = http_body_str(r, "valid_to", false, RL_DATE_LEN, &in.valid_to)) ||
	    (rc = http_body_bool(r, "demo", false, &demo)))
		return rc;
	in.border = border || (in.border_from && *in.border_from);
	in.demo = demo;
	if ((rc = dir_add(r->db, &r->actor, &in, &u)))
		return rc;
	return reply_unit(r, out, 201, u.id, u.exists ? NULL : (u.valid_from[0] ? u.valid_from : NULL));
}

int api_unit_patch(struct http_req *r, struct http_resp *out)
{
	struct dir_unit_input in = { .border = -1 };
	const char *code = http_param(r, "code"), *from = NULL;
	json_t *b = r->body ? json_object_get(r->body, "border") : NULL;
	bool border;
	int rc;

	if ((rc = http_body_str(r, "from", false, RL_DATE_LEN, &from)) ||
	    (rc = http_body_str(r, "parent", false, RL_CODE_MAX, &in.parent)) ||
	    (rc = http_body_str(r, "name_local", false, RL_NAME_MAX, &in.name_local)) ||
	    (rc = http_body_str(r, "name_en", false, RL_NAME_MAX, &in.name_en)) ||
	    (rc = body_str_or_null(r, "name_other", RL_NAME_MAX, &in.name_other)) ||
	    (rc = body_str_or_null(r, "border_from", RL_DATE_LEN, &in.border_from)) ||
	    (rc = body_str_or_null(r, "valid_from", RL_DATE_LEN, &in.valid_from)) ||
	    (rc = body_str_or_null(r, "valid_to", RL_DATE_LEN, &in.valid_to)))
		return rc;
	if (b && !json_is_null(b)) {
		if ((rc = http_body_bool(r, "border", true, &border)))
			return rc;
		in.border = border;
	}
	if (in.border_from && *in.border_from && in.border < 0)
		in.border = 1;
	if ((rc = dir_edit(r->db, &r->actor, code, from, &in)))
		return rc;
	return reply_unit(r, out, 200, code, NULL);
}

int api_unit_contact_add(struct http_req *r, struct http_resp *out)
{
	const char *kind = NULL, *value = NULL, *note = NULL;
	char id[RL_ID_LEN + 1];
	int rc;

	if ((rc = http_body_str(r, "kind", true, 15, &kind)) ||
	    (rc = http_body_str(r, "value", true, RL_SHORT_MAX, &value)) ||
	    (rc = http_body_str(r, "note", false, RL_SHORT_MAX, &note)))
		return rc;
	if ((rc = dir_contact_add(r->db, &r->actor, http_param(r, "code"), kind, value, note, id)))
		return rc;
	return http_reply_json(out, 201, json_pack("{s:s,s:s,s:s,s:s}", "id", id, "kind", kind,
						   "value", value, "note", note ? note : ""));
}

int api_unit_contact_delete(struct http_req *r, struct http_resp *out)
{
	int rc;

	if ((rc = dir_contact_remove(r->db, &r->actor, http_param(r, "code"), http_param(r, "id"))))
		return rc;
	return http_reply_empty(out, 204);
}

int api_unit_counterpart_add(struct http_req *r, struct http_resp *out)
{
	const char *code = http_param(r, "code"), *other = NULL, *from = NULL;
	char on[RL_DATE_LEN + 1];
	struct unit u;
	json_t *cps;
	int rc;

	if ((rc = http_body_str(r, "code", true, RL_CODE_MAX, &other)) ||
	    (rc = http_body_str(r, "from", false, RL_DATE_LEN, &from)))
		return rc;
	if ((rc = dir_link(r->db, &r->actor, code, other, from)))
		return rc;
	if (from && *from)
		snprintf(on, sizeof(on), "%s", from);
	else
		rl_today(on);
	if ((rc = dir_find(r->db, &r->actor, code, on, &u)))
		return rc;
	cps = json_array();
	if ((rc = dir_links(r->db, &r->actor, u.id, on, link_cb, cps))) {
		json_decref(cps);
		return rc;
	}
	return http_reply_json(out, 201, json_pack("{s:s,s:o}", "code", u.code, "counterparts", cps));
}

int api_units_merge(struct http_req *r, struct http_resp *out)
{
	const char *codes[64], *into = NULL, *on = NULL;
	json_t *arr = NULL, *v;
	size_t i;
	int rc;

	if ((rc = http_body_array(r, "units", true, 64, &arr)) ||
	    (rc = http_body_str(r, "into", true, RL_CODE_MAX, &into)) ||
	    (rc = http_body_str(r, "on", true, RL_DATE_LEN, &on)))
		return rc;
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v))
			return rl_error(RL_EINVAL, "field 'units' must be an array of unit codes");
		codes[i] = json_string_value(v);
	}
	if ((rc = dir_merge(r->db, &r->actor, codes, (int)json_array_size(arr), into, on)))
		return rc;
	return reply_unit(r, out, 200, into, on);
}
