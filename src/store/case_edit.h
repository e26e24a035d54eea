/*
 * case_edit.h: changing a stored case's own fields (status, summary,
 * category, place), inside the caller's transaction. Validation and the
 * audit record are core/caseedit.c's. Strings are borrowed; NULL leaves a
 * field as it is.
 */
#ifndef RL_STORE_CASE_EDIT_H
#define RL_STORE_CASE_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct case_fields {
	const char *status, *summary, *category;  /* NULL: unchanged */
	const char *place_unit, *place_text;      /* NULL: unchanged; "" clears */
};

/* RL_ENOTFOUND if there is no case with that id. */
int case_store_update_fields(struct rl_db *db, const char *case_id, const struct case_fields *f);

/* Removes the links of case_id to person_id, or to a person merged into
 * it (the case shows links by who the person now is), in every role or
 * only `role` (NULL: all). *removed gets the number of links removed;
 * RL_ENOTFOUND if there were none. The person record itself stays. */
int case_store_unlink_person(struct rl_db *db, const char *case_id, const char *person_id,
			     const char *role, int64_t *removed);

/* Deletes seizure seizure_id of case_id, copying its drug into drug
 * (RL_CODE_MAX + 1 bytes) for the audit record; RL_ENOTFOUND if the case
 * has no such seizure. */
int case_store_delete_seizure(struct rl_db *db, const char *case_id, int64_t seizure_id,
			      char *drug, size_t drug_size);

#endif
