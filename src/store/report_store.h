/*
 * report_store.h: the SQL aggregates behind `redline report`. Each query
 * filters cases by period, country, border flag, category and optionally
 * a set of handling units (loaded into a temporary table first), groups by
 * one key, and hands each group to a callback. Case figures (cases,
 * suspects, foreign suspects) and seizure figures come from two queries
 * the caller merges by key, so neither multiplies the other's rows.
 *
 * Ownership: the key passed to a callback is valid during the call only.
 */
#ifndef RL_STORE_REPORT_STORE_H
#define RL_STORE_REPORT_STORE_H

#include <stdint.h>

#include "store/db.h"

enum report_key {
	RKEY_NONE,          /* one group, key "" */
	RKEY_PROVINCE,      /* the case's province on its date */
	RKEY_MONTH,         /* YYYY-MM */
	RKEY_QUARTER,       /* YYYY-Qn */
	RKEY_CATEGORY,
	RKEY_DRUG,          /* cases: those with a seizure of the drug */
	RKEY_NATIONALITY,   /* suspects' nationality; seizure figures are not split */
	RKEY_COUNT
};

struct report_sql_filter {
	const char *from, *to;    /* opened, inclusive; both required */
	const char *country;      /* VNM, LAO or NULL for both */
	int border_only;          /* only cases whose province was on the border then */
	const char *category;     /* code, "drugs" for the drug group, or NULL */
	int units;                /* only cases handled by the loaded unit set */
	const char *province;     /* only cases of this province (as on their date), or NULL */
};

struct report_case_figs {
	int64_t cases, suspects, foreign;
};

struct report_seizure_figs {
	int64_t mass_mg, volume_ml, tablets;
	int64_t plants_poppy, plants_cannabis, plants_other;
};

typedef int (*report_case_cb)(const char *key, const struct report_case_figs *f, void *data);
typedef int (*report_seizure_cb)(const char *key, const struct report_seizure_figs *f, void *data);

/* Replaces the unit set used when filter->units is set. */
int report_store_set_units(struct rl_db *db, const char *const *codes, size_t n);

int report_store_cases(struct rl_db *db, const struct report_sql_filter *f, enum report_key k,
		       report_case_cb cb, void *data);
int report_store_seizures(struct rl_db *db, const struct report_sql_filter *f, enum report_key k,
			  report_seizure_cb cb, void *data);

#endif
