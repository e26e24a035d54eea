/*
 * server.c: the libmicrohttpd daemon of `redline serve`: limits, request
 * bodies, per-thread databases, dispatch to the router or the static
 * console, the access log, and the graceful stop (see server.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>

#include "core/account.h"
#include "core/node.h"
#include "core/hotline.h"
#include "core/notice.h"
#include "core/screen.h"
#include "http/auth.h"
#include "http/events.h"
#include "http/reply.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static.h"
#include "util/clock.h"
#include "util/jsonw.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Set once before the daemon starts; read-only afterwards. */
static const char *g_db_path;
static struct http_server_info g_info;
static pthread_key_t g_db_key;

/* Requests begun and not yet completed: the graceful stop waits for them
 * (idle keep-alive connections are not counted, and are just closed). */
static _Atomic int g_in_flight;

/* State of one request, from its headers to the access log. */
struct conn_ctx {
	int64_t start_ms;          /* real clock, for the duration */
	struct strbuf body;        /* at most body_max bytes */
	size_t body_max;           /* RL_HTTP_BODY_MAX, or a raw route's raw_max */
	const struct raw_route *raw; /* the raw-body route, or NULL (JSON body) */
	bool answered;             /* a reply was queued before the body */
	bool too_big;              /* the body went over RL_HTTP_BODY_MAX */
	bool has_body;             /* the headers announce a body */
	size_t discarded;          /* bytes thrown away since (bounded) */
	struct reply_sent sent;    /* status and bytes, for the log */
	char method[16];
	char path[RL_HTTP_LOG_PATH_MAX + 1];
	char ip[48];
	char user[RL_LOGIN_MAX + 1];
};

static void close_thread_db(void *p)
{
	node_close(p);
}

/* This worker thread's database, opened on first use. */
static struct rl_db *thread_db(void)
{
	struct rl_db *db = pthread_getspecific(g_db_key);

	if (db)
		return db;
	if (node_open(g_db_path, &db))
		return NULL;
	if (pthread_setspecific(g_db_key, db)) {
		node_close(db);
		return NULL;
	}
	return db;
}

static void client_ip(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "-");
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)size);
}

static enum MHD_Result add_header_size(void *cls, enum MHD_ValueKind kind,
				       const char *key, const char *value)
{
	size_t *total = cls;

	(void)kind;
	*total += strlen(key) + (value ? strlen(value) : 0) + 4; /* ": " CRLF */
	return MHD_YES;
}

/* Whether the Content-Type ct is want (parameters such as charset allowed). */
static bool header_is_type(const char *ct, const char *want)
{
	size_t n = strlen(want);

	if (!ct || strncasecmp(ct, want, n))
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return !*ct || *ct == ';';
}

/* The 413 reply, naming the limit of this request's route. */
static enum MHD_Result too_big(struct MHD_Connection *c, struct conn_ctx *ctx)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "request body is larger than %zu MiB",
		 ctx->body_max / (1024 * 1024));
	return reply_error(c, RL_ETOOBIG, msg, &ctx->sent);
}

/*
 * The first call for a request, with its headers: refuses what can be
 * refused before any body byte is read. Returns true if a reply was
 * queued.
 */
static bool check_headers(struct MHD_Connection *c, struct conn_ctx *ctx, enum MHD_Result *ret)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	size_t hsize = 0;
	bool has_body = false;

	MHD_get_connection_values(c, MHD_HEADER_KIND, add_header_size, &hsize);
	if (hsize > RL_HTTP_HEADER_MAX) {
		char msg[64];

		snprintf(msg, sizeof(msg), "request headers are larger than %d KiB", RL_HTTP_HEADER_MAX / 1024);
		*ret = reply_http_error(c, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
					msg, NULL, &ctx->sent);
		return true;
	}
	if (cl) {
		char *end;
		unsigned long long n;

		errno = 0;
		n = strtoull(cl, &end, 10);
		if (errno || end == cl || *end) {
			*ret = reply_error(c, RL_EINVAL, "content-length is not a number", &ctx->sent);
			return true;
		}
		if (n > ctx->body_max) {
			*ret = too_big(c, ctx);
			return true;
		}
		has_body = n > 0;
	} else if (ctx->raw && !ctx->raw->type) {
		/* A file upload: its size must be known before a byte is read. */
		*ret = reply_http_error(c, MHD_HTTP_LENGTH_REQUIRED, "length_required",
					"a file upload needs a content-length header", NULL, &ctx->sent);
		return true;
	}
	if (te && strcasecmp(te, "identity"))
		has_body = true;
	ctx->has_body = has_body;
	if (has_body && !(ctx->raw && !ctx->raw->type) && !header_is_type(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
								     MHD_HTTP_HEADER_CONTENT_TYPE),
					 ctx->raw ? ctx->raw->type : "application/json")) {
		char msg[96];

		snprintf(msg, sizeof(msg), "request body must be %s",
			 ctx->raw ? ctx->raw->type : "application/json");
		*ret = reply_http_error(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					msg, NULL, &ctx->sent);
		return true;
	}
	return false;
}

