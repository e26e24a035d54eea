/*
 * reply.h: the one place where HTTP responses are made: error bodies
 * {"error":{"code":"...","message":"..."}} with the status decided from
 * the rl_status code, JSON and static replies, and the security headers
 * that every response carries.
 *
 * Status of each rl_status code (the only mapping in the HTTP layer):
 *   RL_EINVAL 400 (all invalid input, syntax or meaning: clients read the
 *   message; 422 is not used), RL_EAUTH 401, RL_EDENIED 403,
 *   RL_ENOTFOUND 404, RL_ECONFLICT 409, RL_ETOOBIG 413, RL_ELIMIT 429,
 *   anything else 500 with a generic message (details go to the log).
 * Statuses that have no rl_status code (405, 415, 431) are made with
 * reply_http_error().
 *
 * Every reply_*() queues the response on the connection and returns what
 * MHD_queue_response() returned; `sent` (may be NULL) receives the status
 * and body size for the access log.
 */
#ifndef RL_HTTP_REPLY_H
#define RL_HTTP_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "http/router.h"

struct reply_sent {
	int status;      /* HTTP status sent */
	size_t bytes;    /* body bytes */
};

/* HTTP status for a negative rl_status code. */
int reply_status_of(int rl_code);

/* The error reply for rl_code with message msg (internal errors get a
 * generic message instead, and msg is logged to stderr). */
enum MHD_Result reply_error(struct MHD_Connection *c, int rl_code, const char *msg,
			    struct reply_sent *sent);

/* An error reply with an explicit status and machine code ("unsupported_
 * media_type", ...); `allow` adds an Allow header when not NULL. */
enum MHD_Result reply_http_error(struct MHD_Connection *c, int status, const char *code,
				 const char *msg, const char *allow,
				 struct reply_sent *sent);

/* A handler's answer (body encoded as compact JSON). */
enum MHD_Result reply_send(struct MHD_Connection *c, const struct http_resp *out,
			   struct reply_sent *sent);

/* A static file: data is not copied (it must outlive the response). */
enum MHD_Result reply_static(struct MHD_Connection *c, int status, const void *data,
			     size_t len, const char *content_type, const char *etag,
			     struct reply_sent *sent);

/* Adds the security headers (and, for the API, Cache-Control: no-store). */
void reply_security_headers(struct MHD_Response *resp, bool api);

#endif
