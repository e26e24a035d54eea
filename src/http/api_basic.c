/*
 * api_basic.c: GET /healthz, and the fake clock of the API tests.
 */
#include "core/hotline.h"
#include "core/notice.h"
#include "http/api.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/banned.h"

int api_healthz(struct http_req *r, struct http_resp *out)
{
	(void)r;
	return http_reply_json(out, 200, json_pack("{s:s}", "status", "ok"));
}

/*
 * POST /api/v1/test/clock {"set": TIME} or {"advance_ms": N}: the route
 * is in the table only when the server was started with --fake-clock,
 * so a production server has no way to move its clock.
 */
int api_test_clock(struct http_req *r, struct http_resp *out)
{
	const char *set = NULL;
	int64_t adv = 0;
	bool has_adv;
	char now[RL_TIME_LEN + 1];
	int rc;

	if ((rc = http_body_str(r, "set", false, RL_TIME_LEN + 8, &set)) ||
	    (rc = http_body_int(r, "advance_ms", false, 0, INT64_C(10) * 366 * 86400000, &adv)))
		return rc;
	has_adv = r->body && json_object_get(r->body, "advance_ms") &&
		  !json_is_null(json_object_get(r->body, "advance_ms"));
	if ((set != NULL) == has_adv)
		return rl_error(RL_EINVAL, "give either field 'set' (a time) or field 'advance_ms'");
	if (set) {
		int64_t ms = rl_time_parse(set);
		if (ms <= 0)
			return rl_error(RL_EINVAL, "field 'set' must be a time YYYY-MM-DDTHH:MM:SS.mmmZ");
		rl_clock_set(ms);
	} else {
		rl_clock_advance(adv);
	}
	/* Deadlines that the move passed escalate now, so tests need not
	 * wait for the job's next pass. */
	{
		int n = 0;
		struct actor sys;
		if ((rc = hotline_escalate_due(r->db, rl_now_ms(), &n)))
			return rc;
		/* ... and notices past valid_to expire. */
		actor_system(&sys, "expiry");
		if ((rc = notice_expire_due(r->db, &sys, &n)))
			return rc;
	}
	rl_time_format(rl_now_ms(), now);
	return http_reply_json(out, 200, json_pack("{s:s}", "now", now));
}

/*
 * GET /api/v1/test/echo/{name}: the framework's request helpers seen from
 * outside (path parameter, query parameter q, paging), for the API tests;
 * like the clock, it exists only with --fake-clock.
 */
int api_test_echo(struct http_req *r, struct http_resp *out)
{
	struct http_page p;
	const char *q;
	int rc;

	if ((rc = http_page(r, &p)))
		return rc;
	q = http_query(r, "q", &rc);
	if (rc)
		return rc;
	return http_reply_json(out, 200, json_pack("{s:s,s:s?,s:i,s:s?}", "name", http_param(r, "name"),
						   "q", q, "limit", p.limit, "cursor", p.cursor));
}
