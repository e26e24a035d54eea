/*
 * api_messages.c: the hotline's JSON API: send, boxes, threads,
 * acknowledge, reply, forward, close, search, templates, addressees for
 * compose, duty, attachments. Thin: decode, call core/hotline.c, encode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>
#include <sodium.h>

#include "core/hotline.h"
#include "core/hotline_template.h"
#include "core/hotline_link.h"
#include "http/api.h"
#include "util/clock.h"
#include "util/jsonw.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ?lang=, or the signed-in user's country's language. */
static int lang_of(struct http_req *r, const char **lang)
{
	static const char *const ok[] = { "vi", "lo", "en", "fr", NULL };
	const char *l;
	int rc = 0;

	l = http_query(r, "lang", &rc);
	if (rc)
		return rc;
	if (!l || !*l) {
		*lang = hotline_lang_of(r->db, &r->actor);
		return 0;
	}
	for (int i = 0; ok[i]; i++)
		if (!strcmp(l, ok[i])) {
			*lang = ok[i];
			return 0;
		}
	return rl_error(RL_EINVAL, "query parameter 'lang' must be vi, lo, en or fr");
}

static json_t *sent_json(const struct hotline_sent *s)
{
	return json_pack("{s:s, s:s, s:s, s:b}", "id", s->id, "code", s->code, "thread_id", s->thread_id,
			 "replayed", s->replayed);
}

/* The Idempotency-Key header, else the body's field. */
static int idem_key(struct http_req *r, const char **key)
{
	const char *h = http_header(r, "Idempotency-Key");

	if (h && *h) {
		if (strlen(h) > RL_IDEM_KEY_MAX)
			return rl_error(RL_ETOOBIG, "Idempotency-Key longer than %d bytes", RL_IDEM_KEY_MAX);
		*key = h;
		return 0;
	}
	return http_body_str(r, "idempotency_key", false, RL_IDEM_KEY_MAX, key);
}

/* One {"kind","ref","country"?} object of a links array (field named for errors). */
static int link_ref_of(json_t *o, const char *field, struct hotline_link_ref *l)
{
	static const char *const names[] = { "kind", "ref", "country" };
	const char **dst[] = { &l->kind, &l->ref, &l->country };
	const char *key;
	json_t *v;

	memset(l, 0, sizeof(*l));
	if (!json_is_object(o))
		return rl_error(RL_EINVAL, "field '%s' must hold objects {\"kind\", \"ref\"}", field);
	json_object_foreach(o, key, v) {
		size_t i;

		for (i = 0; i < 3 && strcmp(key, names[i]); i++)
			;
		if (i == 3)
			return rl_error(RL_EINVAL, "unknown field '%.32s' in '%s' (kind, ref, country)", key, field);
		if (!json_is_string(v))
			return rl_error(RL_EINVAL, "field '%s.%s' must be a string", field, names[i]);
		if (json_string_length(v) > RL_SHORT_MAX)
			return rl_error(RL_ETOOBIG, "field '%s.%s' longer than %d bytes", field, names[i], RL_SHORT_MAX);
		*dst[i] = json_string_value(v);
	}
	if (!l->kind)
		return rl_error(RL_EINVAL, "missing field '%s.kind'", field);
	if (!l->ref)
		return rl_error(RL_EINVAL, "missing field '%s.ref'", field);
	return 0;
}

/* The send body's optional "links": [{kind, ref, country?}]. */
static int links_of(struct http_req *r, struct hotline_link_ref *links, int *n)
{
	json_t *arr = NULL, *v;
	size_t i;
	int rc;

	*n = 0;
	if ((rc = http_body_array(r, "links", false, RL_MSG_LINKS_MAX, &arr)) || !arr)
		return rc;
	json_array_foreach(arr, i, v) {
		if ((rc = link_ref_of(v, "links", &links[*n])))
			return rc;
		(*n)++;
	}
	return 0;
}

