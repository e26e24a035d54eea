/*
 * common.c: option parsing, usage and password input shared by commands.
 */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "util/limit.h"
#include "util/status.h"

void cli_print_usage(const struct cli_command *cmd)
{
	if (cmd->usage)
		fputs(cmd->usage, stdout);
	else
		printf("usage: redline %s\n", cmd->name);
}

int cli_getopt(struct cli_ctx *ctx, int argc, char **argv,
	       const char *shortopts, const struct option *longopts)
{
	char opts[128];
	int c, idx = -1;

	/* '+': stop at the first operand; ':': report a missing argument. */
	snprintf(opts, sizeof(opts), "+:h%s", shortopts ? shortopts : "");
	opterr = 0;
	for (;;) {
		int prev = optind;
		c = getopt_long(argc, argv, opts, longopts, &idx);
		if (c == 'h' || (c == 0 && idx >= 0 && longopts && !strcmp(longopts[idx].name, "help"))) {
			cli_print_usage(ctx->cmd);
			return -3;
		}
		if (c == '?') {
			const char *arg = argv[prev] ? argv[prev] : "?";
			if (!strcmp(arg, "--help")) {
				cli_print_usage(ctx->cmd);
				return -3;
			}
			if (optopt && optopt != '?')
				cli_usage(ctx, "unknown option '-%c'", optopt);
			else
				cli_usage(ctx, "unknown option '%s'", arg);
			return -2;
		}
		if (c == ':') {
			cli_usage(ctx, "option '%s' needs a value", argv[optind - 1]);
			return -2;
		}
		return c;
	}
}

int cli_getopt_operands(struct cli_ctx *ctx, int argc, char **argv,
			const struct option *longopts, struct cli_operands *ops)
{
	for (;;) {
		int c = cli_getopt(ctx, argc, argv, "", longopts);
		if (c != -1)
			return c;
		if (optind >= argc)
			return -1;
		if (ops->n >= RL_CLI_OPERANDS_MAX) {
			cli_usage(ctx, "too many arguments");
			return -2;
		}
		ops->v[ops->n++] = argv[optind++];
	}
}

int cli_want_operands(struct cli_ctx *ctx, const struct cli_operands *ops,
		      int min, int max, const char *what)
{
	if (ops->n < min)
		return cli_usage(ctx, "missing %s", what);
	if (ops->n > max)
		return cli_usage(ctx, "unexpected argument '%s'", ops->v[max]);
	return 0;
}

void cli_wipe(struct strbuf *sb)
{
	if (sb->alloc)
		sodium_memzero(sb->buf, sb->alloc);
	strbuf_release(sb);
}

static int read_line(FILE *in, struct strbuf *out)
{
	int c;

	strbuf_reset(out);
	while ((c = fgetc(in)) != EOF && c != '\n') {
		if (out->len >= RL_PASSWORD_MAX)
			return rl_error(RL_ETOOBIG, "password longer than %d bytes", RL_PASSWORD_MAX);
		strbuf_addch(out, c);
	}
	if (out->len && out->buf[out->len - 1] == '\r')
		strbuf_setlen(out, out->len - 1);
	if (c == EOF && !out->len)
		return rl_error(RL_EINVAL, "no password given");
	return 0;
}

static int read_noecho(const char *prompt, struct strbuf *out)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	int rc;

	if (!tty)
		return rl_error(RL_EINVAL, "no terminal to read a password from (use --password-stdin)");
	fputs(prompt, tty);
	fflush(tty);
	tcgetattr(fileno(tty), &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	rc = read_line(tty, out);
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return rc;
}

int cli_read_password(bool from_stdin, bool confirm, struct strbuf *out)
{
	struct strbuf again = STRBUF_INIT;
	int rc;

	if (from_stdin)
		return read_line(stdin, out);
	if ((rc = read_noecho("Password: ", out)))
		return rc;
	if (!confirm)
		return 0;
	if ((rc = read_noecho("Again: ", &again))) {
		cli_wipe(&again);
		return rc;
	}
	rc = (out->len == again.len && !memcmp(out->buf, again.buf, out->len)) ? 0
		: rl_error(RL_EINVAL, "the passwords differ");
	cli_wipe(&again);
	return rc;
}
