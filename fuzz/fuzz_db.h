/*
 * fuzz_db.h: the database the fuzz targets of core entry points (imports,
 * the JSON API) run against.
 *
 * fuzz_db() creates, on its first call, a demo database (node_init with
 * --demo, Viet Nam's node) in the current directory under a name holding
 * the target and the process id, with the clock frozen at a fixed day so
 * a replay is repeatable. Inputs run one after the other on that same
 * database: what one input stores stays for the next, as on a real node.
 *
 * At exit the database must still pass `db check` (integrity and foreign
 * keys) and its audit chain must verify; otherwise the process aborts,
 * which fails the replay test or makes libFuzzer report the run. Then the
 * database and its WAL files are removed.
 *
 * Ownership: the database belongs to this module; callers never close it.
 */
#ifndef RL_FUZZ_FUZZ_DB_H
#define RL_FUZZ_FUZZ_DB_H

#include "core/actor.h"

struct rl_db;

/* The database (created on first use); `target` names the file. */
struct rl_db *fuzz_db(const char *target);

/* The actor of a demo user; aborts if the login is not in the demo. */
void fuzz_actor(const char *login, struct actor *out);

/* Checks that no transaction or statement was left open by the input
 * (each one a bug), aborting if one was. */
void fuzz_db_idle(void);

#endif