/*
 * A body sent to a route that needs a session, without a valid session,
 * is refused from the headers, before a byte of it is read: an anonymous
 * client must not make the server buffer uploads of up to
 * RL_ATTACHMENT_MAX. dispatch_api() still makes the full check (CSRF
 * included) once the body is in.
 */
static bool refuse_anonymous_body(struct MHD_Connection *c, struct conn_ctx *ctx,
				  const char *method, const char *url, enum MHD_Result *ret)
{
	struct http_req r = { 0 };
	const struct route *rt;
	char allow[64];
	char *path_copy;
	int status, rc = 0;

	if (!ctx->has_body || strncmp(url, "/api/", 5) || !rl_utf8_valid(url, strlen(url)))
		return false;
	r.method = method;
	r.path = url;
	r.conn = c;
	r.server = &g_info;
	path_copy = xstrdup(url);
	rt = router_match(&r, path_copy, &status, allow, sizeof(allow));
	/* Without a database the request fails later with the real reason. */
	if (rt && rt->auth == ROUTE_AUTH && (r.db = thread_db())) {
		rl_error_clear();
		if (!(rc = auth_identify(&r)) && r.authn == HTTP_AUTHN_NONE)
			rc = rl_error(RL_EAUTH, "not signed in");
	}
	free(path_copy);
	if (!rc)
		return false;
	*ret = reply_error(c, rc, rl_errmsg(), &ctx->sent);
	return true;
}

/* Depth of the deepest array or object in the text, counted without
 * parsing, so a hostile document never reaches jansson's recursion. */
static bool json_too_deep(const char *s, size_t len)
{
	int depth = 0;
	bool in_str = false;

	for (size_t i = 0; i < len; i++) {
		char ch = s[i];

		if (in_str) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_str = false;
		} else if (ch == '"') {
			in_str = true;
		} else if (ch == '[' || ch == '{') {
			if (++depth > RL_JSON_DEPTH_MAX)
				return true;
		} else if (ch == ']' || ch == '}') {
			depth--;
		}
	}
	return false;
}

int server_parse_json(const char *buf, size_t len, json_t **out)
{
	json_error_t err;
	json_t *j;

	*out = NULL;
	if (!len)
		return 0;
	if (json_too_deep(buf, len))
		return rl_error(RL_EINVAL, "request body nests deeper than %d levels", RL_JSON_DEPTH_MAX);
	j = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (!j)
		return rl_error(RL_EINVAL, "request body is not valid json: %s at line %d column %d",
				err.text, err.line, err.column);
	if (!json_is_object(j)) {
		json_decref(j);
		return rl_error(RL_EINVAL, "request body must be a json object");
	}
	*out = j;
	return 0;
}

static int parse_body(struct conn_ctx *ctx, json_t **out)
{
	int rc = server_parse_json(ctx->body.buf, ctx->body.len, out);

	/* The raw body may hold a password: keep no copy longer than needed. */
	if (ctx->body.len)
		sodium_memzero(ctx->body.buf, ctx->body.len);
	return rc;
}

/* Leaves the thread's connection idle between requests; leftovers are
 * bugs in the code the route ran, worth a line in the log. */
static void request_done(struct rl_db *db, const struct route *rt)
{
	static _Atomic int reported; /* a few lines are enough to find it */
	struct strbuf found = STRBUF_INIT;

	if (node_idle(db, &found) && reported++ < 10)
		fprintf(stderr, "bug: after %s %s: %s\n", rt->method, rt->pattern, found.buf);
	strbuf_release(&found);
}

static bool is_state_changing(const char *m)
{
	return !strcmp(m, "POST") || !strcmp(m, "PUT") || !strcmp(m, "PATCH") || !strcmp(m, "DELETE");
}

