/*
 * faults.h: what the fault-injection tests share (test_fault_io.c: SQLite
 * I/O errors; test_fault_oom.c: SQLite out of memory).
 *
 * Each test takes one write path of Redline (add a unit, add a user, send
 * a hotline message, import cases) and runs it again and again on a fresh
 * copy of a demo database, the Nth fallible operation failing on the Nth
 * run, until a run finishes without reaching its Nth operation (every
 * point of failure was tried). After each run, on a second connection:
 *  - the call answered 0 or an RL_E* code with a message, and crashed not;
 *  - the database passes `db check` (integrity and foreign keys) and the
 *    audit chain verifies;
 *  - the change and its audit record are both there or neither is, and a
 *    change that was reported stored is there.
 * Then the same connection, with faults off, runs the write again: it must
 * work (or find the change already stored), so a connection that saw a
 * failure is not left stuck in a transaction.
 *
 * The injector (fault_arm/fault_fired/fault_disarm) is the test file's:
 * the I/O test counts VFS operations, the OOM test SQLite allocations.
 * Both install the VFS below, whose syncs do not reach the disk.
 * Everything here is static: each test file includes it once.
 */
#ifndef RL_TESTS_FAULTS_H
#define RL_TESTS_FAULTS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/account.h"
#include "core/audit_log.h"
#include "core/casefile.h"
#include "core/directory.h"
#include "core/hotline.h"
#include "core/node.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/strbuf.h"

#include "testdb.h"

/* The injector, defined by the test file. */
static void fault_arm(long n);   /* fail the nth operation from now */
static bool fault_fired(void);   /* whether it failed one since fault_arm() */
static void fault_disarm(void);

/* Runs are bounded: after FAULT_DENSE single steps, n grows by a tenth
 * each run, so a path with thousands of allocations takes ~100 runs. */
#define FAULT_DENSE 60
#define FAULT_RUNS_MAX 400

/* 2026-01-15T03:00:00Z: the demo's dates and the seeds' stay valid. */
#define FAULT_NOW_MS 1768446000000LL

static char fault_tmpl[64], fault_work[64];
static char fault_hash[USER_HASH_MAX];

/* One write path and how to see its result. */
struct fault_op {
	const char *name;
	int (*run)(struct rl_db *db);
	/* SQL counting the rows the write adds (a successful write adds
	 * `rows`); and the audit action it records once. */
	const char *count_sql;
	int rows;
	const char *audit_action;
	/* What a repeat of a write that was stored answers (0 when the
	 * write is idempotent). */
	int again_rc;
};

static void fault_copy(const char *from, const char *to)
{
	char buf[1 << 16];
	size_t n;
	FILE *in = fopen(from, "rb"), *out;

	testdb_remove(to);
	out = fopen(to, "wb");
	if (!in || !out)
		abort();
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			abort();
	fclose(in);
	if (fclose(out))
		abort();
}

/* The demo database every run starts from, and a password hash for the
 * user path (hashing is slow and not what is tested). */
static int fault_setup(void **state)
{
	struct node_init_opts o = { .demo = true, .country = "VNM" };
	struct rl_db *db;

	(void)state;
	rl_clock_set(FAULT_NOW_MS);
	snprintf(fault_tmpl, sizeof(fault_tmpl), "fault-tmpl-%d.db", (int)getpid());
	snprintf(fault_work, sizeof(fault_work), "fault-work-%d.db", (int)getpid());
	testdb_remove(fault_tmpl);
	if (node_init(fault_tmpl, &o, &db)) {
		fprintf(stderr, "fault_setup: %s\n", rl_errmsg());
		return -1;
	}
	node_close(db); /* checkpoints: the template is one file */
	return account_hash_password("fault-password", 14, fault_hash);
}

static int fault_teardown(void **state)
{
	(void)state;
	testdb_remove(fault_tmpl);
	testdb_remove(fault_work);
	return 0;
}