int api_msg_send(struct http_req *r, struct http_resp *out)
{
	struct hotline_msg_input in = { 0 };
	struct hotline_sent sent;
	struct hotline_link_ref links[RL_MSG_LINKS_MAX];
	const char *to[RL_ADDRESSEES_MAX];
	const char *one = NULL;
	json_t *arr = NULL, *fields;
	char *fields_s = NULL;
	int rc;

	if (!r->body)
		return rl_error(RL_EINVAL, "a message needs a JSON body");
	if ((rc = http_body_str(r, "kind", true, 32, &in.kind)) ||
	    (rc = http_body_str(r, "subtype", false, 32, &in.subtype)) ||
	    (rc = http_body_str(r, "priority", false, 32, &in.priority)) ||
	    (rc = http_body_str(r, "tlp", false, 32, &in.tlp)) ||
	    (rc = http_body_str(r, "subject", true, RL_SUBJECT_MAX, &in.subject)) ||
	    (rc = http_body_str(r, "body", false, RL_TEXT_MAX, &in.body)) ||
	    (rc = http_body_str(r, "lang", false, 8, &in.lang)) ||
	    (rc = http_body_str(r, "from", false, RL_CODE_MAX + RL_ID_LEN, &in.from)) ||
	    (rc = idem_key(r, &in.idem_key)))
		return rc;
	if (json_is_string(json_object_get(r->body, "to"))) {
		if ((rc = http_body_str(r, "to", true, RL_CODE_MAX + RL_ID_LEN, &one)))
			return rc;
		to[0] = one;
		in.nto = 1;
	} else {
		size_t i;
		json_t *v;

		if ((rc = http_body_array(r, "to", true, RL_ADDRESSEES_MAX, &arr)))
			return rc;
		json_array_foreach(arr, i, v) {
			if (!json_is_string(v))
				return rl_error(RL_EINVAL, "field 'to' must hold unit codes");
			to[in.nto++] = json_string_value(v);
		}
	}
	in.to = to;
	if ((rc = links_of(r, links, &in.nlinks)))
		return rc;
	in.links = links;
	fields = json_object_get(r->body, "fields");
	if (fields && !json_is_null(fields)) {
		if (!json_is_object(fields))
			return rl_error(RL_EINVAL, "field 'fields' must be an object");
		fields_s = json_dumps(fields, JSON_COMPACT);
		in.fields = fields_s;
	}
	rc = hotline_send(r->db, &r->actor, &in, &sent);
	free(fields_s);
	if (rc)
		return rc;
	return http_reply_json(out, 201, sent_json(&sent));
}

struct list_ctx {
	json_t *items;
	const char *lang;
};

/* An inbox page is the hot path: its lines are written straight as JSON
 * text into one buffer rather than built as a jansson tree and dumped. */
struct page_ctx {
	struct jsonw w;
	const char *lang;
	int64_t now;               /* one clock reading judges every line's overdue */
};

static int page_row(struct msg_rec *m, const struct addr_rec *a, int64_t sort_ms, void *data)
{
	struct page_ctx *c = data;

	(void)sort_ms;
	/* A list shows lines: the fields and body come with the thread. */
	hotline_msg_line_write(&c->w, m, a, c->lang, c->now);
	return 0;
}

int api_msg_list(struct http_req *r, struct http_resp *out)
{
	struct hotline_box_query q = { 0 };
	struct http_page page;
	struct page_ctx c;
	struct strbuf sb = STRBUF_INIT;
	const char *overdue = NULL;
	char cursor[64];
	int64_t all = 0, unread = 0, late = 0;
	size_t len;
	char *buf;
	int rc = 0;

	if ((rc = http_page(r, &page)) || (rc = lang_of(r, &c.lang)))
		return rc;
	q.box = http_query(r, "box", &rc);
	if (!rc) q.state = http_query(r, "state", &rc);
	if (!rc) q.priority = http_query(r, "priority", &rc);
	if (!rc) q.kind = http_query(r, "kind", &rc);
	if (!rc) q.counterpart = http_query(r, "counterpart", &rc);
	if (!rc) q.since = http_query(r, "since", &rc);
	if (!rc) q.until = http_query(r, "until", &rc);
	if (!rc) overdue = http_query(r, "overdue", &rc);
	if (rc)
		return rc;
	if (overdue && strcmp(overdue, "1") && strcmp(overdue, "true") && strcmp(overdue, "0") &&
	    strcmp(overdue, "false"))
		return rl_error(RL_EINVAL, "query parameter 'overdue' must be true or false");
	q.overdue = overdue && (!strcmp(overdue, "1") || !strcmp(overdue, "true"));
	q.cursor = page.cursor;
	q.limit = page.limit;
	c.now = rl_now_ms();
	/* {"items":[...],"next_cursor":...,"counts":{...}}, as http_reply_page()
	 * shapes a page, with the counts after it. */
	strbuf_init(&sb, 16384);
	jsonw_init(&c.w, &sb);
	jsonw_obj_begin(&c.w);
	jsonw_key(&c.w, "items");
	jsonw_arr_begin(&c.w);
	rc = hotline_box(r->db, &r->actor, &q, page_row, &c, cursor, sizeof(cursor));
	if (!rc)
		rc = hotline_counts(r->db, &r->actor, &all, &unread, &late);
	if (rc) {
		strbuf_release(&sb);
		return rc;
	}
	jsonw_arr_end(&c.w);
	jsonw_key(&c.w, "next_cursor");
	jsonw_str(&c.w, *cursor ? cursor : NULL);
	jsonw_key(&c.w, "counts");
	jsonw_obj_begin(&c.w);
	jsonw_key(&c.w, "inbox");
	jsonw_int(&c.w, all);
	jsonw_key(&c.w, "unread");
	jsonw_int(&c.w, unread);
	jsonw_key(&c.w, "overdue");
	jsonw_int(&c.w, late);
	jsonw_key(&c.w, "cap");
	jsonw_int(&c.w, RL_COUNT_CAP);
	jsonw_obj_end(&c.w);
	jsonw_obj_end(&c.w);
	buf = strbuf_detach(&sb, &len);
	return http_reply_raw(out, 200, "application/json", buf, len);
}

