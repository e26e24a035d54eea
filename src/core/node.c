/*
 * node.c: creating, opening, checking and backing up a node's database.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/node.h"
#include "store/audit.h"
#include "store/meta.h"
#include "util/id.h"
#include "util/status.h"

/*
 * Seed steps, in order: reference data first, then demo data that refers
 * to it. Modules add their function here (declared in their own header).
 */
#include "core/seed.h"

static const node_seed_fn seeds[] = {
	SEED_STEPS
	NULL
};

static void remove_db_files(const char *path)
{
	char p[4096];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

int node_init(const char *path, const struct node_init_opts *o, struct rl_db **out)
{
	struct rl_db *db;
	struct actor sys;
	char node_id[RL_ID_LEN + 1];
	const char *country = o->country ? o->country : "VNM";
	int rc;

	*out = NULL;
	if (strcmp(country, "VNM") && strcmp(country, "LAO"))
		return rl_error(RL_EINVAL, "unknown node country '%s' (VNM or LAO)", country);
	if (!access(path, F_OK))
		return rl_error(RL_ECONFLICT, "'%s' already exists; remove it or choose another --db", path);
	if ((rc = db_open(path, DB_CREATE, &db)))
		return rc;
	actor_system(&sys, "init");
	rl_id_new(node_id);
	if ((rc = db_begin(db)))
		goto fail;
	if ((rc = meta_set(db, "node_id", node_id)) ||
	    (rc = meta_set(db, "country", country)) ||
	    (rc = meta_set(db, "demo", o->demo ? "yes" : "no")))
		goto fail_tx;
	for (const node_seed_fn *s = seeds; *s; s++)
		if ((rc = (*s)(db, &sys, o->demo)))
			goto fail_tx;
	if ((rc = audit_append(db, sys.audit_name, "node.init", "node", node_id,
			       o->demo ? "created the database with demo data"
				       : "created the database")))
		goto fail_tx;
	if ((rc = db_commit(db)))
		goto fail;
	*out = db;
	return 0;
fail_tx:
	db_rollback(db);
fail:
	db_close(db);
	remove_db_files(path);
	return rc;
}

int node_open(const char *path, struct rl_db **out)
{
	return db_open(path, 0, out);
}

void node_close(struct rl_db *db)
{
	db_close(db);
}

int node_check(struct rl_db *db, struct strbuf *report)
{
	return db_check(db, report);
}

int node_backup(struct rl_db *db, const char *dest)
{
	return db_backup(db, dest);
}

int node_country(struct rl_db *db, char out[4])
{
	return meta_get(db, "country", out, 4);
}

int node_idle(struct rl_db *db, struct strbuf *found)
{
	return db_idle(db, found);
}
