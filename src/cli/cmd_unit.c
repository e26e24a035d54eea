/*
 * cmd_unit.c: `redline unit ...`, the hotline directory: add, list, show,
 * edit, rename, link, unlink, merge, dissolve, tree, import, contact.
 * Options may come before or after the unit codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/builtin.h"
#include "core/directory.h"
#include "util/status.h"
#include "util/banned.h"

const char usage_unit[] =
	"usage: redline unit add CODE --country C --level L [--parent P] --name-local N --name-en N\n"
	"                        [--name-other N] [--border yes|no] [--border-from D]\n"
	"                        [--valid-from D] [--valid-to D] [--demo]\n"
	"       redline unit list [--country C] [--level L] [--on D | --all] [--q TEXT]\n"
	"                         [--border yes|no] [--demo yes|no] [--parent P] [--limit N]\n"
	"       redline unit show CODE [--on D]\n"
	"       redline unit edit CODE [--from D] [--parent P] [--border yes|no] [--border-from D]\n"
	"                         [--name-local N] [--name-en N] [--name-other N]\n"
	"                         [--valid-from D] [--valid-to D]\n"
	"       redline unit rename CODE [--from D] [--name-local N] [--name-en N] [--name-other N]\n"
	"       redline unit link CODE CODE [--from D]\n"
	"       redline unit unlink CODE CODE [--on D]\n"
	"       redline unit merge CODE... --into CODE --on D\n"
	"       redline unit dissolve CODE --on D\n"
	"       redline unit tree [--country C] [--on D]\n"
	"       redline unit import FILE.csv [--on D]\n"
	"       redline unit contact add CODE --kind K --value V [--note N]\n"
	"       redline unit contact remove CODE CONTACT_ID\n"
	"       redline unit contact list CODE\n"
	"\n"
	"The directory of both countries' units: ministry, province, district,\n"
	"commune (Viet Nam) or village (Laos), with their history. Dates are\n"
	"YYYY-MM-DD; --on shows a date (default today); --from makes a change\n"
	"start on a date (default today), keeping what was before as history.\n"
	"Levels: ministry, province, district, commune/village (or 0-3).\n"
	"\n"
	"merge     the units end the day before --on, --into is their successor;\n"
	"          their units and counterpart links pass to it\n"
	"dissolve  the unit ends the day before --on (refused while units sit under it)\n"
	"import    loads a CSV with a header (code,country,level,parent,name_en,\n"
	"          name_vi,name_lo or name_local,name_other, border,border_from,\n"
	"          neighbours,valid_from,valid_to,successor,demo,contacts); rows are\n"
	"          matched by code, so loading a file twice changes nothing; a bad\n"
	"          line stores nothing\n"
	"contact   kinds: phone, radio, email, hours, other\n";

static int parse_yesno(struct cli_ctx *ctx, const char *opt, const char *v, int *out)
{
	if (!strcmp(v, "yes")) {
		*out = 1;
		return 0;
	}
	if (!strcmp(v, "no")) {
		*out = 0;
		return 0;
	}
	return cli_usage(ctx, "%s needs yes or no", opt);
}

enum {
	O_COUNTRY = 256, O_LEVEL, O_PARENT, O_NAME_LOCAL, O_NAME_EN, O_NAME_OTHER, O_BORDER,
	O_BORDER_FROM, O_VALID_FROM, O_VALID_TO, O_DEMO, O_ON, O_FROM, O_ALL, O_Q, O_LIMIT,
	O_INTO, O_KIND, O_VALUE, O_NOTE,
};

#define OPT(name, arg, val) { name, arg, NULL, val }
#define OPT_END { NULL, 0, NULL, 0 }

/* ---- add / edit / rename ---- */

