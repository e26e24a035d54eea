/* Tests of store/message_store's inbox counts past their limits: more
 * deadlines still ahead than RL_COUNT_AHEAD_MAX (the overdue rows are
 * then walked instead), and counts stopping at RL_COUNT_CAP. The rows are
 * written straight through the store in one transaction, as many as the
 * limits need. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/account.h"
#include "core/node.h"
#include "store/db.h"
#include "store/message_store.h"
#include "store/unit_store.h"
#include "util/id.h"
#include "util/limit.h"

#include "testdb.h"

#define NOW 1800000000000LL
#define HOUR (3600 * 1000LL)

static char path[64];

struct env {
	struct rl_db *db;
	struct actor sender;
};

static int setup(void **state)
{
	struct node_init_opts o = { .demo = true, .country = "VNM" };
	struct env *e = calloc(1, sizeof(*e));

	snprintf(path, sizeof(path), "test-message-store-%d.db", (int)getpid());
	testdb_remove(path);
	assert_int_equal(node_init(path, &o, &e->db), 0);
	assert_int_equal(account_actor(e->db, "vn-22-c9001.officer", &e->sender), 0);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	node_close(e->db);
	testdb_remove(path);
	free(e);
	return 0;
}

/* n messages to the unit of code, each with the given state and an ack
 * deadline at due (0: none). */
static void add_rows(struct env *e, const char *code, int n, const char *state, int64_t due)
{
	struct unit u;

	assert_int_equal(unit_store_find(e->db, code, NULL, &u), 0);
	for (int i = 0; i < n; i++) {
		char id[RL_ID_LEN + 1], mcode[MSG_CODE_MAX + 1];
		struct msg_new m = {
			.id = id, .thread_id = id, .kind = "information", .subtype = "", .priority = "routine",
			.tlp = "amber", .lang = "vi", .subject = "s", .body = "", .fields = "{}",
			.sender_unit = e->sender.unit_id, .sender_user = e->sender.user_id, .fold = "s",
			.created_ms = NOW - 10 * HOUR,
		};
		struct addr_new a = {
			.unit_id = u.id, .role = "to", .state = state, .chain_unit = u.id,
			.now = NOW - 10 * HOUR, .ack_due_ms = due,
		};
		int64_t seq;

		rl_id_new(id);
		assert_int_equal(msg_store_insert(e->db, &m, &seq, mcode), 0);
		assert_int_equal(msg_store_addr_insert(e->db, seq, &a), 0);
	}
}

static void counts(struct env *e, const char *code, int64_t *all, int64_t *unread, int64_t *overdue)
{
	struct unit u;

	assert_int_equal(unit_store_find(e->db, code, NULL, &u), 0);
	assert_int_equal(msg_store_inbox_counts(e->db, u.id, NOW, all, unread, overdue), 0);
}

static void test_counts_past_the_limits(void **state)
{
	struct env *e = *state;
	int64_t all, unread, overdue;

	assert_int_equal(db_begin(e->db), 0);
	/* More deadlines ahead than the walk of that side takes, and a few
	 * overdue: those are walked and counted exactly. */
	add_rows(e, "LA-XI-V0101", RL_COUNT_AHEAD_MAX + 50, "delivered", NOW + HOUR);
	add_rows(e, "LA-XI-V0101", 300, "read", NOW - HOUR);
	add_rows(e, "LA-XI-V0101", 20, "acknowledged", NOW - HOUR); /* no longer waiting for the ack */
	/* Many overdue and few ahead: counted from the counters, capped. */
	add_rows(e, "LA-XI-V0102", RL_COUNT_CAP + 100, "sent", NOW - HOUR);
	add_rows(e, "LA-XI-V0102", 7, "delivered", NOW + HOUR);
	add_rows(e, "LA-XI-V0102", 5, "delivered", 0); /* no deadline: never overdue */
	/* Both sides past their limits. */
	add_rows(e, "LA-XI-V0103", RL_COUNT_AHEAD_MAX, "read", NOW + HOUR);
	add_rows(e, "LA-XI-V0103", RL_COUNT_CAP + 1, "read", NOW - HOUR);
	assert_int_equal(db_commit(e->db), 0);

	counts(e, "LA-XI-V0101", &all, &unread, &overdue);
	assert_int_equal(all, RL_COUNT_CAP);
	assert_int_equal(unread, RL_COUNT_CAP);
	assert_int_equal(overdue, 300);

	counts(e, "LA-XI-V0102", &all, &unread, &overdue);
	assert_int_equal(all, RL_COUNT_CAP);
	assert_int_equal(unread, RL_COUNT_CAP);
	assert_int_equal(overdue, RL_COUNT_CAP);

	counts(e, "LA-XI-V0103", &all, &unread, &overdue);
	assert_int_equal(all, RL_COUNT_CAP);
	assert_int_equal(unread, 0);
	assert_int_equal(overdue, RL_COUNT_CAP);

	/* An hour on, the rows that were ahead are overdue too. */
	{
		struct unit u;

		assert_int_equal(unit_store_find(e->db, "LA-XI-V0102", NULL, &u), 0);
		assert_int_equal(msg_store_inbox_counts(e->db, u.id, NOW + 2 * HOUR, &all, &unread, &overdue), 0);
		assert_int_equal(overdue, RL_COUNT_CAP);
	}
}

/* A unit that never had a message counts zero everywhere. */
static void test_counts_of_an_empty_unit(void **state)
{
	struct env *e = *state;
	int64_t all = -1, unread = -1, overdue = -1;

	counts(e, "LA-XI-D01", &all, &unread, &overdue);
	assert_int_equal(all, 0);
	assert_int_equal(unread, 0);
	assert_int_equal(overdue, 0);
}

/* Counts under the cap are exact: a few overdue among few ahead. */
static void test_counts_small_and_exact(void **state)
{
	struct env *e = *state;
	int64_t all, unread, overdue;

	assert_int_equal(db_begin(e->db), 0);
	add_rows(e, "VN-22-C9001", 3, "sent", NOW - HOUR);
	add_rows(e, "VN-22-C9001", 2, "read", NOW + HOUR);
	add_rows(e, "VN-22-C9001", 4, "closed", NOW - HOUR);
	assert_int_equal(db_commit(e->db), 0);
	counts(e, "VN-22-C9001", &all, &unread, &overdue);
	assert_int_equal(all, 9);
	assert_int_equal(unread, 3);
	assert_int_equal(overdue, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts_past_the_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_of_an_empty_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_small_and_exact, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
