/* Tests of core/notice and core/screen: validation of every field (nothing
 * stored on bad input), the policy of who issues, approves and reads
 * notices across the border, and the screening index following changes
 * without a rebuild. Runs on a demo database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "core/account.h"
#include "core/country_code.h"
#include "core/node.h"
#include "core/notice.h"
#include "core/screen.h"
#include "util/status.h"

#include "testdb.h"

static char path[64];
static struct actor sys;

static void remove_files(void)
{
	testdb_remove(path);
}

static int setup(void **state)
{
	struct node_init_opts o = { .demo = true, .country = "VNM" };
	struct rl_db *db;

	snprintf(path, sizeof(path), "test-notice-%d.db", (int)getpid());
	remove_files();
	actor_system(&sys, "test");
	assert_int_equal(node_init(path, &o, &db), 0);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	screen_index_free();
	node_close(*state);
	remove_files();
	return 0;
}

static int count_notices(void)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int n = -1;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM notices", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static void as(struct rl_db *db, const char *login, struct actor *a)
{
	assert_int_equal(account_actor(db, login, a), 0);
}

static void test_birth_dates(void **state)
{
	(void)state;
	assert_int_equal(notice_check_birth("b", "1985-03-12", "2026-11-23"), 0);
	assert_int_equal(notice_check_birth("b", "1985-03", "2026-11-23"), 0);
	assert_int_equal(notice_check_birth("b", "1985", "2026-11-23"), 0);
	assert_int_equal(notice_check_birth("b", "", "2026-11-23"), 0);
	assert_int_equal(notice_check_birth("b", "2000-02-29", "2026-11-23"), 0);
	assert_int_equal(notice_check_birth("b", "2026-11", "2026-11-23"), 0);
	assert_int_equal(notice_check_birth("b", "1999-02-29", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "1985-13", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "1985-00-10", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "85", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "1985/03/12", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "1985-3-12", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "1885", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "2026-11-24", "2026-11-23"), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "future"));
	assert_int_equal(notice_check_birth("b", "2027", "2026-11-23"), RL_EINVAL);
	assert_int_equal(notice_check_birth("b", "2026-12", "2026-11-23"), RL_EINVAL);
}

static void test_country_codes(void **state)
{
	static const char *const asean[] = { "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP",
					     "THA", "VNM", "TLS", "CHN", NULL };
	(void)state;
	for (int i = 0; asean[i]; i++)
		assert_true(country_code_valid(asean[i]));
	assert_false(country_code_valid("vnm"));
	assert_false(country_code_valid("VN"));
	assert_false(country_code_valid("XYZ"));
	assert_false(country_code_valid(NULL));
	assert_string_equal(country_code_name("LAO"), "Lao People's Democratic Republic");
}

static void test_bad_input_stores_nothing(void **state)
{
	struct rl_db *db = *state;
	char big[RL_NAME_MAX + 2];
	struct notice n;
	struct {
		struct notice_input in;
		int rc;
		const char *msg;
	} cases[] = {
		{ { .kind = "wanted", .full_name = "" }, RL_EINVAL, "full_name is empty" },
		{ { .kind = "wanted", .full_name = "   " }, RL_EINVAL, "full_name is empty" },
		{ { .kind = "wanted", .full_name = big }, RL_ETOOBIG, "longer than" },
		{ { .kind = "wanted", .full_name = "bad \xff byte" }, RL_EINVAL, "UTF-8" },
		{ { .kind = "wanted", .full_name = "a|b" }, RL_EINVAL, "'|'" },
		{ { .kind = "wanted", .full_name = "A", .birth_date = "1990-02-30" }, RL_EINVAL, "real date" },
		{ { .kind = "wanted", .full_name = "A", .birth_date = "2999" }, RL_EINVAL, "future" },
		{ { .kind = "wanted", .full_name = "A", .nationality = "ABC" }, RL_EINVAL, "unknown nationality" },
		{ { .kind = "wanted", .full_name = "A", .aliases = "1|2|3|4|5|6|7|8" }, RL_ETOOBIG, "more than 7" },
		{ { .kind = "wanted", .full_name = "A", .documents = "B12<34" }, RL_EINVAL, "document" },
		{ { .kind = "wanted", .full_name = "A", .action = "shoot" }, RL_EINVAL, "unknown action" },
		{ { .kind = "wanted", .full_name = "A", .sharing = "all" }, RL_EINVAL, "unknown sharing" },
		{ { .kind = "vehicle", .full_name = "A" }, RL_EINVAL, "plate is missing" },
		{ { .kind = "vehicle", .plate = "--" }, RL_EINVAL, "no letter or digit" },
		{ { .kind = "person" , .full_name = "A" }, RL_EINVAL, "unknown kind" },
		{ { .kind = "wanted", .full_name = "A", .ref = "has space" }, RL_EINVAL, "ref" },
		{ { .kind = "wanted", .full_name = "A", .unit = "VN-99-NOPE" }, RL_ENOTFOUND, "unknown unit" },
	};
	int before = count_notices();

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = notice_create(db, &sys, &cases[i].in, &n);
		if (rc != cases[i].rc || !strstr(rl_errmsg(), cases[i].msg))
			fail_msg("case %zu: rc %d, message '%s'", i, rc, rl_errmsg());
	}
	assert_int_equal(count_notices(), before);
}

static void test_policy_across_the_border(void **state)
{
	struct rl_db *db = *state;
	struct actor off, sup, la_sup, la_cp, admin;
	struct notice n;
	struct notice_input in = { .kind = "wanted", .full_name = "Hà Văn Tư", .birth_date = "1970",
				   .sharing = "own_country", .ref = "U-1" };

	as(db, "vn-22-c9001.officer", &off);
	as(db, "vn-22.supervisor", &sup);
	as(db, "la-xi.supervisor", &la_sup);
	as(db, "la-xi-v0102.checkpoint", &la_cp);
	as(db, "admin", &admin);
	assert_int_equal(notice_create(db, &la_cp, &in, &n), RL_EDENIED);
	/* An officer may not issue for another unit. */
	in.unit = "VN-22";
	assert_int_equal(notice_create(db, &off, &in, &n), RL_EDENIED);
	in.unit = NULL;
	assert_int_equal(notice_create(db, &off, &in, &n), 0);
	assert_string_equal(n.state, "draft");
	assert_string_equal(n.unit_code, "VN-22-C9001");
	notice_release(&n);
	assert_int_equal(notice_approve(db, &off, "U-1", NULL), RL_EDENIED);
	assert_int_equal(notice_approve(db, &la_sup, "U-1", NULL), RL_ENOTFOUND);
	assert_int_equal(notice_get(db, &admin, "U-1", &n), RL_ENOTFOUND);
	assert_int_equal(notice_approve(db, &sup, "U-1", &n), 0);
	assert_string_equal(n.state, "active");
	notice_release(&n);
	/* Own country only: never visible to Laos, even active. */
	assert_int_equal(notice_get(db, &la_sup, "U-1", &n), RL_ENOTFOUND);
	assert_int_equal(notice_get(db, &off, "U-1", &n), 0);
	notice_release(&n);
	/* Shared with both, but AMBER+STRICT stays home; AMBER crosses. */
	struct notice_input s = { .kind = "wanted", .full_name = "Hà Văn Năm", .sharing = "both",
				  .tlp = "AMBER+STRICT", .ref = "U-2" };
	assert_int_equal(notice_create(db, &sup, &s, NULL), 0);
	assert_int_equal(notice_approve(db, &sup, "U-2", NULL), 0);
	assert_int_equal(notice_get(db, &la_sup, "U-2", &n), RL_ENOTFOUND);
	s.tlp = "AMBER";
	s.ref = "U-3";
	assert_int_equal(notice_create(db, &sup, &s, NULL), 0);
	assert_int_equal(notice_approve(db, &sup, "U-3", NULL), 0);
	assert_int_equal(notice_get(db, &la_sup, "U-3", &n), 0);
	notice_release(&n);
	assert_int_equal(notice_withdraw(db, &sup, "U-3", "done", NULL), 0);
	assert_int_equal(notice_withdraw(db, &sup, "U-3", "again", NULL), RL_ECONFLICT);
}

