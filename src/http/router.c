/*
 * router.c: the route table of the JSON API, matching, and the helpers
 * handlers use to read requests and answer (see router.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "http/api.h"
#include "http/events.h"
#include "http/router.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

const struct route http_routes[] = {
	{ "GET", "/healthz", api_healthz, ROUTE_PUBLIC, "is the server up", false },
	{ "POST", "/api/v1/session", api_session_create, ROUTE_PUBLIC, "sign in", false },
	{ "DELETE", "/api/v1/session", api_session_delete, ROUTE_AUTH, "sign out", false },
	{ "GET", "/api/v1/me", api_me, ROUTE_AUTH, "the signed-in user and the csrf token", false },
	{ "POST", "/api/v1/test/clock", api_test_clock, ROUTE_PUBLIC,
	  "set or advance the fake clock (only with --fake-clock)", true },
	{ "POST", "/api/v1/messages", api_msg_send, ROUTE_AUTH, "send a hotline message", false },
	{ "GET", "/api/v1/messages", api_msg_list, ROUTE_AUTH, "inbox, outbox or escalated box", false },
	{ "GET", "/api/v1/messages/search", api_msg_search, ROUTE_AUTH, "full-text search", false },
	{ "GET", "/api/v1/messages/{id}", api_msg_get, ROUTE_AUTH, "a thread with its timeline (marks read)", false },
	{ "POST", "/api/v1/messages/{id}/ack", api_msg_ack, ROUTE_AUTH, "acknowledge", false },
	{ "POST", "/api/v1/messages/{id}/reply", api_msg_reply, ROUTE_AUTH, "reply", false },
	{ "POST", "/api/v1/messages/{id}/forward", api_msg_forward, ROUTE_AUTH, "forward to parent or child", false },
	{ "POST", "/api/v1/messages/{id}/close", api_msg_close, ROUTE_AUTH, "close (sender)", false },
	{ "POST", "/api/v1/messages/{id}/attachments", api_msg_attach, ROUTE_AUTH, "attach a file (sender)", false },
	{ "POST", "/api/v1/messages/{id}/links", api_msg_link_add, ROUTE_AUTH,
	  "link a message to a case, person or notice", false },
	{ "DELETE", "/api/v1/messages/{id}/links/{kind}/{ref}", api_msg_link_remove, ROUTE_AUTH,
	  "remove a message's link", false },
	{ "GET", "/api/v1/attachments/{id}", api_attachment_get, ROUTE_AUTH, "download an attachment", false },
	{ "GET", "/api/v1/hotline/templates", api_hotline_templates, ROUTE_AUTH, "message templates and labels", false },
	{ "GET", "/api/v1/hotline/addressees", api_hotline_addressees, ROUTE_AUTH, "units the user may write to", false },
	{ "POST", "/api/v1/duty", api_duty_set, ROUTE_AUTH, "go on or off duty", false },
	{ "GET", "/api/v1/duty", api_duty_list, ROUTE_AUTH, "who is on duty now", false },
	{ "GET", "/api/v1/events", api_events, ROUTE_AUTH, "live notices (Server-Sent Events)", false },
	{ "GET", "/api/v1/countries", api_countries, ROUTE_AUTH, "countries and their levels", false },
	{ "GET", "/api/v1/units", api_units_list, ROUTE_AUTH, "list or search units on a date", false },
	{ "POST", "/api/v1/units", api_unit_create, ROUTE_AUTH, "add a unit (admin)", false },
	{ "GET", "/api/v1/units/tree", api_units_tree, ROUTE_AUTH, "the tree of units on a date", false },
	{ "POST", "/api/v1/units/merge", api_units_merge, ROUTE_AUTH, "merge units into another (admin)", false },
	{ "GET", "/api/v1/units/{code}", api_unit_get, ROUTE_AUTH, "one unit with contacts, counterparts, history", false },
	{ "PATCH", "/api/v1/units/{code}", api_unit_patch, ROUTE_AUTH, "change a unit from a date (admin)", false },
	{ "POST", "/api/v1/units/{code}/contacts", api_unit_contact_add, ROUTE_AUTH, "add a contact (admin)", false },
	{ "DELETE", "/api/v1/units/{code}/contacts/{id}", api_unit_contact_delete, ROUTE_AUTH,
	  "remove a contact (admin)", false },
	{ "POST", "/api/v1/units/{code}/counterparts", api_unit_counterpart_add, ROUTE_AUTH,
	  "link a counterpart (admin)", false },
	{ "GET", "/api/v1/users", api_users_list, ROUTE_AUTH, "list user accounts (admins)", false },
	{ "POST", "/api/v1/users", api_users_create, ROUTE_AUTH, "add a user account (admins)", false },
	{ "GET", "/api/v1/users/{login}", api_users_get, ROUTE_AUTH,
	  "one user account (admins, or the user)", false },
	{ "PATCH", "/api/v1/users/{login}", api_users_patch, ROUTE_AUTH,
	  "change name, roles, unit or disabled (admins)", false },
	{ "POST", "/api/v1/users/{login}/password", api_users_password, ROUTE_AUTH,
	  "reset a password (admins) or change one's own", false },
	{ "GET", "/api/v1/notices", api_notices_list, ROUTE_AUTH, "list the notices one may see", false },
	{ "POST", "/api/v1/notices", api_notices_create, ROUTE_AUTH, "draft a notice (officers, supervisors)", false },
	{ "GET", "/api/v1/notices/{ref}", api_notice_get, ROUTE_AUTH, "one notice with its links", false },
	{ "POST", "/api/v1/notices/{ref}/approve", api_notice_approve, ROUTE_AUTH,
	  "activate a draft (a supervisor of the issuing unit or above)", false },
	{ "POST", "/api/v1/notices/{ref}/withdraw", api_notice_withdraw, ROUTE_AUTH,
	  "withdraw a notice (a supervisor of the issuing unit or above)", false },
	{ "POST", "/api/v1/notices/{ref}/links", api_notice_link, ROUTE_AUTH,
	  "link a notice to a case one may read", false },
	{ "POST", "/api/v1/screen", api_screen, ROUTE_AUTH, "screen one traveller or plate", false },
	{ "POST", "/api/v1/screen/batch", api_screen_batch, ROUTE_AUTH, "screen a CSV manifest", false },
	{ "POST", "/api/v1/hits", api_hits_create, ROUTE_AUTH, "record a hit and notify the issuing unit", false },
	{ "GET", "/api/v1/hits/pending", api_hits_pending, ROUTE_AUTH,
	  "hit notifications of one's unit the hotline has not carried yet", false },
	{ "POST", "/api/v1/hits/resend", api_hits_resend, ROUTE_AUTH,
	  "send one's unit's pending hit notifications now", false },
	{ "GET", "/api/v1/checkpoints/stats", api_checkpoint_stats, ROUTE_AUTH,
	  "persons and vehicles checked and hits per checkpoint per day", false },
	{ "GET", "/api/v1/cases", api_cases_list, ROUTE_AUTH, "list cases in scope", false },
	{ "POST", "/api/v1/cases", api_case_create, ROUTE_AUTH, "add a case (officers, in scope)", false },
	{ "POST", "/api/v1/cases/import", api_cases_import, ROUTE_AUTH,
	  "import cases (json lines body, all or nothing)", false },
	{ "GET", "/api/v1/cases/{country}/{ref}", api_case_get, ROUTE_AUTH,
	  "one case with persons and seizures", false },
	{ "PATCH", "/api/v1/cases/{country}/{ref}", api_case_patch, ROUTE_AUTH,
	  "change a case, add persons and seizures (officers, in scope)", false },
	{ "DELETE", "/api/v1/cases/{country}/{ref}/persons/{person_id}", api_case_person_remove, ROUTE_AUTH,
	  "remove a person from a case (officers, in scope)", false },
	{ "DELETE", "/api/v1/cases/{country}/{ref}/seizures/{seizure_id}", api_case_seizure_remove, ROUTE_AUTH,
	  "remove a seizure from a case (officers, in scope)", false },
	{ "GET", "/api/v1/persons", api_persons_search, ROUTE_AUTH, "persons by name in any script", false },
	{ "GET", "/api/v1/persons/duplicates", api_persons_duplicates, ROUTE_AUTH,
	  "likely duplicate persons (supervisors)", false },
	{ "POST", "/api/v1/persons/merge", api_persons_merge, ROUTE_AUTH, "merge two persons (supervisors)", false },
	{ "POST", "/api/v1/persons/unmerge", api_persons_unmerge, ROUTE_AUTH, "undo a merge (supervisors)", false },
	{ "GET", "/api/v1/persons/merges", api_persons_merges, ROUTE_AUTH, "the log of merges (supervisors)", false },
	{ "GET", "/api/v1/persons/{id}", api_person_get, ROUTE_AUTH,
	  "one person with names, documents and the cases in scope", false },
	{ "GET", "/api/v1/reports/stats", api_reports_stats, ROUTE_AUTH, "statistics (json)", false },
	{ "GET", "/api/v1/reports/stats.csv", api_reports_stats_csv, ROUTE_AUTH, "statistics (csv download)", false },
	{ "GET", "/api/v1/reports/conference", api_reports_conference, ROUTE_AUTH,
	  "the bilateral conference report (html or text download)", false },
	{ "GET", "/api/v1/config", api_config_list, ROUTE_AUTH, "deployment settings (admins)", false },
	{ "GET", "/api/v1/config/{key}", api_config_get, ROUTE_AUTH, "one setting (admins)", false },
	{ "PUT", "/api/v1/config/{key}", api_config_put, ROUTE_AUTH, "change a setting (admins)", false },
	{ "DELETE", "/api/v1/config/{key}", api_config_delete, ROUTE_AUTH,
	  "return a setting to its default (admins)", false },
	{ "GET", "/api/v1/vocab", api_vocab, ROUTE_AUTH, "categories, drugs, units, statuses, roles with labels", false },
	{ "GET", "/api/v1/test/echo/{name}", api_test_echo, ROUTE_PUBLIC,
	  "echo a path parameter, a query and paging (only with --fake-clock)", true },
	{ NULL, NULL, NULL, ROUTE_PUBLIC, NULL, false },
};

static const struct raw_route raw_routes[] = {
	{ "POST", "/api/v1/cases/import", RL_HTTP_IMPORT_MAX, "application/x-ndjson", false },
	{ "POST", "/api/v1/screen/batch", RL_HTTP_BODY_MAX, "text/csv", false },
	{ "POST", "/api/v1/messages/{id}/attachments", RL_ATTACHMENT_MAX, NULL, true },
	{ NULL, NULL, 0, NULL, false },
};

/* Length of the segment starting at s (up to '/' or the end). */
static size_t seglen(const char *s)
{
	const char *e = strchr(s, '/');
	return e ? (size_t)(e - s) : strlen(s);
}