static const struct option unit_opts[] = {
	OPT("country", required_argument, O_COUNTRY), OPT("level", required_argument, O_LEVEL),
	OPT("parent", required_argument, O_PARENT), OPT("name-local", required_argument, O_NAME_LOCAL),
	OPT("name-en", required_argument, O_NAME_EN), OPT("name-other", required_argument, O_NAME_OTHER),
	OPT("border", required_argument, O_BORDER), OPT("border-from", required_argument, O_BORDER_FROM),
	OPT("valid-from", required_argument, O_VALID_FROM), OPT("valid-to", required_argument, O_VALID_TO),
	OPT("demo", no_argument, O_DEMO), OPT("from", required_argument, O_FROM),
	OPT("help", no_argument, 'h'), OPT_END,
};

/* Parses the options of add, edit and rename. */
static int unit_input(struct cli_ctx *ctx, int argc, char **argv, struct dir_unit_input *in,
		      struct cli_operands *ops, const char **from, unsigned allowed)
{
	int c;

	memset(in, 0, sizeof(*in));
	in->border = -1;
	while ((c = cli_getopt_operands(ctx, argc, argv, unit_opts, ops)) != -1) {
		if (c >= O_COUNTRY && c < O_COUNTRY + 32 && !(allowed & (1u << (c - O_COUNTRY)))) {
			const char *name = "?";
			for (const struct option *o = unit_opts; o->name; o++)
				if (o->val == c)
					name = o->name;
			return cli_usage(ctx, "option '--%s' does not apply here", name);
		}
		switch (c) {
		case O_COUNTRY: in->country = optarg; break;
		case O_LEVEL: in->level = optarg; break;
		case O_PARENT: in->parent = optarg; break;
		case O_NAME_LOCAL: in->name_local = optarg; break;
		case O_NAME_EN: in->name_en = optarg; break;
		case O_NAME_OTHER: in->name_other = optarg; break;
		case O_BORDER:
			if (parse_yesno(ctx, "--border", optarg, &in->border))
				return EXIT_USAGE;
			break;
		case O_BORDER_FROM: in->border_from = optarg; break;
		case O_VALID_FROM: in->valid_from = optarg; break;
		case O_VALID_TO: in->valid_to = optarg; break;
		case O_DEMO: in->demo = true; break;
		case O_FROM: *from = optarg; break;
		case -3: return -3;
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

#define A(o) (1u << ((o) - O_COUNTRY))

static int unit_add(int argc, char **argv, struct cli_ctx *ctx)
{
	struct dir_unit_input in;
	struct cli_operands ops = { 0 };
	struct unit u;
	const char *from = NULL;
	int rc = unit_input(ctx, argc, argv, &in, &ops, &from,
			    A(O_COUNTRY) | A(O_LEVEL) | A(O_PARENT) | A(O_NAME_LOCAL) | A(O_NAME_EN) |
			    A(O_NAME_OTHER) | A(O_BORDER) | A(O_BORDER_FROM) | A(O_VALID_FROM) |
			    A(O_VALID_TO) | A(O_DEMO));
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = cli_want_operands(ctx, &ops, 1, 1, "unit code")))
		return rc;
	in.code = ops.v[0];
	if (in.border < 0)
		in.border = in.border_from ? 1 : 0;
	if (dir_add(ctx->db, &ctx->actor, &in, &u))
		return cli_fail(ctx);
	printf("added %s %s (%s)\n", u.code, u.name_local, u.id);
	return EXIT_OK;
}

static int unit_edit(int argc, char **argv, struct cli_ctx *ctx)
{
	struct dir_unit_input in;
	struct cli_operands ops = { 0 };
	const char *from = NULL;
	int rc = unit_input(ctx, argc, argv, &in, &ops, &from,
			    A(O_PARENT) | A(O_NAME_LOCAL) | A(O_NAME_EN) | A(O_NAME_OTHER) | A(O_BORDER) |
			    A(O_BORDER_FROM) | A(O_VALID_FROM) | A(O_VALID_TO) | A(O_FROM));
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = cli_want_operands(ctx, &ops, 1, 1, "unit code")))
		return rc;
	if (dir_edit(ctx->db, &ctx->actor, ops.v[0], from, &in))
		return cli_fail(ctx);
	printf("changed %s\n", ops.v[0]);
	return EXIT_OK;
}

