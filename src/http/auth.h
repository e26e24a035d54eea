/*
 * auth.h: who sent a request (session cookie or bearer token), the CSRF
 * check of cookie-authenticated state changes, and the session endpoints
 * (sign in, sign out, me).
 */
#ifndef RL_HTTP_AUTH_H
#define RL_HTTP_AUTH_H

#include "http/router.h"

/* The session cookie's name. */
#define AUTH_COOKIE "rl_session"

/*
 * Looks at the request's credentials (Authorization: Bearer, else the
 * rl_session cookie). With none, returns 0 and leaves r->authn NONE. With
 * valid ones, fills r->actor, r->authn, r->token, r->csrf. With a token
 * that is unknown, forged or expired, returns RL_EAUTH.
 */
int auth_identify(struct http_req *r);

/* For a cookie-authenticated POST/PUT/PATCH/DELETE: X-CSRF-Token must
 * equal the session's token (RL_EDENIED otherwise). */
int auth_check_csrf(const struct http_req *r);

#endif
