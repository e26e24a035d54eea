/*
 * testdb.h: temporary database files for the unit tests. A test database
 * lives in the build directory (meson runs tests there) and is removed with
 * its WAL and shared-memory files, so no run leaves state for the next.
 */
#ifndef RL_TESTS_TESTDB_H
#define RL_TESTS_TESTDB_H

#include <stdio.h>
#include <unistd.h>

/* Removes path and its -wal and -shm companions; missing files are fine. */
static inline void testdb_remove(const char *path)
{
	char p[4096];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

#endif
