/*
 * report.h: statistics of cases for a period, and the bilateral
 * conference report.
 *
 * Figures: cases; suspects (each person once per case, in the suspect or
 * arrested role, merged persons counted once); foreign suspects (known
 * nationality other than the case's country); seized mass in kg (g and kg
 * seizures); volume in litres; tablets; plants (and plants per drug).
 *
 * Scopes follow the directory as it was: --unit takes the unit's subtree
 * during the period; --border-only takes the cases whose province was on
 * the border on the date the case was opened (so VN-29 and VN-DN count only
 * from 2025-07-01, and VN-24/27/28 until 2025-06-30). Grouping by unit
 * rolls up to that province.
 *
 * Who sees which figures is policy.c's (policy_stats_scope): analysts and
 * ministry users both countries; officers, supervisors and admins below a
 * ministry their unit's subtree only (no --unit means their unit; another
 * scope is refused with RL_EDENIED). The conference report needs both.
 *
 * Ownership: report_run() fills a result the caller frees with
 * report_result_release(); formatted output is appended to the caller's
 * strbuf.
 */
#ifndef RL_CORE_REPORT_H
#define RL_CORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/actor.h"
#include "core/vocab.h"
#include "store/db.h"
#include "util/limit.h"
#include "util/strbuf.h"

enum report_by { BY_NONE, BY_UNIT, BY_MONTH, BY_QUARTER, BY_CATEGORY, BY_DRUG, BY_NATIONALITY };

enum report_format { RFMT_TEXT, RFMT_JSON, RFMT_CSV, RFMT_HTML };

struct report_query {
	const char *from, *to;    /* inclusive dates, required */
	const char *country;      /* VNM, LAO or NULL */
	const char *unit;         /* unit code: its subtree in the period; or NULL */
	bool border_only;
	const char *category;     /* code, "drugs", or NULL */
	enum report_by by;
};

struct report_figures {
	int64_t cases, suspects, foreign;
	int64_t mass_mg, volume_ml, tablets;
	int64_t plants_poppy, plants_cannabis, plants_other;
};

struct report_group {
	char key[RL_CODE_MAX + 16];     /* province code, YYYY-MM, category... */
	char label[RL_NAME_MAX + 1];    /* in the report's language */
	struct report_figures f;
};

struct report_result {
	struct report_query q;          /* borrowed strings */
	enum vocab_lang lang;
	struct report_figures total;
	size_t ngroups;
	struct report_group *groups;    /* owned */
	char country_buf[4];            /* the country of a ministry given as --unit */
	char unit_buf[RL_CODE_MAX + 1]; /* the actor's unit, when statistics are scoped to it */
};

/* Parses the --by and --format names; -1 if unknown. */
int report_by_parse(const char *s);
int report_format_parse(const char *s);

int report_run(struct rl_db *db, const struct actor *a, const struct report_query *q,
	       enum vocab_lang lang, struct report_result *out);
void report_result_release(struct report_result *r);

/* Appends the result in the format to out. */
void report_format(const struct report_result *r, enum report_format fmt, struct strbuf *out);

/* The conference report (text or HTML) for [from, to], appended to out. */
int report_conference(struct rl_db *db, const struct actor *a, const char *from, const char *to,
		      enum vocab_lang lang, enum report_format fmt, struct strbuf *out);

/* An integer with the language's thousands separator (fr: U+202F narrow
 * no-break space, vi: '.', en and lo: ','), into buf. */
void report_fmt_int(int64_t v, enum vocab_lang lang, char *buf, size_t size);

/* Mass in kg from mg, with up to three decimals and the language's
 * decimal mark ("1 910", "1,25"). */
void report_fmt_kg(int64_t mg, enum vocab_lang lang, char *buf, size_t size);

static inline int64_t report_plants(const struct report_figures *f)
{
	return f->plants_poppy + f->plants_cannabis + f->plants_other;
}

#endif
