/* Fault injection: SQLite I/O errors on Redline's write paths.
 *
 * A test-only VFS wraps the default one and is made the default, so the
 * code under test opens its database through it unchanged. When armed
 * with n, the nth file operation that can fail on a real disk (open,
 * write, sync, truncate, lock) fails with an SQLITE_IOERR code. Two modes:
 * a passing fault (a lock the OS refuses once, a flaky disk), after which
 * the operations work again, and a lasting one (a full or dead disk):
 * every operation from the nth on fails until the test disarms. faults.h
 * runs each write path with n = 1, 2, ... and checks
 * that nothing crashes, nothing half-done is stored, the audit chain
 * holds, and the connection recovers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "faults.h"

static void fault_arm(long n)
{
	io_armed = true;
	io_countdown = n;
	io_fired = false;
}

static bool fault_fired(void)
{
	return io_fired;
}

static void fault_disarm(void)
{
	io_armed = false;
}

static void test_vfs_injects(void **state)
{
	(void)state;
	/* The injector itself: some early operation of a write fails it
	 * (SQLite absorbs a few, e.g. a write-ahead log it cannot open yet),
	 * and once disarmed the same connection writes. */
	bool failed = false;
	for (long n = 1; n <= 20 && !failed; n++) {
		sqlite3 *h;
		fault_copy(fault_tmpl, fault_work);
		assert_int_equal(sqlite3_open(fault_work, &h), SQLITE_OK);
		fault_arm(n);
		failed = sqlite3_exec(h, "CREATE TABLE t(x); INSERT INTO t VALUES (1)", NULL, NULL,
				      NULL) != SQLITE_OK;
		assert_true(fault_fired());
		fault_disarm();
		if (failed)
			assert_int_equal(sqlite3_exec(h, "CREATE TABLE IF NOT EXISTS t(x)", NULL, NULL,
						      NULL), SQLITE_OK);
		sqlite3_close(h);
	}
	assert_true(failed);
}

static void run_op(int i)
{
	for (int mode = 0; mode < 2; mode++) {
		long failed;

		io_lasting = mode == 1;
		printf("%s i/o errors:\n", io_lasting ? "lasting" : "passing");
		failed = fault_loop(&fault_ops[i]);
		/* Faults that never made the call fail would test nothing. */
		if (failed < 1)
			fail_msg("%s: no injected i/o error made the write fail", fault_ops[i].name);
	}
	io_lasting = false;
}

static void test_unit_add(void **state)
{
	(void)state;
	run_op(0);
}

static void test_user_add(void **state)
{
	(void)state;
	run_op(1);
}

static void test_message_send(void **state)
{
	(void)state;
	run_op(2);
}

static void test_case_import(void **state)
{
	(void)state;
	run_op(3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vfs_injects),
		cmocka_unit_test(test_unit_add),
		cmocka_unit_test(test_user_add),
		cmocka_unit_test(test_message_send),
		cmocka_unit_test(test_case_import),
	};
	fault_install_vfs();
	return cmocka_run_group_tests(tests, fault_setup, fault_teardown);
}