/*
 * Whether path matches pattern; fills offsets and lengths of parameter
 * values in path. Both start with '/'.
 */
static bool pattern_match(const char *pattern, const char *path,
			  size_t off[HTTP_PARAMS_MAX], size_t len[HTTP_PARAMS_MAX], int *n)
{
	const char *p = pattern, *s = path;

	*n = 0;
	while (*p && *s) {
		size_t pl, sl;

		if (*p != '/' || *s != '/')
			return false;
		p++, s++;
		pl = seglen(p);
		sl = seglen(s);
		if (*p == '{') {
			if (!sl || *n >= HTTP_PARAMS_MAX)
				return false;
			off[*n] = (size_t)(s - path);
			len[*n] = sl;
			(*n)++;
		} else if (pl != sl || memcmp(p, s, pl)) {
			return false;
		}
		p += pl;
		s += sl;
	}
	return !*p && !*s;
}

/* Copies the {name} of the i-th parameter of pattern into buf. */
static const char *param_name_of(const char *pattern, int i)
{
	const char *p = pattern;

	for (int k = 0; (p = strchr(p, '{')) != NULL; k++, p++)
		if (k == i)
			return p + 1;  /* "name}/...": compared up to '}' */
	return NULL;
}

const struct route *router_match(struct http_req *r, char *path_copy,
				 int *status, char *allow, size_t allow_size)
{
	const char *method = !strcmp(r->method, "HEAD") ? "GET" : r->method;
	const struct route *found = NULL;
	bool path_known = false;
	size_t off[HTTP_PARAMS_MAX], len[HTTP_PARAMS_MAX];
	int n;

	allow[0] = '\0';
	for (const struct route *rt = http_routes; rt->pattern; rt++) {
		if (rt->test_only && !(r->server && r->server->fake_clock))
			continue;
		if (!pattern_match(rt->pattern, r->path, off, len, &n))
			continue;
		path_known = true;
		if (!strcmp(rt->method, method)) {
			found = rt;
			break;
		}
		if (!strstr(allow, rt->method)) {
			size_t used = strlen(allow);
			snprintf(allow + used, allow_size - used, "%s%s", used ? ", " : "", rt->method);
		}
	}
	if (!found) {
		*status = path_known ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND;
		return NULL;
	}
	r->nparams = n;
	for (int i = 0; i < n; i++) {
		path_copy[off[i] + len[i]] = '\0';
		r->param_value[i] = path_copy + off[i];
		r->param_name[i] = param_name_of(found->pattern, i);
	}
	return found;
}

