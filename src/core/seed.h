/*
 * seed.h: the functions node_init() runs to fill a new database, in order.
 * A module with reference or demo data declares its node_seed_fn here and
 * adds it to SEED_STEPS (reference data before the demo data using it).
 */
#ifndef RL_CORE_SEED_H
#define RL_CORE_SEED_H

#include "core/account.h"
#include "core/node.h"

/* account_seed_demo uses the demo units: keep it after the directory's. */
#define SEED_STEPS \
	account_seed_demo,

#endif
