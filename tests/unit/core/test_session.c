/* Tests of core/session: tokens stored only as hashes, idle and absolute
 * expiry on the fake clock, throttling per login and per address, one
 * answer for every kind of bad credentials, audit of failures. */
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
#include "core/session.h"
#include "store/audit.h"
#include "util/clock.h"
#include "util/status.h"

#include "test_units.h"

#include "testdb.h"

static char path[64];
static const char pw[] = "correct horse battery";
static const int64_t T0 = 1767225600000; /* 2026-01-01T00:00:00Z */
#define MIN (60 * 1000)

static void remove_files(void)
{
	testdb_remove(path);
}

static void add_user(struct rl_db *db, const char *login, unsigned roles)
{
	struct actor sys;
	struct account_new n = { .login = login, .full_name = "Test Person", .unit_code = "VN-MPS",
				 .roles = roles, .password = pw, .password_len = strlen(pw) };
	actor_system(&sys, "test");
	assert_int_equal(account_add(db, &sys, &n, NULL), 0);
}

static int setup(void **state)
{
	struct node_init_opts o = { .demo = false, .country = "VNM" };
	struct session_settings s;
	struct rl_db *db;

	snprintf(path, sizeof(path), "test-session-%d.db", (int)getpid());
	remove_files();
	rl_clock_set(T0);
	session_settings_default(&s);
	session_configure(&s);
	assert_int_equal(node_init(path, &o, &db), 0);
	ensure_unit(db, "VN-MPS", "VNM", 0);
	add_user(db, "alice", ROLE_OFFICER);
	add_user(db, "bob", ROLE_OFFICER | ROLE_SUPERVISOR);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	node_close(*state);
	remove_files();
	rl_clock_set(0);
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

static void test_token_stored_only_as_hash(void **state)
{
	struct session_new s;
	char th[SESSION_HASH_HEX + 1], sql[256];

	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
	assert_int_equal(strlen(s.token), SESSION_TOKEN_LEN);
	assert_int_equal(strspn(s.token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
			 SESSION_TOKEN_LEN);
	assert_string_equal(s.actor.audit_name, "user:alice");
	assert_int_equal(s.actor.roles, ROLE_OFFICER);
	session_token_hash(s.token, th);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM sessions WHERE token_hash = '%s'", th);
	assert_int_equal(count_rows(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM sessions WHERE token_hash = '%s'"
		 " OR csrf_token = '%s' OR instr(token_hash, '%s')", s.token, s.token, s.token);
	assert_int_equal(count_rows(sql), 0);
	/* Two sign-ins never share a token. */
	struct session_new s2;
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s2), 0);
	assert_string_not_equal(s.token, s2.token);
	assert_string_not_equal(s.info.csrf, s2.info.csrf);
}

static void test_lookup_gives_actor(void **state)
{
	struct session_new s;
	struct actor a;
	struct session_info info;

	assert_int_equal(session_sign_in(*state, "bob", pw, "10.0.0.1", &s), 0);
	assert_int_equal(session_lookup(*state, s.token, &a, &info), 0);
	assert_false(a.system);
	assert_string_equal(a.login, "bob");
	assert_string_equal(a.audit_name, "user:bob");
	assert_int_equal(a.roles, ROLE_OFFICER | ROLE_SUPERVISOR);
	assert_string_equal(a.user_id, s.actor.user_id);
	assert_int_equal(strlen(a.unit_id), RL_ID_LEN);
	assert_string_equal(info.id, s.info.id);
	assert_true(session_csrf_ok(&info, s.info.csrf));
	assert_false(session_csrf_ok(&info, NULL));
	assert_false(session_csrf_ok(&info, ""));
	char wrong[SESSION_TOKEN_LEN + 1];
	memcpy(wrong, s.info.csrf, sizeof(wrong));
	wrong[5] = wrong[5] == 'A' ? 'B' : 'A';
	assert_false(session_csrf_ok(&info, wrong));
}

static void test_bad_tokens_refused(void **state)
{
	struct session_new s;
	struct actor a;
	char t[SESSION_TOKEN_LEN + 2];

	assert_int_equal(session_sign_in(*state, "alice", pw, NULL, &s), 0);
	assert_int_equal(session_lookup(*state, NULL, &a, NULL), RL_EAUTH);
	assert_int_equal(session_lookup(*state, "", &a, NULL), RL_EAUTH);
	assert_int_equal(session_lookup(*state, "short", &a, NULL), RL_EAUTH);
	memcpy(t, s.token, sizeof(s.token));
	t[0] = t[0] == 'x' ? 'y' : 'x';
	assert_int_equal(session_lookup(*state, t, &a, NULL), RL_EAUTH);
	snprintf(t, sizeof(t), "%sA", s.token);
	assert_int_equal(session_lookup(*state, t, &a, NULL), RL_EAUTH);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), 0);
}

