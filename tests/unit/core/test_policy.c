/* Tests of core/policy: unit scope (own unit, supervisor's subtree), roles
 * of record actions, and the not-found answer outside the scope. Uses the
 * demo network of `init --demo` (core/account_demo.c, directory demo). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/account.h"
#include "core/directory.h"
#include "core/node.h"
#include "core/policy.h"
#include "util/status.h"

#include "testdb.h"

static char path[64];
static struct rl_db *db;

static int setup(void **state)
{
	struct node_init_opts o = { .demo = true, .country = "VNM" };

	(void)state;
	snprintf(path, sizeof(path), "test-policy-%d.db", (int)getpid());
	unlink(path);
	assert_int_equal(node_init(path, &o, &db), 0);
	return 0;
}

static int teardown(void **state)
{

	(void)state;
	node_close(db);
	testdb_remove(path);
	return 0;
}

static void as(const char *login, struct actor *a)
{
	assert_int_equal(account_actor(db, login, a), 0);
}

/* The id of a unit, as records store it. */
static const char *unit_id(const char *code)
{
	static char ids[4][RL_ID_LEN + 1];
	static int next;
	struct actor sys;
	struct unit u;
	char *out = ids[next++ % 4];

	actor_system(&sys, "test");
	assert_int_equal(dir_find(db, &sys, code, NULL, &u), 0);
	snprintf(out, RL_ID_LEN + 1, "%s", u.id);
	return out;
}

static int check(const char *login, enum policy_action act, const char *unit_code)
{
	struct actor a;
	struct policy_target t = { .unit_id = unit_code ? unit_id(unit_code) : NULL };

	as(login, &a);
	return policy_check_db(db, &a, act, &t);
}

static void test_officer_sees_own_unit_only(void **state)
{
	(void)state;
	assert_int_equal(check("vn-22-c9001.officer", POLICY_RECORD_READ, "VN-22-C9001"), 0);
	assert_int_equal(check("vn-22-c9001.officer", POLICY_RECORD_WRITE, "VN-22-C9001"), 0);
	assert_int_equal(check("vn-22-c9001.officer", POLICY_RECORD_READ, "VN-22"), RL_ENOTFOUND);
	assert_int_equal(check("vn-22-c9001.officer", POLICY_RECORD_READ, "VN-21-C9001"), RL_ENOTFOUND);
	assert_int_equal(check("vn-22-c9001.officer", POLICY_RECORD_WRITE, "VN-21-C9001"), RL_ENOTFOUND);
}

static void test_supervisor_sees_the_subtree(void **state)
{
	(void)state;
	assert_int_equal(check("vn-22.supervisor", POLICY_RECORD_READ, "VN-22"), 0);
	assert_int_equal(check("vn-22.supervisor", POLICY_RECORD_READ, "VN-22-C9001"), 0);
	assert_int_equal(check("vn-22.supervisor", POLICY_RECORD_WRITE, "VN-22-C9001"), 0);
	/* a sibling province and the ministry above are outside */
	assert_int_equal(check("vn-22.supervisor", POLICY_RECORD_READ, "VN-21-C9001"), RL_ENOTFOUND);
	assert_int_equal(check("vn-22.supervisor", POLICY_RECORD_READ, "VN-MPS"), RL_ENOTFOUND);
	assert_int_equal(check("vn-22.supervisor", POLICY_RECORD_READ, "LA-XI"), RL_ENOTFOUND);
}

static void test_analyst_reads_but_never_writes(void **state)
{
	(void)state;
	assert_int_equal(check("analyst", POLICY_RECORD_READ, "VN-22-C9001"), 0);
	assert_int_equal(check("analyst", POLICY_RECORD_WRITE, "VN-22-C9001"), RL_EDENIED);
	assert_int_equal(check("analyst", POLICY_REPORT, NULL), 0);
	/* Officers get statistics too (policy_stats_scope narrows them). */
	assert_int_equal(check("vn-22-c9001.officer", POLICY_REPORT, NULL), 0);
	assert_int_equal(check("vn-22-c9001.checkpoint", POLICY_REPORT, NULL), RL_EDENIED);
}

/* The case scope of a login: read and write kinds, and the codes. */
static void case_scope_of(const char *login, struct case_scope *s, int want_rc)
{
	struct actor a;

	as(login, &a);
	assert_int_equal(policy_case_scope(db, &a, s), want_rc);
}

static void test_case_scope_officer_is_own_subtree(void **state)
{
	struct case_scope s;

	(void)state;
	case_scope_of("vn-22-c9001.officer", &s, 0);
	assert_int_equal(s.read, CASE_SCOPE_UNITS);
	assert_int_equal(s.write, CASE_SCOPE_UNITS);
	assert_false(s.merge);
	assert_true(policy_case_in(&s, "VNM", "VN-22-C9001", true));
	/* the commune merged into it in 2025 is its business now */
	assert_true(policy_case_in(&s, "VNM", "VN-22-C0101", true));
	assert_false(policy_case_in(&s, "VNM", "VN-22-C9002", false));
	assert_false(policy_case_in(&s, "VNM", "VN-22", false));
	assert_false(policy_case_in(&s, "LAO", "LA-XI-V0101", false));
	assert_int_equal(policy_case_check(&s, "VNM", "VN-22-C9002", false, "no such case"), RL_ENOTFOUND);
	assert_string_equal(rl_errmsg(), "no such case");
	assert_string_equal(s.units_json, "[\"VN-22-C0101\",\"VN-22-C9001\"]");
	policy_case_scope_release(&s);
}