static int unit_rename(int argc, char **argv, struct cli_ctx *ctx)
{
	struct dir_unit_input in;
	struct cli_operands ops = { 0 };
	const char *from = NULL;
	int rc = unit_input(ctx, argc, argv, &in, &ops, &from,
			    A(O_NAME_LOCAL) | A(O_NAME_EN) | A(O_NAME_OTHER) | A(O_FROM));
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if ((rc = cli_want_operands(ctx, &ops, 1, 1, "unit code")))
		return rc;
	if (!in.name_local && !in.name_en && !in.name_other)
		return cli_usage(ctx, "give --name-local, --name-en or --name-other");
	if (dir_rename(ctx->db, &ctx->actor, ops.v[0], from, in.name_local, in.name_en, in.name_other))
		return cli_fail(ctx);
	printf("renamed %s\n", ops.v[0]);
	return EXIT_OK;
}

/* ---- list / tree / show ---- */

static const char *const list_cols[] = {
	"code", "country", "level", "name_local", "name_en", "name_other", "parent", "border",
	"border_from", "valid_from", "valid_to", "successor", "demo", NULL,
};

static int list_row(const struct unit *u, void *data)
{
	table_addv(data, u->code, u->country, u->level_key, u->name_local, u->name_en, u->name_other,
		   u->parent_code, u->border ? "yes" : "no", u->border_from, u->valid_from, u->valid_to,
		   u->successor_code, u->demo ? "yes" : "no");
	return 0;
}