int api_msg_get(struct http_req *r, struct http_resp *out)
{
	const char *lang;
	json_t *t;
	int rc;

	if ((rc = lang_of(r, &lang)) ||
	    (rc = hotline_show(r->db, &r->actor, http_param(r, "id"), lang, true, &t)))
		return rc;
	return http_reply_json(out, 200, t);
}

/* After an act, the thread as it is now (without marking it read again). */
static int reply_thread(struct http_req *r, struct http_resp *out, const char *id, int status)
{
	const char *lang;
	json_t *t;
	int rc;

	if ((rc = lang_of(r, &lang)) || (rc = hotline_show(r->db, &r->actor, id, lang, false, &t)))
		return rc;
	return http_reply_json(out, status, t);
}

int api_msg_ack(struct http_req *r, struct http_resp *out)
{
	int rc = hotline_ack(r->db, &r->actor, http_param(r, "id"));
	return rc ? rc : reply_thread(r, out, http_param(r, "id"), 200);
}

int api_msg_reply(struct http_req *r, struct http_resp *out)
{
	const char *body = NULL, *lang = NULL, *key = NULL;
	struct hotline_sent sent;
	int rc;

	if ((rc = http_body_str(r, "body", true, RL_TEXT_MAX, &body)) ||
	    (rc = http_body_str(r, "lang", false, 8, &lang)) || (rc = idem_key(r, &key)) ||
	    (rc = hotline_reply(r->db, &r->actor, http_param(r, "id"), body, lang, key, &sent)))
		return rc;
	return http_reply_json(out, 201, sent_json(&sent));
}

int api_msg_forward(struct http_req *r, struct http_resp *out)
{
	const char *to = NULL, *note = NULL;
	int rc;

	if ((rc = http_body_str(r, "to", true, RL_CODE_MAX + RL_ID_LEN, &to)) ||
	    (rc = http_body_str(r, "note", false, RL_SHORT_MAX, &note)) ||
	    (rc = hotline_forward(r->db, &r->actor, http_param(r, "id"), to, note)))
		return rc;
	return reply_thread(r, out, http_param(r, "id"), 200);
}

int api_msg_close(struct http_req *r, struct http_resp *out)
{
	const char *note = NULL;
	int rc;

	if ((rc = http_body_str(r, "note", false, RL_SHORT_MAX, &note)) ||
	    (rc = hotline_close(r->db, &r->actor, http_param(r, "id"), note)))
		return rc;
	return reply_thread(r, out, http_param(r, "id"), 200);
}

static int search_row(struct msg_rec *m, void *data)
{
	struct list_ctx *c = data;
	json_array_append_new(c->items, hotline_msg_line_json(m, NULL, c->lang));
	return 0;
}

int api_msg_search(struct http_req *r, struct http_resp *out)
{
	struct http_page page;
	struct list_ctx c;
	const char *q;
	int rc = 0;

	if ((rc = http_page(r, &page)) || (rc = lang_of(r, &c.lang)))
		return rc;
	q = http_query(r, "q", &rc);
	if (rc)
		return rc;
	if (!q || !*q)
		return rl_error(RL_EINVAL, "missing query parameter 'q'");
	c.items = json_array();
	if ((rc = hotline_search(r->db, &r->actor, q, page.limit, search_row, &c))) {
		json_decref(c.items);
		return rc;
	}
	return http_reply_page(out, c.items, NULL);
}