static void test_case_scope_supervisor_and_gone_units(void **state)
{
	struct case_scope s;

	(void)state;
	case_scope_of("vn-22.supervisor", &s, 0);
	assert_int_equal(s.write, CASE_SCOPE_UNITS);
	assert_true(s.merge);
	assert_true(policy_case_in(&s, "VNM", "VN-22", true));
	assert_true(policy_case_in(&s, "VNM", "VN-22-C9002", true));
	/* the district level ended on 2025-06-30: its units go with the province */
	assert_true(policy_case_in(&s, "VNM", "VN-22-D01", true));
	assert_true(policy_case_in(&s, "VNM", "VN-22-C0103", true));
	assert_false(policy_case_in(&s, "VNM", "VN-21-C9001", false));
	assert_false(policy_case_in(&s, "VNM", "VN-MPS", false));
	policy_case_scope_release(&s);
}

static void test_case_scope_analyst_admin_checkpoint(void **state)
{
	struct case_scope s;
	struct actor sys;

	(void)state;
	case_scope_of("analyst", &s, 0);
	assert_int_equal(s.read, CASE_SCOPE_COUNTRY);
	assert_int_equal(s.write, CASE_SCOPE_NONE);
	assert_true(policy_case_in(&s, "VNM", "VN-22-C9001", false));
	assert_false(policy_case_in(&s, "VNM", "VN-22-C9001", true));
	assert_false(policy_case_in(&s, "LAO", "LA-XI", false));
	assert_int_equal(policy_case_check(&s, "VNM", "VN-22", true, "x"), RL_EDENIED);
	assert_int_equal(policy_case_check(&s, "LAO", "LA-XI", true, "x"), RL_ENOTFOUND);
	policy_case_scope_release(&s);
	case_scope_of("admin", &s, RL_EDENIED);
	assert_int_equal(s.read, CASE_SCOPE_NONE);
	policy_case_scope_release(&s);
	case_scope_of("vn-22-c9001.checkpoint", &s, RL_EDENIED);
	policy_case_scope_release(&s);
	actor_system(&sys, "test");
	assert_int_equal(policy_case_scope(db, &sys, &s), 0);
	assert_true(policy_case_in(&s, "LAO", "LA-XI", true));
	policy_case_scope_release(&s);
}

static void test_stats_scope(void **state)
{
	struct case_scope s;
	struct actor a;

	(void)state;
	as("vn-22.supervisor", &a);
	assert_int_equal(policy_stats_scope(db, &a, &s), 0);
	assert_int_equal(s.read, CASE_SCOPE_UNITS);
	assert_string_equal(s.unit, "VN-22");
	policy_case_scope_release(&s);
	as("analyst", &a);
	assert_int_equal(policy_stats_scope(db, &a, &s), 0);
	assert_int_equal(s.read, CASE_SCOPE_ALL);
	policy_case_scope_release(&s);
	as("admin", &a);   /* a ministry account: aggregates of both countries */
	assert_int_equal(policy_stats_scope(db, &a, &s), 0);
	assert_int_equal(s.read, CASE_SCOPE_ALL);
	policy_case_scope_release(&s);
	as("vn-22-c9001.checkpoint", &a);
	assert_int_equal(policy_stats_scope(db, &a, &s), RL_EDENIED);
	policy_case_scope_release(&s);
}

static void test_admin_and_checkpoint_have_no_unit_records(void **state)
{
	(void)state;
	assert_int_equal(check("admin", POLICY_RECORD_READ, "VN-MPS"), RL_ENOTFOUND);
	assert_int_equal(check("admin", POLICY_UNIT_ADMIN, NULL), 0);
	assert_int_equal(check("vn-22-c9001.checkpoint", POLICY_RECORD_READ, "VN-22-C9001"), RL_ENOTFOUND);
	assert_int_equal(check("vn-22-c9001.checkpoint", POLICY_RECORD_WRITE, NULL), RL_EDENIED);
	assert_int_equal(check("vn-22-c9001.officer", POLICY_RECORD_WRITE, NULL), 0);
}

static void test_unknown_unit_and_system(void **state)
{
	struct actor a, sys;
	struct policy_target t = { .unit_id = "01NOSUCHUNIT0000000000000X" };
	bool in = true;

	(void)state;
	as("vn-22.supervisor", &a);
	assert_int_equal(policy_check_db(db, &a, POLICY_RECORD_READ, &t), RL_ENOTFOUND);
	assert_int_equal(policy_unit_in_scope(db, &a, "VN-22-C9001", &in), 0);
	assert_true(in);
	actor_system(&sys, "test");
	assert_int_equal(policy_check_db(db, &sys, POLICY_RECORD_WRITE, &t), 0);
	/* record actions without the database are a caller bug */
	assert_int_equal(policy_check(&a, POLICY_RECORD_READ, &t), RL_EINTERNAL);
	assert_int_equal(policy_scope_of(&a), POLICY_SCOPE_SUBTREE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_officer_sees_own_unit_only),
		cmocka_unit_test(test_supervisor_sees_the_subtree),
		cmocka_unit_test(test_analyst_reads_but_never_writes),
		cmocka_unit_test(test_admin_and_checkpoint_have_no_unit_records),
		cmocka_unit_test(test_unknown_unit_and_system),
		cmocka_unit_test(test_case_scope_officer_is_own_subtree),
		cmocka_unit_test(test_case_scope_supervisor_and_gone_units),
		cmocka_unit_test(test_case_scope_analyst_admin_checkpoint),
		cmocka_unit_test(test_stats_scope),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
