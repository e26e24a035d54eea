/*
 * caseedit.h: changing a stored case: its status, summary, category and
 * place, and adding persons and seizures (in the JSON Lines format of
 * casefile.h). One edit is one transaction with one audit record
 * "case.edit"; a bad field changes nothing. Who may edit is policy.c's
 * (policy_case_scope: officers and supervisors the cases of their unit and
 * the units below it; analysts read only; persons added by id must be
 * visible to the editor).
 *
 * Ownership: everything is borrowed.
 */
#ifndef RL_CORE_CASEEDIT_H
#define RL_CORE_CASEEDIT_H

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

#endif
