/*
 * node.h: a Redline node's database as a whole: creating one with its
 * reference data, opening it, checking it and backing it up. The CLI and
 * the server reach the store only through core/, and this is the door.
 *
 * Ownership: node_open() and node_init() hand back a database the caller
 * closes with node_close().
 */
#ifndef RL_CORE_NODE_H
#define RL_CORE_NODE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/actor.h"
#include "store/db.h"
#include "util/strbuf.h"

struct node_init_opts {
	bool demo;             /* also load the demo network, users and data */
	const char *country;   /* this node's ministry: "VNM" or "LAO" */
};

/* Creates a new database at path (refusing an existing file), applies the
 * schema and loads the reference directory (and the demo when asked). */
int node_init(const char *path, const struct node_init_opts *o, struct rl_db **out);

/* Opens an existing database (migrating it if this binary is newer). */
int node_open(const char *path, struct rl_db **out);
void node_close(struct rl_db *db);

/* Ends a unit of work such as a server request (see db_idle()); returns
 * the number of leftovers found, described in `found`. */
int node_idle(struct rl_db *db, struct strbuf *found);

int node_check(struct rl_db *db, struct strbuf *report);
int node_backup(struct rl_db *db, const char *dest);

/* The node's own country ("VNM"/"LAO"), from meta. */
int node_country(struct rl_db *db, char out[4]);

/*
 * Steps that node_init() runs after the schema exists, inside one
 * transaction: each module that ships reference or demo data adds one
 * function to the table in node.c. `demo` says whether --demo was given.
 */
typedef int (*node_seed_fn)(struct rl_db *db, const struct actor *a, bool demo);

#endif