const struct raw_route *router_raw_route(const char *method, const char *url)
{
	size_t off[HTTP_PARAMS_MAX], len[HTTP_PARAMS_MAX];
	int n;

	for (const struct raw_route *rt = raw_routes; rt->pattern; rt++)
		if (!strcmp(rt->method, method) &&
		    pattern_match(rt->pattern, url, off, len, &n))
			return rt;
	return NULL;
}

void router_print(bool with_test_routes)
{
	for (const struct route *rt = http_routes; rt->pattern; rt++) {
		if (rt->test_only && !with_test_routes)
			continue;
		printf("%-7s %-40s %s%s\n", rt->method, rt->pattern,
		       rt->auth == ROUTE_AUTH ? "[auth] " : "", rt->help);
	}
}

const char *http_param(const struct http_req *r, const char *name)
{
	size_t n = strlen(name);

	for (int i = 0; i < r->nparams; i++)
		if (!strncmp(r->param_name[i], name, n) && r->param_name[i][n] == '}')
			return r->param_value[i];
	return "";
}

const char *http_query(const struct http_req *r, const char *name, int *rc)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);

	*rc = 0;
	if (!v)
		return NULL;
	if (strlen(v) > RL_SHORT_MAX) {
		*rc = rl_error(RL_ETOOBIG, "query parameter '%s' is longer than %d bytes", name, RL_SHORT_MAX);
		return NULL;
	}
	if (!rl_utf8_valid(v, strlen(v))) {
		*rc = rl_error(RL_EINVAL, "query parameter '%s' is not valid utf-8", name);
		return NULL;
	}
	return v;
}

