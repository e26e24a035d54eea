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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_valid_and_normalised),
		cmocka_unit_test(test_fields_refused_naming_the_field),
		cmocka_unit_test(test_every_label_in_four_languages),
		cmocka_unit_test(test_group_commit_from_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
