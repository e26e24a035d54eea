/*
 * cmd_case.c: `redline case import|export|list|show|add|generate` and
 * `redline case person|seizure remove`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/builtin.h"
#include "core/caseedit.h"
#include "core/casefile.h"
#include "core/casegen.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/banned.h"

const char usage_case[] =
	"usage: redline case import [--format jsonl|csv] [--skip-bad] FILE|-\n"
	"       redline case import --format csv [--skip-bad] CASES.csv [PERSONS.csv [SEIZURES.csv]]\n"
	"       redline case export [--format jsonl|csv] [--out FILE] [filters]\n"
	"       redline case list [filters] [--limit N]\n"
	"       redline case show [--country VNM|LAO] REF\n"
	"       redline case add [--ref R --country C --unit U --category K --opened DATE\n"
	"                         --status S --summary TEXT]   (or one JSON case on stdin)\n"
	"       redline case generate --seed N [--out FILE] [--count N]\n"
	"       redline case person remove [--country C] [--role R] REF PERSON_ID\n"
	"       redline case seizure remove [--country C] REF SEIZURE_ID\n"
	"\n"
	"import    reads cases with their persons and seizures (JSON Lines, one case a\n"
	"          line; or CSV: cases, persons and seizures files joined by case ref).\n"
	"          Cases already stored (same country and ref) are skipped. A file with\n"
	"          any bad line stores nothing unless --skip-bad; every bad line is\n"
	"          reported with its number.\n"
	"export    writes the same formats (CSV: --out PREFIX writes PREFIX-cases.csv,\n"
	"          PREFIX-persons.csv, PREFIX-seizures.csv)\n"
	"generate  writes deterministic synthetic demo cases (JSON Lines) whose totals for\n"
	"          2021-07-01..2024-06-30 are the ministries' published figures, and the\n"
	"          three years before (2018-07-01..2021-06-30) for the trend;\n"
	"          --count N writes N random cases over 2015-2025 instead (benchmarks)\n"
	"person remove   unlinks a person (the id `case show` lists) from the case, in\n"
	"          every role or only --role; the person's record stays\n"
	"seizure remove  deletes a seizure (its id in `case show`) from the case\n"
	"\n"
	"filters: --country VNM|LAO --from DATE --to DATE --unit CODE --province CODE\n"
	"         --category CODE|drugs --status S\n";

static int opt_format_jsonl(struct cli_ctx *ctx, const char *fmt, int *csv)
{
	if (!fmt) {
		*csv = ctx->format == TABLE_CSV;
		return 0;
	}
	if (!strcmp(fmt, "jsonl") || !strcmp(fmt, "json"))
		*csv = 0;
	else if (!strcmp(fmt, "csv"))
		*csv = 1;
	else
		return cli_usage(ctx, "unknown format '%s' (jsonl or csv)", fmt);
	return 0;
}

struct progress {
	int tty;
	int shown;
};

static void show_progress(void *data, long long done, long long total)
{
	struct progress *p = data;

	if (!p->tty)
		return;
	if (total > 0) {
		int pct = (int)(done * 100 / total), bars = pct / 4;
		fprintf(stderr, "\rimporting [%-25.*s] %3d%%", bars, "#########################", pct);
	} else {
		fprintf(stderr, "\rimporting ... %lld bytes", done);
	}
	p->shown = 1;
}

static void show_reject(void *data, const char *where, const char *why)
{
	struct progress *p = data;
	if (p->shown) {
		fputc('\n', stderr);
		p->shown = 0;
	}
	fprintf(stderr, "%s: %s\n", where, why);
}

static FILE *open_in(const char *path, long long *size)
{
	struct stat sb;
	FILE *f;

	*size = 0;
	if (!strcmp(path, "-"))
		return stdin;
	f = fopen(path, "rb");
	if (!f) {
		rl_error(RL_ENOTFOUND, "cannot open '%s'", path);
		return NULL;
	}
	if (!fstat(fileno(f), &sb) && S_ISREG(sb.st_mode))
		*size = (long long)sb.st_size;
	else if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode) && !S_ISCHR(sb.st_mode)) {
		fclose(f);
		rl_error(RL_EINVAL, "'%s' is not a file", path);
		return NULL;
	}
	return f;
}

static int case_import(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "csv", no_argument, NULL, 'c' },
		{ "skip-bad", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct casefile_import_opts o = { 0 };
	struct casefile_import_stats st;
	struct progress pr = { isatty(2), 0 };
	const char *fmt = NULL;
	FILE *f[3] = { NULL, NULL, NULL };
	long long size = 0;
	int c, csv = 0, rc, nfiles;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'f': fmt = optarg; break;
		case 'c': fmt = "csv"; break;
		case 's': o.skip_bad = true; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = opt_format_jsonl(ctx, fmt, &csv)))
		return rc;
	nfiles = argc - optind;
	if (nfiles < 1)
		return cli_usage(ctx, "give the file to import ('-' for standard input)");
	if ((!csv && nfiles > 1) || nfiles > 3)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind + (csv ? 3 : 1)]);
	for (int i = 0; i < nfiles; i++) {
		f[i] = open_in(argv[optind + i], i == 0 ? &size : &(long long){ 0 });
		if (!f[i]) {
			for (int k = 0; k < i; k++)
				if (f[k] != stdin)
					fclose(f[k]);
			return cli_fail(ctx);
		}
	}
	o.source = !strcmp(argv[optind], "-") ? "standard input" : argv[optind];
	o.reject = show_reject;
	o.progress = show_progress;
	o.cbdata = &pr;
	if (csv)
		rc = casefile_import_csv(ctx->db, &ctx->actor, f[0], f[1], f[2], &o, &st);
	else
		rc = casefile_import_jsonl(ctx->db, &ctx->actor, f[0], size, &o, &st);
	if (pr.shown)
		fputc('\n', stderr);
	for (int i = 0; i < nfiles; i++)
		if (f[i] != stdin)
			fclose(f[i]);
	if (rc)
		return cli_fail(ctx);
	printf("imported %lld cases (%lld persons, %lld seizures); %lld already present; %lld rejected\n",
	       st.imported, st.persons, st.seizures, st.present, st.rejected);
	return EXIT_OK;
}

/* Filters shared by list, export and report-like commands. */
static int filter_opt(struct cli_ctx *ctx, int c, struct case_filter *f)
{
	switch (c) {
	case 'C': f->country = optarg; return 0;
	case 'F': f->from = optarg; return 0;
	case 'T': f->to = optarg; return 0;
	case 'U': f->unit = optarg; return 0;
	case 'P': f->province = optarg; return 0;
	case 'K': f->category = optarg; return 0;
	case 'S': f->status = optarg; return 0;
	}
	(void)ctx;
	return 1;
}

