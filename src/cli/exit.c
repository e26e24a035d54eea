/*
 * exit.c: the mapping from failures to exit statuses and the messages a
 * command prints for them, in one place.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"
#include "util/status.h"

int cli_exit_code(int rl_code)
{
	switch (rl_code) {
	case RL_OK: return EXIT_OK;
	case RL_EINVAL: case RL_ETOOBIG: return EXIT_INVALID;
	case RL_ENOTFOUND: return EXIT_NOTFOUND;
	case RL_ECONFLICT: return EXIT_CONFLICT;
	case RL_EDENIED: case RL_EAUTH: case RL_ELIMIT: return EXIT_DENIED;
	case RL_EIO: return EXIT_STORAGE;
	default: return EXIT_INTERNAL;
	}
}

int cli_fail(struct cli_ctx *ctx)
{
	(void)ctx;
	const char *m = rl_errmsg();
	fprintf(stderr, "error: %s\n", *m ? m : "unknown failure");
	return cli_exit_code(rl_errcode() ? rl_errcode() : RL_EINTERNAL);
}

int cli_usage(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	const char *name = ctx && ctx->cmd ? ctx->cmd->name : NULL;

	fprintf(stderr, "redline%s%s: ", name ? " " : "", name ? name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (name)
		fprintf(stderr, " (see 'redline help %s')\n", name);
	else
		fprintf(stderr, " (see 'redline help')\n");
	return EXIT_USAGE;
}
