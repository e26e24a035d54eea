/*
 * cmd_hit.c: `redline hit pending` (hit notifications the hotline has not
 * carried yet) and `redline hit resend` (send them now, exactly once).
 * The server's periodic job does the same on its own; these are for a
 * node without a server, or to see and push what is stuck.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/screen.h"
#include "util/status.h"

const char usage_hit[] =
	"usage: redline hit pending\n"
	"       redline hit resend [--now]\n"
	"\n"
	"A hit notifies the notice's issuing unit by a FLASH hotline alert. If that\n"
	"failed or never happened (the process stopped, a storage error, or the hit\n"
	"was recorded by the operator, who is no hotline user), the notification\n"
	"stays pending; `redline serve` retries it every few seconds, backing off\n"
	"after failures (1 minute, doubling, at most an hour).\n"
	"\n"
	"pending  the pending notifications: the operator sees all, a user (--as)\n"
	"         those of hits at their unit\n"
	"resend   sends the pending notifications that are due, each exactly once.\n"
	"         The operator sends each in the name of the user who recorded the\n"
	"         hit; a hit the operator recorded is sent by a user of the\n"
	"         checkpoint's unit: redline --as LOGIN hit resend (a user sends\n"
	"         those of their unit, as themselves). --now also retries failed\n"
	"         ones whose back-off has not run out.\n";

static int pending_row(const struct hit_pending *p, void *data)
{
	char attempts[16];

	snprintf(attempts, sizeof(attempts), "%d", p->attempts);
	table_addv(data, p->id, p->notice_ref, p->from_unit_code, p->to_unit_code, p->user_login,
		   p->created_at, attempts, p->next_attempt_at, p->last_error);
	return 0;
}

static int pending_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	static const char *const cols[] = { "id", "notice", "checkpoint", "to", "recorded_by", "at",
					    "attempts", "next_attempt", "last_error", NULL };
	struct table t;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	table_init(&t, cols);
	rc = hit_pending_list(ctx->db, &ctx->actor, pending_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int resend_row(const struct hit_notify_outcome *o, void *data)
{
	(void)data;
	if (o->sent)
		printf("notified %s of the hit on %s by FLASH message %s%s\n", o->p->to_unit_code,
		       o->p->notice_ref, o->message_code,
		       o->carried_before ? " (it had carried it already: marked sent)" : "");
	else
		printf("still pending: the hit on %s, to %s: %s\n", o->p->notice_ref, o->p->to_unit_code,
		       o->error);
	return 0;
}

static int count_operator(const struct hit_pending *p, void *data)
{
	if (strncmp(p->user_login, "user:", 5))
		++*(int *)data;
	return 0;
}

static int resend_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "now", no_argument, NULL, 'n' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	bool force = false;
	int c, sent, left;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'n': force = true; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (hit_notify_pending(ctx->db, &ctx->actor, force, resend_row, NULL, &sent, &left))
		return cli_fail(ctx);
	printf("%d sent, %d still pending\n", sent, left);
	if (ctx->actor.system) {
		int waiting = 0;
		if (hit_pending_list(ctx->db, &ctx->actor, count_operator, &waiting))
			return cli_fail(ctx);
		if (waiting)
			printf("%d notification%s of hits the operator recorded wait%s for a user of the"
			       " checkpoint's unit: redline --as LOGIN hit resend (see redline hit pending)\n",
			       waiting, waiting == 1 ? "" : "s", waiting == 1 ? "s" : "");
	}
	return EXIT_OK;
}

int cmd_hit(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "pending", pending_cmd, "hit notifications not carried yet" },
		{ "resend", resend_cmd, "send the pending hit notifications" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