#define FILTER_OPTS \
	{ "country", required_argument, NULL, 'C' }, \
	{ "from", required_argument, NULL, 'F' }, \
	{ "to", required_argument, NULL, 'T' }, \
	{ "unit", required_argument, NULL, 'U' }, \
	{ "province", required_argument, NULL, 'P' }, \
	{ "category", required_argument, NULL, 'K' }, \
	{ "status", required_argument, NULL, 'S' }

static int case_export(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		FILTER_OPTS,
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct case_filter f = { 0 };
	const char *fmt = NULL, *out = NULL;
	long long n = 0;
	int c, csv = 0, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c == -3)
			return EXIT_OK;
		if (c == 'f')
			fmt = optarg;
		else if (c == 'o')
			out = optarg;
		else if (filter_opt(ctx, c, &f))
			return EXIT_USAGE;
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if ((rc = opt_format_jsonl(ctx, fmt, &csv)))
		return rc;
	if (!csv) {
		FILE *o = out ? fopen(out, "wx") : stdout;
		if (!o) {
			rl_error(RL_ECONFLICT, "cannot create '%s' (does it exist already?)", out);
			return cli_fail(ctx);
		}
		rc = casefile_export_jsonl(ctx->db, &ctx->actor, &f, o, &n);
		if (o != stdout && fclose(o) && !rc)
			rc = rl_error(RL_EIO, "writing '%s' failed", out);
	} else if (!out) {
		/* To standard output: the cases file only. */
		rc = casefile_export_csv(ctx->db, &ctx->actor, &f, stdout, NULL, NULL, &n);
	} else {
		struct strbuf p[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
		static const char *const sfx[] = { "-cases.csv", "-persons.csv", "-seizures.csv" };
		FILE *fo[3] = { NULL, NULL, NULL };
		rc = 0;
		for (int i = 0; i < 3 && !rc; i++) {
			strbuf_addf(&p[i], "%s%s", out, sfx[i]);
			fo[i] = fopen(p[i].buf, "wx");
			if (!fo[i])
				rc = rl_error(RL_ECONFLICT, "cannot create '%s' (does it exist already?)", p[i].buf);
		}
		if (!rc)
			rc = casefile_export_csv(ctx->db, &ctx->actor, &f, fo[0], fo[1], fo[2], &n);
		for (int i = 0; i < 3; i++) {
			if (fo[i] && fclose(fo[i]) && !rc)
				rc = rl_error(RL_EIO, "writing '%s' failed", p[i].buf);
			strbuf_release(&p[i]);
		}
	}
	if (rc)
		return cli_fail(ctx);
	if (out)
		fprintf(stderr, "exported %lld cases\n", n);
	return EXIT_OK;
}

