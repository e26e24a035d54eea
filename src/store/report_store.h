/*
 * report_store.h: the SQL aggregates behind `redline report`. Each query
 * filters cases by period, country, border flag, category and optionally
 * a set of handling units (loaded into a temporary table first), groups by
 * one key, and hands each group to a callback. Cases carry their own
 * suspect counts and seizure totals (migration 0004), so most reports are
 * one scan of the covering index cases_period; they also carry the set of
 * drugs they seized (migration 0009), so a report by drug scans the index
 * of cases with seizures, cases_drugs, without joining the seizures.
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
	const char *country;      /* VNM, LAO or NULL for both (bound as both, so
				     the country-and-period index is always used) */
	int border_only;          /* only cases whose province was on the border then */
	const char *category;     /* code, "drugs" for the drug group, or NULL */
	int units;                /* only cases handled by the loaded unit set */
	const char *province;     /* only cases of this province (as on their date), or NULL */
};

/* Figures of one group; a query leaves what it does not compute at 0. */
struct report_figs {
	int64_t cases, suspects, foreign;
	int64_t mass_mg, volume_ml, tablets;
	int64_t plants_poppy, plants_cannabis, plants_other;
};

typedef int (*report_figs_cb)(const char *key, const struct report_figs *f, void *data);

/* Replaces the unit set used when filter->units is set. */
int report_store_set_units(struct rl_db *db, const char *const *codes, size_t n);

/*
 * Calls cb with the groups' figures. For every key but drug and
 * nationality, once per group from one pass over the cases index. For
 * drug, up to twice per group, which the caller adds: the cases (those
 * with a seizure of the drug) with the seizure totals of the cases that
 * seized that drug alone, then the share of the drug in the totals of
 * cases with several drugs. For nationality, only case figures (suspects
 * of that nationality).
 */
int report_store_figures(struct rl_db *db, const struct report_sql_filter *f, enum report_key k,
			 report_figs_cb cb, void *data);

#endif
