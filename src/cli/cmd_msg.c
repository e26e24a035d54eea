/*
 * cmd_msg.c: `redline msg ...`, the hotline from the command line: send,
 * list a box, show a thread, acknowledge, reply, forward, close, search,
 * run one escalation pass, standing links and templates. Options may come
 * before or after the operands.
 *
 * REDLINE_NOW (a UTC time YYYY-MM-DDTHH:MM:SSZ) freezes the clock for the
 * command: for tests and for operators replaying an escalation pass; it
 * is never needed in normal use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/builtin.h"
#include "core/hotline.h"
#include "core/hotline_link.h"
#include "core/hotline_template.h"
#include "core/vocab.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/strbuf.h"

const char usage_msg[] =
	"usage: redline --as LOGIN msg send --to UNIT [--to UNIT]... --kind K [--subtype S]\n"
	"                    --subject TEXT [--body TEXT | --body-file FILE] [--priority P]\n"
	"                    [--tlp T] [--lang L] [--field NAME=VALUE]... [--fields JSON]\n"
	"                    [--key KEY] [--from UNIT] [--link case|person|notice=REF]...\n"
	"                    (a case of a country: --link case=COUNTRY/REF, as VNM/VN-22-...)\n"
	"       redline --as LOGIN msg inbox|outbox|escalated [--state S] [--priority P]\n"
	"                    [--kind K] [--counterpart UNIT] [--overdue] [--since D] [--until D]\n"
	"                    [--limit N] [--cursor C]   (system: --unit UNIT)\n"
	"       redline --as LOGIN msg show ID [--lang L] [--no-read]\n"
	"       redline --as LOGIN msg ack ID\n"
	"       redline --as LOGIN msg reply ID --body TEXT [--lang L] [--key KEY]\n"
	"       redline --as LOGIN msg forward ID --to UNIT [--note TEXT]\n"
	"       redline --as LOGIN msg close ID [--note TEXT]\n"
	"       redline --as LOGIN msg search TEXT [--limit N]\n"
	"       redline --as LOGIN msg attach ID FILE [--type CONTENT-TYPE]\n"
	"       redline msg escalate\n"
	"       redline --as LOGIN msg link|unlink ID --case REF [--country C] | --person ID\n"
	"                    | --notice REF\n"
	"       redline msg link add|remove UNIT UNIT\n"
	"       redline msg templates [--lang L]\n"
	"\n"
	"Messages between units of the hotline. kind: information, request, alert;\n"
	"request subtypes: investigate, verify, collect_evidence, locate_person,\n"
	"arrest_handover, other; priority: routine (default), urgent, flash;\n"
	"tlp: clear, green, amber (default), amber_strict, red; lang: vi, lo, en, fr.\n"
	"A unit writes to its parent, its children, its counterparts across the\n"
	"border and units linked by an admin (msg link); a ministry to its whole\n"
	"country and the other ministry. --key makes a retried send safe: the same\n"
	"key returns the first message. ID is a message id or code (HL-0000001).\n"
	"link      links a message to a case, a person or a notice you may read (unlink\n"
	"          removes it); the thread shows each reader the records they may read\n"
	"link add|remove  a standing link between two units (admins)\n"
	"escalate  one escalation pass (the server runs one every few seconds)\n"
	"templates the fields of each kind, with labels in --lang\n"
	"\n"
	"REDLINE_NOW=TIME in the environment freezes the clock (tests and operations only).\n";

#define MAX_ARGS 64

struct opargs {
	const char *v[MAX_ARGS];
	int n;
};

/* cli_getopt() over the whole argv, keeping operands found between options. */
static int getopts(struct cli_ctx *ctx, int argc, char **argv, const struct option *opts,
		   struct opargs *ops, int (*on)(int c, const char *arg, void *data), void *data)
{
	optind = 1;
	ops->n = 0;
	while (optind < argc) {
		int c = cli_getopt(ctx, argc, argv, "", opts);

		if (c == -3)
			return -3;
		if (c == -2)
			return -2;
		if (c == -1) {
			if (optind >= argc)
				break;
			if (ops->n >= MAX_ARGS) {
				cli_usage(ctx, "too many arguments");
				return -2;
			}
			ops->v[ops->n++] = argv[optind++];
			continue;
		}
		if (on(c, optarg, data))
			return -2;
	}
	return 0;
}