/* ---- the VFS: SQLite's default one, wrapped ----
 *
 * Made the default VFS, so the code under test opens its database through
 * it unchanged. Armed (io_armed, test_fault_io.c), the io_countdown-th
 * file operation that can fail on a real disk (open, write, sync,
 * truncate, lock) fails with an SQLITE_IOERR code; with io_lasting every
 * later one fails too. Disarmed it only forwards (and skips syncs). */

static sqlite3_vfs *real_vfs;
static bool io_armed;
static bool io_lasting;    /* once fired, every later operation fails too */
static long io_countdown;  /* operations left until the fault */
static bool io_fired;

static bool io_tick(void)
{
	if (!io_armed)
		return false;
	if (io_fired)
		return io_lasting;
	if (--io_countdown == 0) {
		io_fired = true;
		return true;
	}
	return false;
}

/* A file of the wrapping VFS: the real file follows it in memory. */
struct ffile {
	sqlite3_file base;
	sqlite3_file *real;
};

#define REAL(f) (((struct ffile *)(f))->real)

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (io_tick())
		return SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (io_tick())
		return SQLITE_IOERR_TRUNCATE;
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

/* Syncs are counted but not passed to the disk: no test here loses
 * power (the kill -9 test covers crashes), and a run takes a few fsyncs
 * that would make these tests ten times slower. */
