/*
 * cmd_notice.c: `redline notice ...`: add, list, show, approve, withdraw,
 * expire, link, hits, import, export. Options may come before or after
 * the operands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/notice.h"
#include "core/screen.h"
#include "util/status.h"

const char usage_notice[] =
	"usage: redline notice add --kind K (--name N | --plate P) [--unit CODE] [--ref REF]\n"
	"                          [--aliases A|B] [--birth D] [--sex M|F] [--nationality C]\n"
	"                          [--doc NO|NO] [--marks TEXT] [--plate-country C] [--make M]\n"
	"                          [--colour C] [--reason TEXT] [--action A] [--valid-from D]\n"
	"                          [--valid-to D] [--tlp T] [--sharing own_country|both]\n"
	"       redline notice list [--state S|all] [--kind K] [--unit CODE] [--q TEXT] [--limit N]\n"
	"       redline notice show REF\n"
	"       redline notice approve REF\n"
	"       redline notice withdraw REF [--reason TEXT]\n"
	"       redline notice expire\n"
	"       redline notice link REF --case COUNTRY/REF|REF|ID\n"
	"       redline notice hits REF\n"
	"       redline notice import FILE.csv [--unit CODE] [--draft] [--skip-bad] [--tlp T]\n"
	"                                      [--sharing own_country|both]\n"
	"       redline notice export [--state S|all] [--kind K] [--unit CODE]\n"
	"\n"
	"Notices of wanted persons, fugitives, missing persons, trafficking victims\n"
	"(kinds wanted, fugitive, missing, trafficking_victim) and vehicles of\n"
	"interest (vehicle), screened at checkpoints by `redline screen`.\n"
	"\n"
	"add       stores a draft issued by --unit (default: your unit); a supervisor\n"
	"          of that unit or a unit above it approves it, and only then is it\n"
	"          screened. Birth dates may be partial: YYYY, YYYY-MM, YYYY-MM-DD;\n"
	"          nationality is an ISO 3166 alpha-3 code (VNM, LAO, THA, CHN...).\n"
	"          Actions: arrest, discreet_check, protect_inform, seize (default by\n"
	"          kind). TLP: CLEAR, GREEN, AMBER (default), AMBER+STRICT, RED.\n"
	"          Sharing: own_country (default) or both countries.\n"
	"list      the notices you may see (default state: active)\n"
	"expire    ends the active notices whose valid_to is past\n"
	"link      links the notice to a case you may read, given as COUNTRY/REF\n"
	"          (VNM/VN-22-2026-000001), a REF only one country uses, or its id\n"
	"import    loads CSV with the columns ref,kind,full_name,aliases,birth_date,\n"
	"          sex,nationality,document_no (aliases '|'-separated), in any order;\n"
	"          optionally plate,plate_country,make,colour (a vehicle notice needs a\n"
	"          plate and may leave full_name empty; plates are compared letters and\n"
	"          digits only, Lao letters romanized), and action, tlp, sharing,\n"
	"          valid_from, valid_to. Rows are matched by ref, so a\n"
	"          second load changes nothing. Every bad line is reported with its\n"
	"          number and nothing is stored, unless --skip-bad. Imported notices\n"
	"          are active, approved by whoever imports (the operator, system:cli,\n"
	"          or with --as a supervisor of the unit); --draft stores drafts.\n"
	"          The issuing unit is --unit, else your unit, else the node's ministry.\n"
	"export    writes the notices you may see as CSV to standard output (the\n"
	"          import's columns, the vehicle's, then the notice's settings)\n";

enum {
	O_KIND = 256, O_NAME, O_PLATE, O_UNIT, O_REF, O_ALIASES, O_BIRTH, O_SEX, O_NAT, O_DOC, O_MARKS,
	O_PLATE_COUNTRY, O_MAKE, O_COLOUR, O_REASON, O_ACTION, O_FROM, O_TO, O_TLP, O_SHARING,
	O_STATE, O_Q, O_LIMIT, O_DRAFT, O_SKIP_BAD, O_CASE,
};

#define OPT(name, arg, val) { name, arg, NULL, val }
#define OPT_END { NULL, 0, NULL, 0 }

static const char *const cols[] = {
	"ref", "kind", "state", "name", "aliases", "birth_date", "sex", "nationality", "documents",
	"plate", "issuing_unit", "action", "tlp", "sharing", "valid_from", "valid_to", NULL,
};

static int list_row(const struct notice *n, void *data)
{
	table_addv(data, n->ref, n->kind, n->state, n->full_name, n->aliases, n->birth_date, n->sex,
		   n->nationality, n->documents, n->plate, n->unit_code, n->action, n->tlp, n->sharing,
		   n->valid_from, n->valid_to);
	return 0;
}

/* links: "case VNM/REF, case ..." or "" (show only). */
static void print_notice(struct cli_ctx *ctx, const struct notice *n, const char *links)
{
	if (ctx->format != TABLE_TEXT) {
		static const char *const full[] = {
			"id", "ref", "kind", "state", "name", "aliases", "birth_date", "sex", "nationality",
			"documents", "marks", "plate", "plate_key", "plate_country", "make", "colour",
			"issuing_unit", "country", "reason", "action", "valid_from", "valid_to", "tlp",
			"sharing", "created_by", "created_at", "approved_by", "approved_at", "ended_by",
			"ended_at", "end_reason", "links", NULL,
		};
		struct table t;
		table_init(&t, full);
		table_addv(&t, n->id, n->ref, n->kind, n->state, n->full_name, n->aliases, n->birth_date,
			   n->sex, n->nationality, n->documents, n->marks, n->plate, n->plate_key,
			   n->plate_country, n->make, n->colour, n->unit_code, n->country, n->reason,
			   n->action, n->valid_from, n->valid_to, n->tlp, n->sharing, n->created_by,
			   n->created_at, n->approved_by, n->approved_at, n->ended_by, n->ended_at,
			   n->end_reason, links);
		table_print(&t, stdout, ctx->format);
		table_release(&t);
		return;
	}
#define LINE(label, v) do { if ((v) && *(v)) printf("%-13s %s\n", label ":", v); } while (0)
	LINE("ref", n->ref);
	LINE("id", n->id);
	LINE("kind", n->kind);
	LINE("state", n->state);
	LINE("name", n->full_name);
	LINE("aliases", n->aliases);
	LINE("birth date", n->birth_date);
	LINE("sex", n->sex);
	LINE("nationality", n->nationality);
	LINE("documents", n->documents);
	LINE("marks", n->marks);
	LINE("plate", n->plate);
	LINE("plate country", n->plate_country);
	LINE("make", n->make);
	LINE("colour", n->colour);
	LINE("issued by", n->unit_code);
	LINE("reason", n->reason);
	LINE("on a hit", n->action);
	LINE("valid from", n->valid_from);
	LINE("valid to", n->valid_to);
	LINE("tlp", n->tlp);
	LINE("sharing", n->sharing);
	LINE("created by", n->created_by);
	LINE("created at", n->created_at);
	LINE("approved by", n->approved_by);
	LINE("approved at", n->approved_at);
	LINE("ended by", n->ended_by);
	LINE("ended at", n->ended_at);
	LINE("end reason", n->end_reason);
	LINE("links", links);
#undef LINE
}