/* The API: route, authenticate, decode, call the handler, encode. */
static enum MHD_Result dispatch_api(struct MHD_Connection *c, struct conn_ctx *ctx,
				    const char *method, const char *url)
{
	struct http_req r = { 0 };
	struct http_resp out = { 0 };
	const struct route *rt;
	char allow[64];
	char *path_copy = xstrdup(url);
	enum MHD_Result ret;
	int status, rc;

	r.method = method;
	r.path = url;
	r.conn = c;
	r.server = &g_info;
	snprintf(r.ip, sizeof(r.ip), "%s", ctx->ip);
	rt = router_match(&r, path_copy, &status, allow, sizeof(allow));
	if (!rt) {
		free(path_copy);
		if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
			return reply_http_error(c, status, "method_not_allowed",
						"method not allowed here", allow, &ctx->sent);
		return reply_error(c, RL_ENOTFOUND, "no such endpoint", &ctx->sent);
	}
	r.db = thread_db();
	if (!r.db) {
		rc = rl_errcode() ? rl_errcode() : RL_EIO;
		goto fail;
	}
	if ((rc = auth_identify(&r)) && rt->auth == ROUTE_AUTH)
		goto fail;
	if (rc) {  /* a stale cookie does not stop public routes (sign-in) */
		r.authn = HTTP_AUTHN_NONE;
		memset(&r.actor, 0, sizeof(r.actor));
	}
	if (r.authn != HTTP_AUTHN_NONE)
		snprintf(ctx->user, sizeof(ctx->user), "%s", r.actor.login);
	if (rt->auth == ROUTE_AUTH) {
		if (r.authn == HTTP_AUTHN_NONE) {
			rc = rl_error(RL_EAUTH, "not signed in");
			goto fail;
		}
		if (r.authn == HTTP_AUTHN_COOKIE && is_state_changing(method) &&
		    (rc = auth_check_csrf(&r)))
			goto fail;
	}
	if (ctx->raw) {
		/* The route reads the body itself (JSON Lines...). */
		strbuf_grow(&ctx->body, 0);
		r.raw = ctx->body.len ? ctx->body.buf : NULL;
		r.raw_len = ctx->body.len;
	} else if ((rc = parse_body(ctx, &r.body))) {
		goto fail;
	}
	rl_error_clear();
	rc = rt->fn(&r, &out);
	if (!rc && !out.status)
		rc = rl_error(RL_EINTERNAL, "handler for %s %s gave no reply", rt->method, rt->pattern);
	if (rc)
		goto fail;
	ret = reply_send(c, &out, &ctx->sent);
	if (r.actor.login[0])  /* a sign-in names its user for the log */
		snprintf(ctx->user, sizeof(ctx->user), "%s", r.actor.login);
	goto done;
fail:
	ret = reply_error(c, rc, rl_errmsg(), &ctx->sent);
done:
	if (r.db)
		request_done(r.db, rt);
	http_resp_release(&out);
	json_decref(r.body);
	free(path_copy);
	return ret;
}

static enum MHD_Result dispatch(struct MHD_Connection *c, struct conn_ctx *ctx,
				const char *method, const char *url)
{
	rl_error_clear();
	if (!rl_utf8_valid(url, strlen(url)) || url[0] != '/')
		return reply_error(c, RL_EINVAL, "request path is not valid utf-8", &ctx->sent);
	if (!strncmp(url, "/api/", 5) || !strcmp(url, "/api") || !strcmp(url, "/healthz"))
		return dispatch_api(c, ctx, method, url);
	return static_serve(c, method, url, &ctx->sent);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct conn_ctx *ctx = *con_cls;
	enum MHD_Result ret;

	(void)cls;
	(void)version;
	if (!ctx) {
		ctx = xcalloc(1, sizeof(*ctx));
		strbuf_init(&ctx->body, 0);
		ctx->start_ms = rl_now_real_ms();
		snprintf(ctx->method, sizeof(ctx->method), "%s", method);
		snprintf(ctx->path, sizeof(ctx->path), "%s", url);
		client_ip(c, ctx->ip, sizeof(ctx->ip));
		ctx->body_max = RL_HTTP_BODY_MAX;
		if (rl_utf8_valid(url, strlen(url)) && (ctx->raw = router_raw_route(method, url))) {
			if (ctx->raw->json_too &&
			    header_is_type(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
								       MHD_HTTP_HEADER_CONTENT_TYPE),
					   "application/json"))
				ctx->raw = NULL;  /* the route's JSON form */
			else
				ctx->body_max = ctx->raw->max;
		}
		*con_cls = ctx;
		g_in_flight++;
		if (check_headers(c, ctx, &ret) || refuse_anonymous_body(c, ctx, method, url, &ret)) {
			ctx->answered = true;
			return ret;
		}
		return MHD_YES;
	}
	if (ctx->answered) {
		*upload_data_size = 0;  /* discard what still arrives */
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!ctx->too_big && ctx->body.len + *upload_data_size > ctx->body_max) {
			/* A chunked body that grew over the limit. */
			ctx->too_big = true;
			strbuf_release(&ctx->body);
		}
		if (ctx->too_big) {
			ctx->discarded += *upload_data_size;
			*upload_data_size = 0;
			if (ctx->discarded > RL_HTTP_BODY_DISCARD_MAX) {
				ctx->sent.status = MHD_HTTP_CONTENT_TOO_LARGE;
				return MHD_NO;  /* cut off: close the connection */
			}
			return MHD_YES;
		}
		strbuf_add(&ctx->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	ctx->answered = true;
	if (ctx->too_big)
		return too_big(c, ctx);
	return dispatch(c, ctx, method, url);
}

