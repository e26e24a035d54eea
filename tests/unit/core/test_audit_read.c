/* Tests of core/audit_log's audit_read(): one entry per read, in its own
 * transaction, naming the actor; refused inside a transaction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/actor.h"
#include "core/audit_log.h"
#include "store/audit.h"
#include "store/db.h"
#include "util/status.h"

#include "testdb.h"

static char path[64];

static int setup(void **state)
{
	struct rl_db *db;

	snprintf(path, sizeof(path), "test-audit-read-%d.db", (int)getpid());
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

struct seen {
	int n;
	char actor[80], action[40], record[40];
};

static int collect(const struct audit_entry *e, void *data)
{
	struct seen *s = data;

	s->n++;
	snprintf(s->actor, sizeof(s->actor), "%s", e->actor);
	snprintf(s->action, sizeof(s->action), "%s", e->action);
	snprintf(s->record, sizeof(s->record), "%s", e->record ? e->record : "");
	return 0;
}

static void test_read_is_recorded(void **state)
{
	struct actor a;
	struct seen s = { 0 };
	struct audit_filter f = { 0 };
	int64_t n, bad;

	actor_system(&a, "test");
	assert_int_equal(audit_read(*state, &a, "person", "01PERSON", "viewed in a case"), 0);
	assert_int_equal(audit_list(*state, &f, collect, &s), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.actor, "system:test");
	assert_string_equal(s.action, "person.read");
	assert_string_equal(s.record, "01PERSON");
	assert_int_equal(audit_verify(*state, &n, &bad), 0);
	assert_int_equal(n, 1);
}

static void test_bad_kind_and_open_transaction_refused(void **state)
{
	struct actor a;
	struct seen s = { 0 };
	struct audit_filter f = { 0 };

	actor_system(&a, "test");
	assert_int_equal(audit_read(*state, &a, "Person; drop", "x", NULL), RL_EINTERNAL);
	assert_int_equal(audit_read(*state, &a, "", "x", NULL), RL_EINTERNAL);
	assert_int_equal(db_begin(*state), 0);
	assert_int_not_equal(audit_read(*state, &a, "person", "x", NULL), 0);
	db_rollback(*state);
	assert_int_equal(audit_list(*state, &f, collect, &s), 0);
	assert_int_equal(s.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_is_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_kind_and_open_transaction_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
