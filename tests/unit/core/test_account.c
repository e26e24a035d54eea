/* Tests of core/account: validation of logins, names, passwords and
 * roles; duplicates; authorisation; nothing written on bad input; no
 * password in the audit log. */
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
#include "core/node.h"
#include "util/status.h"

#include "test_units.h"

#include "testdb.h"

static char path[64];
static const char pw[] = "correct horse battery";
static struct actor sys;

static void remove_files(void)
{
	testdb_remove(path);
}

static int setup(void **state)
{
	struct node_init_opts o = { .demo = false, .country = "VNM" };
	struct rl_db *db;

	snprintf(path, sizeof(path), "test-account-%d.db", (int)getpid());
	remove_files();
	actor_system(&sys, "test");
	assert_int_equal(node_init(path, &o, &db), 0);
	ensure_unit(db, "VN-MPS", "VNM", 0);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	node_close(*state);
	remove_files();
	return 0;
}

static int count_rows(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int n = -1;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static struct account_new new_user(const char *login)
{
	struct account_new n = { .login = login, .full_name = "Nguyễn Văn An", .unit_code = "VN-MPS",
				 .roles = ROLE_OFFICER, .password = pw, .password_len = strlen(pw) };
	return n;
}

static void test_login_rules(void **state)
{
	char long_login[RL_LOGIN_MAX + 2];
	(void)state;

	assert_int_equal(account_check_login("vn-22.officer"), 0);
	assert_int_equal(account_check_login("a"), 0);
	assert_int_equal(account_check_login("a_b-c.9"), 0);
	assert_int_equal(account_check_login(""), RL_EINVAL);
	assert_int_equal(account_check_login(NULL), RL_EINVAL);
	assert_int_equal(account_check_login("Alice"), RL_EINVAL);
	assert_int_equal(account_check_login("a b"), RL_EINVAL);
	assert_int_equal(account_check_login("an@x"), RL_EINVAL);
	assert_int_equal(account_check_login("đạt"), RL_EINVAL);
	memset(long_login, 'a', RL_LOGIN_MAX);
	long_login[RL_LOGIN_MAX] = '\0';
	assert_int_equal(account_check_login(long_login), 0);
	long_login[RL_LOGIN_MAX] = 'a';
	long_login[RL_LOGIN_MAX + 1] = '\0';
	assert_int_equal(account_check_login(long_login), RL_ETOOBIG);
}

static void test_name_rules(void **state)
{
	char big[RL_NAME_MAX + 2];
	(void)state;

	assert_int_equal(account_check_name("Nguyễn Văn An"), 0);
	assert_int_equal(account_check_name("ສຸກສະຫວັນ ພົມມະຈັນ"), 0);
	assert_int_equal(account_check_name(""), RL_EINVAL);
	assert_int_equal(account_check_name("bad \xff byte"), RL_EINVAL);
	assert_int_equal(account_check_name("two\nlines"), RL_EINVAL);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(account_check_name(big), RL_ETOOBIG);
}

static void test_password_rules(void **state)
{
	static char big[RL_PASSWORD_MAX + 2];
	/* Ten Lao characters are 30 bytes: long enough; nine are not. */
	static const char lao10[] = "ກຂຄງຈສຊຍດຕ";
	static const char lao9[] = "ກຂຄງຈສຊຍດ";
	(void)state;

	assert_int_equal(account_check_password("0123456789", 10), 0);
	assert_int_equal(account_check_password("012345678", 9), RL_EINVAL);
	assert_int_equal(account_check_password("", 0), RL_EINVAL);
	assert_int_equal(account_check_password(lao10, strlen(lao10)), 0);
	assert_int_equal(account_check_password(lao9, strlen(lao9)), RL_EINVAL);
	assert_int_equal(account_check_password("0123456789\0abc", 14), RL_EINVAL);
	memset(big, 'p', sizeof(big) - 1);
	assert_int_equal(account_check_password(big, RL_PASSWORD_MAX), 0);
	assert_int_equal(account_check_password(big, RL_PASSWORD_MAX + 1), RL_ETOOBIG);
}

static void test_add_and_get(void **state)
{
	struct account_new n = new_user("alice");
	struct user_rec u;

	assert_int_equal(account_add(*state, &sys, &n, &u), 0);
	assert_string_equal(u.login, "alice");
	assert_string_equal(u.unit_code, "VN-MPS");
	assert_int_equal(u.roles, ROLE_OFFICER);
	assert_false(u.disabled);
	memset(&u, 0, sizeof(u));
	assert_int_equal(account_get(*state, &sys, "alice", &u), 0);
	assert_string_equal(u.full_name, "Nguyễn Văn An");
	/* Stored as an Argon2id hash, never as given. */
	assert_int_equal(count_rows("SELECT count(*) FROM users WHERE password_hash LIKE '$argon2id$%'"), 1);
	assert_int_equal(count_rows("SELECT count(*) FROM users WHERE instr(password_hash, 'correct horse')"), 0);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE instr(summary, 'correct horse')"
				    " OR instr(summary, 'argon2')"), 0);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'user.add'"), 1);
}