static int f_sync(sqlite3_file *f, int flags)
{
	(void)f;
	(void)flags;
	if (io_tick())
		return SQLITE_IOERR_FSYNC;
	return SQLITE_OK;
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	if (io_tick())
		return SQLITE_IOERR_LOCK;
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int f_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_fcntl(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_devchar(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

/* Version 3 methods; a real file of a lower version has its own methods
 * table with iVersion, and f_open copies that number in. */
static sqlite3_io_methods methods[4];

static const sqlite3_io_methods methods_v3 = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock,
	f_check_lock, f_fcntl, f_sector, f_devchar, f_shm_map, f_shm_lock, f_shm_barrier,
	f_shm_unmap, f_fetch, f_unfetch,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct ffile *ff = (struct ffile *)f;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	ff->base.pMethods = NULL;
	if (io_tick())
		return SQLITE_CANTOPEN;
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	if (ff->real->pMethods) {
		int v = ff->real->pMethods->iVersion;
		ff->base.pMethods = &methods[v < 0 ? 0 : v > 3 ? 3 : v];
	}
	return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static sqlite3_vfs faulty;

static void fault_install_vfs(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	assert_non_null(real_vfs);
	for (int v = 0; v < 4; v++) {
		methods[v] = methods_v3;
		methods[v].iVersion = v;
	}
	/* The other methods (randomness, time, dlopen, system calls) take
	 * the real VFS's; they never see our files. */
	faulty = *real_vfs;
	faulty.zName = "redline-faulty";
	faulty.szOsFile = (int)sizeof(struct ffile) + real_vfs->szOsFile;
	faulty.pNext = NULL;
	faulty.xOpen = v_open;
	faulty.xDelete = v_delete;
	faulty.xAccess = v_access;
	faulty.xFullPathname = v_full;
	assert_int_equal(sqlite3_vfs_register(&faulty, 1), SQLITE_OK);
}

/* ---- the write paths ---- */

static int op_unit_add(struct rl_db *db)
{
	struct dir_unit_input in = { .code = "VN-22-C9950", .country = "VNM", .level = "commune",
				     .parent = "VN-22", .name_local = "Xã Thử Lỗi",
				     .name_en = "Fault Commune", .border = 1 };
	struct actor sys;
	struct unit u;

	actor_system(&sys, "fault");
	return dir_add(db, &sys, &in, &u);
}

static int op_user_add(struct rl_db *db)
{
	struct account_new n = { .login = "fault.user", .full_name = "Người Thử Lỗi",
				 .unit_code = "VN-22-C9001", .roles = ROLE_OFFICER,
				 .password_hash = fault_hash };
	struct actor sys;

	actor_system(&sys, "fault");
	return account_add(db, &sys, &n, NULL);
}

static int op_message_send(struct rl_db *db)
{
	static const char *const to[] = { "LA-XI-V0101" };
	struct hotline_msg_input in = { .to = to, .nto = 1, .kind = "information",
					.subject = "fault-subject", .body = "ສະບາຍດີ, xin chào",
					.tlp = "green", .idem_key = "fault-key" };
	struct hotline_sent sent;
	struct actor a;
	int rc;

	if ((rc = account_actor(db, "vn-22-c9001.officer", &a)))
		return rc;
	return hotline_send(db, &a, &in, &sent);
}

static const char fault_cases[] =
	"{\"ref\":\"FAULT-1\",\"country\":\"VNM\",\"unit\":\"VN-22\",\"category\":\"drug_trafficking\","
	"\"opened\":\"2025-09-01\",\"summary\":\"Km 12, Nậm Cắn\",\"persons\":[{\"ref\":\"P1\","
	"\"full_name\":\"Vàng A Dế\",\"birth_date\":\"1980\",\"sex\":\"M\",\"nationality\":\"VNM\","
	"\"role\":\"suspect\"},{\"ref\":\"P2\",\"full_name\":\"ສົມພອນ ໄຊຍະວົງ\",\"sex\":\"M\","
	"\"nationality\":\"LAO\",\"role\":\"arrested\"}],\"seizures\":[{\"drug\":\"heroin\","
	"\"quantity\":1.25,\"unit\":\"kg\"}]}\n"
	"{\"ref\":\"FAULT-2\",\"country\":\"VNM\",\"unit\":\"VN-22-C9001\",\"category\":"
	"\"drug_possession\",\"opened\":\"2025-10-02\",\"persons\":[{\"ref\":\"P1\",\"full_name\":"
	"\"Lò Văn Sáu\",\"role\":\"suspect\"}],\"seizures\":[{\"drug\":\"methamphetamine_tablets\","
	"\"quantity\":2000,\"unit\":\"tablet\"}]}\n";

static int op_case_import(struct rl_db *db)
{
	struct casefile_import_opts o = { .source = "fault.jsonl" };
	struct casefile_import_stats st = { 0 };
	struct actor sys;
	FILE *in = fmemopen((void *)fault_cases, sizeof(fault_cases) - 1, "r");
	int rc;

	if (!in)
		abort();
	actor_system(&sys, "fault");
	rc = casefile_import_jsonl(db, &sys, in, (long long)sizeof(fault_cases) - 1, &o, &st);
	fclose(in);
	return rc;
}

static const struct fault_op fault_ops[] = {
	{ "unit add", op_unit_add, "SELECT count(*) FROM units WHERE code = 'VN-22-C9950'", 1,
	  "unit.add", RL_ECONFLICT },
	{ "user add", op_user_add, "SELECT count(*) FROM users WHERE login = 'fault.user'", 1,
	  "user.add", RL_ECONFLICT },
	{ "message send", op_message_send,
	  "SELECT count(*) FROM messages WHERE subject = 'fault-subject'", 1, "message.send", 0 },
	{ "case import", op_case_import, "SELECT count(*) FROM cases WHERE ref LIKE 'FAULT-%'", 2,
	  "case.import", 0 },
};

/* ---- checks ---- */

static long fault_count(const char *path, const char *sql, const char *arg)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long n = -1;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "fault_count: %s: %s\n", sql, sqlite3_errmsg(h));
		abort();
	}
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/*
 * The state after a run, seen from a new connection: intact (when `full`:
 * db check and audit chain), the change whole with its audit record or
 * absent with none. Returns whether the
 * change is there. audit0: the action's audit count in the template.
 */
static bool fault_check_state(const struct fault_op *op, long audit0, long run, const char *when,
			      bool full)
{
	struct strbuf report = STRBUF_INIT;
	struct rl_db *db;
	struct actor sys;
	int64_t count = 0, bad = 0;
	long rows, audits;

	actor_system(&sys, "fault");
	if (!full)
		goto count;
	if (node_open(fault_work, &db))
		fail_msg("%s run %ld %s: reopening: %s", op->name, run, when, rl_errmsg());
	if (node_check(db, &report))
		fail_msg("%s run %ld %s: db check: %s", op->name, run, when, report.buf);
	if (audit_log_verify(db, &sys, &count, &bad) || bad)
		fail_msg("%s run %ld %s: audit chain broken at %lld: %s", op->name, run, when,
			 (long long)bad, rl_errmsg());
	strbuf_release(&report);
	node_close(db);
count:
	rows = fault_count(fault_work, op->count_sql, NULL);
	audits = fault_count(fault_work, "SELECT count(*) FROM audit WHERE action = ?1",
			     op->audit_action) - audit0;
	if (!((rows == 0 && audits == 0) || (rows == op->rows && audits == 1)))
		fail_msg("%s run %ld %s: %ld rows and %ld audit records: not all or nothing",
			 op->name, run, when, rows, audits);
	return rows != 0;
}

/*
 * The loop of the header comment over one write path. Returns the number
 * of runs in which the injected fault made the call fail (so the caller
 * can check that faults were really injected).
 */
static long fault_loop(const struct fault_op *op)
{
	long audit0 = fault_count(fault_tmpl, "SELECT count(*) FROM audit WHERE action = ?1",
				  op->audit_action);
	long failed = 0, n = 1, last = 0;

	for (long run = 1; run <= FAULT_RUNS_MAX; run++) {
		struct strbuf found = STRBUF_INIT;
		struct rl_db *db;
		bool fired, stored;
		int rc, rc2;

		fault_copy(fault_tmpl, fault_work);
		if (node_open(fault_work, &db))
			fail_msg("%s: open: %s", op->name, rl_errmsg());
		rl_error_clear();
		fault_arm(n);
		rc = op->run(db);
		fired = fault_fired();
		fault_disarm();
		if (rc > 0 || (rc < 0 && !rl_errmsg()[0]))
			fail_msg("%s run %ld (fault at %ld): answered %d without a message", op->name,
				 run, n, rc);
		if (!fired && rc)
			fail_msg("%s run %ld: failed with no fault: %s", op->name, run, rl_errmsg());
		if (rc)
			failed++;
		/* Nothing may stay open on the connection after a failure. */
		if (node_idle(db, &found))
			fail_msg("%s run %ld (fault at %ld, rc %d): left open: %s", op->name, run, n,
				 rc, found.buf);
		strbuf_release(&found);
		stored = fault_check_state(op, audit0, run, "after the fault", true);
		if (!rc && !stored)
			fail_msg("%s run %ld (fault at %ld): reported stored but is not", op->name,
				 run, n);
		/* The same connection, faults off, does the write (again). */
		rc2 = op->run(db);
		if (rc2 && !(stored && rc2 == op->again_rc))
			fail_msg("%s run %ld (fault at %ld): the retry failed (%d): %s", op->name, run,
				 n, rc2, rl_errmsg());
		node_close(db);
		if (!fault_check_state(op, audit0, run, "after the retry", false))
			fail_msg("%s run %ld: not stored after the retry", op->name, run);
		if (!fired) {
			/* The write got through all its operations: every point
			 * of failure before this one was tried. */
			printf("%s: %ld runs, %ld failed cleanly, last fault at operation %ld\n",
			       op->name, run, failed, last);
			return failed;
		}
		last = n;
		n = n < FAULT_DENSE ? n + 1 : n + n / 10;
	}
	fprintf(stderr, "%s: stopped after %d runs (fault at %ld)\n", op->name, FAULT_RUNS_MAX, n);
	return failed;
}

#endif
