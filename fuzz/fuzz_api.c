/*
 * fuzz_api.c: the JSON API as a client drives it, minus the socket: the
 * router (method, path, path parameters), the body decoder the server
 * uses (depth limit, JSON syntax, UTF-8, duplicate keys, object only), the
 * handlers' field decoding and the core validation and storage behind
 * them (messages, cases, notices, screening, hits, units, users...).
 *
 * Input format (text, so seeds are easy to write):
 *
 *	@vn-22.supervisor          optional: who is signed in (see actors[])
 *	POST /api/v1/messages      method and path
 *	{"kind":"request",...}     the body: the rest of the input
 *
 * Requests run in order on one demo database (fuzz_db.c), authenticated
 * as a bearer-token client would be (no CSRF). Query parameters and
 * headers are absent. Routes left out: those that hash a password (sign
 * in, user creation, password change: Argon2id costs ~0.1 s a call, which
 * would starve the fuzzer; their decoding is the same helpers') and the
 * event stream (it needs a live connection).
 *
 * Properties: the handler returns 0 with a status from 200 to 499 and a
 * body that encodes, or a client error (4xx: never RL_EIO or
 * RL_EINTERNAL, which are 500s and bugs on a healthy database) with a
 * message; no statement or transaction is left open; the database and the
 * audit chain are intact at exit.
 */
#include <stdbool.h>

#include <jansson.h>

#include "fuzz.h"
#include "fuzz_db.h"
#include "http/reply.h"
#include "http/router.h"
#include "http/server.h"
#include "util/status.h"
#include "util/utf8.h"

static const char *const logins[] = {
	"vn-22.supervisor", /* the default: officer and supervisor in Nghệ An */
	"vn-22-c9001.officer",
	"vn-22-c9001.checkpoint",
	"admin",
	"analyst",
	"la-xi.supervisor",
	"la-xi-v0101.officer",
};
#define NACTORS (sizeof(logins) / sizeof(logins[0]))

static struct actor actors[NACTORS];

static bool skipped(const char *method, const char *pattern)
{
	static const char *const skip[][2] = {
		{ "POST", "/api/v1/session" },
		{ "POST", "/api/v1/users" },
		{ "POST", "/api/v1/users/{login}/password" },
		{ "GET", "/api/v1/events" },
	};
	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (!strcmp(skip[i][0], method) && !strcmp(skip[i][1], pattern))
			return true;
	return false;
}

static void run(const char *method, const char *path, const uint8_t *body, size_t body_len,
		const struct actor *who)
{
	struct http_server_info info = { 0 };
	struct http_req r = { 0 };
	struct http_resp out = { 0 };
	const struct route *rt;
	const struct raw_route *raw;
	char allow[64], *path_copy, *raw_copy = NULL;
	int status = 0, rc;

	/* The server refuses these before routing (server.c dispatch()). */
	if (!rl_utf8_valid(path, strlen(path)) || path[0] != '/')
		return;
	path_copy = fuzz_cstr((const uint8_t *)path, strlen(path));
	r.method = method;
	r.path = path;
	r.server = &info;
	r.db = fuzz_db("api");
	r.authn = HTTP_AUTHN_BEARER;
	r.actor = *who;
	rt = router_match(&r, path_copy, &status, allow, sizeof(allow));
	if (!rt) {
		FUZZ_CHECK(status == 404 || status == 405);
		free(path_copy);
		return;
	}
	if (skipped(rt->method, rt->pattern)) {
		free(path_copy);
		return;
	}
	raw = router_raw_route(method, path);
	rl_error_clear();
	if (raw) {
		if (body_len > raw->max)
			goto done;
		raw_copy = fuzz_cstr(body, body_len);
		r.raw = body_len ? raw_copy : NULL;
		r.raw_len = body_len;
		rc = 0;
	} else {
		if (body_len > RL_HTTP_BODY_MAX)
			goto done;
		rc = server_parse_json((const char *)body, body_len, &r.body);
	}
	if (!rc) {
		rl_error_clear();
		rc = rt->fn(&r, &out);
	}
	if (getenv("FUZZ_VERBOSE")) /* for writing seeds: what each one got */
	{
		char *j = out.json ? json_dumps(out.json, JSON_COMPACT) : NULL;
		fprintf(stderr, "%s %s -> %d %.300s\n", method, path,
			rc ? reply_status_of(rc) : out.status, rc ? rl_errmsg() : j ? j : "");
		free(j);
	}
	if (!rc) {
		/* A handler may answer a client error with a body of its own
		 * (an import lists the lines at fault), never a server error. */
		FUZZ_CHECK(out.status >= 200 && out.status <= 499);
		if (out.json) {
			char *s = json_dumps(out.json, JSON_COMPACT);
			FUZZ_CHECK(s != NULL);
			free(s);
		}
	} else {
		if (rc == RL_EIO || rc == RL_EINTERNAL || rc == RL_ENOMEM || rc > 0) {
			fprintf(stderr, "fuzz: %s %s answered %d (%s): %s\n", method, path, rc,
				rl_status_name(rc), rl_errmsg());
			abort();
		}
		FUZZ_CHECK(reply_status_of(rc) >= 400 && reply_status_of(rc) <= 499);
		FUZZ_CHECK(*rl_errmsg());
	}
done:
	fuzz_db_idle();
	http_resp_release(&out);
	json_decref(r.body);
	free(raw_copy);
	free(path_copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	const uint8_t *rest = data;
	size_t left = size;
	const struct actor *who = &actors[0];
	char *line, *sp;

	if (!ready) {
		fuzz_db("api"); /* created under the target's name */
		for (size_t i = 0; i < NACTORS; i++)
			fuzz_actor(logins[i], &actors[i]);
		ready = true;
	}
	line = fuzz_first_line(rest, left, &rest, &left);
	if (line[0] == '@') {
		for (size_t i = 0; i < NACTORS; i++)
			if (!strcmp(line + 1, logins[i]))
				who = &actors[i];
		free(line);
		line = fuzz_first_line(rest, left, &rest, &left);
	}
	sp = strchr(line, ' ');
	if (sp) {
		*sp = '\0';
		run(line, sp + 1, rest, left, who);
	}
	free(line);
	return 0;
}
