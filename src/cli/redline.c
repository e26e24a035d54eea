/*
 * redline.c: main() of the `redline` binary: global options, the command
 * table, and `help`. Global options (--db, --format) are accepted before
 * or after the command name, so scripts can put them where they like.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/node.h"
#include "util/status.h"

static int cmd_help(int argc, char **argv, struct cli_ctx *ctx);
static int cmd_version(int argc, char **argv, struct cli_ctx *ctx);

static const char usage_help[] =
	"usage: redline help [COMMAND]\n\nLists the commands, or shows how to use one.\n";
static const char usage_version[] = "usage: redline version\n";

static const struct cli_command commands[] = {
	{ "init", cmd_init, 0, "create a database with the reference directory", usage_init },
	{ "db", cmd_db, CLI_NEED_DB, "check or back up the database", usage_db },
	{ "audit", cmd_audit, CLI_NEED_DB, "list or verify the tamper-evident audit log", usage_audit },
	{ "case", cmd_case, CLI_LAZY_DB, "import, export, list and add drug and trafficking cases", usage_case },
	{ "person", cmd_person, CLI_NEED_DB, "search persons of cases, find and merge duplicates", usage_person },
	{ "report", cmd_report, CLI_NEED_DB, "statistics of cases, and the bilateral conference report", usage_report },
	{ "unit", cmd_unit, CLI_NEED_DB, "the directory of units, counterparts and contacts", usage_unit },
	{ "user", cmd_user, CLI_NEED_DB, "add, list and manage user accounts", usage_user },
	{ "notice", cmd_notice, CLI_NEED_DB, "wanted, missing and vehicle notices", usage_notice },
	{ "screen", cmd_screen, CLI_NEED_DB, "screen travellers and vehicles against the notices", usage_screen },
	{ "checkpoint", cmd_checkpoint, CLI_NEED_DB, "checkpoint statistics and the screening threshold", usage_checkpoint },
	{ "hit", cmd_hit, CLI_NEED_DB, "pending hit notifications: list, resend", usage_hit },
	{ "msg", cmd_msg, CLI_NEED_DB, "the hotline: send, read, acknowledge, reply, escalate", usage_msg },
	{ "duty", cmd_duty, CLI_NEED_DB, "mark yourself on or off duty; who is on duty", usage_duty },
	{ "config", cmd_config, CLI_NEED_DB, "deployment settings: the hotline's deadlines", usage_config },
	{ "serve", cmd_serve, 0, "serve the JSON API and the web console", usage_serve },
	{ "help", cmd_help, 0, "show help for a command", usage_help },
	{ "version", cmd_version, 0, "print the version", usage_version },
	{ NULL, NULL, 0, NULL, NULL },
};

static const char general_usage[] =
	"usage: redline [--db PATH] [--format table|json|csv] [--as LOGIN] COMMAND [ARGS]\n"
	"\n"
	"Redline: the Viet Nam-Laos police hotline network.\n"
	"\n"
	"Global options:\n"
	"  --db PATH       the database file (default: $REDLINE_DB, or redline.db)\n"
	"  --format FMT    output of listings: table (default), json or csv\n"
	"  --as LOGIN      act as that (enabled) user, with their rights\n"
	"\n"
	"Commands:\n";

static const struct cli_command *find_command(const char *name)
{
	for (const struct cli_command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static int cmd_help(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)ctx;
	if (argc > 1) {
		const struct cli_command *c = find_command(argv[1]);
		if (!c) {
			fprintf(stderr, "redline: '%s' is not a redline command (see 'redline help')\n", argv[1]);
			return EXIT_USAGE;
		}
		cli_print_usage(c);
		return EXIT_OK;
	}
	fputs(general_usage, stdout);
	for (const struct cli_command *c = commands; c->name; c++)
		printf("  %-12s %s\n", c->name, c->help);
	printf("\nRun 'redline help COMMAND' or 'redline COMMAND --help' for a command's options.\n");
	return EXIT_OK;
}

static int cmd_version(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)argc; (void)argv; (void)ctx;
	printf("redline %s (schema %d)\n", REDLINE_VERSION, db_schema_latest());
	return EXIT_OK;
}

int cli_run_subcommand(struct cli_ctx *ctx, int argc, char **argv,
		       const struct cli_subcommand *subs)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_print_usage(ctx->cmd);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (const struct cli_subcommand *s = subs; s->name; s++)
		if (!strcmp(s->name, argv[1])) {
			optind = 1;
			return s->fn(argc - 1, argv + 1, ctx);
		}
	return cli_usage(ctx, "unknown subcommand '%s'", argv[1]);
}

/* --as LOGIN: acted on once the command's database is open. */
static const char *as_login;