static void test_idle_expiry(void **state)
{
	struct session_new s;
	struct actor a;

	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
	rl_clock_advance(29 * MIN);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), 0);
	/* The lookup moved the idle expiry: 29 more minutes are fine. */
	rl_clock_advance(29 * MIN);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), 0);
	rl_clock_advance(30 * MIN);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
	assert_non_null(strstr(rl_errmsg(), "expired"));
}

static void test_idle_setting(void **state)
{
	struct session_settings set;
	struct session_new s;
	struct actor a;

	session_settings_default(&set);
	set.idle_ms = 5 * MIN;
	session_configure(&set);
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
	rl_clock_advance(4 * MIN);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), 0);
	rl_clock_advance(5 * MIN);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
}

static void test_absolute_expiry(void **state)
{
	struct session_new s;
	struct actor a;

	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
	/* Busy all shift: 35 lookups 20 minutes apart reach 11 h 40. */
	for (int i = 0; i < 35; i++) {
		rl_clock_advance(20 * MIN);
		assert_int_equal(session_lookup(*state, s.token, &a, NULL), 0);
	}
	rl_clock_advance(20 * MIN); /* 12 h after sign-in */
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
}

static void test_sign_out(void **state)
{
	struct session_new s, other;
	struct actor a;

	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.2", &other), 0);
	assert_int_equal(session_sign_out(*state, s.token), 0);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
	assert_int_equal(session_sign_out(*state, s.token), RL_EAUTH);
	/* Only that session ended. */
	assert_int_equal(session_lookup(*state, other.token, &a, NULL), 0);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'session.end'"
				    " AND actor = 'user:alice'"), 1);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'session.start'"), 2);
}

static void test_same_answer_for_every_bad_credential(void **state)
{
	struct actor sys;
	struct session_new s;
	char msg[4][RL_ERRMSG_MAX];
	int rc[4];

	actor_system(&sys, "test");
	assert_int_equal(account_set_disabled(*state, &sys, "bob", true), 0);
	rc[0] = session_sign_in(*state, "alice", "wrong password!", "10.0.0.1", &s);
	snprintf(msg[0], sizeof(msg[0]), "%s", rl_errmsg());
	rc[1] = session_sign_in(*state, "nobody", pw, "10.0.0.1", &s);
	snprintf(msg[1], sizeof(msg[1]), "%s", rl_errmsg());
	rc[2] = session_sign_in(*state, "bob", pw, "10.0.0.1", &s); /* right password, disabled */
	snprintf(msg[2], sizeof(msg[2]), "%s", rl_errmsg());
	rc[3] = session_sign_in(*state, "NOT A LOGIN", pw, "10.0.0.1", &s);
	snprintf(msg[3], sizeof(msg[3]), "%s", rl_errmsg());
	for (int i = 0; i < 4; i++) {
		assert_int_equal(rc[i], RL_EAUTH);
		assert_string_equal(msg[i], "wrong login or password");
	}
	assert_int_equal(s.token[0], '\0');
	/* Every failure is on record, with its real reason for the admins. */
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'session.fail'"), 4);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'session.fail'"
				    " AND summary LIKE '%account disabled%'"), 1);
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'session.start'"), 0);
	/* No password in the audit log. */
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE summary LIKE '%correct horse%'"
				    " OR summary LIKE '%wrong password!%'"), 0);
}

static void test_disable_ends_sessions(void **state)
{
	struct actor sys, a;
	struct session_new s;

	actor_system(&sys, "test");
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
	assert_int_equal(account_set_disabled(*state, &sys, "alice", true), 0);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
	/* Enabling again does not revive the old session. */
	assert_int_equal(account_set_disabled(*state, &sys, "alice", false), 0);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
}

static void test_password_reset_ends_sessions(void **state)
{
	struct actor sys, a;
	struct session_new s;
	static const char npw[] = "a brand new password";

	actor_system(&sys, "test");
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
	assert_int_equal(account_set_password(*state, &sys, "alice", npw, strlen(npw), NULL), 0);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), RL_EAUTH);
	assert_int_equal(session_sign_in(*state, "alice", npw, "10.0.0.1", &s), 0);
}