static int fake_clock(void)
{
	const char *now = getenv("REDLINE_NOW");
	int64_t ms;

	if (!now || !*now)
		return 0;
	if ((ms = rl_time_parse(now)) < 0)
		return rl_error(RL_EINVAL, "REDLINE_NOW needs a time YYYY-MM-DDTHH:MM:SSZ");
	rl_clock_set(ms);
	return 0;
}

static void fmt_ms(int64_t ms, char out[RL_TIME_LEN + 1])
{
	if (ms)
		rl_time_format(ms, out);
	else
		*out = '\0';
}

/* ---- send ---- */

struct send_opts {
	struct cli_ctx *ctx;
	struct hotline_msg_input in;
	struct hotline_link_ref links[RL_MSG_LINKS_MAX];
	char link_kind[RL_MSG_LINKS_MAX][16];
	char link_country[RL_MSG_LINKS_MAX][4];  /* case=COUNTRY/REF: the country, upper case */
	const char *to[RL_ADDRESSEES_MAX + 1];
	json_t *fields;
	const char *fields_json;
	const char *body_file;
	int nto;
};

/* Whether a case ref is written COUNTRY/REF, COUNTRY an ISO 3166 alpha-3
 * code in either case (a ref of its own may hold '/', but never after a
 * country code); the code, upper-cased, in country. */
static bool split_country(const char *ref, char country[4])
{
	for (int i = 0; i < 3; i++) {
		char c = ref[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return false;
		country[i] = (char)(c >= 'a' ? c - 32 : c);
	}
	country[3] = '\0';
	return ref[3] == '/' && vocab_country_valid(country);
}

static int send_opt(int c, const char *arg, void *data)
{
	struct send_opts *s = data;

	switch (c) {
	case 't':
		if (s->nto > RL_ADDRESSEES_MAX) {
			cli_usage(s->ctx, "more than %d --to", RL_ADDRESSEES_MAX);
			return 1;
		}
		s->to[s->nto++] = arg;
		return 0;
	case 'k': s->in.kind = arg; return 0;
	case 'S': s->in.subtype = arg; return 0;
	case 's': s->in.subject = arg; return 0;
	case 'b': s->in.body = arg; return 0;
	case 'B': s->body_file = arg; return 0;
	case 'p': s->in.priority = arg; return 0;
	case 'T': s->in.tlp = arg; return 0;
	case 'l': s->in.lang = arg; return 0;
	case 'K': s->in.idem_key = arg; return 0;
	case 'f': s->in.from = arg; return 0;
	case 'j': s->fields_json = arg; return 0;
	case 'L': {
		const char *eq = strchr(arg, '=');
		int n = s->in.nlinks;

		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(s->link_kind[0]) || !eq[1]) {
			cli_usage(s->ctx, "--link needs KIND=REF (case, person or notice)");
			return 1;
		}
		if (n >= RL_MSG_LINKS_MAX) {
			cli_usage(s->ctx, "more than %d --link", RL_MSG_LINKS_MAX);
			return 1;
		}
		memcpy(s->link_kind[n], arg, (size_t)(eq - arg));
		s->link_kind[n][eq - arg] = '\0';
		s->links[n].kind = s->link_kind[n];
		s->links[n].ref = eq + 1;
		if (!strcmp(s->link_kind[n], "case") && split_country(eq + 1, s->link_country[n])) {
			/* As msg link --country: core checks the country (VNM or LAO). */
			s->links[n].country = s->link_country[n];
			s->links[n].ref = eq + 5;
			if (!*s->links[n].ref) {
				cli_usage(s->ctx, "--link case=COUNTRY/REF needs a REF after the country");
				return 1;
			}
		}
		s->in.nlinks = n + 1;
		return 0;
	}
	case 'F': {
		const char *eq = strchr(arg, '=');
		char name[64];

		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name)) {
			cli_usage(s->ctx, "--field needs NAME=VALUE");
			return 1;
		}
		memcpy(name, arg, (size_t)(eq - arg));
		name[eq - arg] = '\0';
		if (!s->fields)
			s->fields = json_object();
		json_object_set_new(s->fields, name, json_string(eq + 1));
		return 0;
	}
	}
	return 1;
}

