/*
 * caseedit.h: changing a stored case: its status, summary, category and
 * place, and adding persons and seizures (in the JSON Lines format of
 * casefile.h), or removing one person or one seizure. One edit is one
 * transaction with one audit record ("case.edit", "case.person_remove",
 * "case.seizure_remove"); a bad field or an unknown id changes nothing.
 * Who may edit is policy.c's (policy_case_scope: officers and supervisors
 * the cases of their unit and the units below it; analysts read only; a
 * case out of scope answers as unknown; persons added by id must be
 * visible to the editor).
 *
 * Ownership: everything is borrowed.
 */
#ifndef RL_CORE_CASEEDIT_H
#define RL_CORE_CASEEDIT_H

#include <stdint.h>

#include <jansson.h>

#include "core/actor.h"
#include "store/db.h"

struct case_edit {
	const char *status;       /* vocab_statuses code, or NULL: unchanged */
	const char *summary;      /* or NULL */
	const char *category;     /* vocab_categories code, or NULL */
	const char *place_unit;   /* unit code existing on the case's date, "" clears, NULL */
	const char *place_text;   /* or NULL */
	json_t *add_persons;      /* array of persons, or NULL */
	json_t *add_seizures;     /* array of seizures, or NULL */
};

/* Applies e to the case with id case_id. RL_ENOTFOUND for an unknown case
 * or one out of the actor's scope; RL_EINVAL for bad values or nothing to
 * change. */
int caseedit_apply(struct rl_db *db, const struct actor *a, const char *case_id,
		   const struct case_edit *e);

/* Removes person person_id (as linked, or the person it was merged into)
 * from the case, in every role or only `role` (NULL: all), and recounts
 * the case's suspects. RL_ENOTFOUND for an unknown case, one out of scope,
 * or a person not linked to it (in that role). *removed (may be NULL)
 * gets the number of links removed. */
int caseedit_remove_person(struct rl_db *db, const struct actor *a, const char *case_id,
			   const char *person_id, const char *role, int64_t *removed);

/* Removes seizure seizure_id (the id case listings give) from the case and
 * recomputes its totals. RL_ENOTFOUND for an unknown case, one out of
 * scope, or a seizure that is not the case's. */
int caseedit_remove_seizure(struct rl_db *db, const struct actor *a, const char *case_id,
			    int64_t seizure_id);

#endif
