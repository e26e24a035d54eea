/*
 * events.c: the Server-Sent Events stream of live hotline notices (see
 * events.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <microhttpd.h>

#include "core/hotline.h"
#include "http/events.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct client {
	struct client *next;
	struct MHD_Connection *conn;
	char unit_id[RL_ID_LEN + 1];
	char *queue[EVENTS_QUEUE_MAX];   /* formatted events, oldest first; owned */
	int head, count;
	size_t off;                      /* bytes of queue[head] already sent */
	bool suspended;                  /* parked until there is something to send */
	bool ending;                     /* send nothing more, end the stream */
	int64_t last_ms;                 /* real time of the last bytes sent */
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static struct client *g_clients;
static int g_nclients;
static bool g_stopping;

static void wake(struct client *c)
{
	if (c->suspended) {
		c->suspended = false;
		MHD_resume_connection(c->conn);
	}
}

static void push(struct client *c, char *ev)
{
	if (c->count == EVENTS_QUEUE_MAX) {
		/* Too far behind: end the stream; the browser reconnects and
		 * reloads its inbox, which is the truth anyway. */
		free(ev);
		c->ending = true;
		wake(c);
		return;
	}
	c->queue[(c->head + c->count) % EVENTS_QUEUE_MAX] = ev;
	c->count++;
	wake(c);
}

static char *format_event(const char *name, json_t *data)
{
	char *d = json_dumps(data, JSON_COMPACT);
	size_t n = strlen(d) + strlen(name) + 32;
	char *ev = xmalloc(n);

	snprintf(ev, n, "event: %s\ndata: %s\n\n", name, d);
	free(d);
	return ev;
}

static void on_notice(const struct hotline_notice *n, void *data)
{
	json_t *j;

	(void)data;
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "what", n->what, "id", n->msg_id,
		      "code", n->code, "kind", n->kind, "priority", n->priority,
		      "subject", n->subject ? n->subject : "", "from", n->from_unit_code);
	pthread_mutex_lock(&g_lock);
	for (struct client *c = g_clients; c; c = c->next)
		if (!c->ending && !strcmp(c->unit_id, n->unit_id))
			push(c, format_event("message", j));
	pthread_mutex_unlock(&g_lock);
	json_decref(j);
}

void events_start(void)
{
	hotline_set_notifier(on_notice, NULL);
}

void events_tick(void)
{
	int64_t now = rl_now_real_ms();

	pthread_mutex_lock(&g_lock);
	for (struct client *c = g_clients; c; c = c->next)
		if (c->suspended && now - c->last_ms >= EVENTS_HEARTBEAT_MS)
			wake(c);
	pthread_mutex_unlock(&g_lock);
}

void events_stop(void)
{
	hotline_set_notifier(NULL, NULL);
	pthread_mutex_lock(&g_lock);
	g_stopping = true;
	for (struct client *c = g_clients; c; c = c->next) {
		c->ending = true;
		wake(c);
	}
	pthread_mutex_unlock(&g_lock);
}

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct client *c = cls;
	ssize_t n = 0;

	(void)pos;
	pthread_mutex_lock(&g_lock);
	if (c->count) {
		const char *ev = c->queue[c->head] + c->off;
		size_t len = strlen(ev);

		if (len > max)
			len = max;
		memcpy(buf, ev, len);
		c->off += len;
		if (!c->queue[c->head][c->off]) {
			free(c->queue[c->head]);
			c->queue[c->head] = NULL;
			c->head = (c->head + 1) % EVENTS_QUEUE_MAX;
			c->count--;
			c->off = 0;
		}
		n = (ssize_t)len;
	} else if (c->ending) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else if (rl_now_real_ms() - c->last_ms >= EVENTS_HEARTBEAT_MS && max >= 4) {
		memcpy(buf, ":\n\n", 3);
		n = 3;
	} else {
		/* Nothing to send: park the connection until a notice or the
		 * heartbeat resumes it. */
		c->suspended = true;
		MHD_suspend_connection(c->conn);
	}
	if (n > 0)
		c->last_ms = rl_now_real_ms();
	pthread_mutex_unlock(&g_lock);
	return n;
}

static void client_free(void *cls)
{
	struct client *c = cls;

	pthread_mutex_lock(&g_lock);
	for (struct client **p = &g_clients; *p; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			g_nclients--;
			break;
		}
	pthread_mutex_unlock(&g_lock);
	for (int i = 0; i < c->count; i++)
		free(c->queue[(c->head + i) % EVENTS_QUEUE_MAX]);
	free(c);
}

int api_events(struct http_req *r, struct http_resp *out)
{
	struct client *c;
	json_t *hello;

	if (!*r->actor.unit_id)
		return rl_error(RL_EDENIED, "live notices are for signed-in users of a unit");
	c = xcalloc(1, sizeof(*c));
	c->conn = r->conn;
	snprintf(c->unit_id, sizeof(c->unit_id), "%s", r->actor.unit_id);
	c->last_ms = rl_now_real_ms();
	hello = json_pack("{s:s}", "login", r->actor.login);
	/* retry: how long EventSource waits before reconnecting. */
	{
		char *ev = format_event("hello", hello);
		size_t n = strlen(ev) + 16;
		char *with_retry = xmalloc(n);

		snprintf(with_retry, n, "retry: 3000\n%s", ev);
		free(ev);
		c->queue[0] = with_retry;
		c->count = 1;
	}
	json_decref(hello);
	pthread_mutex_lock(&g_lock);
	if (g_stopping || g_nclients >= EVENTS_CLIENTS_MAX) {
		pthread_mutex_unlock(&g_lock);
		free(c->queue[0]);
		free(c);
		return rl_error(RL_ELIMIT, "too many live streams open; try again later");
	}
	c->next = g_clients;
	g_clients = c;
	g_nclients++;
	pthread_mutex_unlock(&g_lock);
	out->mhd = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, reader, c, client_free);
	if (!out->mhd) {
		client_free(c);
		return rl_error(RL_ENOMEM, "cannot build the stream");
	}
	out->status = 200;
	MHD_add_response_header(out->mhd, "Content-Type", "text/event-stream; charset=utf-8");
	MHD_add_response_header(out->mhd, "X-Accel-Buffering", "no");
	return 0;
}
