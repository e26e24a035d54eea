/*
 * cmd_audit.c: `redline audit list` and `redline audit verify`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/builtin.h"
#include "core/audit_log.h"
#include "util/clock.h"
#include "util/status.h"

const char usage_audit[] =
	"usage: redline audit list [--actor A] [--action ACT] [--kind K] [--record ID]\n"
	"                          [--since DATE] [--until DATE] [--limit N]\n"
	"       redline audit verify\n"
	"\n"
	"list    shows audit entries, newest first (--action unit. matches a prefix)\n"
	"verify  recomputes the hash chain and names the first entry that was\n"
	"        changed, removed or reordered (exit status 6 if any)\n";

static int add_row(const struct audit_entry *e, void *data)
{
	char seq[24];

	snprintf(seq, sizeof(seq), "%lld", (long long)e->seq);
	table_addv(data, seq, e->at, e->actor, e->action, e->kind, e->record, e->summary);
	return 0;
}

static int audit_list_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "actor", required_argument, NULL, 'a' },
		{ "action", required_argument, NULL, 'A' },
		{ "kind", required_argument, NULL, 'k' },
		{ "record", required_argument, NULL, 'r' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "seq", "at", "actor", "action", "kind", "record", "summary", NULL };
	struct audit_filter f = { .limit = 100 };
	struct table t;
	int c, rc;
	char *end;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'a': f.actor = optarg; break;
		case 'A': f.action = optarg; break;
		case 'k': f.kind = optarg; break;
		case 'r': f.record = optarg; break;
		case 's':
			if (!rl_date_valid(optarg))
				return cli_usage(ctx, "--since needs a date YYYY-MM-DD");
			f.since = optarg;
			break;
		case 'u':
			if (!rl_date_valid(optarg))
				return cli_usage(ctx, "--until needs a date YYYY-MM-DD");
			f.until = optarg;
			break;
		case 'n':
			f.limit = (int)strtol(optarg, &end, 10);
			if (*end || f.limit < 1 || f.limit > 1000000)
				return cli_usage(ctx, "--limit needs a number from 1 to 1000000");
			break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	table_init(&t, cols);
	rc = audit_log_list(ctx->db, &ctx->actor, &f, add_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int audit_verify_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	int64_t count, bad;
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (audit_log_verify(ctx->db, &ctx->actor, &count, &bad))
		return cli_fail(ctx);
	printf("audit log intact: %lld entries\n", (long long)count);
	return EXIT_OK;
}

int cmd_audit(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "list", audit_list_cmd, "list entries" },
		{ "verify", audit_verify_cmd, "verify the hash chain" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
