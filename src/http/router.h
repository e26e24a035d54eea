/*
 * router.h: the JSON API's routes, the request a handler gets, and the
 * helpers handlers use to read it and to answer.
 *
 * HOW TO ADD AN ENDPOINT
 *
 * 1. Write the handler in src/http/api_<module>.c (add the file to
 *    src/http/meson.build) and declare it in src/http/api.h:
 *
 *	int api_unit_get(struct http_req *r, struct http_resp *out)
 *	{
 *		struct unit u;
 *		int rc;
 *
 *		if ((rc = unit_get(r->db, &r->actor, http_param(r, "id"), &u)))
 *			return rc;                 // core set rl_error(); reply.c maps it
 *		return http_reply_json(out, 200, unit_to_json(&u));
 *	}
 *
 *    A handler returns 0 after filling `out` (http_reply_json(),
 *    http_reply_page(), http_reply_empty()), or a negative RL_E* code with
 *    the message set by rl_error() (by core, or by the helpers below). The
 *    code alone decides the HTTP status, in reply.c; never build an error
 *    body in a handler. Handlers are thin: decode, call core with r->db and
 *    r->actor, encode. Every authorisation decision is core/policy.c's.
 *
 * 2. Add a line to the table in router.c:
 *
 *	{ "GET", "/api/v1/units/{id}", api_unit_get, ROUTE_AUTH, "one unit" },
 *
 *    Patterns are literal segments and {name} segments (one whole segment
 *    each; http_param(r, "name") reads it, percent-decoded; libmicrohttpd
 *    decodes the path before routing, so a value can never hold '/'). ROUTE_AUTH routes run only for
 *    a signed-in user (r->actor is that user); state-changing methods
 *    authenticated by the cookie also need a matching X-CSRF-Token header,
 *    which the router checks before calling the handler.
 *
 * 3. Document it in docs/api.md under a heading "### METHOD /pattern" with
 *    an example request and response: tests/api/test_docs.py fails for a
 *    route that is not documented.
 *
 * Reading the request:
 *   - r->body is the parsed JSON object of a POST/PUT/PATCH/DELETE with a
 *     body (or NULL when there was none). The router has already checked
 *     Content-Type (415), size (413), nesting depth, syntax, UTF-8 and that
 *     it is an object (400). Read fields with http_body_str()/_int()/
 *     _bool()/_array(): they check the type and name the field in the
 *     error ("field 'login' must be a string").
 *   - http_param(): path parameters; http_query(): query parameters
 *     (validated UTF-8); http_page(): `limit` and `cursor` for listings,
 *     answered with http_reply_page() as {"items":[...],"next_cursor":...}.
 *
 * Ownership: a request and everything it points to belong to the server
 * and live until the handler returns. JSON handed to http_reply_*() is
 * stolen (the reply owns the reference).
 */
#ifndef RL_HTTP_ROUTER_H
#define RL_HTTP_ROUTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/actor.h"
#include "core/session.h"
#include "util/limit.h"

struct MHD_Connection;
struct rl_db;

/* Path parameters a pattern may have; patterns are short. */
#define HTTP_PARAMS_MAX 4

/* Response headers a handler may add (Set-Cookie, Location, ...). */
#define HTTP_EXTRA_HEADERS_MAX 4

/* Authentication the router requires before calling the handler. */
enum route_auth {
	ROUTE_PUBLIC = 0, /* anyone: /healthz, sign-in */
	ROUTE_AUTH = 1,   /* a signed-in user (cookie + CSRF, or bearer) */
};

/* How the request was authenticated (for CSRF and the access log). */
enum http_authn {
	HTTP_AUTHN_NONE = 0,
	HTTP_AUTHN_COOKIE,  /* rl_session cookie: state changes need CSRF */
	HTTP_AUTHN_BEARER,  /* Authorization: Bearer TOKEN */
};

/* The server's settings a handler may need. */
struct http_server_info {
	bool tls;         /* served over TLS: cookies get Secure */
	bool fake_clock;  /* --fake-clock: test routes exist */
};

struct http_req {
	const char *method;              /* "GET", ...; HEAD is routed as GET */
	const char *path;                /* decoded path, no query; valid UTF-8 */
	struct MHD_Connection *conn;     /* for headers and query arguments */
	json_t *body;                    /* the JSON object, or NULL; borrowed */
	struct rl_db *db;                /* this worker thread's connection */
	const struct http_server_info *server;
	char ip[48];                     /* client address, from the socket */

	/* Path parameters: names point into the route table, values into
	 * a copy of the path. */
	const char *param_name[HTTP_PARAMS_MAX];
	const char *param_value[HTTP_PARAMS_MAX];
	int nparams;

	/* Authentication: filled by the router for every request that
	 * carries credentials (so public routes may look too). */
	enum http_authn authn;
	struct actor actor;              /* the signed-in user, if authn */
	struct session_info session;     /* the session (id, csrf, expiry) */
	char token[SESSION_TOKEN_LEN + 1]; /* the session token, if authn */