static json_t *label_json(const struct tpl_label *l, const char *lang)
{
	return json_string(tpl_label_in(l, lang));
}

int api_hotline_templates(struct http_req *r, struct http_resp *out)
{
	static const char *const words[] = { "information", "request", "alert", "reply", "routine", "urgent",
					     "flash", "clear", "green", "amber", "amber_strict", "red", "sent",
					     "delivered", "read", "acknowledged", "answered", "closed", NULL };
	const char *lang;
	json_t *items = json_array(), *labels = json_object();
	int rc;

	if ((rc = lang_of(r, &lang))) {
		json_decref(items);
		json_decref(labels);
		return rc;
	}
	for (const struct hotline_template *t = hotline_templates(); t->kind; t++) {
		json_t *fields = json_array();

		for (const struct tpl_field *f = t->fields; f->name; f++) {
			json_t *fo = json_pack("{s:s, s:s, s:b, s:o}", "name", f->name, "type", tpl_type_name(f->type),
					       "required", f->required, "label", label_json(&f->label, lang));
			if (f->codes) {
				json_t *codes = json_array();
				for (const struct tpl_code *c = f->codes; c->code; c++)
					json_array_append_new(codes, json_pack("{s:s, s:o}", "code", c->code,
									       "label", label_json(&c->label, lang)));
				json_object_set_new(fo, "codes", codes);
			}
			json_array_append_new(fields, fo);
		}
		json_array_append_new(items, json_pack("{s:s, s:s, s:o, s:o}", "kind", t->kind, "subtype", t->subtype,
						       "label", label_json(&t->title, lang), "fields", fields));
	}
	for (int i = 0; words[i]; i++)
		json_object_set_new(labels, words[i], label_json(hotline_word(words[i]), lang));
	return http_reply_json(out, 200, json_pack("{s:s, s:o, s:o}", "lang", lang, "items", items,
						   "labels", labels));
}

static int addr_row(const struct unit *u, const char *why, void *data)
{
	json_array_append_new(data, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", u->code,
					      "id", u->id, "country", u->country, "level", u->level_key,
					      "name_local", u->name_local, "name_en", u->name_en, "route", why));
	return 0;
}

int api_hotline_addressees(struct http_req *r, struct http_resp *out)
{
	json_t *items = json_array();
	int rc = hotline_addressees(r->db, &r->actor, addr_row, items);

	if (rc) {
		json_decref(items);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:o}", "items", items));
}

int api_duty_set(struct http_req *r, struct http_resp *out)
{
	bool on = false;
	int rc;

	if ((rc = http_body_bool(r, "on", true, &on)) || (rc = hotline_duty_set(r->db, &r->actor, on)))
		return rc;
	return http_reply_json(out, 200, json_pack("{s:s, s:b}", "login", r->actor.login, "on", on));
}

static int duty_row(const struct duty_rec *d, void *data)
{
	char t[RL_TIME_LEN + 1];

	rl_time_format(d->since_ms, t);
	json_array_append_new(data, json_pack("{s:s, s:s, s:s, s:s}", "unit", d->unit_code, "login", d->login,
					      "name", d->full_name, "since", t));
	return 0;
}

int api_duty_list(struct http_req *r, struct http_resp *out)
{
	const char *unit;
	json_t *items;
	int rc = 0;

	unit = http_query(r, "unit", &rc);
	if (rc)
		return rc;
	items = json_array();
	if ((rc = hotline_duty_list(r->db, &r->actor, unit, duty_row, items))) {
		json_decref(items);
		return rc;
	}
	return http_reply_json(out, 200, json_pack("{s:o}", "items", items));
}

/*
 * The file as the request body, in its own Content-Type, its name in
 * ?filename= (or an X-Filename header). The server has already refused a
 * body over RL_ATTACHMENT_MAX (413) or of unknown length (411) before
 * reading it.
 */