static int unit_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		OPT("country", required_argument, O_COUNTRY), OPT("level", required_argument, O_LEVEL),
		OPT("on", required_argument, O_ON), OPT("all", no_argument, O_ALL),
		OPT("q", required_argument, O_Q), OPT("border", required_argument, O_BORDER),
		OPT("demo", required_argument, O_DEMO), OPT("parent", required_argument, O_PARENT),
		OPT("limit", required_argument, O_LIMIT), OPT("help", no_argument, 'h'), OPT_END,
	};
	struct unit_filter f = { .level = -1, .border = -1, .demo = -1 };
	struct cli_operands ops = { 0 };
	const char *level = NULL;
	char today[RL_DATE_LEN + 1];
	bool all = false;
	struct table t;
	int c, rc;
	char *end;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_COUNTRY: f.country = optarg; break;
		case O_LEVEL: level = optarg; break;
		case O_ON: f.on = optarg; break;
		case O_ALL: all = true; break;
		case O_Q: f.q = optarg; break;
		case O_BORDER:
			if (parse_yesno(ctx, "--border", optarg, &f.border))
				return EXIT_USAGE;
			break;
		case O_DEMO:
			if (parse_yesno(ctx, "--demo", optarg, &f.demo))
				return EXIT_USAGE;
			break;
		case O_PARENT: f.parent_id = optarg; break;
		case O_LIMIT:
			f.limit = (int)strtol(optarg, &end, 10);
			if (*end || f.limit < 1 || f.limit > 1000000)
				return cli_usage(ctx, "--limit needs a number from 1 to 1000000");
			break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = cli_want_operands(ctx, &ops, 0, 0, "")))
		return rc;
	if (all && f.on)
		return cli_usage(ctx, "--all and --on exclude each other");
	if (!all && !f.on) {
		rl_today(today);
		f.on = today;
	}
	if (level) {
		/* Level names differ by country (commune, village): resolve per country. */
		static const char *const keys[] = { "ministry", "province", "district", "commune", "village" };
		static const int ranks[] = { 0, 1, 2, 3, 3 };
		char *e;
		long v = strtol(level, &e, 10);
		if (!*e && v >= 0 && v <= 3)
			f.level = (int)v;
		for (int i = 0; i < 5; i++)
			if (!strcmp(level, keys[i]))
				f.level = ranks[i];
		if (f.level < 0)
			return cli_usage(ctx, "unknown level '%s'", level);
	}
	table_init(&t, list_cols);
	rc = dir_list(ctx->db, &ctx->actor, &f, list_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

struct tree_out {
	struct table t;
	bool text;
};

static int tree_row(const struct unit *u, int depth, void *data)
{
	struct tree_out *o = data;
	char d[8];

	if (o->text) {
		printf("%*s%s  %s", depth * 2, "", u->code, u->name_local);
		if (strcmp(u->name_local, u->name_en))
			printf(" / %s", u->name_en);
		printf("  (%s%s%s)\n", u->level_key, u->border ? ", border" : "", u->demo ? ", demo" : "");
		return 0;
	}
	snprintf(d, sizeof(d), "%d", depth);
	table_addv(&o->t, d, u->code, u->country, u->level_key, u->name_local, u->name_en,
		   u->parent_code, u->border ? "yes" : "no", u->demo ? "yes" : "no");
	return 0;
}

static int unit_tree(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		OPT("country", required_argument, O_COUNTRY), OPT("on", required_argument, O_ON),
		OPT("help", no_argument, 'h'), OPT_END,
	};
	static const char *const cols[] = { "depth", "code", "country", "level", "name_local", "name_en",
					    "parent", "border", "demo", NULL };
	struct cli_operands ops = { 0 };
	const char *country = NULL, *on = NULL;
	struct tree_out o;
	int c, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_COUNTRY: country = optarg; break;
		case O_ON: on = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = cli_want_operands(ctx, &ops, 0, 0, "")))
		return rc;
	o.text = ctx->format == TABLE_TEXT;
	table_init(&o.t, cols);
	rc = dir_tree(ctx->db, &ctx->actor, country, on, tree_row, &o);
	if (!rc && !o.text)
		table_print(&o.t, stdout, ctx->format);
	table_release(&o.t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static json_t *jstr(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *unit_json(const struct unit *u)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(u->id));
	json_object_set_new(o, "code", json_string(u->code));
	json_object_set_new(o, "country", json_string(u->country));
	json_object_set_new(o, "level", json_string(u->level_key));
	json_object_set_new(o, "name_local", json_string(u->name_local));
	json_object_set_new(o, "name_en", json_string(u->name_en));
	json_object_set_new(o, "name_other", json_string(u->name_other));
	json_object_set_new(o, "border", json_boolean(u->border));
	json_object_set_new(o, "border_from", jstr(u->border_from));
	json_object_set_new(o, "valid_from", jstr(u->valid_from));
	json_object_set_new(o, "valid_to", jstr(u->valid_to));
	json_object_set_new(o, "successor", jstr(u->successor_code));
	json_object_set_new(o, "demo", json_boolean(u->demo));
	json_object_set_new(o, "exists", json_boolean(u->exists));
	return o;
}

static int show_contact(const struct unit_contact *c, void *data)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "kind", json_string(c->kind));
	json_object_set_new(o, "value", json_string(c->value));
	json_object_set_new(o, "note", json_string(c->note));
	json_array_append_new(data, o);
	return 0;
}

static int show_link(const struct unit_link *l, void *data)
{
	json_t *o = json_object();
	json_object_set_new(o, "code", json_string(l->other.code));
	json_object_set_new(o, "country", json_string(l->other.country));
	json_object_set_new(o, "level", json_string(l->other.level_key));
	json_object_set_new(o, "name_en", json_string(l->other.name_en));
	json_object_set_new(o, "name_local", json_string(l->other.name_local));
	json_object_set_new(o, "valid_from", jstr(l->valid_from));
	json_object_set_new(o, "valid_to", jstr(l->valid_to));
	json_array_append_new(data, o);
	return 0;
}