	/* The body of a raw route (struct raw_route) as sent, not parsed:
	 * raw_len bytes, NUL-terminated, borrowed; NULL when there was none. */
	const char *raw;
	size_t raw_len;
};

struct http_resp {
	int status;                      /* HTTP status */
	json_t *json;                    /* body, or NULL for none; owned */
	char *raw;                       /* or a raw body (downloads); owned */
	size_t raw_len;
	const char *raw_type;            /* Content-Type of raw; static */
	const char *header_name[HTTP_EXTRA_HEADERS_MAX];
	char *header_value[HTTP_EXTRA_HEADERS_MAX]; /* owned (xstrdup) */
	int nheaders;
	/* A response the handler built itself (a file download, the event
	 * stream), queued as it is with the security headers; owned. */
	struct MHD_Response *mhd;
};

typedef int (*http_handler)(struct http_req *r, struct http_resp *out);

struct route {
	const char *method;       /* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern;      /* "/api/v1/units/{id}" */
	http_handler fn;
	enum route_auth auth;
	const char *help;         /* one line, for --routes and docs */
	bool test_only;           /* exists only with --fake-clock */
};

/* A route whose body is not a JSON object but taken raw into r->raw (JSON
 * Lines imports, file uploads): up to max bytes, of Content-Type type.
 * Listed in router.c's second table; the route itself is in the first. */
struct raw_route {
	const char *method, *pattern;
	size_t max;               /* bytes */
	const char *type;         /* the Content-Type required; NULL: any (a file
				   * upload in its own type), and then the length
				   * must be announced (Content-Length, else 411) so
				   * an oversize file is refused before it is read */
	bool json_too;            /* an application/json body is the route's JSON
				   * form instead: parsed into r->body under
				   * RL_HTTP_BODY_MAX as on any other route */
};

/* The route table, ended by an entry with pattern NULL. */
extern const struct route http_routes[];

/*
 * Finds the route for method and path. Returns the route (with path
 * parameters filled into r), or NULL with *status set to 404 (no pattern
 * matches the path) or 405 (the path exists for other methods; allow is
 * filled with them, comma-separated).
 */
const struct route *router_match(struct http_req *r, char *path_copy,
				 int *status, char *allow, size_t allow_size);

/* The raw-body entry for method and url, or NULL (a JSON body): the
 * server asks before reading the body (and, for a json_too route, drops
 * it for a body of type application/json). */
const struct raw_route *router_raw_route(const char *method, const char *url);

/* Prints the table (METHOD PATTERN  help), for `redline serve --routes`. */
void router_print(bool with_test_routes);

/* Path parameter `name` (never NULL for a name in the pattern). */
const char *http_param(const struct http_req *r, const char *name);

/* Query parameter, or NULL if absent; RL_EINVAL via *rc if not UTF-8 or
 * longer than RL_SHORT_MAX. */
const char *http_query(const struct http_req *r, const char *name, int *rc);

/* Request header, or NULL. */
const char *http_header(const struct http_req *r, const char *name);

/*
 * Body fields. `required`: a missing (or null) field is RL_EINVAL
 * "missing field 'NAME'"; otherwise *out is left as it was. Strings must
 * be at most max bytes (RL_ETOOBIG otherwise) and are borrowed from the
 * body. A request without a body counts as an empty object.
 */
int http_body_str(const struct http_req *r, const char *name, bool required,
		  size_t max, const char **out);
int http_body_int(const struct http_req *r, const char *name, bool required,
		  int64_t min, int64_t max, int64_t *out);
int http_body_bool(const struct http_req *r, const char *name, bool required,
		   bool *out);
int http_body_array(const struct http_req *r, const char *name, bool required,
		    size_t max_items, json_t **out);

/* Paging of listings: ?limit=N (1..RL_PAGE_MAX, default RL_PAGE_DEFAULT)
 * and ?cursor=OPAQUE (the next_cursor of the previous page; NULL for the
 * first page). */
struct http_page {
	int limit;
	const char *cursor;
};
int http_page(const struct http_req *r, struct http_page *p);

/* Answers: set status and body (stolen). Return 0 for the handler. */
int http_reply_json(struct http_resp *out, int status, json_t *body);
int http_reply_page(struct http_resp *out, json_t *items, const char *next_cursor);
int http_reply_empty(struct http_resp *out, int status);
/* A non-JSON body (CSV, HTML, text): buf (malloc'd, len bytes) is stolen;
 * type is a static Content-Type. */
int http_reply_raw(struct http_resp *out, int status, const char *type, char *buf, size_t len);
/* Adds a response header (value copied). */
void http_resp_header(struct http_resp *out, const char *name, const char *value);
void http_resp_release(struct http_resp *out);

#endif
