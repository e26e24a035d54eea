/*
 * auth.c: request credentials and CSRF (see auth.h). Sessions themselves
 * (tokens, expiry, throttling, audit) are core/session.h's.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "core/session.h"
#include "http/auth.h"
#include "util/status.h"
#include "util/banned.h"

int auth_identify(struct http_req *r)
{
	const char *h = http_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, AUTH_COOKIE);
	const char *token;
	enum http_authn how;
	int rc;

	r->authn = HTTP_AUTHN_NONE;
	if (h) {
		/* An explicit header wins over a cookie the browser adds. */
		if (strncasecmp(h, "Bearer ", 7))
			return rl_error(RL_EAUTH, "authorization must be 'Bearer TOKEN'");
		token = h + 7;
		while (*token == ' ')
			token++;
		how = HTTP_AUTHN_BEARER;
	} else if (cookie) {
		token = cookie;
		how = HTTP_AUTHN_COOKIE;
	} else {
		return 0;
	}
	if (!*token || strlen(token) != SESSION_TOKEN_LEN)
		return rl_error(RL_EAUTH, "not signed in");
	if ((rc = session_lookup(r->db, token, &r->actor, &r->session)))
		return rc;
	snprintf(r->token, sizeof(r->token), "%s", token);
	r->authn = how;
	return 0;
}

int auth_check_csrf(const struct http_req *r)
{
	if (!session_csrf_ok(&r->session, http_header(r, "X-CSRF-Token")))
		return rl_error(RL_EDENIED, "missing or wrong X-CSRF-Token header");
	return 0;
}
