/*
 * cmd_person.c: `redline person search|show|duplicates|merge|unmerge|merges`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/builtin.h"
#include "core/casefile.h"
#include "core/personview.h"
#include "util/status.h"
#include "util/strbuf.h"
#include "util/banned.h"

const char usage_person[] =
	"usage: redline person search [--limit N] NAME\n"
	"       redline person show PERSON_ID\n"
	"       redline person duplicates [--min-score N]\n"
	"       redline person merge SURVIVOR_ID MERGED_ID\n"
	"       redline person unmerge MERGE_ID\n"
	"       redline person merges [--limit N]\n"
	"\n"
	"search      finds persons by any of their names, in any script, with or\n"
	"            without diacritics (\"nguyen van a\" finds \"Nguyễn Văn A\"); the\n"
	"            best first: a name equal to NAME, then names starting with it,\n"
	"            then the rest, newest first within each\n"
	"duplicates  lists likely pairs of records of one person, best first: the\n"
	"            same name, and birth dates, sex and nationality that agree\n"
	"            (score 50 for the name, up to +30 birth date, +10 nationality,\n"
	"            +10 sex; a disagreement rules the pair out)\n"
	"merge       makes MERGED_ID count as SURVIVOR_ID in every case; prints the\n"
	"            merge id\n"
	"unmerge     undoes a merge: every link is as it was before\n"
	"show        one person: every name, documents and the cases they take part in\n"
	"            (also through the records merged into them)\n"
	"merges      the log of merges, newest first, with their ids for unmerge\n";

static int search_row(const struct person_row *p, void *data)
{
	struct strbuf other = STRBUF_INIT;
	for (size_t i = 1; i < p->nnames; i++)
		strbuf_addf(&other, "%s%s", i > 1 ? "; " : "", p->names[i].name);
	table_addv(data, p->id, p->nnames ? p->names[0].name : "", other.buf, p->birth_date, p->sex,
		   p->nationality);
	strbuf_release(&other);
	return 0;
}

static int person_search(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "id", "name", "other_names", "birth_date", "sex",
		"nationality", NULL };
	struct table t;
	long long limit = 100;
	char *end;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c == 'n') {
			limit = strtoll(optarg, &end, 10);
			if (*end || limit < 1 || limit > RL_PAGE_MAX * 20)
				return cli_usage(ctx, "--limit needs a number from 1 to %d", RL_PAGE_MAX * 20);
		} else {
			return c == -3 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage(ctx, "give one name to search for");
	table_init(&t, cols);
	rc = casefile_person_search(ctx->db, &ctx->actor, argv[optind], limit, search_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int dup_row(const struct person_pair *p, void *data)
{
	char score[8];
	snprintf(score, sizeof(score), "%d", p->score);
	table_addv(data, score, p->a, p->b, p->name, p->why);
	return 0;
}

static int person_duplicates(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "min-score", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "score", "a", "b", "name", "agreeing", NULL };
	struct table t;
	long min = 60;
	char *end;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c == 'm') {
			min = strtol(optarg, &end, 10);
			if (*end || min < 0 || min > 100)
				return cli_usage(ctx, "--min-score needs a number from 0 to 100");
		} else {
			return c == -3 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	table_init(&t, cols);
	rc = casefile_person_duplicates(ctx->db, &ctx->actor, (int)min, dup_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int person_merge(int argc, char **argv, struct cli_ctx *ctx)
{
	char id[RL_ID_LEN + 1];
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (argc - optind != 2)
		return cli_usage(ctx, "give the surviving person's id, then the merged one's");
	if (casefile_person_merge(ctx->db, &ctx->actor, argv[optind], argv[optind + 1], id))
		return cli_fail(ctx);
	printf("merged %s into %s; merge id %s\n", argv[optind + 1], argv[optind], id);
	return EXIT_OK;
}

static int person_unmerge(int argc, char **argv, struct cli_ctx *ctx)
{
	int c;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (argc - optind != 1)
		return cli_usage(ctx, "give the merge id");
	if (casefile_person_unmerge(ctx->db, &ctx->actor, argv[optind]))
		return cli_fail(ctx);
	printf("undid merge %s\n", argv[optind]);
	return EXIT_OK;
}

struct show_out {
	struct strbuf head;
	struct table names, docs, cases;
};

static int show_person_row(const struct person_row *p, void *data)
{
	struct show_out *s = data;

	strbuf_addf(&s->head, "person       %s\nborn         %s\nsex          %s\nnationality  %s\n",
		    p->id, *p->birth_date ? p->birth_date : "-", p->sex,
		    *p->nationality ? p->nationality : "-");
	if (p->merged_into)
		strbuf_addf(&s->head, "merged into  %s\n", p->merged_into);
	for (size_t i = 0; i < p->nnames; i++)
		table_addv(&s->names, p->names[i].name, p->names[i].script ? p->names[i].script : "",
			   p->names[i].alias ? "alias" : "");
	for (size_t i = 0; i < p->ndocs; i++)
		table_addv(&s->docs, p->docs[i].type, p->docs[i].number,
			   p->docs[i].country ? p->docs[i].country : "");
	return 0;
}

static int show_person_case(const struct person_case_row *r, void *data)
{
	struct show_out *s = data;
	table_addv(&s->cases, r->ref, r->country, r->unit_code, r->opened, r->role, r->linked_id);
	return 0;
}

static int person_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const char *const ncols[] = { "name", "script", "alias", NULL };
	static const char *const dcols[] = { "type", "number", "country", NULL };
	static const char *const ccols[] = { "case", "country", "unit", "opened", "role", "as_record", NULL };
	struct show_out s = { .head = STRBUF_INIT };
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", NULL)) != -1)
		return c == -3 ? EXIT_OK : EXIT_USAGE;
	if (argc - optind != 1)
		return cli_usage(ctx, "give one person id");
	table_init(&s.names, ncols);
	table_init(&s.docs, dcols);
	table_init(&s.cases, ccols);
	rc = person_view(ctx->db, &ctx->actor, argv[optind], show_person_row, show_person_case, &s);
	if (!rc) {
		fputs(s.head.buf, stdout);
		printf("\nnames:\n");
		table_print(&s.names, stdout, TABLE_TEXT);
		printf("\ndocuments:\n");
		table_print(&s.docs, stdout, TABLE_TEXT);
		printf("\ncases:\n");
		table_print(&s.cases, stdout, TABLE_TEXT);
	}
	strbuf_release(&s.head);
	table_release(&s.names);
	table_release(&s.docs);
	table_release(&s.cases);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int merge_row(const struct merge_row *m, void *data)
{
	table_addv(data, m->id, m->at, m->actor, m->survivor_id, m->survivor_name, m->merged_id,
		   m->merged_name, m->undone_at ? m->undone_at : "");
	return 0;
}

static int person_merges(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "id", "at", "actor", "survivor", "survivor_name", "merged",
		"merged_name", "undone_at", NULL };
	struct table t;
	long long limit = 100;
	char *end;
	int c, rc;

	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c == 'n') {
			limit = strtoll(optarg, &end, 10);
			if (*end || limit < 1 || limit > RL_PAGE_MAX)
				return cli_usage(ctx, "--limit needs a number from 1 to %d", RL_PAGE_MAX);
		} else {
			return c == -3 ? EXIT_OK : EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	table_init(&t, cols);
	rc = person_merge_log(ctx->db, &ctx->actor, limit, merge_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

int cmd_person(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "search", person_search, "find persons by name" },
		{ "duplicates", person_duplicates, "list likely duplicate persons" },
		{ "merge", person_merge, "merge two persons" },
		{ "unmerge", person_unmerge, "undo a merge" },
		{ "show", person_show, "one person with names, documents and cases" },
		{ "merges", person_merges, "the log of merges" },
		{ NULL, NULL, NULL },
	};
	return cli_run_subcommand(ctx, argc, argv, subs);
}
