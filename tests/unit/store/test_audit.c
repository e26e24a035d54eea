/* Tests of store/audit: chain, append-only triggers, tamper detection. */
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

#include "store/audit.h"
#include "store/db.h"
#include "util/status.h"

#include "testdb.h"

static char path[64];

static int setup(void **state)
{
	struct rl_db *db;
	snprintf(path, sizeof(path), "test-audit-%d.db", (int)getpid());
	unlink(path);
	assert_int_equal(db_open(path, DB_CREATE, &db), 0);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	db_close(*state);
	testdb_remove(path);
	return 0;
}

static void append3(struct rl_db *db)
{
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(audit_append(db, "system:test", "unit.add", "unit", "VN-22", "added Nghệ An"), 0);
	assert_int_equal(audit_append(db, "system:test", "unit.edit", "unit", "VN-22", "renamed"), 0);
	assert_int_equal(audit_append(db, "user:admin", "user.add", "user", "u1", "added u1"), 0);
	assert_int_equal(db_commit(db), 0);
}

static void test_outside_transaction_refused(void **state)
{
	assert_int_equal(audit_append(*state, "a", "b", "c", NULL, ""), RL_EINTERNAL);
}

static void test_chain_verifies(void **state)
{
	int64_t n, bad;
	append3(*state);
	assert_int_equal(audit_verify(*state, &n, &bad), 0);
	assert_int_equal(n, 3);
}

static void test_triggers_forbid_update(void **state)
{
	sqlite3 *h;
	append3(*state);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "UPDATE audit SET summary='x' WHERE seq=2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM audit WHERE seq=2", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void tamper(const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void test_changed_entry_named(void **state)
{
	int64_t n, bad;
	append3(*state);
	tamper("UPDATE audit SET summary='renamed to something else' WHERE seq=2");
	assert_int_equal(audit_verify(*state, &n, &bad), RL_EIO);
	assert_int_equal(bad, 2);
	assert_non_null(strstr(rl_errmsg(), "entry 2"));
}

static void test_removed_entry_named(void **state)
{
	int64_t n, bad;
	append3(*state);
	tamper("DELETE FROM audit WHERE seq=2");
	assert_int_equal(audit_verify(*state, &n, &bad), RL_EIO);
	assert_int_equal(bad, 3);
}

static void test_reordered_entries_named(void **state)
{
	int64_t n, bad;
	append3(*state);
	tamper("UPDATE audit SET seq=10 WHERE seq=1; UPDATE audit SET seq=1 WHERE seq=2; UPDATE audit SET seq=2 WHERE seq=10;");
	assert_int_equal(audit_verify(*state, &n, &bad), RL_EIO);
	assert_int_equal(bad, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_outside_transaction_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chain_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_triggers_forbid_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_entry_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed_entry_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reordered_entries_named, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