static void test_index_follows_changes(void **state)
{
	struct rl_db *db = *state;
	struct actor sup, cp;
	struct screen_cand c[10];
	struct screen_query q = { .name = "Vi Văn Khoa", .birth = "1966-06-06" };
	struct notice_input in = { .kind = "fugitive", .full_name = "Vi Văn Khoa", .birth_date = "1966-06-06",
				   .sharing = "both", .ref = "U-10" };
	size_t n, before;

	as(db, "vn-22.supervisor", &sup);
	as(db, "la-xi-v0102.checkpoint", &cp);
	assert_int_equal(screen_index_load(db), 0);
	before = screen_index_count();
	assert_int_equal(notice_create(db, &sup, &in, NULL), 0);
	assert_int_equal(screen_index_count(), before);   /* drafts are not screened */
	assert_int_equal(screen_one(db, &cp, &q, -1, c, 10, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(notice_approve(db, &sup, "U-10", NULL), 0);
	assert_int_equal(screen_index_count(), before + 1);
	assert_int_equal(screen_one(db, &cp, &q, -1, c, 10, &n), 0);
	assert_true(n >= 1);
	assert_string_equal(c[0].ref, "U-10");
	assert_true(c[0].score > 0 && c[0].score <= 1);
	assert_int_equal(notice_withdraw(db, &sup, "U-10", NULL, NULL), 0);
	assert_int_equal(screen_index_count(), before);
	assert_int_equal(screen_one(db, &cp, &q, -1, c, 10, &n), 0);
	assert_int_equal(n, 0);
	/* Bad queries are refused. */
	struct screen_query bad = { .name = "A", .birth = "1966-02-30" };
	assert_int_equal(screen_one(db, &cp, &bad, -1, c, 10, &n), RL_EINVAL);
	struct screen_query none = { 0 };
	assert_int_equal(screen_one(db, &cp, &none, -1, c, 10, &n), RL_EINVAL);
	assert_int_equal(screen_one(db, &cp, &q, 1.5, c, 10, &n), RL_EINVAL);
}

/* Every document of a notice is screened, not only the first: a traveller
 * showing the second passport a notice lists gets the document evidence. */
static void test_second_document_screened(void **state)
{
	struct rl_db *db = *state;
	struct actor sup, cp;
	struct screen_cand c[10];
	struct notice_input in = { .kind = "wanted", .full_name = "Sổm Phết Keo", .birth_date = "1979-04-02",
				   .sex = "M", .documents = "P1234567|P7654321|N0099", .sharing = "both",
				   .ref = "U-20" };
	/* another name, another birth date: only the document ties them */
	struct screen_query q = { .name = "Bounmy Sitthideth", .birth = "1990-11-30", .sex = "M",
				  .document = "p-7654321" };
	size_t n;

	as(db, "vn-22.supervisor", &sup);
	as(db, "la-xi-v0102.checkpoint", &cp);
	assert_int_equal(screen_index_load(db), 0);
	assert_int_equal(notice_create(db, &sup, &in, NULL), 0);
	assert_int_equal(notice_approve(db, &sup, "U-20", NULL), 0);
	assert_int_equal(screen_one(db, &cp, &q, -1, c, 10, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].ref, "U-20");
	assert_true(c[0].score >= 0.75);
	assert_non_null(strstr(c[0].why, "document equal"));
	/* the third document too; an unknown one gives nothing */
	q.document = "N0099";
	assert_int_equal(screen_one(db, &cp, &q, -1, c, 10, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].ref, "U-20");
	q.document = "P7654320";
	assert_int_equal(screen_one(db, &cp, &q, -1, c, 10, &n), 0);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_birth_dates),
		cmocka_unit_test(test_country_codes),
		cmocka_unit_test_setup_teardown(test_bad_input_stores_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_across_the_border, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_follows_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_document_screened, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