const char *http_header(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* The field, NULL if absent or null; RL_EINVAL for a missing required one. */
static int body_field(const struct http_req *r, const char *name, bool required, json_t **out)
{
	json_t *v = r->body ? json_object_get(r->body, name) : NULL;

	if (v && json_is_null(v))
		v = NULL;
	if (!v && required)
		return rl_error(RL_EINVAL, "missing field '%s'", name);
	*out = v;
	return 0;
}

int http_body_str(const struct http_req *r, const char *name, bool required,
		  size_t max, const char **out)
{
	json_t *v = NULL;
	int rc;

	if ((rc = body_field(r, name, required, &v)) || !v)
		return rc;
	if (!json_is_string(v))
		return rl_error(RL_EINVAL, "field '%s' must be a string", name);
	if (json_string_length(v) > max)
		return rl_error(RL_ETOOBIG, "field '%s' is longer than %zu bytes", name, max);
	/* jansson accepts "\u0000" only with JSON_ALLOW_NUL, which the
	 * server does not set, so the value is a C string without NULs. */
	*out = json_string_value(v);
	return 0;
}

int http_body_int(const struct http_req *r, const char *name, bool required,
		  int64_t min, int64_t max, int64_t *out)
{
	json_t *v = NULL;
	int rc;

	if ((rc = body_field(r, name, required, &v)) || !v)
		return rc;
	if (!json_is_integer(v))
		return rl_error(RL_EINVAL, "field '%s' must be an integer", name);
	if (json_integer_value(v) < min || json_integer_value(v) > max)
		return rl_error(RL_EINVAL, "field '%s' must be from %lld to %lld", name,
				(long long)min, (long long)max);
	*out = json_integer_value(v);
	return 0;
}

int http_body_bool(const struct http_req *r, const char *name, bool required, bool *out)
{
	json_t *v = NULL;
	int rc;

	if ((rc = body_field(r, name, required, &v)) || !v)
		return rc;
	if (!json_is_boolean(v))
		return rl_error(RL_EINVAL, "field '%s' must be true or false", name);
	*out = json_is_true(v);
	return 0;
}

int http_body_array(const struct http_req *r, const char *name, bool required,
		    size_t max_items, json_t **out)
{
	json_t *v = NULL;
	int rc;

	if ((rc = body_field(r, name, required, &v)) || !v)
		return rc;
	if (!json_is_array(v))
		return rl_error(RL_EINVAL, "field '%s' must be an array", name);
	if (json_array_size(v) > max_items)
		return rl_error(RL_ETOOBIG, "field '%s' has more than %zu items", name, max_items);
	*out = v;
	return 0;
}

int http_page(const struct http_req *r, struct http_page *p)
{
	const char *v;
	int rc;

	p->limit = RL_PAGE_DEFAULT;
	p->cursor = NULL;
	v = http_query(r, "limit", &rc);
	if (rc)
		return rc;
	if (v) {
		char *end;
		long n;

		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < 1 || n > RL_PAGE_MAX)
			return rl_error(RL_EINVAL, "query parameter 'limit' must be a number from 1 to %d",
					RL_PAGE_MAX);
		p->limit = (int)n;
	}
	v = http_query(r, "cursor", &rc);
	if (rc)
		return rc;
	if (v && *v)
		p->cursor = v;
	return 0;
}

