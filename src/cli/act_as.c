/*
 * act_as.c: `--as LOGIN`, running a command with a user's rights instead
 * of the operator's (system:cli), e.g. to check what a user may do.
 */
#include "cli/cli.h"
#include "core/account.h"
#include "core/node.h"
#include "util/status.h"
#include "util/banned.h"

int cli_act_as(struct cli_ctx *ctx, const char *login)
{
	struct actor a;

	if (!ctx->db)
		return rl_error(RL_EINTERNAL, "--as needs an open database");
	/* Disabled users are refused: --as must not revive an account. */
	if (account_actor(ctx->db, login, &a))
		return rl_errcode();
	ctx->actor = a;
	return 0;
}

int cli_open_db(struct cli_ctx *ctx)
{
	if (ctx->db)
		return 0;
	if (node_open(ctx->db_path, &ctx->db))
		return cli_fail(ctx);
	if (ctx->as_login && cli_act_as(ctx, ctx->as_login))
		return cli_fail(ctx);
	return 0;
}