static void test_bad_adds_change_nothing(void **state)
{
	struct account_new n = new_user("alice");
	int before;

	assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	before = count_rows("SELECT count(*) FROM audit");
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_ECONFLICT);
	assert_non_null(strstr(rl_errmsg(), "already taken"));
	n = new_user("bob");
	n.unit_code = "VN-NOPE";
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_ENOTFOUND);
	n = new_user("bob");
	n.roles = 0;
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_EINVAL);
	n = new_user("bob");
	n.roles = 1u << 9;
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_EINVAL);
	n = new_user("bob");
	n.password = "short";
	n.password_len = 5;
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_EINVAL);
	n = new_user("bob");
	n.full_name = "\xc3\x28";
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_EINVAL);
	n = new_user("Bob");
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_EINVAL);
	assert_int_equal(count_rows("SELECT count(*) FROM users"), 1);
	assert_int_equal(count_rows("SELECT count(*) FROM audit"), before);
}

static void test_only_admins_manage(void **state)
{
	struct account_new n = new_user("officer1");
	struct actor off, adm;
	struct user_rec u;

	assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	n = new_user("admin1");
	n.roles = ROLE_ADMIN;
	assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	assert_int_equal(account_actor(*state, "officer1", &off), 0);
	assert_int_equal(account_actor(*state, "admin1", &adm), 0);
	n = new_user("other");
	assert_int_equal(account_add(*state, &off, &n, NULL), RL_EDENIED);
	assert_int_equal(account_add(*state, &adm, &n, NULL), 0);
	/* An officer sees only their own account. */
	assert_int_equal(account_get(*state, &off, "officer1", &u), 0);
	assert_int_equal(account_get(*state, &off, "admin1", &u), RL_ENOTFOUND);
	assert_int_equal(account_set_roles(*state, &off, "officer1", ROLE_ADMIN), RL_EDENIED);
	assert_int_equal(account_set_disabled(*state, &off, "other", true), RL_ENOTFOUND);
	/* Admins cannot lock themselves out. */
	assert_int_equal(account_set_disabled(*state, &adm, "admin1", true), RL_ECONFLICT);
	assert_int_equal(account_set_roles(*state, &adm, "admin1", ROLE_OFFICER), RL_ECONFLICT);
	assert_int_equal(account_set_roles(*state, &adm, "officer1", ROLE_OFFICER | ROLE_ANALYST), 0);
	assert_int_equal(account_get(*state, &adm, "officer1", &u), 0);
	assert_int_equal(u.roles, ROLE_OFFICER | ROLE_ANALYST);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'user.roles'"
				    " AND actor = 'user:admin1'"), 1);
}

static void test_disabled_user_cannot_act(void **state)
{
	struct account_new n = new_user("carol");
	struct actor a;

	assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	assert_int_equal(account_set_disabled(*state, &sys, "carol", true), 0);
	assert_int_equal(account_set_disabled(*state, &sys, "carol", true), RL_ECONFLICT);
	assert_int_equal(account_actor(*state, "carol", &a), RL_EDENIED);
	assert_int_equal(account_actor(*state, "nobody", &a), RL_ENOTFOUND);
	assert_int_equal(account_set_disabled(*state, &sys, "carol", false), 0);
	assert_int_equal(account_actor(*state, "carol", &a), 0);
	assert_string_equal(a.audit_name, "user:carol");
}

static void test_own_password_change(void **state)
{
	struct account_new n = new_user("dave");
	struct actor a;
	static const char npw[] = "another long password";

	assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	assert_int_equal(account_actor(*state, "dave", &a), 0);
	assert_int_equal(account_change_own_password(*state, &a, "wrong one!", 10, npw, strlen(npw), NULL), RL_EAUTH);
	assert_int_equal(account_change_own_password(*state, &a, pw, strlen(pw), "short", 5, NULL), RL_EINVAL);
	assert_int_equal(account_change_own_password(*state, &a, pw, strlen(pw), npw, strlen(npw), NULL), 0);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'user.passwd'"), 1);
}