static int notice_add_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		OPT("kind", required_argument, O_KIND), OPT("name", required_argument, O_NAME),
		OPT("plate", required_argument, O_PLATE), OPT("unit", required_argument, O_UNIT),
		OPT("ref", required_argument, O_REF), OPT("aliases", required_argument, O_ALIASES),
		OPT("birth", required_argument, O_BIRTH), OPT("sex", required_argument, O_SEX),
		OPT("nationality", required_argument, O_NAT), OPT("doc", required_argument, O_DOC),
		OPT("marks", required_argument, O_MARKS),
		OPT("plate-country", required_argument, O_PLATE_COUNTRY),
		OPT("make", required_argument, O_MAKE), OPT("colour", required_argument, O_COLOUR),
		OPT("reason", required_argument, O_REASON), OPT("action", required_argument, O_ACTION),
		OPT("valid-from", required_argument, O_FROM), OPT("valid-to", required_argument, O_TO),
		OPT("tlp", required_argument, O_TLP), OPT("sharing", required_argument, O_SHARING),
		OPT("help", no_argument, 'h'), OPT_END,
	};
	struct notice_input in = { 0 };
	struct cli_operands ops = { 0 };
	struct notice n;
	int c, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_KIND: in.kind = optarg; break;
		case O_NAME: in.full_name = optarg; break;
		case O_PLATE: in.plate = optarg; break;
		case O_UNIT: in.unit = optarg; break;
		case O_REF: in.ref = optarg; break;
		case O_ALIASES: in.aliases = optarg; break;
		case O_BIRTH: in.birth_date = optarg; break;
		case O_SEX: in.sex = optarg; break;
		case O_NAT: in.nationality = optarg; break;
		case O_DOC: in.documents = optarg; break;
		case O_MARKS: in.marks = optarg; break;
		case O_PLATE_COUNTRY: in.plate_country = optarg; break;
		case O_MAKE: in.make = optarg; break;
		case O_COLOUR: in.colour = optarg; break;
		case O_REASON: in.reason = optarg; break;
		case O_ACTION: in.action = optarg; break;
		case O_FROM: in.valid_from = optarg; break;
		case O_TO: in.valid_to = optarg; break;
		case O_TLP: in.tlp = optarg; break;
		case O_SHARING: in.sharing = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = cli_want_operands(ctx, &ops, 0, 0, "")))
		return rc;
	if (!in.kind)
		return cli_usage(ctx, "missing --kind");
	if (notice_create(ctx->db, &ctx->actor, &in, &n))
		return cli_fail(ctx);
	printf("drafted notice %s (%s); a supervisor approves it with 'redline notice approve %s'\n",
	       n.ref, n.id, n.ref);
	notice_release(&n);
	return EXIT_OK;
}

