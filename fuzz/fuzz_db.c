/*
 * fuzz_db.c: the demo database of the fuzz targets (see fuzz_db.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/account.h"
#include "core/audit_log.h"
#include "core/node.h"
#include "core/screen.h"
#include "fuzz.h"
#include "fuzz_db.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/strbuf.h"

/* 2026-01-15T03:00:00Z: a fixed "now", so dates in seeds stay valid. */
#define FUZZ_NOW_MS 1768446000000LL

static struct rl_db *g_db;
static char g_path[256];

static void remove_files(void)
{
	char p[sizeof(g_path) + 8];

	unlink(g_path);
	snprintf(p, sizeof(p), "%s-wal", g_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", g_path);
	unlink(p);
}

/* The end of the run: the stored data must have survived every input. */
static void finish(void)
{
	struct strbuf report = STRBUF_INIT;
	struct actor sys;
	int64_t count = 0, bad = 0;
	int ok = 1;

	if (!g_db)
		return;
	actor_system(&sys, "fuzz");
	if (node_check(g_db, &report)) {
		fprintf(stderr, "fuzz: database check failed: %s\n", report.buf);
		ok = 0;
	}
	if (audit_log_verify(g_db, &sys, &count, &bad) || bad) {
		fprintf(stderr, "fuzz: audit chain broken at %lld: %s\n", (long long)bad, rl_errmsg());
		ok = 0;
	}
	strbuf_release(&report);
	screen_index_free();
	node_close(g_db);
	g_db = NULL;
	if (!ok)
		abort(); /* keep the file to look at */
	remove_files();
}

struct rl_db *fuzz_db(const char *target)
{
	struct node_init_opts o = { .demo = true, .country = "VNM" };

	if (g_db)
		return g_db;
	rl_clock_set(FUZZ_NOW_MS);
	snprintf(g_path, sizeof(g_path), "fuzz-%s-%d.db", target, (int)getpid());
	remove_files();
	if (node_init(g_path, &o, &g_db)) {
		fprintf(stderr, "fuzz: cannot create %s: %s\n", g_path, rl_errmsg());
		abort();
	}
	atexit(finish);
	return g_db;
}

void fuzz_actor(const char *login, struct actor *out)
{
	if (account_actor(fuzz_db("actor"), login, out)) {
		fprintf(stderr, "fuzz: no demo user %s: %s\n", login, rl_errmsg());
		abort();
	}
}

void fuzz_db_idle(void)
{
	struct strbuf found = STRBUF_INIT;
	int n = node_idle(g_db, &found);

	if (n) {
		fprintf(stderr, "fuzz: %d statement(s) or a transaction left open: %s\n", n, found.buf);
		abort();
	}
	strbuf_release(&found);
}
