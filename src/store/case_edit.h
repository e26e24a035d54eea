/*
 * case_edit.h: changing a stored case's own fields (status, summary,
 * category, place), inside the caller's transaction. Validation and the
 * audit record are core/caseedit.c's. Strings are borrowed; NULL leaves a
 * field as it is.
 */
#ifndef RL_STORE_CASE_EDIT_H
#define RL_STORE_CASE_EDIT_H

#include "store/db.h"

struct case_fields {
	const char *status, *summary, *category;  /* NULL: unchanged */
	const char *place_unit, *place_text;      /* NULL: unchanged; "" clears */
};

/* RL_ENOTFOUND if there is no case with that id. */
int case_store_update_fields(struct rl_db *db, const char *case_id, const struct case_fields *f);

#endif
