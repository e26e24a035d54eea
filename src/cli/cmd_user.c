/*
 * cmd_user.c: `redline user`: accounts (add, list, show, passwd, disable,
 * enable, roles, unit, name). Passwords come from the terminal without
 * echo or, with --password-stdin, from one line of stdin: never argv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/account.h"
#include "util/status.h"
#include "util/banned.h"

const char usage_user[] =
	"usage: redline user add LOGIN --unit CODE --roles ROLES --name NAME [--password-stdin]\n"
	"       redline user list [--unit CODE] [--role ROLE] [--disabled | --enabled] [--demo]\n"
	"                         [--limit N] [--after LOGIN]\n"
	"       redline user show LOGIN\n"
	"       redline user passwd LOGIN [--password-stdin]\n"
	"       redline user disable LOGIN\n"
	"       redline user enable LOGIN\n"
	"       redline user roles LOGIN ROLES\n"
	"       redline user unit LOGIN CODE\n"
	"       redline user name LOGIN NAME\n"
	"\n"
	"Accounts of the people who sign in. Users are never deleted: disable\n"
	"them (which also ends their sessions).\n"
	"\n"
	"  LOGIN             1-64 of a-z, 0-9, '.', '_', '-'\n"
	"  ROLES             comma-separated: officer, supervisor, analyst,\n"
	"                    checkpoint, admin\n"
	"  --password-stdin  read the password from the first line of stdin\n"
	"                    instead of asking on the terminal\n"
	"  --demo            only the accounts made by 'init --demo' (and their\n"
	"                    shared password)\n"
	"  --disabled        list only disabled accounts (--enabled: only enabled;\n"
	"                    default: both)\n"
	"\n"
	"Global option --as LOGIN runs any command with that user's rights.\n";

static const char roles_help[] = "officer, supervisor, analyst, checkpoint, admin";

static int parse_roles(const char *s, unsigned *out)
{
	if (roles_parse_list(s, out))
		return rl_error(RL_EINVAL, "unknown role in '%s' (roles: %s)", s, roles_help);
	return 0;
}

/* Exactly n operands after the options, or a usage error. */
static int want_operands(struct cli_ctx *ctx, int argc, char **argv, int n, const char *what)
{
	if (argc - optind < n)
		return cli_usage(ctx, "%s", what);
	if (argc - optind > n)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind + n]);
	return 0;
}

/* The same for commands that read a password: a stray argument there may
 * be a password typed on the command line, so it is not echoed. */
static int want_operands_secret(struct cli_ctx *ctx, int argc, int n, const char *what)
{
	if (argc - optind < n)
		return cli_usage(ctx, "%s", what);
	if (argc - optind > n)
		return cli_usage(ctx, "unexpected argument (a password is never taken from"
				 " the command line: use --password-stdin or the prompt)");
	return 0;
}

/*
 * `user add LOGIN --unit ...`: the login may come before the options
 * (cli_getopt stops at the first operand). Takes it out of argv, so the
 * options after it parse as usual; NULL if argv[1] is not an operand.
 */
static const char *leading_operand(int *argc, char ***argv)
{
	char **v = *argv;
	const char *op;

	if (*argc < 2 || v[1][0] == '-')
		return NULL;
	op = v[1];
	v[1] = v[0];
	(*argv)++;
	(*argc)--;
	return op;
}

/* Options parsing for subcommands that take none but --help. */
static int no_options(struct cli_ctx *ctx, int argc, char **argv)
{
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? -3 : EXIT_USAGE;
	return 0;
}

