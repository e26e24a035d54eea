/*
 * reply.c: every HTTP response of Redline is made here (see reply.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/reply.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/banned.h"

/* The console loads only its own scripts, styles and API; nothing may
 * frame it (clickjacking) and forms post only back to the node. */
static const char csp[] =
	"default-src 'self'; script-src 'self'; style-src 'self'; "
	"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
	"base-uri 'none'; form-action 'self'";

int reply_status_of(int rl_code)
{
	switch (rl_code) {
	case RL_EINVAL: return MHD_HTTP_BAD_REQUEST;
	case RL_EAUTH: return MHD_HTTP_UNAUTHORIZED;
	case RL_EDENIED: return MHD_HTTP_FORBIDDEN;
	case RL_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
	case RL_ECONFLICT: return MHD_HTTP_CONFLICT;
	case RL_ETOOBIG: return MHD_HTTP_CONTENT_TOO_LARGE;
	case RL_ELIMIT: return MHD_HTTP_TOO_MANY_REQUESTS;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

void reply_security_headers(struct MHD_Response *resp, bool api)
{
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

/* Queues a body that the response frees with free(). */
static enum MHD_Result queue(struct MHD_Connection *c, int status, char *body,
			     size_t len, const char *type, bool api,
			     const struct http_resp *extra, const char *allow,
			     struct reply_sent *sent)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	if (type)
		MHD_add_response_header(resp, "Content-Type", type);
	reply_security_headers(resp, api);
	if (allow)
		MHD_add_response_header(resp, "Allow", allow);
	for (int i = 0; extra && i < extra->nheaders; i++)
		MHD_add_response_header(resp, extra->header_name[i], extra->header_value[i]);
	ret = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	if (sent && ret == MHD_YES) {
		sent->status = status;
		sent->bytes = len;
	}
	return ret;
}

enum MHD_Result reply_http_error(struct MHD_Connection *c, int status, const char *code,
				 const char *msg, const char *allow,
				 struct reply_sent *sent)
{
	json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg);
	char *body = j ? json_dumps(j, JSON_COMPACT) : NULL;

	json_decref(j);
	if (!body) /* msg was not valid UTF-8: a bug in the caller */
		body = strdup("{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}");
	if (!body)
		return MHD_NO;
	return queue(c, status, body, strlen(body), "application/json", true, NULL, allow, sent);
}

enum MHD_Result reply_error(struct MHD_Connection *c, int rl_code, const char *msg,
			    struct reply_sent *sent)
{
	int status = reply_status_of(rl_code);

	if (status == MHD_HTTP_INTERNAL_SERVER_ERROR) {
		/* Storage and internal failures may name files or SQL: log
		 * them for the operator, tell the client nothing. */
		fprintf(stderr, "error: %s: %s\n", rl_status_name(rl_code), msg && *msg ? msg : "(no message)");
		msg = rl_code == RL_EIO ? "storage error; try again later" : "internal error";
	} else if (!msg || !*msg) {
		msg = rl_status_name(rl_code);
	}
	if (rl_code == RL_ELIMIT) {
		/* The only throttle is sign-in's; its lock is the longest
		 * wait, and the console shows it. */
		char secs[24];
		char *value = secs;
		struct http_resp extra = { .nheaders = 1, .header_name = { "Retry-After" } };
		json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", rl_status_name(rl_code),
				      "message", msg);
		char *body = j ? json_dumps(j, JSON_COMPACT) : NULL;

		json_decref(j);
		if (!body)
			return MHD_NO;
		snprintf(secs, sizeof(secs), "%d", RL_SIGNIN_LOCK_MS / 1000);
		extra.header_value[0] = value;
		return queue(c, status, body, strlen(body), "application/json", true, &extra, NULL, sent);
	}
	return reply_http_error(c, status, rl_status_name(rl_code), msg, NULL, sent);
}

enum MHD_Result reply_send(struct MHD_Connection *c, const struct http_resp *out,
			   struct reply_sent *sent)
{
	char *body;
	size_t len = 0;

	if (out->raw) {
		/* queue() frees what it sends: hand it a copy, the handler's
		 * buffer is released with the response struct. */
		body = malloc(out->raw_len ? out->raw_len : 1);
		if (!body)
			return reply_error(c, RL_ENOMEM, "out of memory", sent);
		memcpy(body, out->raw, out->raw_len);
		return queue(c, out->status, body, out->raw_len, out->raw_type, true, out, NULL, sent);
	}
	if (out->mhd) {
		enum MHD_Result ret;

		reply_security_headers(out->mhd, true);
		for (int i = 0; i < out->nheaders; i++)
			MHD_add_response_header(out->mhd, out->header_name[i], out->header_value[i]);
		ret = MHD_queue_response(c, (unsigned)out->status, out->mhd);
		if (sent && ret == MHD_YES)
			sent->status = out->status;
		return ret;
	}
	if (out->json) {
		body = json_dumps(out->json, JSON_COMPACT | JSON_ENCODE_ANY);
		if (!body)
			return reply_error(c, RL_EINTERNAL, "a reply could not be encoded", sent);
		len = strlen(body);
	} else {
		body = NULL;
	}
	return queue(c, out->status, body, len, out->json ? "application/json" : NULL,
		     true, out, NULL, sent);
}

enum MHD_Result reply_static(struct MHD_Connection *c, int status, const void *data,
			     size_t len, const char *content_type, const char *etag,
			     struct reply_sent *sent)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	if (content_type)
		MHD_add_response_header(resp, "Content-Type", content_type);
	if (etag)
		MHD_add_response_header(resp, "ETag", etag);
	/* Assets change with the binary: revalidate with the ETag each time,
	 * so an upgrade is seen at once and unchanged files cost a 304. */
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	reply_security_headers(resp, false);
	ret = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	if (sent && ret == MHD_YES) {
		sent->status = status;
		sent->bytes = len;
	}
	return ret;
}