static int show_history(const struct unit *u, void *data)
{
	json_t *o = json_object();
	json_object_set_new(o, "from", jstr(u->version_from));
	json_object_set_new(o, "to", jstr(u->version_to));
	json_object_set_new(o, "parent", jstr(u->parent_code));
	json_object_set_new(o, "name_local", json_string(u->name_local));
	json_object_set_new(o, "name_en", json_string(u->name_en));
	json_object_set_new(o, "name_other", json_string(u->name_other));
	json_object_set_new(o, "border", json_boolean(u->border));
	json_array_append_new(data, o);
	return 0;
}

static int show_child(const struct unit *u, void *data)
{
	json_array_append_new(data, json_string(u->code));
	return 0;
}

static const char *js(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "-";
}

static void print_show_text(json_t *j)
{
	static const char *const keys[] = { "code", "id", "country", "level", "name_local", "name_en",
					    "name_other", "parent", "valid_from", "valid_to", "successor",
					    "border_from", NULL };
	size_t i;
	json_t *v;

	for (const char *const *k = keys; *k; k++)
		printf("%-12s %s\n", *k, js(j, *k));
	printf("%-12s %s\n", "border", json_is_true(json_object_get(j, "border")) ? "yes" : "no");
	printf("%-12s %s\n", "demo", json_is_true(json_object_get(j, "demo")) ? "yes" : "no");
	printf("%-12s %s\n", "exists", json_is_true(json_object_get(j, "exists")) ? "yes" : "no (not on this date)");
	printf("children    ");
	json_array_foreach(json_object_get(j, "children"), i, v)
		printf(" %s", json_string_value(v));
	printf("\ncontacts:\n");
	json_array_foreach(json_object_get(j, "contacts"), i, v)
		printf("  %s  %-6s %s%s%s\n", js(v, "id"), js(v, "kind"), js(v, "value"),
		       *js(v, "note") ? "  " : "", js(v, "note"));
	printf("counterparts:\n");
	json_array_foreach(json_object_get(j, "counterparts"), i, v)
		printf("  %s  %s / %s  (%s, %s)\n", js(v, "code"), js(v, "name_local"), js(v, "name_en"),
		       js(v, "country"), js(v, "level"));
	printf("history:\n");
	json_array_foreach(json_object_get(j, "history"), i, v)
		printf("  %s .. %s  %s / %s  parent %s%s\n", js(v, "from"), js(v, "to"), js(v, "name_local"),
		       js(v, "name_en"), js(v, "parent"),
		       json_is_true(json_object_get(v, "border")) ? "  border" : "");
}

static int unit_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		OPT("on", required_argument, O_ON), OPT("help", no_argument, 'h'), OPT_END,
	};
	struct cli_operands ops = { 0 };
	const char *on = NULL;
	struct unit u;
	json_t *j, *arr;
	int c, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_ON: on = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = cli_want_operands(ctx, &ops, 1, 1, "unit code")))
		return rc;
	if (dir_find(ctx->db, &ctx->actor, ops.v[0], on, &u))
		return cli_fail(ctx);
	j = unit_json(&u);
	json_object_set_new(j, "parent", jstr(u.parent_code));
	arr = json_array();
	json_object_set_new(j, "contacts", arr);
	rc = dir_contacts(ctx->db, &ctx->actor, u.id, show_contact, arr);
	arr = json_array();
	json_object_set_new(j, "counterparts", arr);
	if (!rc) {
		/* A unit of the date: its links then; one that did not exist: all it ever had. */
		char today[RL_DATE_LEN + 1];
		rl_today(today);
		rc = dir_links(ctx->db, &ctx->actor, u.id, u.exists ? (on ? on : today) : NULL, show_link, arr);
	}
	arr = json_array();
	json_object_set_new(j, "children", arr);
	if (!rc && u.exists) {
		struct unit_filter f = { .level = -1, .border = -1, .demo = -1, .parent_id = u.id };
		char today[RL_DATE_LEN + 1];
		rl_today(today);
		f.on = on ? on : today;
		rc = dir_list(ctx->db, &ctx->actor, &f, show_child, arr);
	}
	arr = json_array();
	json_object_set_new(j, "history", arr);
	if (!rc)
		rc = dir_history(ctx->db, &ctx->actor, u.id, show_history, arr);
	if (!rc) {
		if (ctx->format == TABLE_TEXT) {
			print_show_text(j);
		} else if (ctx->format == TABLE_CSV) {
			struct table t;
			table_init(&t, list_cols);
			list_row(&u, &t);
			table_print(&t, stdout, TABLE_CSV);
			table_release(&t);
		} else {
			char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			puts(s);
			free(s);
		}
	}
	json_decref(j);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

