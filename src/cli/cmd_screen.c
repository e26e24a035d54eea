/*
 * cmd_screen.c: `redline screen`: one traveller or plate against the
 * active notices, a manifest file (JSON Lines out), or recording a hit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/builtin.h"
#include "core/screen.h"
#include "util/status.h"

const char usage_screen[] =
	"usage: redline screen (--name N | --plate P) [--birth D] [--sex M|F] [--nationality C]\n"
	"                      [--doc NO] [--threshold X] [--limit N] [--unit CODE]\n"
	"       redline screen FILE.csv [--threshold X] [--unit CODE]\n"
	"       redline screen --record-hit NOTICE_REF [--score S] [--why TEXT]\n"
	"                      [--action-taken A] [--note TEXT] [--name N] [--birth D] ...\n"
	"\n"
	"Screens a traveller (and/or a vehicle plate) against the active notices\n"
	"you may see, and prints the candidates best first with their score (0-1),\n"
	"why they matched and what to do on a hit. --threshold (0-1) overrides the\n"
	"node's setting (`redline checkpoint threshold`). Each screening counts a\n"
	"person or vehicle checked for your unit today; the operator (no --as)\n"
	"names the checkpoint with --unit.\n"
	"\n"
	"FILE.csv  a manifest with the columns ref,full_name and optionally\n"
	"          birth_date,sex,nationality,document_no,plate: one JSON line per\n"
	"          traveller on standard output, {\"ref\": ..., \"hits\": [{\"notice\":\n"
	"          REF, \"score\": S, \"why\": ...}]}; bad lines are reported on\n"
	"          standard error by line number (exit status 1 if there were any)\n"
	"--record-hit  records that the checkpoint found the notice's subject, and\n"
	"          notifies the issuing unit by a FLASH alert on the hotline (acting\n"
	"          as a user, --as; the operator's notification stays pending).\n"
	"          Actions taken: arrested, seized,\n"
	"          protected, informed, checked_released, not_confirmed, other\n"
	"          (default from the notice's action); arrested, seized and\n"
	"          protected end the notice as \"hit\".\n";

enum {
	O_NAME = 256, O_BIRTH, O_SEX, O_NAT, O_DOC, O_PLATE, O_THRESHOLD, O_LIMIT, O_UNIT,
	O_RECORD_HIT, O_SCORE, O_WHY, O_TAKEN, O_NOTE,
};

#define OPT(name, arg, val) { name, arg, NULL, val }

static int parse_unit_interval(struct cli_ctx *ctx, const char *opt, const char *v, double *out)
{
	char *end;

	*out = strtod(v, &end);
	if (!*v || *end || !(*out >= 0 && *out <= 1))
		return cli_usage(ctx, "%s needs a number from 0 to 1", opt);
	return 0;
}

struct batch_out {
	long bad;
};

static int batch_row(const char *ref, const struct screen_cand *c, size_t n, void *data)
{
	json_t *o = json_object(), *hits = json_array();
	char *s;

	(void)data;
	json_object_set_new(o, "ref", json_string(ref));
	for (size_t i = 0; i < n; i++)
		json_array_append_new(hits, json_pack("{s:s,s:f,s:s,s:s,s:s}", "notice", c[i].ref,
						      "score", c[i].score, "why", c[i].why,
						      "kind", c[i].kind, "action", c[i].action));
	json_object_set_new(o, "hits", hits);
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	json_decref(o);
	if (!s)
		return rl_error(RL_ENOMEM, "out of memory writing a result");
	puts(s);
	free(s);
	return 0;
}

static int batch_bad(long line, const char *msg, void *data)
{
	struct batch_out *b = data;

	b->bad++;
	fprintf(stderr, "line %ld: %s\n", line, msg);
	return 0;
}

static int screen_file(struct cli_ctx *ctx, const char *path, double threshold, const char *unit)
{
	struct screen_batch_result res;
	struct batch_out b = { 0 };
	FILE *in = fopen(path, "rb");
	int rc;

	if (!in) {
		rl_error(RL_ENOTFOUND, "cannot open '%s'", path);
		return cli_fail(ctx);
	}
	rc = screen_batch(ctx->db, &ctx->actor, in, path, threshold, unit, batch_row, batch_bad, &b, &res);
	fclose(in);
	if (rc)
		return cli_fail(ctx);
	fprintf(stderr, "screened %d travellers: %d flagged, %d bad lines\n", res.screened, res.flagged,
		res.bad);
	return res.bad ? EXIT_INVALID : EXIT_OK;
}

int cmd_screen(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		OPT("name", required_argument, O_NAME), OPT("birth", required_argument, O_BIRTH),
		OPT("sex", required_argument, O_SEX), OPT("nationality", required_argument, O_NAT),
		OPT("doc", required_argument, O_DOC), OPT("plate", required_argument, O_PLATE),
		OPT("threshold", required_argument, O_THRESHOLD), OPT("limit", required_argument, O_LIMIT),
		OPT("unit", required_argument, O_UNIT), OPT("record-hit", required_argument, O_RECORD_HIT),
		OPT("score", required_argument, O_SCORE), OPT("why", required_argument, O_WHY),
		OPT("action-taken", required_argument, O_TAKEN), OPT("note", required_argument, O_NOTE),
		OPT("help", no_argument, 'h'), { NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "rank", "notice", "score", "kind", "action", "name",
					    "birth_date", "plate", "issuing_unit", "why", NULL };
	struct screen_query q = { 0 };
	struct screen_cand cands[RL_SCREEN_RESULTS_MAX];
	const char *file = NULL, *hit = NULL, *why = NULL, *taken = NULL, *note = NULL;
	double threshold = -1, score = -1;
	long limit = RL_SCREEN_RESULTS_DEFAULT;
	size_t n;
	struct table t;
	char *end;
	int c, rc;

	for (;;) {
		c = cli_getopt(ctx, argc, argv, "", opts);
		if (c == -1) {
			if (optind >= argc)
				break;
			if (file)
				return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
			file = argv[optind++];
			continue;
		}
		switch (c) {
		case O_NAME: q.name = optarg; break;
		case O_BIRTH: q.birth = optarg; break;
		case O_SEX: q.sex = optarg; break;
		case O_NAT: q.nationality = optarg; break;
		case O_DOC: q.document = optarg; break;
		case O_PLATE: q.plate = optarg; break;
		case O_UNIT: q.unit = optarg; break;
		case O_RECORD_HIT: hit = optarg; break;
		case O_WHY: why = optarg; break;
		case O_TAKEN: taken = optarg; break;
		case O_NOTE: note = optarg; break;
		case O_THRESHOLD:
			if (parse_unit_interval(ctx, "--threshold", optarg, &threshold))
				return EXIT_USAGE;
			break;
		case O_SCORE:
			if (parse_unit_interval(ctx, "--score", optarg, &score))
				return EXIT_USAGE;
			break;
		case O_LIMIT:
			limit = strtol(optarg, &end, 10);
			if (*end || limit < 1 || limit > RL_SCREEN_RESULTS_MAX)
				return cli_usage(ctx, "--limit needs a number from 1 to %d", RL_SCREEN_RESULTS_MAX);
			break;
		case -3: return EXIT_OK;
		default: return EXIT_USAGE;
		}
	}
	if (hit) {
		struct hit_input in = { .notice = hit, .score = score, .explanation = why,
					.action_taken = taken, .note = note, .screened = &q, .unit = q.unit };
		struct hit_result res;
		if (file)
			return cli_usage(ctx, "--record-hit takes no file");
		if (hit_record(ctx->db, &ctx->actor, &in, &res))
			rc = cli_fail(ctx);
		else {
			printf("recorded hit %s on notice %s (action taken: %s; notice now %s)\n", res.hit.id,
			       res.hit.notice_ref, res.hit.action_taken, res.notice_state);
			if (res.notified)
				printf("notified %s by FLASH message %s\n", res.issuing_unit, res.message_code);
			else
				printf("notification to %s is pending (id %s): %s\n", res.issuing_unit,
				       res.notification_id, res.notify_error);
			rc = EXIT_OK;
		}
		screen_index_free();
		return rc;
	}
	if (file) {
		if (q.name || q.birth || q.sex || q.nationality || q.document || q.plate)
			return cli_usage(ctx, "give a manifest file or traveller options, not both");
		rc = screen_file(ctx, file, threshold, q.unit);
		screen_index_free();
		return rc;
	}
	if (!q.name && !q.plate)
		return cli_usage(ctx, "give --name or --plate (or a manifest file)");
	rc = screen_one(ctx->db, &ctx->actor, &q, threshold, cands, (size_t)limit, &n);
	screen_index_free();
	if (rc)
		return cli_fail(ctx);
	if (!n && ctx->format == TABLE_TEXT) {
		printf("no candidates\n");
		return EXIT_OK;
	}
	table_init(&t, cols);
	for (size_t i = 0; i < n; i++) {
		char rank[24], sc[32];
		snprintf(rank, sizeof(rank), "%zu", i + 1);
		snprintf(sc, sizeof(sc), "%.3f", cands[i].score);
		table_addv(&t, rank, cands[i].ref, sc, cands[i].kind, cands[i].action, cands[i].full_name,
			   cands[i].birth_date, cands[i].plate, cands[i].unit_code, cands[i].why);
	}
	table_print(&t, stdout, ctx->format);
	table_release(&t);
	return EXIT_OK;
}
