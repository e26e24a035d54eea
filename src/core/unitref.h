/*
 * unitref.h: what cases and reports need to know of the directory's units:
 * whether a unit existed on a date (and what replaced it if not), the
 * province it belonged to then, whether that province was on the border
 * then, and the units of a subtree during a period. It is the one place
 * cases and statistics meet the directory (core/directory.h).
 *
 * Ownership: strings in struct unitref are copied in; lists returned by
 * unitref_subtree() / unitref_border_provinces() are freed with
 * unitref_list_free().
 */
#ifndef RL_CORE_UNITREF_H
#define RL_CORE_UNITREF_H

#include <stdbool.h>
#include <stddef.h>

#include "store/db.h"
#include "util/limit.h"

struct unitref {
	char code[RL_CODE_MAX + 1];      /* the unit's code */
	char country[4];                 /* VNM or LAO */
	char province[RL_CODE_MAX + 1];  /* its province on the date (itself if a province;
					    "" for a ministry) */
	bool border;                     /* the province was on the border on the date */
};

/*
 * The unit `code` as it was on `date` (YYYY-MM-DD). RL_ENOTFOUND for an
 * unknown code; RL_EINVAL when the unit did not exist on the date, with a
 * message naming its lifetime and its successor if it has one.
 */
int unitref_on(struct rl_db *db, const char *code, const char *date, struct unitref *out);

struct unitref_list {
	size_t n;      /* codes */
	char **code;   /* n codes, owned */
};

/* The codes of `code` and every unit below it at any date of [from, to]. */
int unitref_subtree(struct rl_db *db, const char *code, const char *from, const char *to,
		    struct unitref_list *out);

/* A unit's level (0 ministry, 1 province, ...) and country, as today. */
int unitref_level(struct rl_db *db, const char *code, int *level, char country[4]);

/* The provinces of country that were on the border at some date of
 * [from, to], in code order. */
int unitref_border_provinces(struct rl_db *db, const char *country, const char *from,
			     const char *to, struct unitref_list *out);

/* A unit's name in the given language ("vi"/"lo" local, "en"/"fr"
 * English), copied into buf; the code itself if unknown. */
void unitref_name(struct rl_db *db, const char *code, const char *lang, char *buf, size_t size);

void unitref_list_free(struct unitref_list *l);

#endif