static void test_throttle_per_login(void **state)
{
	struct session_new s;

	for (int i = 0; i < RL_SIGNIN_ACCOUNT_FAILS; i++)
		assert_int_equal(session_sign_in(*state, "alice", "not the password", "10.0.0.1", &s), RL_EAUTH);
	/* Locked now: even the right password, even from elsewhere. */
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.9", &s), RL_ELIMIT);
	assert_string_equal(rl_errmsg(), "too many failed sign-ins; try again later");
	/* Other accounts are not locked. */
	assert_int_equal(session_sign_in(*state, "bob", pw, "10.0.0.9", &s), 0);
	/* The refusal is audited too. */
	assert_int_equal(count_rows("SELECT count(*) FROM audit WHERE action = 'session.fail'"),
			 RL_SIGNIN_ACCOUNT_FAILS + 1);
	rl_clock_advance(RL_SIGNIN_LOCK_MS + 1000);
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.9", &s), 0);
}

static void test_throttle_unknown_login_alike(void **state)
{
	struct session_new s;

	/* A lock looks the same whether the account exists or not. */
	for (int i = 0; i < RL_SIGNIN_ACCOUNT_FAILS; i++)
		assert_int_equal(session_sign_in(*state, "ghost", "whatever123", "10.0.0.1", &s), RL_EAUTH);
	assert_int_equal(session_sign_in(*state, "ghost", "whatever123", "10.0.0.1", &s), RL_ELIMIT);
}

static void test_failures_outside_window_forgotten(void **state)
{
	struct session_new s;

	for (int i = 0; i < RL_SIGNIN_ACCOUNT_FAILS - 1; i++)
		assert_int_equal(session_sign_in(*state, "alice", "not the password", "10.0.0.1", &s), RL_EAUTH);
	rl_clock_advance(RL_SIGNIN_WINDOW_MS + 1000);
	assert_int_equal(session_sign_in(*state, "alice", "not the password", "10.0.0.1", &s), RL_EAUTH);
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1", &s), 0);
}

static void test_throttle_per_address(void **state)
{
	struct session_settings set;
	struct session_new s;
	char login[32];

	session_settings_default(&set);
	set.ip_fails = 4;
	session_configure(&set);
	/* Spread over logins, so no single login is locked. */
	for (int i = 0; i < 4; i++) {
		snprintf(login, sizeof(login), "guess%d", i);
		assert_int_equal(session_sign_in(*state, login, "not the password", "192.0.2.7", &s), RL_EAUTH);
	}
	assert_int_equal(session_sign_in(*state, "alice", pw, "192.0.2.7", &s), RL_ELIMIT);
	assert_int_equal(session_sign_in(*state, "alice", pw, "192.0.2.8", &s), 0);
}

static void test_bad_client_address(void **state)
{
	struct session_new s;
	char big[RL_CLIENT_IP_MAX + 8];

	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(session_sign_in(*state, "alice", pw, big, &s), RL_EINVAL);
	assert_int_equal(session_sign_in(*state, "alice", pw, "10.0.0.1\n", &s), RL_EINVAL);
}

/* The server gives each thread its own connection. A read that left a
 * statement on its row must not keep a connection on an old snapshot:
 * it would miss users added and sessions ended by other threads, and its
 * next write would fail with "database is locked". */
static void test_sees_other_connections(void **state)
{
	struct rl_db *b;
	struct unit u;
	struct session_new s;
	struct actor a;

	assert_int_equal(node_open(path, &b), 0);
	assert_int_equal(unit_store_find(*state, "VN-MPS", NULL, &u), 0);
	add_user(b, "carol", ROLE_OFFICER);
	assert_int_equal(session_sign_in(*state, "carol", pw, "10.0.0.1", &s), 0);
	assert_int_equal(unit_store_find(*state, "VN-MPS", NULL, &u), 0);
	assert_int_equal(session_sign_out(b, s.token), 0);
	assert_int_equal(session_lookup(*state, s.token, &a, NULL), RL_EAUTH);
	assert_int_equal(unit_store_find(*state, "VN-MPS", NULL, &u), 0);
	add_user(b, "dave", ROLE_OFFICER);
	add_user(*state, "erin", ROLE_OFFICER);
	node_close(b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_token_stored_only_as_hash),
		T(test_lookup_gives_actor),
		T(test_bad_tokens_refused),
		T(test_idle_expiry),
		T(test_idle_setting),
		T(test_absolute_expiry),
		T(test_sign_out),
		T(test_same_answer_for_every_bad_credential),
		T(test_disable_ends_sessions),
		T(test_password_reset_ends_sessions),
		T(test_throttle_per_login),
		T(test_throttle_unknown_login_alike),
		T(test_failures_outside_window_forgotten),
		T(test_throttle_per_address),
		T(test_bad_client_address),
		T(test_sees_other_connections),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
