/*
 * casefile.h: cases, persons and seizures: validation, import and export
 * in JSON Lines and CSV, listing, person search, duplicates and merges.
 * (`case` is a C keyword, hence "casefile".)
 *
 * One case record (JSON Lines: one object a line):
 *   {"ref":"VN-22-2022-000123","country":"VNM","unit":"VN-22",
 *    "category":"drug_trafficking","opened":"2022-03-14","status":"closed",
 *    "summary":"","place_unit":"VN-22","place_text":"Km 12",
 *    "persons":[{"ref":"P1","full_name":"Nguyễn Văn A","birth_date":"1990-01-02",
 *                "sex":"M","nationality":"VNM","role":"suspect",
 *                "names":[{"name":"Ai","script":"Latn","alias":true}],
 *                "documents":[{"type":"passport","number":"B123","country":"VNM"}]}],
 *    "seizures":[{"drug":"heroin","quantity":1.25,"unit":"kg"}]}
 * A person may instead be {"id":"<ULID of a stored person>","role":...}.
 * Unknown fields are refused, so a misspelt field is never silently lost.
 *
 * CSV is three files joined by case reference:
 *   cases.csv    ref,country,unit,category,opened,status,summary,place_unit,place_text
 *   persons.csv  case_ref,ref,role,full_name,birth_date,sex,nationality,id
 *   seizures.csv case_ref,drug,quantity,unit
 * (columns found by header name; the first three of cases.csv, case_ref,
 * role of persons.csv and all of seizures.csv are required).
 *
 * Imports are idempotent by (country, ref): a case already stored is
 * skipped and counted as present. A file with any bad record stores
 * nothing unless skip_bad is set; either way every bad record is reported
 * through the reject callback with its line number. One import is one
 * transaction with one audit record.
 *
 * Ownership: everything passed in is borrowed; callbacks get borrowed data
 * valid during the call.
 */
#ifndef RL_CORE_CASEFILE_H
#define RL_CORE_CASEFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/actor.h"
#include "store/case_store.h"
#include "store/db.h"

struct casefile_import_opts {
	bool skip_bad;            /* store the good records of a file with bad ones */
	const char *source;       /* file name for messages and the audit record */
	/* Called for each rejected record: where ("line 12", "persons.csv
	 * line 3") and why. */
	void (*reject)(void *cbdata, const char *where, const char *why);
	/* Called now and then with bytes read so far and the total (0 if
	 * unknown), for a progress bar. */
	void (*progress)(void *cbdata, long long done, long long total);
	void *cbdata;
};

struct casefile_import_stats {
	long long records;        /* case records read */
	long long imported;       /* new cases stored */
	long long present;        /* already stored (same country and ref): skipped */
	long long rejected;       /* bad records */
	long long persons;        /* persons created */
	long long links;          /* person links stored */
	long long seizures;       /* seizures stored */
};

/* Imports JSON Lines from in (total: its size in bytes, 0 if unknown). */
int casefile_import_jsonl(struct rl_db *db, const struct actor *a, FILE *in, long long total,
			  const struct casefile_import_opts *o, struct casefile_import_stats *st);

/* Imports the three CSV files (persons and seizures may be NULL). */
int casefile_import_csv(struct rl_db *db, const struct actor *a, FILE *cases, FILE *persons,
			FILE *seizures, const struct casefile_import_opts *o,
			struct casefile_import_stats *st);

/* Adds one case given as a JSON object text (the JSON Lines format). The
 * new case's id is copied to id_out. RL_ECONFLICT if (country, ref) exists. */
int casefile_add_json(struct rl_db *db, const struct actor *a, const char *json,
		      char id_out[RL_ID_LEN + 1]);

/* Adds persons and seizures (arrays of the JSON Lines format, either may
 * be NULL) to the stored case case_id, inside the caller's transaction;
 * validates them as an import does. Counts persons/links/seizures added
 * into st (may be NULL). Used by core/caseedit.c. */
int casefile_add_parts(struct rl_db *db, const char *case_id, json_t *persons, json_t *seizures,
		       struct casefile_import_stats *st);

/* Whether every person given by id in `persons` (an array of the JSON
 * Lines format; other values are left to the validator) is one the actor
 * sees (linked to a case in s's read scope): RL_EINVAL "persons[i]: unknown
 * person" otherwise, as for an id that does not exist. */
struct case_scope;
int casefile_check_person_ids(struct rl_db *db, const struct case_scope *s, json_t *persons);

/* Exports cases matching f as JSON Lines to out, or as CSV to the three
 * files (persons/seizures may be NULL to leave them out). */
int casefile_export_jsonl(struct rl_db *db, const struct actor *a, const struct case_filter *f,
			  FILE *out, long long *count);
int casefile_export_csv(struct rl_db *db, const struct actor *a, const struct case_filter *f,
			FILE *cases, FILE *persons, FILE *seizures, long long *count);

/* Lists cases (validates the filter's codes and dates first). */
int casefile_list(struct rl_db *db, const struct actor *a, const struct case_filter *f,
		  case_row_cb cb, void *data);

/* One case with its persons and seizures; country may be NULL. */
int casefile_show(struct rl_db *db, const struct actor *a, const char *country, const char *ref,
		  case_row_cb case_cb, link_row_cb link_cb, seizure_row_cb seizure_cb, void *data);

/* A seizure's quantity in its entered unit as text ("1.25"), into buf. */
void casefile_quantity_text(const struct seizure_row *s, char *buf, size_t size);

/* Persons by name in any script, with or without diacritics. */
int casefile_person_search(struct rl_db *db, const struct actor *a, const char *name,
			   int64_t limit, person_row_cb cb, void *data);

/* Likely duplicate persons, best first: score 0..100. */
struct person_pair {
	const char *a, *b;        /* ids */
	const char *name;         /* a's main name (a and b share a folded name) */
	int score;                /* 100: same name, birth date, sex and nationality */
	const char *why;          /* what agreed, for a person reading the list */
};
typedef int (*person_pair_cb)(const struct person_pair *p, void *data);
int casefile_person_duplicates(struct rl_db *db, const struct actor *a, int min_score,
			       person_pair_cb cb, void *data);

/* Merges person `merged` into `survivor`; the merge's id into merge_id. */
int casefile_person_merge(struct rl_db *db, const struct actor *a, const char *survivor,
			  const char *merged, char merge_id[RL_ID_LEN + 1]);
int casefile_person_unmerge(struct rl_db *db, const struct actor *a, const char *merge_id);

/* Validation helpers, exposed for tests. */
/* "YYYY", "YYYY-MM" or "YYYY-MM-DD", a real date, not after today. */
int casefile_check_birth_date(const char *s);
/* Converts a quantity in unit to base units (mg, ml, count), checking sign,
 * precision and the limits of util/limit.h. */
int casefile_quantity_to_base(const char *drug, const char *unit, double q, int64_t *amount,
			      const char **measure);

#endif
