/*
 * static.h: the web console's files, embedded into the binary (the
 * rl_web_assets table that web/meson.build generates), served at "/"
 * (index.html), "/static/NAME" and "/NAME".
 */
#ifndef RL_HTTP_STATIC_H
#define RL_HTTP_STATIC_H

#include <microhttpd.h>

#include "http/reply.h"

/* Answers a GET or HEAD for an asset: 200 with an ETag (no-cache, so the
 * browser revalidates), 304 when If-None-Match matches, 404 for an unknown
 * name, 405 for other methods. */
enum MHD_Result static_serve(struct MHD_Connection *c, const char *method,
			     const char *url, struct reply_sent *sent);

#endif