static int user_add(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' },
		{ "roles", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct account_new n = { 0 };
	struct strbuf pw = STRBUF_INIT;
	struct user_rec u;
	const char *roles = NULL;
	bool from_stdin = false;
	int c, rc;

	n.login = leading_operand(&argc, &argv);
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'u': n.unit_code = optarg; break;
		case 'r': roles = optarg; break;
		case 'n': n.full_name = optarg; break;
		case 'p': from_stdin = true; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = want_operands_secret(ctx, argc, n.login ? 0 : 1, "user add needs a LOGIN")))
		return rc;
	if (!n.login)
		n.login = argv[optind];
	if (!n.unit_code)
		return cli_usage(ctx, "user add needs --unit CODE");
	if (!roles)
		return cli_usage(ctx, "user add needs --roles ROLES");
	if (!n.full_name)
		return cli_usage(ctx, "user add needs --name NAME");
	/* Check what can be checked before asking for a password. */
	if (account_check_login(n.login) || account_check_name(n.full_name) ||
	    parse_roles(roles, &n.roles))
		return cli_fail(ctx);
	if (cli_read_password(from_stdin, true, &pw)) {
		cli_wipe(&pw);
		return cli_fail(ctx);
	}
	n.password = pw.buf;
	n.password_len = pw.len;
	rc = account_add(ctx->db, &ctx->actor, &n, &u);
	cli_wipe(&pw);
	if (rc)
		return cli_fail(ctx);
	printf("added user %s (%s)\n", u.login, u.id);
	return EXIT_OK;
}

static int add_row(const struct user_rec *u, void *data)
{
	char roles[64];

	roles_format(u->roles, roles, sizeof(roles));
	table_addv(data, u->login, u->full_name, u->unit_code, roles,
		   u->disabled ? "disabled" : "enabled", u->created_at);
	return 0;
}

static int user_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' },
		{ "role", required_argument, NULL, 'r' },
		{ "disabled", no_argument, NULL, 'd' },
		{ "enabled", no_argument, NULL, 'e' },
		{ "demo", no_argument, NULL, 'D' },
		{ "limit", required_argument, NULL, 'n' },
		{ "after", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "login", "name", "unit", "roles", "state", "created", NULL };
	struct account_filter f = { .disabled = -1, .limit = -1 };
	struct table t;
	char *end;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'u': f.unit_code = optarg; break;
		case 'r':
			f.roles = role_parse(optarg);
			if (!f.roles) {
				rl_error(RL_EINVAL, "unknown role '%s' (roles: %s)", optarg, roles_help);
				return cli_fail(ctx);
			}
			break;
		case 'd': f.disabled = 1; break;
		case 'e': f.disabled = 0; break;
		case 'D': f.demo_only = true; break;
		case 'n':
			f.limit = (int)strtol(optarg, &end, 10);
			if (*end || f.limit < 1 || f.limit > RL_PAGE_MAX)
				return cli_usage(ctx, "--limit needs a number from 1 to %d", RL_PAGE_MAX);
			break;
		case 'a': f.after = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	table_init(&t, cols);
	rc = account_list(ctx->db, &ctx->actor, &f, add_row, &t);
	if (!rc) {
		table_print(&t, stdout, ctx->format);
		if (f.demo_only && ctx->format == TABLE_TEXT && t.nrows)
			printf("\nevery demo account's password: %s\n", ACCOUNT_DEMO_PASSWORD);
	}
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int user_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const char *const cols[] = { "id", "login", "name", "unit", "unit_name", "roles",
					    "state", "created", "updated", "password_changed", NULL };
	struct user_rec u;
	struct table t;
	char roles[64];
	int rc;

	if ((rc = no_options(ctx, argc, argv)))
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = want_operands(ctx, argc, argv, 1, "user show needs a LOGIN")))
		return rc;
	if (account_get(ctx->db, &ctx->actor, argv[optind], &u))
		return cli_fail(ctx);
	roles_format(u.roles, roles, sizeof(roles));
	if (ctx->format == TABLE_TEXT) {
		printf("login:            %s\n", u.login);
		printf("id:               %s\n", u.id);
		printf("name:             %s\n", u.full_name);
		printf("unit:             %s (%s)\n", u.unit_code, u.unit_name_en);
		printf("roles:            %s\n", roles);
		printf("state:            %s\n", u.disabled ? "disabled" : "enabled");
		printf("created:          %s\n", u.created_at);
		printf("updated:          %s\n", u.updated_at);
		printf("password changed: %s\n", u.password_changed_at);
		return EXIT_OK;
	}
	table_init(&t, cols);
	table_addv(&t, u.id, u.login, u.full_name, u.unit_code, u.unit_name_en, roles,
		   u.disabled ? "disabled" : "enabled", u.created_at, u.updated_at,
		   u.password_changed_at);
	table_print(&t, stdout, ctx->format);
	table_release(&t);
	return EXIT_OK;
}