/* ---- link / unlink / merge / dissolve ---- */

static int date_cmd(int argc, char **argv, struct cli_ctx *ctx, const char *optname, int min, int max,
		    const char *what, struct cli_operands *ops, const char **date, const char **into)
{
	struct option opts[] = {
		OPT(optname, required_argument, O_ON), OPT("into", required_argument, O_INTO),
		OPT("help", no_argument, 'h'), OPT_END,
	};
	int c;

	if (!into)
		opts[1] = opts[2], opts[2] = (struct option)OPT_END;
	while ((c = cli_getopt_operands(ctx, argc, argv, opts, ops)) != -1) {
		switch (c) {
		case O_ON: *date = optarg; break;
		case O_INTO: *into = optarg; break;
		case -3: return -3;
		default: return EXIT_USAGE;
		}
	}
	return cli_want_operands(ctx, ops, min, max, what);
}

static int unit_link(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_operands ops = { 0 };
	const char *from = NULL;
	int rc = date_cmd(argc, argv, ctx, "from", 2, 2, "two unit codes", &ops, &from, NULL);
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (dir_link(ctx->db, &ctx->actor, ops.v[0], ops.v[1], from))
		return cli_fail(ctx);
	printf("linked %s and %s\n", ops.v[0], ops.v[1]);
	return EXIT_OK;
}

static int unit_unlink(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_operands ops = { 0 };
	const char *on = NULL;
	int rc = date_cmd(argc, argv, ctx, "on", 2, 2, "two unit codes", &ops, &on, NULL);
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (dir_unlink(ctx->db, &ctx->actor, ops.v[0], ops.v[1], on))
		return cli_fail(ctx);
	printf("unlinked %s and %s\n", ops.v[0], ops.v[1]);
	return EXIT_OK;
}

static int unit_merge(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_operands ops = { 0 };
	const char *on = NULL, *into = NULL;
	int rc = date_cmd(argc, argv, ctx, "on", 1, RL_CLI_OPERANDS_MAX, "units to merge", &ops, &on, &into);
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (!into)
		return cli_usage(ctx, "merge needs --into CODE");
	if (!on)
		return cli_usage(ctx, "merge needs --on DATE");
	if (dir_merge(ctx->db, &ctx->actor, ops.v, ops.n, into, on))
		return cli_fail(ctx);
	printf("merged %d unit%s into %s from %s\n", ops.n, ops.n == 1 ? "" : "s", into, on);
	return EXIT_OK;
}

static int unit_dissolve(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_operands ops = { 0 };
	const char *on = NULL;
	int rc = date_cmd(argc, argv, ctx, "on", 1, 1, "unit code", &ops, &on, NULL);
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (!on)
		return cli_usage(ctx, "dissolve needs --on DATE");
	if (dir_dissolve(ctx->db, &ctx->actor, ops.v[0], on))
		return cli_fail(ctx);
	printf("dissolved %s from %s\n", ops.v[0], on);
	return EXIT_OK;
}

/* ---- import ---- */