/* One JSON line per request on stderr; never headers, bodies or query
 * strings, so no password, token or cookie reaches the log. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *ctx = *con_cls;
	char at[RL_TIME_LEN + 1];
	struct strbuf line = STRBUF_INIT;
	struct jsonw w;
	const char *end = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? NULL
			: toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timeout"
			: toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? "shutdown"
			: toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT ? "client_abort" : "error";

	(void)cls;
	(void)c;
	if (!ctx)
		return;
	/* Written straight as text: every request pays for this line. */
	strbuf_init(&line, 256);
	rl_time_format(rl_now_real_ms(), at);
	jsonw_init(&w, &line);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "time");
	jsonw_str(&w, at);
	jsonw_key(&w, "ip");
	jsonw_str(&w, ctx->ip);
	jsonw_key(&w, "method");
	jsonw_str(&w, ctx->method);
	jsonw_key(&w, "path");
	jsonw_str(&w, rl_utf8_valid(ctx->path, strlen(ctx->path)) ? ctx->path : "(invalid utf-8)");
	jsonw_key(&w, "status");
	jsonw_int(&w, ctx->sent.status);
	jsonw_key(&w, "bytes");
	jsonw_int(&w, (int64_t)ctx->sent.bytes);
	jsonw_key(&w, "ms");
	jsonw_int(&w, rl_now_real_ms() - ctx->start_ms);
	jsonw_key(&w, "user");
	jsonw_str(&w, ctx->user[0] ? ctx->user : NULL);
	jsonw_key(&w, "end");
	jsonw_str(&w, end);
	jsonw_obj_end(&w);
	strbuf_addch(&line, '\n');
	fwrite(line.buf, 1, line.len, stderr);
	strbuf_release(&line);
	strbuf_release(&ctx->body);
	free(ctx);
	*con_cls = NULL;
	g_in_flight--;
}

/*
 * The escalation job: every ESCALATE_EVERY_MS one pass of
 * hotline_escalate_due() on its own connection, one of
 * hit_notify_pending() (hit notifications the hotline has not carried
 * yet), the events' heartbeats, and once a day notice_expire_due().
 * Stopped by g_job_stop before the daemon stops.
 */
#define ESCALATE_EVERY_MS 2000

static pthread_mutex_t g_job_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_job_cond = PTHREAD_COND_INITIALIZER;
static bool g_job_stop;

