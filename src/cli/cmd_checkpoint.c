/*
 * cmd_checkpoint.c: `redline checkpoint stats` (screenings and hits per
 * checkpoint per day) and `redline checkpoint threshold` (the screening
 * threshold setting).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/screen.h"
#include "util/clock.h"
#include "util/status.h"

const char usage_checkpoint[] =
	"usage: redline checkpoint stats [--from D] [--to D] [--unit CODE]\n"
	"       redline checkpoint threshold [VALUE]\n"
	"\n"
	"stats      per checkpoint unit and day: persons checked, vehicles checked,\n"
	"           hits (--from/--to default to today; checkpoint users see their\n"
	"           own unit, analysts and supervisors every unit)\n"
	"threshold  shows the screening threshold (0-1), or sets it (admins)\n";

static int stats_row(const struct checkpoint_day *d, void *data)
{
	char p[24], v[24], h[24];

	snprintf(p, sizeof(p), "%lld", (long long)d->persons);
	snprintf(v, sizeof(v), "%lld", (long long)d->vehicles);
	snprintf(h, sizeof(h), "%lld", (long long)d->hits);
	table_addv(data, d->unit_code, d->day, p, v, h);
	return 0;
}

static int stats_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' },
		{ "unit", required_argument, NULL, 'u' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "unit", "day", "persons", "vehicles", "hits", NULL };
	char today[RL_DATE_LEN + 1];
	const char *from = NULL, *to = NULL, *unit = NULL;
	struct table t;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'u': unit = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	rl_today(today);
	table_init(&t, cols);
	rc = checkpoint_stats(ctx->db, &ctx->actor, from ? from : today, to ? to : today, unit,
			      stats_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int threshold_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	double t;
	char *end;
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (optind + 1 < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind + 1]);
	if (optind == argc) {
		if (screen_threshold(ctx->db, &t))
			return cli_fail(ctx);
		printf("%.3f\n", t);
		return EXIT_OK;
	}
	t = strtod(argv[optind], &end);
	if (!*argv[optind] || *end)
		return cli_usage(ctx, "the threshold is a number from 0 to 1");
	if (screen_set_threshold(ctx->db, &ctx->actor, t))
		return cli_fail(ctx);
	printf("screening threshold set to %.3f\n", t);
	return EXIT_OK;
}

int cmd_checkpoint(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "stats", stats_cmd, "screenings and hits per checkpoint per day" },
		{ "threshold", threshold_cmd, "show or set the screening threshold" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
