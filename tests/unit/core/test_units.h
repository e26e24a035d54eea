/* test_units.h: makes sure the unit the account tests use exists, in
 * case the reference directory does not ship it. Header-only: each test
 * program includes it once. */
#ifndef RL_TEST_UNITS_H
#define RL_TEST_UNITS_H

#include "store/unit_store.h"

static void ensure_unit(struct rl_db *db, const char *code, const char *country, int level)
{
	struct unit u;
	struct unit_new n = { .code = code, .country = country, .level = level,
			      .v = { .name_local = code, .name_en = code } };
	char id[RL_ID_LEN + 1];

	if (!unit_store_find(db, code, NULL, &u))
		return;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(unit_store_insert(db, &n, id), 0);
	assert_int_equal(db_commit(db), 0);
}

#endif