static int read_file(const char *path, struct strbuf *out, size_t max)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f)
		return rl_error(RL_EINVAL, "cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (out->len + n > max) {
			fclose(f);
			return rl_error(RL_ETOOBIG, "'%s' is larger than %zu bytes", path, max);
		}
		strbuf_add(out, buf, n);
	}
	fclose(f);
	return 0;
}

static void print_sent(struct cli_ctx *ctx, const struct hotline_sent *s)
{
	if (ctx->format == TABLE_JSON) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "id", s->id, "code", s->code,
				      "thread_id", s->thread_id, "replayed", s->replayed);
		char *d = json_dumps(o, JSON_COMPACT);
		printf("%s\n", d);
		free(d);
		json_decref(o);
	} else {
		printf("%s %s%s\n", s->code, s->id, s->replayed ? " (already sent with this key)" : "");
	}
}

static int msg_send(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' }, { "kind", required_argument, NULL, 'k' },
		{ "subtype", required_argument, NULL, 'S' }, { "subject", required_argument, NULL, 's' },
		{ "body", required_argument, NULL, 'b' }, { "body-file", required_argument, NULL, 'B' },
		{ "priority", required_argument, NULL, 'p' }, { "tlp", required_argument, NULL, 'T' },
		{ "lang", required_argument, NULL, 'l' }, { "key", required_argument, NULL, 'K' },
		{ "from", required_argument, NULL, 'f' }, { "field", required_argument, NULL, 'F' },
		{ "fields", required_argument, NULL, 'j' }, { "link", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct send_opts s = { .ctx = ctx };
	struct opargs ops;
	struct hotline_sent sent;
	struct strbuf body = STRBUF_INIT;
	char *fields = NULL;
	int rc;

	rc = getopts(ctx, argc, argv, opts, &ops, send_opt, &s);
	if (rc) {
		json_decref(s.fields);
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	}
	if (ops.n) {
		json_decref(s.fields);
		return cli_usage(ctx, "unexpected argument '%s'", ops.v[0]);
	}
	if (s.fields && s.fields_json) {
		json_decref(s.fields);
		return cli_usage(ctx, "use --field or --fields, not both");
	}
	if (s.body_file) {
		if (s.in.body) {
			json_decref(s.fields);
			return cli_usage(ctx, "use --body or --body-file, not both");
		}
		if ((rc = read_file(s.body_file, &body, RL_TEXT_MAX))) {
			json_decref(s.fields);
			return cli_fail(ctx);
		}
		s.in.body = body.buf;
	}
	if (s.fields)
		fields = json_dumps(s.fields, JSON_COMPACT);
	s.in.fields = fields ? fields : s.fields_json;
	s.in.to = s.to;
	s.in.nto = s.nto;
	s.in.links = s.links;
	rc = hotline_send(ctx->db, &ctx->actor, &s.in, &sent);
	free(fields);
	json_decref(s.fields);
	strbuf_release(&body);
	if (rc)
		return cli_fail(ctx);
	print_sent(ctx, &sent);
	return EXIT_OK;
}

/* ---- boxes ---- */

struct box_opts {
	struct cli_ctx *ctx;
	struct hotline_box_query q;
};

static int box_opt(int c, const char *arg, void *data)
{
	struct box_opts *b = data;
	char *end;

	switch (c) {
	case 's': b->q.state = arg; return 0;
	case 'p': b->q.priority = arg; return 0;
	case 'k': b->q.kind = arg; return 0;
	case 'c': b->q.counterpart = arg; return 0;
	case 'o': b->q.overdue = true; return 0;
	case 'S': b->q.since = arg; return 0;
	case 'U': b->q.until = arg; return 0;
	case 'C': b->q.cursor = arg; return 0;
	case 'u': b->q.unit = arg; return 0;
	case 'n':
		b->q.limit = (int)strtol(arg, &end, 10);
		if (*end || b->q.limit < 1 || b->q.limit > RL_PAGE_MAX) {
			cli_usage(b->ctx, "--limit needs a number from 1 to %d", RL_PAGE_MAX);
			return 1;
		}
		return 0;
	}
	return 1;
}

static int box_row(struct msg_rec *m, const struct addr_rec *a, int64_t sort_ms, void *data)
{
	char t[RL_TIME_LEN + 1], due[RL_TIME_LEN + 1], lvl[8];
	bool overdue = false;
	int64_t now = rl_now_ms();

	(void)sort_ms;
	rl_time_format(m->created_ms, t);
	*due = '\0';
	if (a) {
		int64_t d = strcmp(a->state, "acknowledged") ? a->ack_due_ms : a->reply_due_ms;
		bool open = strcmp(a->state, "answered") && strcmp(a->state, "closed");
		if (open && d)
			fmt_ms(d, due);
		overdue = open && d && d <= now &&
			  (strcmp(a->state, "acknowledged") || a->reply_due_ms);
		snprintf(lvl, sizeof(lvl), "%d", a->level);
	}
	table_addv(data, m->code, m->id, t, m->priority, m->kind, m->sender_unit_code,
		   a ? a->role : "", a ? a->state : (m->closed_ms ? "closed" : "open"),
		   a ? lvl : "", due, overdue ? "yes" : "", m->subject);
	return 0;
}

static int msg_box_cmd(int argc, char **argv, struct cli_ctx *ctx, const char *box)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' }, { "priority", required_argument, NULL, 'p' },
		{ "kind", required_argument, NULL, 'k' }, { "counterpart", required_argument, NULL, 'c' },
		{ "overdue", no_argument, NULL, 'o' }, { "since", required_argument, NULL, 'S' },
		{ "until", required_argument, NULL, 'U' }, { "cursor", required_argument, NULL, 'C' },
		{ "unit", required_argument, NULL, 'u' }, { "limit", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "code", "id", "created", "priority", "kind", "from", "role",
					    "state", "level", "due", "overdue", "subject", NULL };
	struct box_opts b = { .ctx = ctx };
	struct opargs ops;
	struct table t;
	char cursor[64];
	int rc;

	rc = getopts(ctx, argc, argv, opts, &ops, box_opt, &b);
	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	if (ops.n)
		return cli_usage(ctx, "unexpected argument '%s'", ops.v[0]);
	b.q.box = box;
	table_init(&t, cols);
	rc = hotline_box(ctx->db, &ctx->actor, &b.q, box_row, &t, cursor, sizeof(cursor));
	if (!rc) {
		table_print(&t, stdout, ctx->format);
		if (*cursor)
			fprintf(stderr, "more: --cursor %s\n", cursor);
	}
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

static int msg_inbox(int argc, char **argv, struct cli_ctx *ctx)
{
	return msg_box_cmd(argc, argv, ctx, "inbox");
}

static int msg_outbox(int argc, char **argv, struct cli_ctx *ctx)
{
	return msg_box_cmd(argc, argv, ctx, "outbox");
}

static int msg_escalated(int argc, char **argv, struct cli_ctx *ctx)
{
	return msg_box_cmd(argc, argv, ctx, "escalated");
}

/* ---- show ---- */

struct show_opts {
	const char *lang;
	bool no_read;
};

static int show_opt(int c, const char *arg, void *data)
{
	struct show_opts *s = data;

	if (c == 'l')
		s->lang = arg;
	else if (c == 'r')
		s->no_read = true;
	else
		return 1;
	return 0;
}

static const char *js(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "-";
}

static void print_thread(json_t *t)
{
	size_t i, j;
	json_t *m, *x;

	json_array_foreach(json_object_get(t, "messages"), i, m) {
		printf("%s %s  %s %s%s%s  %s  TLP:%s\n", js(m, "code"), js(m, "id"), js(m, "priority_label"),
		       js(m, "kind"), *js(m, "subtype") && strcmp(js(m, "subtype"), "-") ? "/" : "",
		       strcmp(js(m, "subtype"), "-") ? js(m, "subtype") : "", js(m, "created_at"), js(m, "tlp"));
		if (json_object_get(m, "template_label"))
			printf("  %s\n", js(m, "template_label"));
		printf("  from %s (%s)\n  subject: %s\n", js(m, "from"), js(m, "sender"), js(m, "subject"));
		if (*js(m, "body"))
			printf("  body: %s\n", js(m, "body"));
		json_array_foreach(json_object_get(m, "fields_labeled"), j, x) {
			json_t *v = json_object_get(x, "value");
			if (json_object_get(x, "value_label"))
				printf("  %s: %s\n", js(x, "label"), js(x, "value_label"));
			else if (json_is_integer(v))
				printf("  %s: %lld\n", js(x, "label"), (long long)json_integer_value(v));
			else
				printf("  %s: %s\n", js(x, "label"), json_string_value(v) ? json_string_value(v) : "");
		}
		json_array_foreach(json_object_get(m, "addressees"), j, x)
			printf("  to %s [%s] %s level %lld%s\n", js(x, "unit"), js(x, "role"), js(x, "state"),
			       (long long)json_integer_value(json_object_get(x, "level")),
			       json_is_true(json_object_get(x, "escalated")) ? " (escalated)" : "");
		json_array_foreach(json_object_get(m, "links"), j, x)
			printf("  link %s %s%s%s  %s\n", js(x, "kind"), json_object_get(x, "country") ? js(x, "country") : "",
			       json_object_get(x, "country") ? "/" : "", js(x, "ref"), js(x, "label"));
		json_array_foreach(json_object_get(m, "attachments"), j, x)
			printf("  file %s %s (%lld bytes)\n", js(x, "id"), js(x, "filename"),
			       (long long)json_integer_value(json_object_get(x, "size")));
	}
	printf("timeline:\n");
	/* "text" is the reason in the reader's language (--lang, else the
	 * user's country's); "detail" the English text of older servers. */
	json_array_foreach(json_object_get(t, "timeline"), i, x) {
		const char *why = json_object_get(x, "text") ? js(x, "text") : js(x, "detail");

		printf("  %s  %s  %-12s %s  %s%s%s\n", js(x, "at"), js(x, "message"), js(x, "what"),
		       json_is_string(json_object_get(x, "unit")) ? js(x, "unit") : "-", js(x, "actor"),
		       *why ? "  " : "", why);
	}
}

static int msg_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' }, { "no-read", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct show_opts s = { 0 };
	struct opargs ops;
	json_t *t;
	int rc;

	rc = getopts(ctx, argc, argv, opts, &ops, show_opt, &s);
	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	if (ops.n != 1)
		return cli_usage(ctx, "show needs one message id or code");
	if (hotline_show(ctx->db, &ctx->actor, ops.v[0], s.lang, !s.no_read, &t))
		return cli_fail(ctx);
	if (ctx->format == TABLE_JSON) {
		char *d = json_dumps(t, JSON_INDENT(2));
		printf("%s\n", d);
		free(d);
	} else {
		print_thread(t);
	}
	json_decref(t);
	return EXIT_OK;
}

