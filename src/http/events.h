/*
 * events.h: live notices to the console: GET /api/v1/events is a
 * Server-Sent Events stream; core/hotline.c's notifier pushes a notice to
 * every open stream of a user of a unit that newly holds a message (sent
 * to it, escalated to it, forwarded, a reply). Each stream has a bounded
 * queue; a client that falls that far behind is ended and reconnects
 * (EventSource does so by itself) and refetches its inbox. Idle streams
 * get a heartbeat comment every EVENTS_HEARTBEAT_MS.
 *
 * A stream's connection is suspended while it has nothing to send, so it
 * holds no worker thread; the notifier and events_tick() resume it.
 *
 * Ownership: the registry owns its clients; a client is freed when
 * libmicrohttpd destroys its response (connection closed).
 */
#ifndef RL_HTTP_EVENTS_H
#define RL_HTTP_EVENTS_H

#include "http/router.h"

#define EVENTS_HEARTBEAT_MS 15000
/* Notices queued for one stream before it is ended. */
#define EVENTS_QUEUE_MAX 64
/* Open streams in all (a console tab each). */
#define EVENTS_CLIENTS_MAX 256

/* Starts the registry and installs the hotline notifier. */
void events_start(void);
/* Heartbeats: resumes streams idle for EVENTS_HEARTBEAT_MS. */
void events_tick(void);
/* Ends every stream (before the daemon stops: no connection may stay
 * suspended). */
void events_stop(void);

int api_events(struct http_req *r, struct http_resp *out);

#endif