static void *escalation_job(void *arg)
{
	struct rl_db *db = NULL;
	char today[RL_DATE_LEN + 1], expired_on[RL_DATE_LEN + 1] = "";

	(void)arg;
	if (node_open(g_db_path, &db)) {
		fprintf(stderr, "escalation job: %s\n", rl_errmsg());
		db = NULL;
	}
	pthread_mutex_lock(&g_job_lock);
	while (!g_job_stop) {
		struct timespec ts;
		int n = 0;

		pthread_mutex_unlock(&g_job_lock);
		if (db && hotline_escalate_due(db, rl_now_ms(), &n))
			fprintf(stderr, "escalation job: %s\n", rl_errmsg());
		if (db) {
			struct actor sys;
			int sent, left;
			actor_system(&sys, "hit-notify");
			if (hit_notify_pending(db, &sys, false, NULL, NULL, &sent, &left))
				fprintf(stderr, "hit notification job: %s\n", rl_errmsg());
		}
		/* Notices past their valid_to end once a day (screening already
		 * ignores them; this makes their state say so). */
		rl_today(today);
		if (db && strcmp(today, expired_on)) {
			struct actor sys;
			actor_system(&sys, "expiry");
			if (notice_expire_due(db, &sys, &n))
				fprintf(stderr, "expiry job: %s\n", rl_errmsg());
			else
				memcpy(expired_on, today, sizeof(expired_on));
		}
		events_tick();
		pthread_mutex_lock(&g_job_lock);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += ESCALATE_EVERY_MS / 1000;
		if (!g_job_stop)
			pthread_cond_timedwait(&g_job_cond, &g_job_lock, &ts);
	}
	pthread_mutex_unlock(&g_job_lock);
	if (db)
		node_close(db);
	return NULL;
}

/* For `make run`: where to go and how to sign in. */
struct banner {
	int officers;               /* officer-only accounts, counted */
	char example[RL_LOGIN_MAX + 1];
};

static int banner_line(const struct user_rec *u, void *data)
{
	struct banner *b = data;
	char roles[128];

	if (u->roles == ROLE_OFFICER) {
		if (!b->officers++)
			snprintf(b->example, sizeof(b->example), "%s", u->login);
		return 0;
	}
	roles_format(u->roles, roles, sizeof(roles));
	printf("  %-24s %-20s %s\n", u->login, roles, u->unit_code);
	return 0;
}

static void demo_banner(const char *db_path)
{
	struct account_filter f = { .disabled = 0, .demo_only = true, .limit = -1 };
	struct banner b = { 0 };
	struct rl_db *db;
	struct actor sys;

	printf("\nRedline demo: open the address above in a browser and sign in.\n");
	actor_system(&sys, "serve");
	if (node_open(db_path, &db))
		return;
	printf("Demo accounts (password '%s'):\n", ACCOUNT_DEMO_PASSWORD);
	if (!account_list(db, &sys, &f, banner_line, &b) && b.officers)
		printf("  ...and %d officer accounts, one per demo unit, such as %s\n",
		       b.officers, b.example);
	node_close(db);
	printf("Stop the server with Ctrl-C.\n");
}

/* Reads a PEM file (bounded: certificates are a few KiB). */
static int read_pem(const char *path, struct strbuf *out)
{
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t n;

	if (!f)
		return rl_error(RL_ENOTFOUND, "cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (out->len + n > RL_TLS_PEM_MAX) {
			fclose(f);
			return rl_error(RL_ETOOBIG, "'%s' is larger than %d bytes: not a pem file", path,
					RL_TLS_PEM_MAX);
		}
		strbuf_add(out, buf, n);
	}
	fclose(f);
	return 0;
}

/* Splits "HOST:PORT" / "[V6]:PORT" and resolves it (numeric only). */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, char *host,
			size_t host_size)
{
	struct addrinfo hints = { 0 }, *res = NULL;
	const char *colon, *port;
	char *endp;
	long pn;
	int err;

	if (listen[0] == '[') {
		const char *close = strchr(listen, ']');
		if (!close || close[1] != ':')
			return rl_error(RL_EINVAL, "--listen needs HOST:PORT, not '%s'", listen);
		snprintf(host, host_size, "%.*s", (int)(close - listen - 1), listen + 1);
		port = close + 2;
	} else {
		colon = strrchr(listen, ':');
		if (!colon || colon == listen)
			return rl_error(RL_EINVAL, "--listen needs HOST:PORT, not '%s'", listen);
		snprintf(host, host_size, "%.*s", (int)(colon - listen), listen);
		port = colon + 1;
	}
	errno = 0;
	pn = strtol(port, &endp, 10);
	if (errno || endp == port || *endp || pn < 0 || pn > 65535)
		return rl_error(RL_EINVAL, "--listen: '%s' is not a port number", port);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if ((err = getaddrinfo(host, port, &hints, &res)) || !res)
		return rl_error(RL_EINVAL, "--listen: '%s' is not an ip address", host);
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
}

