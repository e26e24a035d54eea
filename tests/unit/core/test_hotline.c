/* Tests of core/hotline_template (field validation, labels) and of the
 * group commit of core/hotline (sends from several threads, retried keys
 * racing each other in one batch) on the demo network. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/account.h"
#include "core/hotline.h"
#include "core/hotline_template.h"
#include "core/node.h"
#include "util/clock.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/strbuf.h"

#include "testdb.h"

static void test_fields_valid_and_normalised(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(hotline_fields_check("alert", "",
					      "{\"threat\":\"weapons\",\"persons_count\":\"4\",\"vehicle\":\"\"}",
					      &out), 0);
	/* numbers from text become numbers; empty values are dropped */
	assert_string_equal(out.buf, "{\"persons_count\":4,\"threat\":\"weapons\"}");
	strbuf_release(&out);
	assert_int_equal(hotline_fields_check("request", "locate_person",
					      "{\"person_name\":\"Vàng A Sùng\",\"birth_date\":\"1990\"}", &out), 0);
	strbuf_release(&out);
}

static void test_fields_refused_naming_the_field(void **state)
{
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(hotline_fields_check("alert", "", "{\"threat\":\"ufo\"}", &out), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "'ufo'"));
	assert_non_null(strstr(rl_errmsg(), "'threat'"));
	assert_int_equal(hotline_fields_check("alert", "", "{\"threat\":\"weapons\",\"x\":1}", &out), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "unknown field 'x'"));
	assert_int_equal(hotline_fields_check("alert", "", "{}", &out), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "'threat' is required"));
	assert_int_equal(hotline_fields_check("request", "locate_person",
					      "{\"person_name\":\"A\",\"birth_date\":\"1990-13\"}", &out), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "birth_date"));
	assert_int_equal(hotline_fields_check("alert", "", "[]", &out), RL_EINVAL);
	assert_int_equal(hotline_fields_check("alert", "", "{\"threat\":", &out), RL_EINVAL);
	assert_int_equal(hotline_fields_check("gossip", "", "{}", &out), RL_EINVAL);
	assert_int_equal(out.len, 0);
	strbuf_release(&out);
}

static void test_every_label_in_four_languages(void **state)
{
	(void)state;
	for (const struct hotline_template *t = hotline_templates(); t->kind; t++) {
		const struct tpl_label *l = &t->title;
		assert_true(l->vi && *l->vi && l->lo && *l->lo && l->en && *l->en && l->fr && *l->fr);
		for (const struct tpl_field *f = t->fields; f->name; f++) {
			l = &f->label;
			assert_true(l->vi && *l->vi && l->lo && *l->lo && l->en && *l->en && l->fr && *l->fr);
			for (const struct tpl_code *c = f->codes; c && c->code; c++)
				assert_true(*c->label.vi && *c->label.lo && *c->label.en && *c->label.fr);
		}
	}
	assert_string_equal(tpl_label_in(&hotline_template_find("alert", "")->title, "lo"), "ແຈ້ງເຕືອນ");
}

/* ---- group commit ---- */

static char path[64];

struct sender {
	int n;
	int ok;
	char first_id[RL_ID_LEN + 1];
};

#define SENDERS 6
#define PER_SENDER 25

static void *send_many(void *arg)
{
	struct sender *s = arg;
	struct rl_db *db;
	struct actor a;

	if (node_open(path, &db))
		return NULL;
	if (account_actor(db, "vn-22-c9001.officer", &a)) {
		node_close(db);
		return NULL;
	}
	for (int i = 0; i < PER_SENDER; i++) {
		const char *to[] = { "LA-XI-V0101" };
		char subject[64], key[64];
		struct hotline_sent out;
		struct hotline_msg_input in = {
			.to = to, .nto = 1, .kind = "information", .subject = subject, .idem_key = key,
		};

		snprintf(subject, sizeof(subject), "sender %d message %d", s->n, i);
		/* Every sender also retries the same shared key: one message only. */
		snprintf(key, sizeof(key), i == 0 ? "shared-key" : "k-%d-%d", s->n, i);
		if (!hotline_send(db, &a, &in, &out)) {
			s->ok++;
			if (i == 0)
				snprintf(s->first_id, sizeof(s->first_id), "%s", out.id);
		}
	}
	node_close(db);
	return NULL;
}

