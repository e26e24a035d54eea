/*
 * casegen.h: synthetic demo cases, as JSON Lines (the import format).
 *
 * The output depends only on the seed. Whatever the seed, the cases
 * opened from 2021-07-01 to 2024-06-30 add up EXACTLY to the figures the
 * two ministries reported for that period (see CASEGEN_* below): in the
 * ten Vietnamese provinces then on the Lao border, 14,131 cases, 19,961
 * suspects, 1,910 kg of drugs by mass, 3,000,000 tablets and 3,448 opium
 * poppy plants; in Laos, 15,859 drug cases with 23,458 suspects of whom
 * 560 foreigners. Quantities are generated as whole grams and counts, so
 * the sums are exact. A few hundred cases fall outside that period or in
 * provinces that joined the border only on 2025-07-01, to exercise the
 * report's scopes, without changing those totals, and the three years
 * before have their own cases (CASEGEN_PREV_* below).
 */
#ifndef RL_CORE_CASEGEN_H
#define RL_CORE_CASEGEN_H

#include <stdint.h>
#include <stdio.h>

#define CASEGEN_FROM "2021-07-01"
#define CASEGEN_TO "2024-06-30"
#define CASEGEN_VN_CASES 14131
#define CASEGEN_VN_SUSPECTS 19961
#define CASEGEN_VN_MASS_G 1910000LL
#define CASEGEN_VN_TABLETS 3000000LL
#define CASEGEN_VN_POPPY_PLANTS 3448LL
#define CASEGEN_LA_DRUG_CASES 15859
#define CASEGEN_LA_SUSPECTS 23458
#define CASEGEN_LA_FOREIGN 560

/*
 * The three years before (the conference report's previous period of the
 * same length), generated after everything else so the cases above stay
 * the same: somewhat fewer cases, suspects and seizures, more poppy. The
 * few hundred cases of early 2021 and 2020 written to exercise the scopes
 * fall in this period too and add to these figures.
 */
#define CASEGEN_PREV_FROM "2018-07-01"
#define CASEGEN_PREV_TO "2021-06-30"
#define CASEGEN_PREV_VN_CASES 12876
#define CASEGEN_PREV_VN_SUSPECTS 17904
#define CASEGEN_PREV_VN_MASS_G 1652000LL
#define CASEGEN_PREV_VN_TABLETS 2412000LL
#define CASEGEN_PREV_VN_POPPY_PLANTS 4215LL
#define CASEGEN_PREV_LA_DRUG_CASES 13940
#define CASEGEN_PREV_LA_SUSPECTS 20377
#define CASEGEN_PREV_LA_FOREIGN 498

/* Writes the cases to out; returns the number of lines, or a negative
 * RL_E* code if writing failed. */
long casegen_write(FILE *out, uint64_t seed);

/* Writes `count` random cases over 2015-2025 in both countries (about 1.5
 * suspects and 0.5 seizures a case), without the exact totals: for
 * benchmarks (bench/cases.sh). */
long casegen_write_bulk(FILE *out, uint64_t seed, long count);

#endif