static int parse_filter(struct cli_ctx *ctx, int argc, char **argv, struct notice_filter *f,
			struct cli_operands *ops)
{
	static const struct option opts[] = {
		OPT("state", required_argument, O_STATE), OPT("kind", required_argument, O_KIND),
		OPT("unit", required_argument, O_UNIT), OPT("q", required_argument, O_Q),
		OPT("limit", required_argument, O_LIMIT), OPT("help", no_argument, 'h'), OPT_END,
	};
	char *end;
	int c;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, ops)) != -1) {
		switch (c) {
		case O_STATE: f->state = optarg; break;
		case O_KIND: f->kind = optarg; break;
		case O_UNIT: f->unit = optarg; break;
		case O_Q: f->q = optarg; break;
		case O_LIMIT:
			f->limit = (int)strtol(optarg, &end, 10);
			if (*end || f->limit < 1 || f->limit > RL_PAGE_MAX)
				return cli_usage(ctx, "--limit needs a number from 1 to %d", RL_PAGE_MAX);
			break;
		case -3: return -3;
		default: return EXIT_USAGE;
		}
	}
	return cli_want_operands(ctx, ops, 0, 0, "");
}

static int notice_list_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct notice_filter f = { .state = "active", .limit = -1 };
	struct cli_operands ops = { 0 };
	struct table t;
	int rc = parse_filter(ctx, argc, argv, &f, &ops);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	table_init(&t, cols);
	rc = notice_list(ctx->db, &ctx->actor, &f, list_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int notice_export_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct notice_filter f = { .state = "all" };
	struct cli_operands ops = { 0 };
	int rc = parse_filter(ctx, argc, argv, &f, &ops);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (notice_export(ctx->db, &ctx->actor, &f, stdout))
		return cli_fail(ctx);
	return EXIT_OK;
}

/* Parses options (withdraw: --reason; link: --case) and one REF. */
static int ref_cmd(struct cli_ctx *ctx, int argc, char **argv, const char **ref,
		   const char **reason, const char **case_id)
{
	static const struct option opts[] = {
		OPT("reason", required_argument, O_REASON), OPT("case", required_argument, O_CASE),
		OPT("help", no_argument, 'h'), OPT_END,
	};
	struct cli_operands ops = { 0 };
	int c, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_REASON:
			if (!reason)
				return cli_usage(ctx, "option '--reason' does not apply here");
			*reason = optarg;
			break;
		case O_CASE:
			if (!case_id)
				return cli_usage(ctx, "option '--case' does not apply here");
			*case_id = optarg;
			break;
		case -3: return -3;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = cli_want_operands(ctx, &ops, 1, 1, "notice ref")))
		return rc;
	*ref = ops.v[0];
	return 0;
}

static int link_text(const char *kind, const char *target, void *data)
{
	struct strbuf *sb = data;

	strbuf_addf(sb, "%s%s %s", sb->len ? ", " : "", kind, target);
	return 0;
}

static int notice_show_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *ref = NULL;
	struct strbuf links = STRBUF_INIT;
	struct notice n;
	int rc = ref_cmd(ctx, argc, argv, &ref, NULL, NULL);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (notice_get(ctx->db, &ctx->actor, ref, &n))
		return cli_fail(ctx);
	rc = notice_links(ctx->db, &ctx->actor, n.id, link_text, &links);
	if (!rc)
		print_notice(ctx, &n, links.buf);
	notice_release(&n);
	strbuf_release(&links);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int notice_approve_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *ref = NULL;
	struct notice n;
	int rc = ref_cmd(ctx, argc, argv, &ref, NULL, NULL);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (notice_approve(ctx->db, &ctx->actor, ref, &n))
		return cli_fail(ctx);
	printf("approved notice %s: it is active and screened\n", n.ref);
	notice_release(&n);
	return EXIT_OK;
}

