/*
 * cli.h: what every `redline` command (src/cli/cmd_*.c, one file a
 * command, after git's builtin/) shares: its context, the exit codes,
 * option parsing that reports errors the same way everywhere, and output.
 *
 * A command's function gets argv with argv[0] = its own name, and returns
 * the process exit status. It reports a failure with
 *	return cli_fail(ctx);          (prints "error: <rl_errmsg()>")
 * and a usage mistake with
 *	return cli_usage(ctx, "unknown option '%s'", arg);
 *
 * Exit statuses (documented in README.md, decided in exit.c only):
 *   0 success            3 not found          6 storage failure
 *   1 invalid input      4 conflict           7 internal error
 *   2 usage error        5 denied or auth
 */
#ifndef RL_CLI_CLI_H
#define RL_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "core/actor.h"
#include "store/db.h"
#include "util/limit.h"
#include "util/strbuf.h"
#include "util/table.h"

enum {
	EXIT_OK = 0,
	EXIT_INVALID = 1,
	EXIT_USAGE = 2,
	EXIT_NOTFOUND = 3,
	EXIT_CONFLICT = 4,
	EXIT_DENIED = 5,
	EXIT_STORAGE = 6,
	EXIT_INTERNAL = 7,
};

struct cli_ctx {
	const char *db_path;            /* --db, $REDLINE_DB, or "redline.db" */
	struct rl_db *db;               /* open if the command needs it */
	enum table_format format;       /* --format for listings */
	struct actor actor;             /* system:cli unless --as LOGIN */
	const struct cli_command *cmd;  /* the command being run */
	const char *as_login;           /* --as LOGIN, or NULL */
};

enum cli_flags {
	CLI_NEED_DB = 1 << 0,           /* open ctx->db before running */
	CLI_LAZY_DB = 1 << 1,           /* some subcommands need no database: the
					   command calls cli_open_db() itself */
};

/* Opens ctx->db (and applies --as) for a CLI_LAZY_DB command; prints the
 * error and returns the exit status on failure, 0 on success. */
int cli_open_db(struct cli_ctx *ctx);

struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv, struct cli_ctx *ctx);
	unsigned flags;                 /* enum cli_flags */
	const char *help;               /* one line for `redline help` */
	const char *usage;              /* full usage text for --help */
};

/* Prints "error: MSG" from the last rl_error() and returns its exit code. */
int cli_fail(struct cli_ctx *ctx);

/* Prints "redline CMD: MSG (see 'redline help CMD')" and returns 2. */
int cli_usage(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Exit status for an rl_status code. */
int cli_exit_code(int rl_code);

/*
 * getopt_long() with Redline's error handling: returns the option, -1 at
 * the end of options, or -2 after printing a usage error (the caller then
 * returns EXIT_USAGE). "--help"/"-h" print the command's usage and return
 * -3 (the caller returns EXIT_OK). Options must come before operands.
 */
int cli_getopt(struct cli_ctx *ctx, int argc, char **argv,
	       const char *shortopts, const struct option *longopts);

/*
 * Operands (unit codes, refs, files) that may stand before, between or
 * after a command's options, as in `redline unit link VN-22 LA-XI --on D`.
 * cli_getopt_operands() is cli_getopt() that collects them into ops (the
 * strings stay argv's); it returns as cli_getopt() does, and -2 after a
 * usage error for more than RL_CLI_OPERANDS_MAX operands.
 */
struct cli_operands {
	const char *v[RL_CLI_OPERANDS_MAX]; /* borrowed from argv */
	int n;                              /* operands collected */
};

int cli_getopt_operands(struct cli_ctx *ctx, int argc, char **argv,
			const struct option *longopts, struct cli_operands *ops);

/* Usage error (returns 2) unless min <= ops->n <= max; 0 otherwise. */
int cli_want_operands(struct cli_ctx *ctx, const struct cli_operands *ops,
		      int min, int max, const char *what);

/* Prints the usage text of the current command to stdout. */
void cli_print_usage(const struct cli_command *cmd);

/*
 * Reads a password: from stdin (one line) if from_stdin, else from the
 * terminal without echo, asking twice when confirm is set. The buffer is
 * wiped by the caller with cli_wipe() after use.
 */
int cli_read_password(bool from_stdin, bool confirm, struct strbuf *out);

/* Overwrites and releases a strbuf that held a secret. */
void cli_wipe(struct strbuf *sb);

/* Acts as user `login` for the rest of the command (for --as LOGIN). */
int cli_act_as(struct cli_ctx *ctx, const char *login);

#endif