static int user_passwd(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strbuf pw = STRBUF_INIT;
	struct user_rec u;
	const char *login = leading_operand(&argc, &argv);
	bool from_stdin = false;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'p': from_stdin = true; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = want_operands_secret(ctx, argc, login ? 0 : 1, "user passwd needs a LOGIN")))
		return rc;
	if (!login)
		login = argv[optind];
	/* Fail on an unknown user before asking for a password. */
	if (account_get(ctx->db, &ctx->actor, login, &u))
		return cli_fail(ctx);
	if (cli_read_password(from_stdin, true, &pw)) {
		cli_wipe(&pw);
		return cli_fail(ctx);
	}
	rc = account_set_password(ctx->db, &ctx->actor, u.login, pw.buf, pw.len, NULL);
	cli_wipe(&pw);
	if (rc)
		return cli_fail(ctx);
	printf("password of %s changed; their sessions ended\n", u.login);
	return EXIT_OK;
}

static int set_state(int argc, char **argv, struct cli_ctx *ctx, bool disabled)
{
	int rc;

	if ((rc = no_options(ctx, argc, argv)))
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = want_operands(ctx, argc, argv, 1, disabled ? "user disable needs a LOGIN"
							       : "user enable needs a LOGIN")))
		return rc;
	if (account_set_disabled(ctx->db, &ctx->actor, argv[optind], disabled))
		return cli_fail(ctx);
	printf("%s %s\n", disabled ? "disabled" : "enabled", argv[optind]);
	return EXIT_OK;
}

static int user_disable(int argc, char **argv, struct cli_ctx *ctx)
{
	return set_state(argc, argv, ctx, true);
}

static int user_enable(int argc, char **argv, struct cli_ctx *ctx)
{
	return set_state(argc, argv, ctx, false);
}

static int user_roles(int argc, char **argv, struct cli_ctx *ctx)
{
	unsigned roles;
	int rc;

	if ((rc = no_options(ctx, argc, argv)))
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = want_operands(ctx, argc, argv, 2, "user roles needs a LOGIN and ROLES")))
		return rc;
	if (parse_roles(argv[optind + 1], &roles) ||
	    account_set_roles(ctx->db, &ctx->actor, argv[optind], roles))
		return cli_fail(ctx);
	printf("roles of %s set\n", argv[optind]);
	return EXIT_OK;
}

static int user_unit(int argc, char **argv, struct cli_ctx *ctx)
{
	int rc;

	if ((rc = no_options(ctx, argc, argv)))
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = want_operands(ctx, argc, argv, 2, "user unit needs a LOGIN and a unit CODE")))
		return rc;
	if (account_set_unit(ctx->db, &ctx->actor, argv[optind], argv[optind + 1]))
		return cli_fail(ctx);
	printf("%s moved to %s\n", argv[optind], argv[optind + 1]);
	return EXIT_OK;
}

static int user_name(int argc, char **argv, struct cli_ctx *ctx)
{
	int rc;

	if ((rc = no_options(ctx, argc, argv)))
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = want_operands(ctx, argc, argv, 2, "user name needs a LOGIN and a NAME")))
		return rc;
	if (account_set_name(ctx->db, &ctx->actor, argv[optind], argv[optind + 1]))
		return cli_fail(ctx);
	printf("name of %s set\n", argv[optind]);
	return EXIT_OK;
}

int cmd_user(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "add", user_add, "add an account" },
		{ "list", user_list, "list accounts" },
		{ "show", user_show, "show one account" },
		{ "passwd", user_passwd, "set a password" },
		{ "disable", user_disable, "disable an account and end its sessions" },
		{ "enable", user_enable, "enable an account again" },
		{ "roles", user_roles, "replace an account's roles" },
		{ "unit", user_unit, "move an account to another unit" },
		{ "name", user_name, "change an account's full name" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