int http_reply_json(struct http_resp *out, int status, json_t *body)
{
	json_decref(out->json);
	out->status = status;
	out->json = body;
	if (!body)
		return rl_error(RL_ENOMEM, "out of memory building a reply");
	return 0;
}

int http_reply_page(struct http_resp *out, json_t *items, const char *next_cursor)
{
	json_t *j = json_object();

	if (!j || !items) {
		json_decref(j);
		json_decref(items);
		return rl_error(RL_ENOMEM, "out of memory building a reply");
	}
	json_object_set_new(j, "items", items);
	json_object_set_new(j, "next_cursor", next_cursor ? json_string(next_cursor) : json_null());
	return http_reply_json(out, 200, j);
}

int http_reply_raw(struct http_resp *out, int status, const char *type, char *buf, size_t len)
{
	json_decref(out->json);
	out->json = NULL;
	free(out->raw);
	out->raw = buf;
	out->raw_len = len;
	out->raw_type = type;
	out->status = status;
	return 0;
}

int http_reply_empty(struct http_resp *out, int status)
{
	json_decref(out->json);
	out->json = NULL;
	out->status = status;
	return 0;
}

void http_resp_header(struct http_resp *out, const char *name, const char *value)
{
	if (out->nheaders >= HTTP_EXTRA_HEADERS_MAX)
		abort(); /* a handler bug: the limit is a compile-time constant */
	out->header_name[out->nheaders] = name;
	out->header_value[out->nheaders] = xstrdup(value);
	out->nheaders++;
}

void http_resp_release(struct http_resp *out)
{
	json_decref(out->json);
	out->json = NULL;
	free(out->raw);
	out->raw = NULL;
	if (out->mhd)
		MHD_destroy_response(out->mhd);
	out->mhd = NULL;
	for (int i = 0; i < out->nheaders; i++)
		free(out->header_value[i]);
	out->nheaders = 0;
}