static int list_row(const struct case_row *c, void *data)
{
	char ns[24], nf[24];
	snprintf(ns, sizeof(ns), "%lld", (long long)c->n_suspects);
	snprintf(nf, sizeof(nf), "%lld", (long long)c->n_foreign);
	table_addv(data, c->ref, c->country, c->unit_code, c->category, c->opened, c->status, ns, nf);
	return 0;
}

static int case_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		FILTER_OPTS,
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "ref", "country", "unit", "category", "opened", "status",
		"suspects", "foreign", NULL };
	struct case_filter f = { .limit = 100 };
	struct table t;
	char *end;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c == -3)
			return EXIT_OK;
		if (c == 'n') {
			f.limit = strtoll(optarg, &end, 10);
			if (*end || f.limit < 1 || f.limit > 1000000)
				return cli_usage(ctx, "--limit needs a number from 1 to 1000000");
		} else if (filter_opt(ctx, c, &f)) {
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	table_init(&t, cols);
	rc = casefile_list(ctx->db, &ctx->actor, &f, list_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

struct show_out {
	struct table persons, seizures;
	struct strbuf head;
};

static int show_case(const struct case_row *c, void *data)
{
	struct show_out *s = data;
	strbuf_addf(&s->head, "case      %s (%s)\nid        %s\nunit      %s (province %s%s)\n"
		    "category  %s\nopened    %s\nstatus    %s\nsuspects  %lld (%lld foreign)\n",
		    c->ref, c->country, c->id, c->unit_code, *c->province ? c->province : "-",
		    c->border ? ", on the border" : "", c->category, c->opened, c->status,
		    (long long)c->n_suspects, (long long)c->n_foreign);
	if (*c->place_unit || *c->place_text)
		strbuf_addf(&s->head, "place     %s %s\n", c->place_unit, c->place_text);
	if (*c->summary)
		strbuf_addf(&s->head, "summary   %s\n", c->summary);
	return 0;
}

static int show_link(const struct link_row *l, void *data)
{
	struct show_out *s = data;
	table_addv(&s->persons, l->ref, l->role, l->effective_id, l->name, l->birth_date, l->sex,
		   l->nationality);
	return 0;
}

static int show_seizure(const struct seizure_row *z, void *data)
{
	struct show_out *s = data;
	char q[48], id[24];
	casefile_quantity_text(z, q, sizeof(q));
	snprintf(id, sizeof(id), "%lld", (long long)z->id);
	table_addv(&s->seizures, id, z->drug, q, z->unit);
	return 0;
}

static int case_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const pcols[] = { "ref", "role", "person", "name", "birth_date", "sex",
		"nationality", NULL };
	static const char *const scols[] = { "id", "drug", "quantity", "unit", NULL };
	struct show_out s = { .head = STRBUF_INIT };
	const char *country = NULL;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c == 'C')
			country = optarg;
		else
			return c == -3 ? EXIT_OK : EXIT_USAGE;
	}
	if (argc - optind != 1)
		return cli_usage(ctx, "give one case reference");
	table_init(&s.persons, pcols);
	table_init(&s.seizures, scols);
	rc = casefile_show(ctx->db, &ctx->actor, country, argv[optind], show_case, show_link,
			   show_seizure, &s);
	if (!rc) {
		fputs(s.head.buf, stdout);
		printf("\npersons:\n");
		table_print(&s.persons, stdout, TABLE_TEXT);
		printf("\nseizures:\n");
		table_print(&s.seizures, stdout, TABLE_TEXT);
	}
	table_release(&s.persons);
	table_release(&s.seizures);
	strbuf_release(&s.head);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int case_add(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "ref", required_argument, NULL, 'r' },
		{ "country", required_argument, NULL, 'C' },
		{ "unit", required_argument, NULL, 'U' },
		{ "category", required_argument, NULL, 'K' },
		{ "opened", required_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 'S' },
		{ "summary", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const keys[] = { "ref", "country", "unit", "category", "opened", "status", "summary" };
	const char *vals[7] = { NULL };
	struct strbuf in = STRBUF_INIT;
	char id[RL_ID_LEN + 1];
	int c, rc, any = 0;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		int i;
		switch (c) {
		case 'r': i = 0; break;
		case 'C': i = 1; break;
		case 'U': i = 2; break;
		case 'K': i = 3; break;
		case 'o': i = 4; break;
		case 'S': i = 5; break;
		case 's': i = 6; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
		vals[i] = optarg;
		any = 1;
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (any) {
		/* Options become the same JSON object an import line holds. */
		strbuf_addch(&in, '{');
		for (int i = 0, first = 1; i < 7; i++) {
			if (!vals[i])
				continue;
			if (!first)
				strbuf_addch(&in, ',');
			first = 0;
			strbuf_addf(&in, "\"%s\":\"", keys[i]);
			for (const char *p = vals[i]; *p; p++) {
				if (*p == '"' || *p == '\\')
					strbuf_addf(&in, "\\%c", *p);
				else if ((unsigned char)*p < 0x20)
					strbuf_addf(&in, "\\u%04x", (unsigned char)*p);
				else
					strbuf_addch(&in, *p);
			}
			strbuf_addch(&in, '"');
		}
		strbuf_addch(&in, '}');
	} else {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
			if (in.len + n > RL_CASE_LINE_MAX) {
				strbuf_release(&in);
				rl_error(RL_ETOOBIG, "the case on standard input is longer than %d bytes", RL_CASE_LINE_MAX);
				return cli_fail(ctx);
			}
			strbuf_add(&in, buf, n);
		}
		if (!in.len) {
			strbuf_release(&in);
			return cli_usage(ctx, "give the case as options or as one JSON object on standard input");
		}
	}
	if (memchr(in.buf, '\0', in.len)) {
		strbuf_release(&in);
		rl_error(RL_EINVAL, "the case holds a NUL byte");
		return cli_fail(ctx);
	}
	rc = casefile_add_json(ctx->db, &ctx->actor, in.buf, id);
	strbuf_release(&in);
	if (rc)
		return cli_fail(ctx);
	printf("added case %s\n", id);
	return EXIT_OK;
}

