/*
 * cmd_db.c: `redline db check` and `redline db backup FILE`.
 */
#include <stdio.h>

#include "cli/builtin.h"
#include "core/node.h"

const char usage_db[] =
	"usage: redline db check\n"
	"       redline db backup FILE\n"
	"\n"
	"check   runs SQLite's integrity and foreign-key checks\n"
	"backup  writes a consistent copy of the live database to a new FILE\n";

static int db_check_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct strbuf report = STRBUF_INIT;
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (node_check(ctx->db, &report)) {
		fputs(report.buf, stderr);
		strbuf_release(&report);
		return cli_fail(ctx);
	}
	strbuf_release(&report);
	printf("ok\n");
	return EXIT_OK;
}

static int db_backup_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (argc - optind != 1)
		return cli_usage(ctx, "backup needs one FILE");
	if (node_backup(ctx->db, argv[optind]))
		return cli_fail(ctx);
	printf("backed up to %s\n", argv[optind]);
	return EXIT_OK;
}

int cmd_db(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "check", db_check_cmd, "integrity check" },
		{ "backup", db_backup_cmd, "online backup" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
