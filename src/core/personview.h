/*
 * personview.h: one person as the console's duplicates page compares two:
 * all names (every script, aliases), birth date, sex, nationality,
 * documents and the cases they take part in; and the log of merges, with
 * what unmerge needs. Merging itself is casefile.h's.
 *
 * Reading a person is for those who may read cases (policy.c,
 * POLICY_CASE_READ); the caller shows only the linked cases the actor may
 * read. The merge log is for those who may merge (POLICY_PERSON_MERGE).
 *
 * Ownership: rows passed to callbacks are valid during the call only.
 */
#ifndef RL_CORE_PERSONVIEW_H
#define RL_CORE_PERSONVIEW_H

#include <stdint.h>

#include "core/actor.h"
#include "store/case_store.h"
#include "store/db.h"
#include "store/person_store.h"

/* Cases listed for one person at most: a page, not a dossier. */
#define PERSON_CASES_MAX 200

/* Person id (as stored; a merged-away record too, with merged_into set)
 * with its cases (at most PERSON_CASES_MAX, newest first). RL_ENOTFOUND
 * for an unknown or malformed id. */
int person_view(struct rl_db *db, const struct actor *a, const char *id, person_row_cb pcb,
		person_case_cb ccb, void *data);

/* The merges, newest first, at most limit (1..RL_PAGE_MAX). */
int person_merge_log(struct rl_db *db, const struct actor *a, int64_t limit, merge_row_cb cb,
		     void *data);

#endif
