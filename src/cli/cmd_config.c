/*
 * cmd_config.c: `redline config list|get|set|unset`: the deployment's
 * settings (core/config.h), today the hotline's deadlines. A running
 * server follows a change at once.
 */
#include <stdio.h>

#include "cli/builtin.h"
#include "core/config.h"
#include "util/clock.h"
#include "util/status.h"

const char usage_config[] =
	"usage: redline config list\n"
	"       redline config get KEY\n"
	"       redline config set KEY VALUE\n"
	"       redline config unset KEY\n"
	"\n"
	"Settings of this deployment, for administrators (--as LOGIN of an admin, or\n"
	"the node operator without --as). Every change is in the audit log.\n"
	"\n"
	"hotline.ack.flash|urgent|routine      time to acknowledge a message before it\n"
	"                                      escalates (defaults 15m, 1h, 1d)\n"
	"hotline.reply.flash|urgent|routine    time to reply to a request (8h, 3d, 7d)\n"
	"\n"
	"Durations are written 15m, 1h, 3d, 1h30m (units d, h, m, s; w for weeks).\n"
	"A change applies to messages delivered after it; unset returns to the default.\n";

static const char *const cols[] = { "key", "value", "default", "set", "min", "max", "updated", "by",
				    "description", NULL };

static int add_row(const struct config_item *it, void *data)
{
	char at[RL_TIME_LEN + 1] = "";

	if (it->updated_ms)
		rl_time_format(it->updated_ms, at);
	table_addv(data, it->key, it->value, it->default_value, it->is_set ? "yes" : "no", it->min, it->max,
		   at, it->updated_by, it->help);
	return 0;
}

/* The operands of a subcommand: exactly n, no options but --help. */
static int operands(struct cli_ctx *ctx, int argc, char **argv, int n, const char *what,
		    struct cli_operands *ops)
{
	static const struct option opts[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int c;

	ops->n = 0;
	if ((c = cli_getopt_operands(ctx, argc, argv, opts, ops)) != -1)
		return c == -3 ? -3 : EXIT_USAGE;
	if (ops->n != n)
		return cli_usage(ctx, "%s", what);
	return 0;
}

static int print_item(struct cli_ctx *ctx, const struct config_item *it)
{
	struct table t;

	table_init(&t, cols);
	add_row(it, &t);
	table_print(&t, stdout, ctx->format);
	table_release(&t);
	return EXIT_OK;
}

static int config_list_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct table t;
	struct cli_operands ops;
	int rc = operands(ctx, argc, argv, 0, "list takes no argument", &ops);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	table_init(&t, cols);
	rc = config_list(ctx->db, &ctx->actor, add_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int config_get_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct config_item it;
	struct cli_operands ops;
	int rc = operands(ctx, argc, argv, 1, "get needs one KEY", &ops);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (config_get(ctx->db, &ctx->actor, ops.v[0], &it))
		return cli_fail(ctx);
	if (ctx->format != TABLE_TEXT)
		return print_item(ctx, &it);
	printf("%s\n", it.value);
	return EXIT_OK;
}

static int config_set_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct config_item it;
	struct cli_operands ops;
	int rc = operands(ctx, argc, argv, 2, "set needs a KEY and a VALUE", &ops);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (config_set(ctx->db, &ctx->actor, ops.v[0], ops.v[1], &it))
		return cli_fail(ctx);
	if (ctx->format != TABLE_TEXT)
		return print_item(ctx, &it);
	printf("%s = %s\n", it.key, it.value);
	return EXIT_OK;
}

static int config_unset_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct config_item it;
	struct cli_operands ops;
	int rc = operands(ctx, argc, argv, 1, "unset needs one KEY", &ops);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (config_unset(ctx->db, &ctx->actor, ops.v[0], &it))
		return cli_fail(ctx);
	if (ctx->format != TABLE_TEXT)
		return print_item(ctx, &it);
	printf("%s = %s (default)\n", it.key, it.value);
	return EXIT_OK;
}

int cmd_config(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "list", config_list_cmd, "every setting, its value and default" },
		{ "get", config_get_cmd, "the value of one setting" },
		{ "set", config_set_cmd, "change a setting (audited)" },
		{ "unset", config_unset_cmd, "return a setting to its default (audited)" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