struct count_ctx {
	int n;
};

static int count_row(struct msg_rec *m, const struct addr_rec *ad, int64_t sort_ms, void *data)
{
	(void)m;
	(void)ad;
	(void)sort_ms;
	((struct count_ctx *)data)->n++;
	return 0;
}

static void test_group_commit_from_threads(void **state)
{
	struct node_init_opts o = { .demo = true, .country = "VNM" };
	struct rl_db *db, *group;
	struct sender s[SENDERS];
	pthread_t th[SENDERS];
	struct count_ctx c = { 0 };
	struct actor a;
	struct hotline_box_query q = { .box = "outbox", .limit = 500 };
	char cursor[64];

	(void)state;
	snprintf(path, sizeof(path), "test-hotline-%d.db", (int)getpid());
	unlink(path);
	assert_int_equal(node_init(path, &o, &db), 0);
	assert_int_equal(node_open(path, &group), 0);
	assert_int_equal(hotline_group_start(group), 0);
	for (int i = 0; i < SENDERS; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].n = i;
		assert_int_equal(pthread_create(&th[i], NULL, send_many, &s[i]), 0);
	}
	for (int i = 0; i < SENDERS; i++)
		pthread_join(th[i], NULL);
	hotline_group_stop();
	node_close(group);
	for (int i = 0; i < SENDERS; i++) {
		assert_int_equal(s[i].ok, PER_SENDER);
		assert_string_equal(s[i].first_id, s[0].first_id);
	}
	assert_int_equal(account_actor(db, "vn-22-c9001.officer", &a), 0);
	assert_int_equal(hotline_box(db, &a, &q, count_row, &c, cursor, sizeof(cursor)), 0);
	assert_int_equal(c.n, SENDERS * (PER_SENDER - 1) + 1);
	node_close(db);
	testdb_remove(path);
}

/* ---- inbox counts (migration 0012's counters) ---- */

/* The counts as the definition says, from the unit's whole inbox: the
 * counters must always agree with this. */
struct truth {
	int64_t now;
	int64_t all, unread, overdue;
};

static int truth_row(struct msg_rec *m, const struct addr_rec *ad, int64_t sort_ms, void *data)
{
	struct truth *t = data;
	bool waiting_ack = !strcmp(ad->state, "sent") || !strcmp(ad->state, "delivered") ||
			   !strcmp(ad->state, "read");

	(void)m;
	(void)sort_ms;
	t->all++;
	if (!strcmp(ad->state, "sent") || !strcmp(ad->state, "delivered"))
		t->unread++;
	if (waiting_ack && ad->ack_due_ms && ad->ack_due_ms <= t->now)
		t->overdue++;
	if (!strcmp(ad->state, "acknowledged") && ad->reply_due_ms && ad->reply_due_ms <= t->now)
		t->overdue++;
	return 0;
}

static void assert_counts_right(struct rl_db *db, const char *login, int64_t want_all)
{
	struct hotline_box_query q = { .box = "inbox", .limit = RL_PAGE_MAX };
	struct truth t = { .now = rl_now_ms() };
	struct actor a;
	char cursor[64];
	int64_t all, unread, overdue;

	assert_int_equal(account_actor(db, login, &a), 0);
	assert_int_equal(hotline_box(db, &a, &q, truth_row, &t, cursor, sizeof(cursor)), 0);
	assert_string_equal(cursor, ""); /* one page holds the whole inbox */
	assert_int_equal(hotline_counts(db, &a, &all, &unread, &overdue), 0);
	assert_int_equal(t.all, want_all);
	assert_int_equal(all, t.all);
	assert_int_equal(unread, t.unread);
	assert_int_equal(overdue, t.overdue);
}

static void send_one(struct rl_db *db, const struct actor *a, const char *kind, const char *subtype,
		     const char *priority, const char *subject, char id[RL_ID_LEN + 1])
{
	const char *to[] = { "LA-XI-V0101" };
	struct hotline_msg_input in = {
		.to = to, .nto = 1, .kind = kind, .subtype = subtype, .priority = priority, .subject = subject,
	};
	struct hotline_sent out;

	assert_int_equal(hotline_send(db, a, &in, &out), 0);
	memcpy(id, out.id, RL_ID_LEN + 1);
}