static int attach_raw(struct http_req *r, struct http_resp *out)
{
	const char *name, *type = http_header(r, "Content-Type");
	char id[RL_ID_LEN + 1];
	int rc = 0;

	name = http_query(r, "filename", &rc);
	if (rc)
		return rc;
	if (!name || !*name) {
		name = http_header(r, "X-Filename");
		if (name && !rl_utf8_valid(name, strlen(name)))
			return rl_error(RL_EINVAL, "header 'X-Filename' is not valid UTF-8");
	}
	if (!name || !*name)
		return rl_error(RL_EINVAL, "missing query parameter 'filename' (the file's name)");
	if (!type || !*type)
		type = "application/octet-stream";
	if ((rc = hotline_attach(r->db, &r->actor, http_param(r, "id"), name, type, r->raw ? r->raw : "",
				 r->raw_len, id)))
		return rc;
	return http_reply_json(out, 201, json_pack("{s:s, s:s, s:s, s:I}", "id", id, "filename", name,
						   "content_type", type, "size", (json_int_t)r->raw_len));
}

int api_msg_attach(struct http_req *r, struct http_resp *out)
{
	const char *name = NULL, *type = NULL, *b64 = NULL;
	char id[RL_ID_LEN + 1];
	unsigned char *bytes;
	size_t max, len = 0;
	int rc;
	const char *ct = http_header(r, "Content-Type");

	if (!ct || strncasecmp(ct, "application/json", 16))  /* not the JSON form: the file itself */
		return attach_raw(r, out);
	if ((rc = http_body_str(r, "filename", true, RL_NAME_MAX, &name)) ||
	    (rc = http_body_str(r, "content_type", true, RL_SHORT_MAX, &type)) ||
	    (rc = http_body_str(r, "data", true, RL_HTTP_BODY_MAX, &b64)))
		return rc;
	max = strlen(b64) / 4 * 3 + 3;
	bytes = xmalloc(max ? max : 1);
	if (sodium_base642bin(bytes, max, b64, strlen(b64), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL)) {
		free(bytes);
		return rl_error(RL_EINVAL, "field 'data' must be base64");
	}
	rc = hotline_attach(r->db, &r->actor, http_param(r, "id"), name, type, bytes, len, id);
	free(bytes);
	if (rc)
		return rc;
	return http_reply_json(out, 201, json_pack("{s:s, s:s, s:I}", "id", id, "filename", name,
						   "size", (json_int_t)len));
}

int api_attachment_get(struct http_req *r, struct http_resp *out)
{
	struct attach_rec a;
	void *bytes;
	char disp[RL_NAME_MAX + 64];
	int rc;

	if ((rc = hotline_attachment(r->db, &r->actor, http_param(r, "id"), &a, &bytes)))
		return rc;
	out->mhd = MHD_create_response_from_buffer((size_t)a.size, bytes, MHD_RESPMEM_MUST_FREE);
	if (!out->mhd) {
		free(bytes);
		return rl_error(RL_ENOMEM, "cannot build the response");
	}
	out->status = 200;
	/* Served as a download, never rendered: the type is the sender's word. */
	MHD_add_response_header(out->mhd, "Content-Type", "application/octet-stream");
	{
		/* Only printable ASCII in the header; the full name is in the thread. */
		char safe[RL_NAME_MAX + 1];
		size_t n = 0;

		for (const char *p = a.filename; *p && n < sizeof(safe) - 1; p++)
			if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f && *p != '"' && *p != '\\')
				safe[n++] = *p;
		safe[n] = '\0';
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", n ? safe : "attachment");
	}
	MHD_add_response_header(out->mhd, "Content-Disposition", disp);
	http_resp_header(out, "X-Content-Type", a.content_type);
	return 0;
}

int api_msg_link_add(struct http_req *r, struct http_resp *out)
{
	struct hotline_link_ref l;
	struct hotline_link_target t;
	int rc;

	if (!r->body)
		return rl_error(RL_EINVAL, "a link needs a JSON body {\"kind\", \"ref\"}");
	if ((rc = link_ref_of(r->body, "body", &l)) ||
	    (rc = hotline_msg_link(r->db, &r->actor, http_param(r, "id"), &l, true, &t)))
		return rc;
	return http_reply_json(out, 201, hotline_link_json(&t));
}

int api_msg_link_remove(struct http_req *r, struct http_resp *out)
{
	struct hotline_link_ref l = { .kind = http_param(r, "kind"), .ref = http_param(r, "ref") };
	struct hotline_link_target t;
	int rc = 0;

	l.country = http_query(r, "country", &rc);
	if (rc || (rc = hotline_msg_link(r->db, &r->actor, http_param(r, "id"), &l, false, &t)))
		return rc;
	return http_reply_json(out, 200, hotline_link_json(&t));
}
