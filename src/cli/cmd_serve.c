/*
 * cmd_serve.c: `redline serve`, the HTTP API and the web console.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/builtin.h"
#include "http/router.h"
#include "http/server.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/banned.h"

const char usage_serve[] =
	"usage: redline serve [--listen HOST:PORT] [--threads N]\n"
	"                     [--tls-cert FILE --tls-key FILE] [--fake-clock]\n"
	"                     [--demo-banner] [--routes]\n"
	"\n"
	"Serves the JSON API (/api/v1/...) and the web console until SIGINT or\n"
	"SIGTERM, which stop it gracefully. Prints 'listening on URL' once ready;\n"
	"logs one JSON line per request to stderr.\n"
	"\n"
	"  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080;\n"
	"                      port 0 picks a free port; [::1]:PORT for IPv6)\n"
	"  --threads N         worker threads, 1 to 64 (default 4)\n"
	"  --tls-cert FILE     serve HTTPS with this PEM certificate chain...\n"
	"  --tls-key FILE      ...and this PEM private key\n"
	"  --fake-clock        tests only: POST /api/v1/test/clock moves the clock\n"
	"  --demo-banner       print where to go and how to sign in\n"
	"  --routes            print the API's routes and exit\n";

int cmd_serve(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "fake-clock", no_argument, NULL, 'f' },
		{ "demo-banner", no_argument, NULL, 'b' },
		{ "routes", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct server_opts o = {
		.db_path = ctx->db_path,
		.listen = "127.0.0.1:8080",
		.threads = RL_HTTP_THREADS_DEFAULT,
	};
	bool routes = false;
	char *end;
	long n;
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'l': o.listen = optarg; break;
		case 't':
			n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 1 || n > RL_HTTP_THREADS_MAX)
				return cli_usage(ctx, "--threads needs a number from 1 to %d", RL_HTTP_THREADS_MAX);
			o.threads = (int)n;
			break;
		case 'c': o.tls_cert = optarg; break;
		case 'k': o.tls_key = optarg; break;
		case 'f': o.fake_clock = true; break;
		case 'b': o.demo_banner = true; break;
		case 'r': routes = true; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (routes) {
		router_print(true);
		return EXIT_OK;
	}
	if (!o.tls_cert != !o.tls_key)
		return cli_usage(ctx, "--tls-cert and --tls-key go together");
	if (server_run(&o))
		return cli_fail(ctx);
	return EXIT_OK;
}
