/*
 * seed.h: the functions node_init() runs to fill a new database, in order.
 * A module with reference or demo data declares its node_seed_fn here and
 * adds it to SEED_STEPS (reference data before the demo data using it).
 */
#ifndef RL_CORE_SEED_H
#define RL_CORE_SEED_H

#include "core/account.h"
#include "core/directory.h"
#include "core/hotline.h"
#include "core/node.h"
#include "core/notice.h"

/* Reference data first, then demo units, then demo accounts in them,
 * then demo notices issued by demo units. */
#define SEED_STEPS \
	directory_seed_reference, \
	directory_seed_demo, \
	account_seed_demo, \
	notice_seed_demo, \
	hotline_seed_demo,

#endif