/* ---- ack, reply, forward, close ---- */

struct act_opts {
	const char *body, *lang, *key, *to, *note, *type;
};

static int act_opt(int c, const char *arg, void *data)
{
	struct act_opts *o = data;

	switch (c) {
	case 'b': o->body = arg; return 0;
	case 'l': o->lang = arg; return 0;
	case 'K': o->key = arg; return 0;
	case 't': o->to = arg; return 0;
	case 'N': o->note = arg; return 0;
	case 'T': o->type = arg; return 0;
	}
	return 1;
}

static const struct option act_opts_ack[] = {
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};
static const struct option act_opts_reply[] = {
	{ "body", required_argument, NULL, 'b' }, { "lang", required_argument, NULL, 'l' },
	{ "key", required_argument, NULL, 'K' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};
static const struct option act_opts_forward[] = {
	{ "to", required_argument, NULL, 't' }, { "note", required_argument, NULL, 'N' },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};
static const struct option act_opts_close[] = {
	{ "note", required_argument, NULL, 'N' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};
static const struct option act_opts_attach[] = {
	{ "type", required_argument, NULL, 'T' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

static int act_parse(struct cli_ctx *ctx, int argc, char **argv, const struct option *opts,
		     struct act_opts *o, struct opargs *ops, int want)
{
	int rc = getopts(ctx, argc, argv, opts, ops, act_opt, o);

	if (rc)
		return rc == -3 ? -3 : EXIT_USAGE;
	if (ops->n != want) {
		cli_usage(ctx, want == 1 ? "needs one message id or code" : "needs a message id and a file");
		return EXIT_USAGE;
	}
	return 0;
}

static int msg_ack(int argc, char **argv, struct cli_ctx *ctx)
{
	struct act_opts o = { 0 };
	struct opargs ops;
	int rc = act_parse(ctx, argc, argv, act_opts_ack, &o, &ops, 1);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (hotline_ack(ctx->db, &ctx->actor, ops.v[0]))
		return cli_fail(ctx);
	printf("acknowledged %s\n", ops.v[0]);
	return EXIT_OK;
}

static int msg_reply(int argc, char **argv, struct cli_ctx *ctx)
{
	struct act_opts o = { 0 };
	struct opargs ops;
	struct hotline_sent sent;
	int rc = act_parse(ctx, argc, argv, act_opts_reply, &o, &ops, 1);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (!o.body)
		return cli_usage(ctx, "reply needs --body");
	if (hotline_reply(ctx->db, &ctx->actor, ops.v[0], o.body, o.lang, o.key, &sent))
		return cli_fail(ctx);
	print_sent(ctx, &sent);
	return EXIT_OK;
}

static int msg_forward(int argc, char **argv, struct cli_ctx *ctx)
{
	struct act_opts o = { 0 };
	struct opargs ops;
	int rc = act_parse(ctx, argc, argv, act_opts_forward, &o, &ops, 1);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (!o.to)
		return cli_usage(ctx, "forward needs --to UNIT");
	if (hotline_forward(ctx->db, &ctx->actor, ops.v[0], o.to, o.note))
		return cli_fail(ctx);
	printf("forwarded %s to %s\n", ops.v[0], o.to);
	return EXIT_OK;
}

static int msg_close(int argc, char **argv, struct cli_ctx *ctx)
{
	struct act_opts o = { 0 };
	struct opargs ops;
	int rc = act_parse(ctx, argc, argv, act_opts_close, &o, &ops, 1);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (hotline_close(ctx->db, &ctx->actor, ops.v[0], o.note))
		return cli_fail(ctx);
	printf("closed %s\n", ops.v[0]);
	return EXIT_OK;
}

static int msg_attach(int argc, char **argv, struct cli_ctx *ctx)
{
	struct act_opts o = { 0 };
	struct opargs ops;
	struct strbuf data = STRBUF_INIT;
	char id[RL_ID_LEN + 1];
	const char *name;
	int rc = act_parse(ctx, argc, argv, act_opts_attach, &o, &ops, 2);

	if (rc)
		return rc == -3 ? EXIT_OK : rc;
	if (read_file(ops.v[1], &data, RL_ATTACHMENT_MAX))
		return cli_fail(ctx);
	name = strrchr(ops.v[1], '/') ? strrchr(ops.v[1], '/') + 1 : ops.v[1];
	rc = hotline_attach(ctx->db, &ctx->actor, ops.v[0], name, o.type ? o.type : "application/octet-stream",
			    data.buf, data.len, id);
	strbuf_release(&data);
	if (rc)
		return cli_fail(ctx);
	printf("%s\n", id);
	return EXIT_OK;
}

/* ---- search ---- */

static int search_opt(int c, const char *arg, void *data)
{
	char *end;
	int *limit = data;

	if (c != 'n')
		return 1;
	*limit = (int)strtol(arg, &end, 10);
	return *end || *limit < 1 || *limit > RL_PAGE_MAX;
}

static int search_row(struct msg_rec *m, void *data)
{
	char t[RL_TIME_LEN + 1];

	rl_time_format(m->created_ms, t);
	table_addv(data, m->code, m->id, t, m->priority, m->kind, m->sender_unit_code, m->tlp, m->subject);
	return 0;
}

static int msg_search(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "code", "id", "created", "priority", "kind", "from", "tlp",
					    "subject", NULL };
	struct opargs ops;
	struct table t;
	int limit = 0, rc;

	rc = getopts(ctx, argc, argv, opts, &ops, search_opt, &limit);
	if (rc == -3)
		return EXIT_OK;
	if (rc)
		return cli_usage(ctx, "--limit needs a number from 1 to %d", RL_PAGE_MAX);
	if (ops.n != 1)
		return cli_usage(ctx, "search needs one text (quote several words)");
	table_init(&t, cols);
	rc = hotline_search(ctx->db, &ctx->actor, ops.v[0], limit, search_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

/* ---- escalate, link, templates ---- */

static int no_opt(int c, const char *arg, void *data)
{
	(void)c;
	(void)arg;
	(void)data;
	return 1;
}

static int msg_escalate(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	struct opargs ops;
	int rc, n;

	rc = getopts(ctx, argc, argv, opts, &ops, no_opt, NULL);
	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	if (ops.n)
		return cli_usage(ctx, "unexpected argument '%s'", ops.v[0]);
	if (!ctx->actor.system) {
		rl_error(RL_EDENIED, "escalation passes run as the system (without --as)");
		return cli_fail(ctx);
	}
	if (hotline_escalate_due(ctx->db, rl_now_ms(), &n))
		return cli_fail(ctx);
	printf("%d escalation%s\n", n, n == 1 ? "" : "s");
	return EXIT_OK;
}

struct link_opts {
	struct hotline_link_ref r;
	int targets;                  /* how many of --case, --person, --notice */
};

static int link_opt(int c, const char *arg, void *data)
{
	struct link_opts *o = data;

	switch (c) {
	case 'c': o->r.kind = "case"; o->r.ref = arg; o->targets++; return 0;
	case 'p': o->r.kind = "person"; o->r.ref = arg; o->targets++; return 0;
	case 'n': o->r.kind = "notice"; o->r.ref = arg; o->targets++; return 0;
	case 'C': o->r.country = arg; return 0;
	}
	return 1;
}

/* msg link|unlink ID --case REF ...: a message and another record. */
static int msg_record_link(struct cli_ctx *ctx, struct link_opts *o, const struct opargs *ops, bool add)
{
	struct hotline_link_target t;

	if (o->targets != 1)
		return cli_usage(ctx, "%s needs one of --case REF, --person ID or --notice REF",
				 add ? "link" : "unlink");
	if (ops->n != 1)
		return cli_usage(ctx, "%s needs one message id or code", add ? "link" : "unlink");
	if (o->r.country && strcmp(o->r.kind, "case"))
		return cli_usage(ctx, "--country goes with --case");
	if (hotline_msg_link(ctx->db, &ctx->actor, ops->v[0], &o->r, add, &t))
		return cli_fail(ctx);
	printf("%s %s %s %s%s%s\n", ops->v[0], add ? "linked to" : "unlinked from", t.kind, t.country,
	       *t.country ? "/" : "", t.ref);
	return EXIT_OK;
}

static const struct option link_opts_list[] = {
	{ "case", required_argument, NULL, 'c' }, { "person", required_argument, NULL, 'p' },
	{ "notice", required_argument, NULL, 'n' }, { "country", required_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

static int msg_link(int argc, char **argv, struct cli_ctx *ctx)
{
	struct link_opts o = { 0 };
	struct opargs ops;
	bool add;
	int rc;

	rc = getopts(ctx, argc, argv, link_opts_list, &ops, link_opt, &o);
	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	if (o.targets || o.r.country || (ops.n && strcmp(ops.v[0], "add") && strcmp(ops.v[0], "remove")))
		return msg_record_link(ctx, &o, &ops, true);
	/* msg link add|remove UNIT UNIT: a standing link between units. */
	if (ops.n != 3)
		return cli_usage(ctx, "usage: msg link ID --case REF|--person ID|--notice REF, "
				 "or msg link add|remove UNIT UNIT");
	add = !strcmp(ops.v[0], "add");
	if (hotline_link(ctx->db, &ctx->actor, ops.v[1], ops.v[2], add))
		return cli_fail(ctx);
	printf("%s %s <-> %s\n", add ? "linked" : "unlinked", ops.v[1], ops.v[2]);
	return EXIT_OK;
}

static int msg_unlink(int argc, char **argv, struct cli_ctx *ctx)
{
	struct link_opts o = { 0 };
	struct opargs ops;
	int rc;

	rc = getopts(ctx, argc, argv, link_opts_list, &ops, link_opt, &o);
	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	return msg_record_link(ctx, &o, &ops, false);
}

static int msg_templates(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "lang", required_argument, NULL, 'l' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "kind", "subtype", "title", "field", "type", "required",
					    "label", "codes", NULL };
	struct show_opts s = { 0 };
	struct opargs ops;
	struct table t;
	int rc;

	rc = getopts(ctx, argc, argv, opts, &ops, show_opt, &s);
	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	if (ops.n)
		return cli_usage(ctx, "unexpected argument '%s'", ops.v[0]);
	table_init(&t, cols);
	for (const struct hotline_template *tp = hotline_templates(); tp->kind; tp++) {
		const char *title = tpl_label_in(&tp->title, s.lang);
		if (!tp->fields->name)
			table_addv(&t, tp->kind, tp->subtype, title, "", "", "", "", "");
		for (const struct tpl_field *f = tp->fields; f->name; f++) {
			struct strbuf codes = STRBUF_INIT;
			for (const struct tpl_code *c = f->codes; c && c->code; c++)
				strbuf_addf(&codes, "%s%s=%s", codes.len ? "; " : "", c->code,
					    tpl_label_in(&c->label, s.lang));
			table_addv(&t, tp->kind, tp->subtype, title, f->name, tpl_type_name(f->type),
				   f->required ? "yes" : "no", tpl_label_in(&f->label, s.lang), codes.buf);
			strbuf_release(&codes);
		}
	}
	table_print(&t, stdout, ctx->format);
	table_release(&t);
	return EXIT_OK;
}

int cmd_msg(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "send", msg_send, "send a message" },
		{ "inbox", msg_inbox, "messages to your unit" },
		{ "outbox", msg_outbox, "messages from your unit" },
		{ "escalated", msg_escalated, "messages escalated to or past your unit" },
		{ "show", msg_show, "a thread with its timeline" },
		{ "ack", msg_ack, "acknowledge a message" },
		{ "reply", msg_reply, "reply to a message" },
		{ "forward", msg_forward, "forward to your parent or a child unit" },
		{ "close", msg_close, "close a message your unit sent" },
		{ "attach", msg_attach, "attach a file to a message your unit sent" },
		{ "search", msg_search, "search the messages you may read" },
		{ "escalate", msg_escalate, "run one escalation pass" },
		{ "link", msg_link, "link a message to a case, person or notice; or a standing link (admins)" },
		{ "unlink", msg_unlink, "remove a message's link to a case, person or notice" },
		{ "templates", msg_templates, "the fields of each kind of message" },
		{ NULL, NULL, NULL },
	};
	if (fake_clock())
		return cli_fail(ctx);
	return cli_run_subcommand(ctx, argc, argv, subs);
}

/* ---- duty ---- */

const char usage_duty[] =
	"usage: redline --as LOGIN duty on|off\n"
	"       redline duty list [--unit UNIT]\n"
	"\n"
	"Officers mark themselves on or off duty. A flash message to a unit where\n"
	"nobody is on duty escalates to the level above at once.\n";

static int duty_set(int argc, char **argv, struct cli_ctx *ctx, bool on)
{
	static const struct option opts[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	struct opargs ops;
	int rc = getopts(ctx, argc, argv, opts, &ops, no_opt, NULL);

	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	if (ops.n)
		return cli_usage(ctx, "unexpected argument '%s'", ops.v[0]);
	if (hotline_duty_set(ctx->db, &ctx->actor, on))
		return cli_fail(ctx);
	printf("%s is %s duty\n", ctx->actor.login, on ? "on" : "off");
	return EXIT_OK;
}

static int duty_on(int argc, char **argv, struct cli_ctx *ctx)
{
	return duty_set(argc, argv, ctx, true);
}

static int duty_off(int argc, char **argv, struct cli_ctx *ctx)
{
	return duty_set(argc, argv, ctx, false);
}

static int duty_row(const struct duty_rec *d, void *data)
{
	char t[RL_TIME_LEN + 1];

	rl_time_format(d->since_ms, t);
	table_addv(data, d->unit_code, d->login, d->full_name, t);
	return 0;
}

static int duty_unit_opt(int c, const char *arg, void *data)
{
	if (c != 'u')
		return 1;
	*(const char **)data = arg;
	return 0;
}

static int duty_list(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const cols[] = { "unit", "login", "name", "since", NULL };
	const char *unit = NULL;
	struct opargs ops;
	struct table t;
	int rc = getopts(ctx, argc, argv, opts, &ops, duty_unit_opt, &unit);

	if (rc)
		return rc == -3 ? EXIT_OK : EXIT_USAGE;
	if (ops.n)
		return cli_usage(ctx, "unexpected argument '%s'", ops.v[0]);
	table_init(&t, cols);
	rc = hotline_duty_list(ctx->db, &ctx->actor, unit, duty_row, &t);
	if (!rc)
		table_print(&t, stdout, ctx->format);
	table_release(&t);
	return rc ? cli_fail(ctx) : EXIT_OK;
}

int cmd_duty(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_subcommand subs[] = {
		{ "on", duty_on, "mark yourself on duty" },
		{ "off", duty_off, "mark yourself off duty" },
		{ "list", duty_list, "who is on duty now" },
		{ NULL, NULL, NULL },
	};
	if (fake_clock())
		return cli_fail(ctx);
	return cli_run_subcommand(ctx, argc, argv, subs);
}
