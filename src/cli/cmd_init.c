/*
 * cmd_init.c: `redline init`, creating a database.
 */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/node.h"

const char usage_init[] =
	"usage: redline init [--demo] [--country VNM|LAO]\n"
	"\n"
	"Creates a new database (see --db) with the reference directory: both\n"
	"ministries and the border provinces, with Viet Nam's 2025 mergers as\n"
	"history. Refuses to overwrite an existing file.\n"
	"\n"
	"  --demo            also load the demo network, accounts and data\n"
	"  --country C       the ministry this node belongs to (default VNM)\n";

int cmd_init(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "demo", no_argument, NULL, 'd' },
		{ "country", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct node_init_opts o = { .demo = false, .country = "VNM" };
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'd': o.demo = true; break;
		case 'c': o.country = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (node_init(ctx->db_path, &o, &ctx->db))
		return cli_fail(ctx);
	printf("created %s%s\n", ctx->db_path, o.demo ? " with demo data" : "");
	return EXIT_OK;
}
