/*
 * server.h: `redline serve`, the HTTP server on libmicrohttpd.
 *
 * A pool of worker threads (MHD's thread pool with epoll) answers
 * requests; each worker opens its own database connection on first use
 * (SQLite connections are not shared between threads) and closes it when
 * the thread ends. SIGINT/SIGTERM stop the server gracefully: it stops
 * accepting, the requests being handled finish, the databases are closed.
 */
#ifndef RL_HTTP_SERVER_H
#define RL_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct server_opts {
	const char *db_path;     /* an existing database */
	const char *listen;      /* "HOST:PORT", "[V6]:PORT"; port 0: any free */
	int threads;             /* 1..RL_HTTP_THREADS_MAX (util/limit.h) */
	const char *tls_cert;    /* PEM files, both or neither */
	const char *tls_key;
	bool fake_clock;         /* tests: POST /api/v1/test/clock exists */
	bool demo_banner;        /* print the URL and the demo accounts */
};

/* Runs the server until SIGINT or SIGTERM. Prints "listening on URL" to
 * stdout once it accepts connections. Returns 0, or an rl_status code
 * with the message set if it could not start. */
int server_run(const struct server_opts *o);

/*
 * Decodes a request body of len bytes (not NUL-terminated) as the API
 * does: refuses nesting deeper than RL_JSON_DEPTH_MAX before parsing,
 * duplicate keys, invalid JSON or UTF-8, and anything but an object.
 * *out is the new object (the caller's reference), or NULL for an empty
 * body. Exposed for the fuzz target of the API (fuzz/fuzz_api.c).
 */
int server_parse_json(const char *buf, size_t len, json_t **out);

#endif
