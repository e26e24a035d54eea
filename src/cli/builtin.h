/*
 * builtin.h: the commands of `redline`, one file each (cmd_NAME.c), and
 * the table in redline.c that dispatches to them.
 */
#ifndef RL_CLI_BUILTIN_H
#define RL_CLI_BUILTIN_H

#include "cli/cli.h"

int cmd_init(int argc, char **argv, struct cli_ctx *ctx);
int cmd_db(int argc, char **argv, struct cli_ctx *ctx);
int cmd_audit(int argc, char **argv, struct cli_ctx *ctx);
int cmd_case(int argc, char **argv, struct cli_ctx *ctx);
int cmd_person(int argc, char **argv, struct cli_ctx *ctx);
int cmd_report(int argc, char **argv, struct cli_ctx *ctx);

int cmd_unit(int argc, char **argv, struct cli_ctx *ctx);
int cmd_user(int argc, char **argv, struct cli_ctx *ctx);
int cmd_serve(int argc, char **argv, struct cli_ctx *ctx);
int cmd_notice(int argc, char **argv, struct cli_ctx *ctx);
int cmd_screen(int argc, char **argv, struct cli_ctx *ctx);
int cmd_checkpoint(int argc, char **argv, struct cli_ctx *ctx);
int cmd_hit(int argc, char **argv, struct cli_ctx *ctx);
int cmd_msg(int argc, char **argv, struct cli_ctx *ctx);
int cmd_duty(int argc, char **argv, struct cli_ctx *ctx);
int cmd_config(int argc, char **argv, struct cli_ctx *ctx);

extern const char usage_init[], usage_db[], usage_audit[], usage_unit[];
extern const char usage_user[];
extern const char usage_serve[];
extern const char usage_notice[], usage_screen[], usage_checkpoint[];
extern const char usage_hit[];
extern const char usage_msg[], usage_duty[];
extern const char usage_config[];
extern const char usage_case[], usage_person[], usage_report[];

/* Runs a command's subcommand from a table: argv[0] is the command, argv[1]
 * names the subcommand. Used by commands such as `unit` and `user`. */
struct cli_subcommand {
	const char *name;
	int (*fn)(int argc, char **argv, struct cli_ctx *ctx);
	const char *help;
};
int cli_run_subcommand(struct cli_ctx *ctx, int argc, char **argv,
		       const struct cli_subcommand *subs);

#endif
