/* Fault injection: SQLite out of memory on Redline's write paths.
 *
 * SQLite's allocator is replaced (SQLITE_CONFIG_MALLOC, before SQLite
 * initialises) by one that forwards to the real one but, when armed with
 * n, returns NULL for the nth allocation or reallocation; later ones work
 * again. faults.h runs each write path with n = 1, 2, ... (then growing by
 * a tenth) and checks that nothing crashes, nothing half-done is stored,
 * the audit chain holds, and the connection recovers.
 *
 * Only SQLite's allocations fail. Redline's own go through util/xalloc.h,
 * which aborts the process on out of memory by design (a restart is better
 * than a half-done request; SQLite's journal keeps the file consistent),
 * and jansson's and libsodium's use the system allocator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "faults.h"

static sqlite3_mem_methods real_mem;
static long countdown;  /* 0: disarmed; else allocations left until the fault */
static bool fired;

static bool tick(void)
{
	if (countdown > 0 && --countdown == 0) {
		fired = true;
		return true;
	}
	return false;
}

static void fault_arm(long n)
{
	countdown = n;
	fired = false;
}

static bool fault_fired(void)
{
	return fired;
}

static void fault_disarm(void)
{
	countdown = 0;
}

static void *m_malloc(int n)
{
	return tick() ? NULL : real_mem.xMalloc(n);
}

static void *m_realloc(void *p, int n)
{
	return tick() ? NULL : real_mem.xRealloc(p, n);
}

static void m_free(void *p)
{
	real_mem.xFree(p);
}

static int m_size(void *p)
{
	return real_mem.xSize(p);
}

static int m_roundup(int n)
{
	return real_mem.xRoundup(n);
}

static int m_init(void *data)
{
	return real_mem.xInit(data);
}

static void m_shutdown(void *data)
{
	real_mem.xShutdown(data);
}

static void install_allocator(void)
{
	static sqlite3_mem_methods mine;

	/* Configuration is only allowed while SQLite is not initialised. */
	assert_int_equal(sqlite3_shutdown(), SQLITE_OK);
	assert_int_equal(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem), SQLITE_OK);
	mine = real_mem;
	mine.xMalloc = m_malloc;
	mine.xRealloc = m_realloc;
	mine.xFree = m_free;
	mine.xSize = m_size;
	mine.xRoundup = m_roundup;
	mine.xInit = m_init;
	mine.xShutdown = m_shutdown;
	assert_int_equal(sqlite3_config(SQLITE_CONFIG_MALLOC, &mine), SQLITE_OK);
	assert_int_equal(sqlite3_initialize(), SQLITE_OK);
}

static void test_allocator_injects(void **state)
{
	(void)state;
	sqlite3 *h;
	assert_int_equal(sqlite3_open(fault_tmpl, &h), SQLITE_OK);
	fault_arm(1);
	assert_int_equal(sqlite3_exec(h, "SELECT count(*) FROM audit", NULL, NULL, NULL), SQLITE_NOMEM);
	assert_true(fault_fired());
	fault_disarm();
	assert_int_equal(sqlite3_exec(h, "SELECT count(*) FROM audit", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void run_op(int i)
{
	long failed = fault_loop(&fault_ops[i]);
	if (failed < 1)
		fail_msg("%s: no injected allocation failure made the write fail", fault_ops[i].name);
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
		cmocka_unit_test(test_allocator_injects),
		cmocka_unit_test(test_unit_add),
		cmocka_unit_test(test_user_add),
		cmocka_unit_test(test_message_send),
		cmocka_unit_test(test_case_import),
	};
	install_allocator();
	fault_install_vfs(); /* never armed: only for its fast syncs */
	return cmocka_run_group_tests(tests, fault_setup, fault_teardown);
}
