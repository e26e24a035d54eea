/*
 * api_session.c: signing in and out, and who am I:
 *   POST /api/v1/session, DELETE /api/v1/session, GET /api/v1/me.
 *
 * The token goes to browsers in an HttpOnly, SameSite=Strict cookie (and
 * also in the body, for API clients that send it as a bearer token); the
 * CSRF token goes in the body for the console to echo in X-CSRF-Token.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/account.h"
#include "core/session.h"
#include "http/api.h"
#include "http/auth.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/banned.h"

/* The user as the console shows it. */
static json_t *user_json(const struct user_rec *u)
{
	json_t *roles = json_array();

	for (unsigned bit = 1; bit <= ROLE_ALL; bit <<= 1)
		if (u->roles & bit)
			json_array_append_new(roles, json_string(role_name((enum role)bit)));
	return json_pack("{s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s},s:o}",
			 "id", u->id, "login", u->login, "full_name", u->full_name,
			 "unit", "id", u->unit_id, "code", u->unit_code,
			 "name_en", u->unit_name_en, "name_local", u->unit_name_local,
			 "roles", roles);
}

/* {user, csrf_token, expires_at, idle_expires_at} of a session. */
static int session_reply(struct http_req *r, const struct actor *a,
			 const struct session_info *info, json_t **out)
{
	struct user_rec u;
	char exp[RL_TIME_LEN + 1], idle[RL_TIME_LEN + 1];
	int rc;

	if ((rc = account_get(r->db, a, a->login, &u)))
		return rc;
	rl_time_format(info->expires_ms, exp);
	rl_time_format(info->idle_until_ms, idle);
	*out = json_pack("{s:o,s:s,s:s,s:s}", "user", user_json(&u), "csrf_token", info->csrf,
			 "expires_at", exp, "idle_expires_at", idle);
	return *out ? 0 : rl_error(RL_ENOMEM, "out of memory building a reply");
}

static void set_cookie(struct http_req *r, struct http_resp *out, const char *token)
{
	char c[256];

	snprintf(c, sizeof(c), "%s=%s; HttpOnly; SameSite=Strict; Path=/%s%s", AUTH_COOKIE,
		 token ? token : "", token ? "" : "; Max-Age=0",
		 r->server && r->server->tls ? "; Secure" : "");
	http_resp_header(out, "Set-Cookie", c);
}

int api_session_create(struct http_req *r, struct http_resp *out)
{
	struct session_new sn;
	const char *login = NULL, *password = NULL;
	json_t *j;
	int rc;

	if ((rc = http_body_str(r, "login", true, RL_LOGIN_MAX, &login)) ||
	    (rc = http_body_str(r, "password", true, RL_PASSWORD_MAX, &password)))
		return rc;
	rc = session_sign_in(r->db, login, password, r->ip, &sn);
	/* The body is freed after the reply; wipe the password now. */
	sodium_memzero((char *)password, strlen(password));
	if (rc)
		return rc;
	if ((rc = session_reply(r, &sn.actor, &sn.info, &j))) {
		session_sign_out(r->db, sn.token);
		sodium_memzero(sn.token, sizeof(sn.token));
		return rc;
	}
	r->actor = sn.actor;
	json_object_set_new(j, "token", json_string(sn.token));
	set_cookie(r, out, sn.token);
	sodium_memzero(sn.token, sizeof(sn.token));
	return http_reply_json(out, 200, j);
}

int api_session_delete(struct http_req *r, struct http_resp *out)
{
	int rc;

	if ((rc = session_sign_out(r->db, r->token)))
		return rc;
	set_cookie(r, out, NULL);
	return http_reply_empty(out, 204);
}

int api_me(struct http_req *r, struct http_resp *out)
{
	json_t *j;
	int rc;

	if ((rc = session_reply(r, &r->actor, &r->session, &j)))
		return rc;
	return http_reply_json(out, 200, j);
}