static int notice_withdraw_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *ref = NULL;
	const char *reason = NULL;
	struct notice n;
	int rc = ref_cmd(ctx, argc, argv, &ref, &reason, NULL);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (notice_withdraw(ctx->db, &ctx->actor, ref, reason, &n))
		return cli_fail(ctx);
	printf("withdrew notice %s\n", n.ref);
	notice_release(&n);
	return EXIT_OK;
}

static int notice_link_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *ref = NULL;
	const char *case_id = NULL;
	int rc = ref_cmd(ctx, argc, argv, &ref, NULL, &case_id);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (!case_id)
		return cli_usage(ctx, "missing --case");
	if (notice_link(ctx->db, &ctx->actor, ref, "case", case_id))
		return cli_fail(ctx);
	printf("linked notice %s to case %s\n", ref, case_id);
	return EXIT_OK;
}

static int hit_row(const struct hit_rec *h, void *data)
{
	char score[16];

	snprintf(score, sizeof(score), "%.3f", h->score);
	table_addv(data, h->id, h->notice_ref, h->at, h->unit_code, h->user_login, score,
		   h->action_taken, h->note, h->explanation, h->screened);
	return 0;
}

static int notice_hits_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *ref = NULL;
	static const char *const hcols[] = { "id", "notice", "at", "checkpoint", "by", "score",
					     "action_taken", "note", "why", "screened", NULL };
	struct table t;
	int rc = ref_cmd(ctx, argc, argv, &ref, NULL, NULL);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	table_init(&t, hcols);
	rc = hit_list(ctx->db, &ctx->actor, ref, hit_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int notice_expire_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_operands ops = { 0 };
	static const struct option opts[] = { OPT("help", no_argument, 'h'), OPT_END };
	int c, n, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if ((rc = cli_want_operands(ctx, &ops, 0, 0, "")))
		return rc;
	if (notice_expire_due(ctx->db, &ctx->actor, &n))
		return cli_fail(ctx);
	printf("expired %d notice%s\n", n, n == 1 ? "" : "s");
	return EXIT_OK;
}

static int notice_import_cmd(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		OPT("unit", required_argument, O_UNIT), OPT("draft", no_argument, O_DRAFT),
		OPT("skip-bad", no_argument, O_SKIP_BAD), OPT("tlp", required_argument, O_TLP),
		OPT("sharing", required_argument, O_SHARING), OPT("help", no_argument, 'h'), OPT_END,
	};
	struct notice_import_opts o = { 0 };
	struct notice_import_result res;
	struct cli_operands ops = { 0 };
	FILE *in;
	int c, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_UNIT: o.unit = optarg; break;
		case O_DRAFT: o.draft = true; break;
		case O_SKIP_BAD: o.skip_bad = true; break;
		case O_TLP: o.tlp = optarg; break;
		case O_SHARING: o.sharing = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = cli_want_operands(ctx, &ops, 1, 1, "CSV file")))
		return rc;
	in = fopen(ops.v[0], "rb");
	if (!in) {
		rl_error(RL_ENOTFOUND, "cannot open '%s'", ops.v[0]);
		return cli_fail(ctx);
	}
	rc = notice_import(ctx->db, &ctx->actor, in, ops.v[0], &o, &res);
	fclose(in);
	fputs(res.errors.buf, stderr);
	strbuf_release(&res.errors);
	if (rc)
		return cli_fail(ctx);
	printf("imported %s: %d added, %d updated, %d unchanged, %d bad lines skipped\n", ops.v[0],
	       res.added, res.updated, res.unchanged, res.bad);
	return EXIT_OK;
}

int cmd_notice(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "add", notice_add_cmd, "draft a notice" },
		{ "list", notice_list_cmd, "list notices" },
		{ "show", notice_show_cmd, "show one notice" },
		{ "approve", notice_approve_cmd, "activate a draft" },
		{ "withdraw", notice_withdraw_cmd, "withdraw a notice" },
		{ "expire", notice_expire_cmd, "end notices past valid_to" },
		{ "link", notice_link_cmd, "link a notice to a case" },
		{ "hits", notice_hits_cmd, "hits of a notice" },
		{ "import", notice_import_cmd, "load notices from CSV" },
		{ "export", notice_export_cmd, "write notices as CSV" },
		{ NULL, NULL, NULL },
	};
	int rc = cli_run_subcommand(ctx, argc, argv, subs);
	screen_index_free();
	return rc;
}
