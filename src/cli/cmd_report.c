/*
 * cmd_report.c: `redline report` (statistics) and `redline report
 * conference` (the bilateral conference report).
 */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/report.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/banned.h"

const char usage_report[] =
	"usage: redline report --from DATE --to DATE [--country VNM|LAO] [--unit CODE]\n"
	"                      [--border-only] [--category drugs|CODE]\n"
	"                      [--by unit|month|quarter|category|drug|nationality]\n"
	"                      [--lang vi|lo|en|fr] [--format text|json|csv|html] [--out FILE]\n"
	"       redline report conference --from DATE --to DATE [--lang vi|lo|en|fr]\n"
	"                      [--format text|html] [--out FILE]\n"
	"\n"
	"Figures for the cases opened from --from to --to (inclusive): cases,\n"
	"suspects (each person once per case, suspect or arrested), foreign\n"
	"suspects, seized mass (kg), tablets and plants.\n"
	"\n"
	"  --unit CODE     the unit's whole subtree as it was in the period\n"
	"  --border-only   cases of provinces that were on the border when opened\n"
	"  --by unit       groups roll up to the province as it was then\n"
	"\n"
	"conference: both countries' figures, the border provinces and the trend\n"
	"against the previous period of the same length, as text or a\n"
	"self-contained HTML page.\n";

static int write_out(struct cli_ctx *ctx, const char *path, const struct strbuf *sb)
{
	FILE *f;

	if (!path) {
		fwrite(sb->buf, 1, sb->len, stdout);
		return EXIT_OK;
	}
	f = fopen(path, "w");
	if (!f) {
		rl_error(RL_EIO, "cannot write '%s'", path);
		return cli_fail(ctx);
	}
	fwrite(sb->buf, 1, sb->len, f);
	if (fclose(f)) {
		rl_error(RL_EIO, "writing '%s' failed", path);
		return cli_fail(ctx);
	}
	fprintf(stderr, "wrote %s\n", path);
	return EXIT_OK;
}

static int report_main(int argc, char **argv, struct cli_ctx *ctx, bool conference)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "country", required_argument, NULL, 'C' },
		{ "unit", required_argument, NULL, 'U' },
		{ "border-only", no_argument, NULL, 'B' },
		{ "category", required_argument, NULL, 'K' },
		{ "by", required_argument, NULL, 'b' },
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_query q = { 0 };
	struct strbuf out = STRBUF_INIT;
	const char *out_path = NULL;
	enum vocab_lang lang = LANG_EN;
	int fmt, c, rc, v;

	fmt = ctx->format == TABLE_JSON ? RFMT_JSON : ctx->format == TABLE_CSV ? RFMT_CSV : RFMT_TEXT;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'F': q.from = optarg; break;
		case 'T': q.to = optarg; break;
		case 'C': q.country = optarg; break;
		case 'U': q.unit = optarg; break;
		case 'B': q.border_only = true; break;
		case 'K': q.category = optarg; break;
		case 'b':
			if ((v = report_by_parse(optarg)) < 0)
				return cli_usage(ctx, "unknown grouping '%s' (unit, month, quarter, category, drug or nationality)", optarg);
			q.by = (enum report_by)v;
			break;
		case 'l':
			if ((v = vocab_lang_parse(optarg)) < 0)
				return cli_usage(ctx, "unknown language '%s' (vi, lo, en or fr)", optarg);
			lang = (enum vocab_lang)v;
			break;
		case 'f':
			if ((fmt = report_format_parse(optarg)) < 0)
				return cli_usage(ctx, "unknown format '%s' (text, json, csv or html)", optarg);
			break;
		case 'o': out_path = optarg; break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (!q.from || !q.to)
		return cli_usage(ctx, "give the period with --from DATE and --to DATE");
	if (conference) {
		if (q.country || q.unit || q.border_only || q.category || q.by)
			return cli_usage(ctx, "the conference report takes only --from, --to, --lang, --format and --out");
		if (fmt != RFMT_TEXT && fmt != RFMT_HTML)
			return cli_usage(ctx, "the conference report is text or html");
		rc = report_conference(ctx->db, &ctx->actor, q.from, q.to, lang, (enum report_format)fmt, &out);
	} else {
		struct report_result r;
		rc = report_run(ctx->db, &ctx->actor, &q, lang, &r);
		if (!rc) {
			report_format(&r, (enum report_format)fmt, &out);
			report_result_release(&r);
		}
	}
	if (rc) {
		strbuf_release(&out);
		return cli_fail(ctx);
	}
	rc = write_out(ctx, out_path, &out);
	strbuf_release(&out);
	return rc;
}

int cmd_report(int argc, char **argv, struct cli_ctx *ctx)
{
	if (argc >= 2 && !strcmp(argv[1], "conference")) {
		optind = 1;
		return report_main(argc - 1, argv + 1, ctx, true);
	}
	return report_main(argc, argv, ctx, false);
}