int server_run(const struct server_opts *o)
{
	struct sockaddr_storage ss = { 0 };
	struct strbuf cert = STRBUF_INIT, key = STRBUF_INIT;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *di;
	struct rl_db *db;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	pthread_t job;
	struct rl_db *group_db = NULL;
	char host[64];
	sigset_t set;
	int sig, rc;
	bool v6;

	if ((rc = parse_listen(o->listen, &ss, host, sizeof(host))))
		return rc;
	v6 = ss.ss_family == AF_INET6;
	if (v6)
		flags |= MHD_USE_IPv6;
	if (!o->tls_cert != !o->tls_key)
		return rl_error(RL_EINVAL, "--tls-cert and --tls-key go together");
	if (o->tls_cert) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return rl_error(RL_EINVAL, "this libmicrohttpd was built without tls");
		if ((rc = read_pem(o->tls_cert, &cert)) || (rc = read_pem(o->tls_key, &key))) {
			strbuf_release(&cert);
			strbuf_release(&key);
			return rc;
		}
		flags |= MHD_USE_TLS;
	}

	/* Open (and migrate) once up front, so a missing or broken database
	 * is reported before the server says it listens. */
	if ((rc = node_open(o->db_path, &db))) {
		strbuf_release(&cert);
		strbuf_release(&key);
		return rc;
	}
	node_close(db);
	g_db_path = o->db_path;
	g_info.tls = o->tls_cert != NULL;
	g_info.fake_clock = o->fake_clock;
	if (pthread_key_create(&g_db_key, close_thread_db))
		return rl_error(RL_EINTERNAL, "cannot create thread key");

	/* Workers inherit this mask: only the main thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     /* MHD ignores (and warns about) a pool of one */
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 1 ? o->threads : 0),
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)RL_HTTP_CONN_MEMORY,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)RL_HTTP_CONN_TIMEOUT_S,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)RL_HTTP_CONN_MAX,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)RL_HTTP_CONN_PER_IP,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     o->tls_cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert.buf,
			     MHD_OPTION_HTTPS_MEM_KEY, key.buf,
			     MHD_OPTION_END);
	if (!d) {
		strbuf_release(&cert);
		strbuf_release(&key);
		pthread_key_delete(g_db_key);
		return rl_error(RL_EIO, "cannot listen on %s (address in use, or a bad tls key?)", o->listen);
	}
	events_start();
	/* Sends from every worker are committed in groups on this connection. */
	if (node_open(o->db_path, &group_db) || hotline_group_start(group_db)) {
		if (group_db)
			node_close(group_db);
		group_db = NULL;
		fprintf(stderr, "group commit unavailable: %s\n", rl_errmsg());
	}
	g_job_stop = false;
	if (pthread_create(&job, NULL, escalation_job, NULL)) {
		MHD_stop_daemon(d);
		hotline_group_stop();
		if (group_db)
			node_close(group_db);
		pthread_key_delete(g_db_key);
		strbuf_release(&cert);
		strbuf_release(&key);
		return rl_error(RL_EINTERNAL, "cannot start the escalation job");
	}
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on %s://%s%s%s:%u\n", o->tls_cert ? "https" : "http",
	       v6 ? "[" : "", host, v6 ? "]" : "", di ? (unsigned)di->port : 0u);
	if (o->demo_banner)
		demo_banner(o->db_path);
	fflush(stdout);

	do {
		sig = 0;
		if (sigwait(&set, &sig))
			break;
	} while (sig != SIGINT && sig != SIGTERM);

	fprintf(stderr, "stopping: finishing requests in progress\n");
	pthread_mutex_lock(&g_job_lock);
	g_job_stop = true;
	pthread_cond_signal(&g_job_cond);
	pthread_mutex_unlock(&g_job_lock);
	pthread_join(job, NULL);
	/* No stream may stay suspended when the daemon stops. */
	events_stop();
	{
		MHD_socket ls = MHD_quiesce_daemon(d);
		if (ls != MHD_INVALID_SOCKET)
			close(ls);
	}
	/* Requests under way (even ones still receiving their body) get to
	 * finish; a client that stalls is cut by the connection timeout, so
	 * the wait is bounded by it. */
	for (int i = 0; g_in_flight > 0 && i < (RL_HTTP_CONN_TIMEOUT_S + 2) * 20; i++) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	/* Joins the workers: a handler running now completes and its
	 * transaction commits or rolls back before the thread ends; each
	 * thread's database closes in the key's destructor. */
	MHD_stop_daemon(d);
	/* No worker is left to queue a send: the committer drains and ends. */
	hotline_group_stop();
	if (group_db)
		node_close(group_db);
	pthread_key_delete(g_db_key);
	strbuf_release(&cert);
	strbuf_release(&key);
	return 0;
}