/* Every act that moves an addressee row moves the counts with it: a
 * send, the first read, an acknowledgement, a reply, a close, deadlines
 * passing and escalation to the parent unit. */
static void test_counts_follow_every_act(void **state)
{
	struct node_init_opts o = { .demo = true, .country = "VNM" };
	struct rl_db *db;
	struct actor vn, la;
	struct hotline_sent sent;
	char info[3][RL_ID_LEN + 1], req[2][RL_ID_LEN + 1];
	json_t *thread;
	int n = 0;

	(void)state;
	snprintf(path, sizeof(path), "test-hotline-counts-%d.db", (int)getpid());
	testdb_remove(path);
	rl_clock_set(rl_time_parse("2026-03-02T01:00:00.000Z"));
	assert_int_equal(node_init(path, &o, &db), 0);
	assert_int_equal(account_actor(db, "vn-22-c9001.officer", &vn), 0);
	assert_int_equal(account_actor(db, "la-xi-v0101.officer", &la), 0);
	assert_counts_right(db, "la-xi-v0101.officer", 0);

	for (int i = 0; i < 3; i++)
		send_one(db, &vn, "information", "", i ? "routine" : "urgent", "info", info[i]);
	send_one(db, &vn, "request", "other", "urgent", "req 0", req[0]);
	send_one(db, &vn, "request", "other", "routine", "req 1", req[1]);
	assert_counts_right(db, "la-xi-v0101.officer", 5);

	/* The first open marks it read: one fewer unread. */
	assert_int_equal(hotline_show(db, &la, info[0], "lo", true, &thread), 0);
	json_decref(thread);
	assert_int_equal(hotline_show(db, &la, info[0], "lo", true, &thread), 0);
	json_decref(thread);
	assert_counts_right(db, "la-xi-v0101.officer", 5);

	assert_int_equal(hotline_ack(db, &la, info[1]), 0);
	assert_int_equal(hotline_ack(db, &la, req[0]), 0);
	assert_counts_right(db, "la-xi-v0101.officer", 5);

	/* Past the urgent ack deadline (an hour): the unacknowledged urgent
	 * message is overdue; then past the routine one (a day). */
	rl_clock_advance(2 * 3600 * 1000LL);
	assert_counts_right(db, "la-xi-v0101.officer", 5);
	rl_clock_advance(2 * 86400 * 1000LL);
	assert_counts_right(db, "la-xi-v0101.officer", 5);
	/* Past the urgent request's reply deadline (three days), then answered. */
	rl_clock_advance(2 * 86400 * 1000LL);
	assert_counts_right(db, "la-xi-v0101.officer", 5);
	assert_int_equal(hotline_reply(db, &la, req[0], "done", NULL, NULL, &sent), 0);
	assert_counts_right(db, "la-xi-v0101.officer", 5);

	/* Escalation gives the parent rows of its own; the post's stay. */
	assert_int_equal(hotline_escalate_due(db, rl_now_ms(), &n), 0);
	assert_true(n > 0);
	assert_counts_right(db, "la-xi-v0101.officer", 5);
	assert_counts_right(db, "la-xi-d01.officer", n);

	/* Closed by the sender: nothing of it is waiting any more. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(hotline_close(db, &vn, info[i], NULL), 0);
	assert_int_equal(hotline_close(db, &vn, req[1], NULL), 0);
	assert_counts_right(db, "la-xi-v0101.officer", 5);
	assert_counts_right(db, "la-xi-d01.officer", n);

	/* The reply went to the sender's unit: its inbox counts it. */
	assert_counts_right(db, "vn-22-c9001.officer", 1);
	node_close(db);
	testdb_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_valid_and_normalised),
		cmocka_unit_test(test_fields_refused_naming_the_field),
		cmocka_unit_test(test_every_label_in_four_languages),
		cmocka_unit_test(test_group_commit_from_threads),
		cmocka_unit_test(test_counts_follow_every_act),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