/* Removes global options from argv wherever they are (before "--"). */
static int take_global_options(int *argc, char **argv, struct cli_ctx *ctx)
{
	int out = 1;
	int seen_cmd = 0; /* the command name has been passed */

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		int which = 0; /* 1: db, 2: format, 3: as */

		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--db") || !strcmp(a, "--format") || !strcmp(a, "--as")) {
			which = a[2] == 'd' ? 1 : a[2] == 'f' ? 2 : 3;
			if (i + 1 >= *argc)
				return cli_usage(NULL, "option '%s' needs a value", a);
			val = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			which = 1;
			val = a + 5;
		} else if (!strncmp(a, "--format=", 9)) {
			which = 2;
			val = a + 9;
		} else if (!strncmp(a, "--as=", 5)) {
			which = 3;
			val = a + 5;
		}
		if (which == 1) {
			if (!*val)
				return cli_usage(NULL, "--db needs a path");
			ctx->db_path = val;
		} else if (which == 3) {
			if (!*val)
				return cli_usage(NULL, "--as needs a login");
			as_login = val;
		} else if (which == 2) {
			int f = table_format_parse(val);
			/* After the command name, a format that is not a listing
			 * format (jsonl, html) is the command's own option. */
			if (f < 0 && seen_cmd) {
				if (!strncmp(a, "--format=", 9)) {
					argv[out++] = argv[i];
				} else {
					argv[out++] = argv[i - 1];
					argv[out++] = argv[i];
				}
				continue;
			}
			if (f < 0)
				return cli_usage(NULL, "unknown format '%s' (table, json or csv)", val);
			ctx->format = (enum table_format)f;
		} else {
			if (a[0] != '-')
				seen_cmd = 1;
			argv[out++] = argv[i];
		}
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { 0 };
	const struct cli_command *cmd;
	int rc;

	ctx.db_path = getenv("REDLINE_DB");
	if (!ctx.db_path || !*ctx.db_path)
		ctx.db_path = "redline.db";
	ctx.format = TABLE_TEXT;
	actor_system(&ctx.actor, "cli");

	if ((rc = take_global_options(&argc, argv, &ctx)))
		return rc;
	if (argc < 2) {
		fputs(general_usage, stderr);
		for (const struct cli_command *c = commands; c->name; c++)
			fprintf(stderr, "  %-12s %s\n", c->name, c->help);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(1, argv, &ctx);
	if (!strcmp(argv[1], "--version"))
		return cmd_version(1, argv, &ctx);
	if (argv[1][0] == '-')
		return cli_usage(NULL, "unknown option '%s'", argv[1]);
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "redline: '%s' is not a redline command (see 'redline help')\n", argv[1]);
		return EXIT_USAGE;
	}
	ctx.cmd = cmd;
	if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
		cli_print_usage(cmd);
		return EXIT_OK;
	}
	ctx.as_login = as_login;
	if (as_login && !(cmd->flags & (CLI_NEED_DB | CLI_LAZY_DB)))
		return cli_usage(&ctx, "--as only applies to commands that use a database");
	if (cmd->flags & CLI_NEED_DB) {
		if (node_open(ctx.db_path, &ctx.db))
			return cli_fail(&ctx);
		if (as_login && cli_act_as(&ctx, as_login)) {
			rc = cli_fail(&ctx);
			node_close(ctx.db);
			return rc;
		}
	}
	optind = 1;
	rc = cmd->fn(argc - 1, argv + 1, &ctx);
	if (ctx.db)
		node_close(ctx.db);
	fflush(stdout);
	if (ferror(stdout)) {
		fprintf(stderr, "error: writing the output failed\n");
		return rc ? rc : EXIT_STORAGE;
	}
	return rc;
}