/* ---- removing a person or a seizure ---- */

static int id_of_case(const struct case_row *c, void *data)
{
	snprintf(data, RL_ID_LEN + 1, "%s", c->id);
	return 0;
}

static int skip_link(const struct link_row *l, void *data)
{
	(void)l, (void)data;
	return 0;
}

static int skip_seizure(const struct seizure_row *z, void *data)
{
	(void)z, (void)data;
	return 0;
}

enum { O_PART_COUNTRY = 1000, O_PART_ROLE };

/* `case person remove` (person set) or `case seizure remove`. */
static int part_remove(int argc, char **argv, struct cli_ctx *ctx, int person)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, O_PART_COUNTRY },
		{ "role", required_argument, NULL, O_PART_ROLE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_operands ops = { 0 };
	const char *country = NULL, *role = NULL;
	char id[RL_ID_LEN + 1] = "";
	int c, rc;

	while ((c = cli_getopt_operands(ctx, argc, argv, opts, &ops)) != -1) {
		switch (c) {
		case O_PART_COUNTRY: country = optarg; break;
		case O_PART_ROLE:
			if (!person)
				return cli_usage(ctx, "option '--role' does not apply to a seizure");
			role = optarg;
			break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if ((rc = cli_want_operands(ctx, &ops, 2, 2, person ? "a case reference and a person id"
							    : "a case reference and a seizure id")))
		return rc;
	if (casefile_show(ctx->db, &ctx->actor, country, ops.v[0], id_of_case, skip_link, skip_seizure, id))
		return cli_fail(ctx);
	if (person) {
		int64_t n = 0;
		if (caseedit_remove_person(ctx->db, &ctx->actor, id, ops.v[1], role, &n))
			return cli_fail(ctx);
		printf("removed person %s from case %s (%lld link%s)\n", ops.v[1], ops.v[0], (long long)n,
		       n == 1 ? "" : "s");
	} else {
		char *end;
		long long sid = strtoll(ops.v[1], &end, 10);
		if (!*ops.v[1] || *end || sid <= 0) {
			rl_error(RL_ENOTFOUND, "no seizure '%.40s' in case %s (seizure ids are numbers)",
				 ops.v[1], ops.v[0]);
			return cli_fail(ctx);
		}
		if (caseedit_remove_seizure(ctx->db, &ctx->actor, id, sid))
			return cli_fail(ctx);
		printf("removed seizure %lld from case %s\n", sid, ops.v[0]);
	}
	return EXIT_OK;
}

static int person_remove(int argc, char **argv, struct cli_ctx *ctx)
{
	return part_remove(argc, argv, ctx, 1);
}

static int seizure_remove(int argc, char **argv, struct cli_ctx *ctx)
{
	return part_remove(argc, argv, ctx, 0);
}

static int case_person(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "remove", person_remove, "remove a person from a case" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}

static int case_seizure(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "remove", seizure_remove, "remove a seizure from a case" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}

static int case_generate(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "count", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	unsigned long long seed = 1;
	long count = 0;
	FILE *f;
	char *end;
	long n;
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 's':
			seed = strtoull(optarg, &end, 10);
			if (*end || !*optarg || optarg[0] == '-')
				return cli_usage(ctx, "--seed needs a non-negative whole number");
			break;
		case 'o': out = optarg; break;
		case 'n':
			count = strtol(optarg, &end, 10);
			if (*end || count < 1 || count > 10000000)
				return cli_usage(ctx, "--count needs a number from 1 to 10000000");
			break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	f = out ? fopen(out, "wx") : stdout;
	if (!f) {
		rl_error(RL_ECONFLICT, "cannot create '%s' (does it exist already?)", out);
		return cli_fail(ctx);
	}
	n = count ? casegen_write_bulk(f, seed, count) : casegen_write(f, seed);
	if (f != stdout && fclose(f) && n >= 0)
		n = rl_error(RL_EIO, "writing '%s' failed", out);
	if (n < 0)
		return cli_fail(ctx);
	if (out)
		fprintf(stderr, "wrote %ld cases to %s\n", n, out);
	return EXIT_OK;
}

/* generate needs no database; the others open it here. */
int cmd_case(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "import", case_import, "import cases" },
		{ "export", case_export, "export cases" },
		{ "list", case_list, "list cases" },
		{ "show", case_show, "show a case" },
		{ "add", case_add, "add one case" },
		{ "person", case_person, "remove a person from a case" },
		{ "seizure", case_seizure, "remove a seizure from a case" },
		{ NULL, NULL, NULL },
	};
	static const struct cli_subcommand gen[] = {
		{ "generate", case_generate, "write synthetic demo cases" },
		{ NULL, NULL, NULL },
	};
	if (argc >= 2 && !strcmp(argv[1], "generate"))
		return cli_run_subcommand(ctx, argc, argv, gen);
	for (const struct cli_subcommand *s = subs; argc >= 2 && s->name; s++)
		if (!strcmp(s->name, argv[1]) && !(argc > 2 && (!strcmp(argv[2], "--help") ||
							       !strcmp(argv[2], "-h")))) {
			int rc = cli_open_db(ctx);
			if (rc)
				return rc;
		}
	return cli_run_subcommand(ctx, argc, argv, subs);
}
