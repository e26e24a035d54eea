/*
 * api.h: the JSON API's handlers, one group per module (api_<module>.c),
 * listed in router.c's table. See router.h for how a handler is written.
 */
#ifndef RL_HTTP_API_H
#define RL_HTTP_API_H

#include "http/router.h"

/* api_basic.c: health and the test clock. */
int api_healthz(struct http_req *r, struct http_resp *out);
int api_test_clock(struct http_req *r, struct http_resp *out);

#endif
