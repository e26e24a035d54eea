/* Tests of core/directory: the seeded reference and demo network, the
 * rules of writes (each all-or-nothing), merges, import and policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/directory.h"
#include "core/node.h"
#include "util/status.h"

#include "testdb.h"

static char path[64];

struct fx {
	struct rl_db *db;
	struct actor sys;
};

static void rm_db(void)
{
	testdb_remove(path);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct node_init_opts o = { .demo = true, .country = "VNM" };
	snprintf(path, sizeof(path), "test-directory-%d.db", (int)getpid());
	rm_db();
	assert_int_equal(node_init(path, &o, &f->db), 0);
	actor_system(&f->sys, "test");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	node_close(f->db);
	free(f);
	rm_db();
	return 0;
}

static int count_cb(const struct unit *u, int depth, void *data)
{
	(void)u;
	(void)depth;
	(*(int *)data)++;
	return 0;
}

static int count_list_cb(const struct unit *u, void *data)
{
	(void)u;
	(*(int *)data)++;
	return 0;
}

static void test_reform_in_tree(void **state)
{
	struct fx *f = *state;
	struct unit u;
	int before = 0, after = 0, districts = 0;
	struct unit_filter fl = { .country = "VNM", .level = 2, .border = -1, .demo = -1, .on = "2025-07-01" };

	assert_int_equal(dir_tree(f->db, &f->sys, "VNM", "2023-01-01", count_cb, &before), 0);
	assert_int_equal(dir_tree(f->db, &f->sys, "VNM", "2025-12-01", count_cb, &after), 0);
	assert_true(before > after);
	assert_int_equal(dir_list(f->db, &f->sys, &fl, count_list_cb, &districts), 0);
	assert_int_equal(districts, 0);
	assert_int_equal(dir_find(f->db, &f->sys, "VN-27", "2025-12-01", &u), 0);
	assert_false(u.exists);
	assert_string_equal(u.successor_code, "VN-DN");
	assert_int_equal(dir_find(f->db, &f->sys, "VN-DN", "2025-06-30", &u), 0);
	assert_false(u.border);
	assert_int_equal(dir_find(f->db, &f->sys, "VN-DN", "2025-07-01", &u), 0);
	assert_true(u.border);
	assert_int_equal(dir_find(f->db, &f->sys, "VN-22", "2025-02-30", &u), RL_EINVAL);
}

struct names {
	char code[4][RL_CODE_MAX + 1];
	int n;
};

static int names_cb(const struct unit *u, void *data)
{
	struct names *s = data;
	if (s->n < 4)
		snprintf(s->code[s->n++], RL_CODE_MAX + 1, "%s", u->code);
	return 0;
}

static void test_hotline_escalation_chain(void **state)
{
	struct fx *f = *state;
	struct names s = { 0 };
	assert_int_equal(dir_ancestors(f->db, &f->sys, "LA-XI-V0101", NULL, names_cb, &s), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.code[0], "LA-XI-D01");
	assert_string_equal(s.code[1], "LA-XI");
	assert_string_equal(s.code[2], "LA-MPS");
}

static void test_search_folds(void **state)
{
	struct fx *f = *state;
	struct names s = { 0 };
	struct unit_filter fl = { .level = -1, .border = -1, .demo = -1, .on = "2026-01-01", .q = "NGHỆ AN" };
	assert_int_equal(dir_list(f->db, &f->sys, &fl, names_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.code[0], "VN-22");
	fl.q = "\xff";
	assert_int_equal(dir_list(f->db, &f->sys, &fl, names_cb, &s), RL_EINVAL);
}

static void test_bad_writes_change_nothing(void **state)
{
	struct fx *f = *state;
	struct dir_unit_input in = { .code = "VN-22-C9900", .country = "VNM", .level = "commune",
				     .parent = "VN-22-C9001", .name_local = "x", .name_en = "x" };
	struct unit u;
	int n = 0, m = 0;
	struct unit_filter all = { .level = -1, .border = -1, .demo = -1 };
	const char *src[] = { "VN-22" };

	assert_int_equal(dir_list(f->db, &f->sys, &all, count_list_cb, &n), 0);
	assert_int_equal(dir_add(f->db, &f->sys, &in, &u), RL_EINVAL); /* commune under commune */
	in.parent = "VN-22";
	in.code = "LA-22-C9900";
	assert_int_equal(dir_add(f->db, &f->sys, &in, &u), RL_EINVAL); /* wrong prefix */
	assert_int_equal(dir_link(f->db, &f->sys, "VN-22", "VN-23", NULL), RL_EINVAL);
	assert_int_equal(dir_merge(f->db, &f->sys, src, 1, "LA-XI", "2026-01-01"), RL_EINVAL);
	assert_int_equal(dir_dissolve(f->db, &f->sys, "VN-22", "2026-01-01"), RL_ECONFLICT);
	assert_int_equal(dir_list(f->db, &f->sys, &all, count_list_cb, &m), 0);
	assert_int_equal(m, n);
}

static void test_policy_denies_non_admin(void **state)
{
	struct fx *f = *state;
	struct actor officer = { .system = false, .roles = ROLE_OFFICER };
	struct unit u;
	snprintf(officer.audit_name, sizeof(officer.audit_name), "user:o");
	assert_int_equal(dir_rename(f->db, &officer, "VN-22", NULL, NULL, "X", NULL), RL_EDENIED);
	assert_int_equal(dir_find(f->db, &officer, "VN-22", NULL, &u), 0);
	assert_string_equal(u.name_en, "Nghe An");
}

static void test_import_all_or_nothing(void **state)
{
	struct fx *f = *state;
	static const char csv[] =
		"code,country,level,parent,name_local,name_en\n"
		"VN-22-C9901,VNM,commune,VN-22,Một,One\n"
		"VN-22-C9902,VNM,commune,VN-22,,Two\n";
	struct dir_import_result r;
	struct unit u;
	FILE *in = fmemopen((void *)csv, sizeof(csv) - 1, "r");
	assert_int_equal(dir_import(f->db, &f->sys, in, "t.csv", NULL, &r), RL_EINVAL);
	fclose(in);
	assert_non_null(strstr(rl_errmsg(), "line 3"));
	assert_int_equal(dir_find(f->db, &f->sys, "VN-22-C9901", NULL, &u), RL_ENOTFOUND);
}

static void test_merge_history(void **state)
{
	struct fx *f = *state;
	struct unit u;
	struct names s = { 0 };
	const char *src[] = { "VN-22-C9002" };
	struct unit_filter fl = { .level = -1, .border = -1, .demo = -1, .on = "2026-06-01", .parent_id = "VN-22" };

	assert_int_equal(dir_merge(f->db, &f->sys, src, 1, "VN-22-C9001", "2026-06-01"), 0);
	assert_int_equal(dir_find(f->db, &f->sys, "VN-22-C9002", "2026-05-31", &u), 0);
	assert_true(u.exists);
	assert_string_equal(u.successor_code, "VN-22-C9001");
	assert_int_equal(dir_find(f->db, &f->sys, "VN-22-C9002", "2026-06-01", &u), 0);
	assert_false(u.exists);
	assert_int_equal(dir_list(f->db, &f->sys, &fl, names_cb, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.code[0], "VN-22-C9001");
	/* merging again is refused: it no longer exists then */
	assert_int_equal(dir_merge(f->db, &f->sys, src, 1, "VN-22-C9001", "2026-07-01"), RL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reform_in_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hotline_escalation_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_folds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_writes_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_denies_non_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_history, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