static int unit_import(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_operands ops = { 0 };
	struct dir_import_result res;
	const char *on = NULL;
	FILE *in;
	int rc = date_cmd(argc, argv, ctx, "on", 1, 1, "CSV file", &ops, &on, NULL);
	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	in = fopen(ops.v[0], "rb");
	if (!in) {
		rl_error(RL_ENOTFOUND, "cannot open '%s'", ops.v[0]);
		return cli_fail(ctx);
	}
	rc = dir_import(ctx->db, &ctx->actor, in, ops.v[0], on, &res);
	fclose(in);
	if (rc)
		return cli_fail(ctx);
	printf("imported %s: %d added, %d updated, %d unchanged, %d links, %d contacts\n", ops.v[0],
	       res.added, res.updated, res.unchanged, res.linked, res.contacts);
	return EXIT_OK;
}

/* ---- contacts ---- */

static int contact_row(const struct unit_contact *c, void *data)
{
	table_addv(data, c->id, c->kind, c->value, c->note);
	return 0;
}

static int unit_contact(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		OPT("kind", required_argument, O_KIND), OPT("value", required_argument, O_VALUE),
		OPT("note", required_argument, O_NOTE), OPT("help", no_argument, 'h'), OPT_END,
	};
	static const char *const cols[] = { "id", "kind", "value", "note", NULL };
	struct cli_operands ops = { 0 };
	const char *kind = NULL, *value = NULL, *note = NULL;
	int c, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_KIND: kind = optarg; break;
		case O_VALUE: value = optarg; break;
		case O_NOTE: note = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (ops.n < 1)
		return cli_usage(ctx, "missing 'add', 'remove' or 'list'");
	if (!strcmp(ops.v[0], "add")) {
		char id[RL_ID_LEN + 1];
		if ((rc = cli_want_operands(ctx, &ops, 2, 2, "unit code")))
			return rc;
		if (!kind || !value)
			return cli_usage(ctx, "contact add needs --kind and --value");
		if (dir_contact_add(ctx->db, &ctx->actor, ops.v[1], kind, value, note, id))
			return cli_fail(ctx);
		printf("added contact %s\n", id);
		return EXIT_OK;
	}
	if (!strcmp(ops.v[0], "remove")) {
		if ((rc = cli_want_operands(ctx, &ops, 3, 3, "unit code and contact id")))
			return rc;
		if (dir_contact_remove(ctx->db, &ctx->actor, ops.v[1], ops.v[2]))
			return cli_fail(ctx);
		printf("removed contact %s\n", ops.v[2]);
		return EXIT_OK;
	}
	if (!strcmp(ops.v[0], "list")) {
		struct table t;
		if ((rc = cli_want_operands(ctx, &ops, 2, 2, "unit code")))
			return rc;
		table_init(&t, cols);
		rc = dir_contacts(ctx->db, &ctx->actor, ops.v[1], contact_row, &t);
		if (!rc)
			table_print(&t, stdout, ctx->format);
		table_release(&t);
		return rc ? cli_fail(ctx) : EXIT_OK;
	}
	return cli_usage(ctx, "unknown contact subcommand '%s'", ops.v[0]);
}

int cmd_unit(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "add", unit_add, "add a unit" },
		{ "list", unit_list, "list units" },
		{ "show", unit_show, "show a unit with contacts, counterparts and history" },
		{ "edit", unit_edit, "change a unit from a date" },
		{ "rename", unit_rename, "rename a unit from a date" },
		{ "link", unit_link, "link counterparts across the border" },
		{ "unlink", unit_unlink, "end a counterpart link" },
		{ "merge", unit_merge, "merge units into another" },
		{ "dissolve", unit_dissolve, "end a unit" },
		{ "tree", unit_tree, "print the tree of units on a date" },
		{ "import", unit_import, "load units from CSV" },
		{ "contact", unit_contact, "add, remove or list contacts" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