static void test_unit_valid_today(void **state)
{
	struct account_new n = new_user("erin");
	struct user_rec u;
	struct unit old;

	ensure_unit(*state, "VN-OLD", "VNM", 0);
	assert_int_equal(unit_store_find(*state, "VN-OLD", NULL, &old), 0);
	assert_int_equal(db_begin(*state), 0);
	assert_int_equal(unit_store_close(*state, old.id, "2020-06-30", NULL), 0);
	assert_int_equal(db_commit(*state), 0);
	n.unit_code = "VN-OLD";
	assert_int_equal(account_add(*state, &sys, &n, NULL), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "not valid today"));
	n.unit_code = "VN-MPS";
	assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	assert_int_equal(account_set_unit(*state, &sys, "erin", "VN-OLD"), RL_EINVAL);
	assert_int_equal(account_set_unit(*state, &sys, "erin", "VN-NOPE"), RL_ENOTFOUND);
	ensure_unit(*state, "VN-NEW", "VNM", 0);
	assert_int_equal(account_set_unit(*state, &sys, "erin", "VN-NEW"), 0);
	assert_int_equal(account_get(*state, &sys, "erin", &u), 0);
	assert_string_equal(u.unit_code, "VN-NEW");
	assert_int_equal(account_set_name(*state, &sys, "erin", "Erin \x01"), RL_EINVAL);
	assert_int_equal(account_set_name(*state, &sys, "erin", "Trần Thị Bình"), 0);
	assert_int_equal(account_get(*state, &sys, "erin", &u), 0);
	assert_string_equal(u.full_name, "Trần Thị Bình");
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action IN ('user.unit', 'user.name')"), 2);
}

static void test_update_is_all_or_nothing(void **state)
{
	struct account_new n = new_user("frank");
	struct account_patch p = { .full_name = "Vũ Đức Hải", .set_roles = true,
				   .roles = ROLE_SUPERVISOR, .unit_code = "VN-NOPE" };
	struct user_rec u;
	int before;

	assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	before = count_rows("SELECT count(*) FROM audit");
	assert_int_equal(account_update(*state, &sys, "frank", &p, &u), RL_ENOTFOUND);
	p.unit_code = NULL;
	p.roles = 0;
	assert_int_equal(account_update(*state, &sys, "frank", &p, &u), RL_EINVAL);
	assert_int_equal(count_rows("SELECT count(*) FROM audit"), before);
	assert_int_equal(account_get(*state, &sys, "frank", &u), 0);
	assert_string_equal(u.full_name, "Nguyễn Văn An");
	p.roles = ROLE_SUPERVISOR;
	p.set_disabled = true;
	p.disabled = true;
	assert_int_equal(account_update(*state, &sys, "frank", &p, &u), 0);
	assert_string_equal(u.full_name, "Vũ Đức Hải");
	assert_int_equal(u.roles, ROLE_SUPERVISOR);
	assert_true(u.disabled);
	assert_int_equal(count_rows("SELECT count(*) FROM audit"), before + 3);
}

struct collected {
	int n;
	char last[RL_LOGIN_MAX + 1];
};

static int collect(const struct user_rec *u, void *data)
{
	struct collected *c = data;
	c->n++;
	snprintf(c->last, sizeof(c->last), "%s", u->login);
	return 0;
}

static void test_list_filters_and_paging(void **state)
{
	static const char *const logins[] = { "u1", "u2", "u3", "u4", "u5" };
	struct account_filter f = { .disabled = -1 };
	struct collected c = { 0 };

	for (int i = 0; i < 5; i++) {
		struct account_new n = new_user(logins[i]);
		n.roles = i < 2 ? ROLE_SUPERVISOR : ROLE_OFFICER;
		assert_int_equal(account_add(*state, &sys, &n, NULL), 0);
	}
	assert_int_equal(account_set_disabled(*state, &sys, "u5", true), 0);
	assert_int_equal(account_list(*state, &sys, &f, collect, &c), 0);
	assert_int_equal(c.n, 5);
	memset(&c, 0, sizeof(c));
	f.roles = ROLE_SUPERVISOR;
	assert_int_equal(account_list(*state, &sys, &f, collect, &c), 0);
	assert_int_equal(c.n, 2);
	memset(&c, 0, sizeof(c));
	f.roles = 0;
	f.disabled = 1;
	assert_int_equal(account_list(*state, &sys, &f, collect, &c), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.last, "u5");
	memset(&c, 0, sizeof(c));
	f.disabled = -1;
	f.limit = 2;
	assert_int_equal(account_list(*state, &sys, &f, collect, &c), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.last, "u2");
	memset(&c, 0, sizeof(c));
	f.after = "u2";
	assert_int_equal(account_list(*state, &sys, &f, collect, &c), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.last, "u4");
	f.after = NULL;
	f.unit_code = "VN-NOPE";
	assert_int_equal(account_list(*state, &sys, &f, collect, &c), RL_ENOTFOUND);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_rules),
		cmocka_unit_test(test_name_rules),
		cmocka_unit_test(test_password_rules),
		T(test_add_and_get),
		T(test_bad_adds_change_nothing),
		T(test_only_admins_manage),
		T(test_disabled_user_cannot_act),
		T(test_own_password_change),
		T(test_list_filters_and_paging),
		T(test_unit_valid_today),
		T(test_update_is_all_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
