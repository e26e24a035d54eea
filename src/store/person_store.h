/*
 * person_store.h: what the console's duplicates page shows of a person
 * beyond case_store.h: the cases a person takes part in (directly or
 * through the records merged into it), the log of merges, and the folded
 * names duplicates are looked for in.
 *
 * Ownership: rows passed to a callback point into SQLite's buffers and are
 * valid only during the call. A non-zero return from a callback stops the
 * walk and is returned.
 */
#ifndef RL_STORE_PERSON_STORE_H
#define RL_STORE_PERSON_STORE_H

#include <stdint.h>

#include "store/db.h"

/* One link of a person to a case. */
struct person_case_row {
	const char *case_id;      /* ULID of the case */
	const char *country, *ref, *unit_code, *opened, *category, *status;
	const char *role;         /* suspect, arrested, victim, witness */
	const char *linked_id;    /* the person record as linked: the person asked
				     for, or a record merged into it */
};
typedef int (*person_case_cb)(const struct person_case_row *r, void *data);

/* Links of person_id (and of the records merged into it) to cases, newest
 * case first; at most limit (0: no limit). */
int person_store_cases(struct rl_db *db, const char *person_id, int64_t limit,
		       person_case_cb cb, void *data);

/* One merge of the log. */
struct merge_row {
	const char *id;           /* merge id (ULID), what unmerge takes */
	const char *survivor_id, *merged_id;
	const char *survivor_name, *merged_name; /* main names ("" if none) */
	const char *at;           /* UTC time of the merge */
	const char *actor;        /* who merged */
	const char *undone_at;    /* UTC time of the unmerge, NULL while in force */
};
typedef int (*merge_row_cb)(const struct merge_row *m, void *data);

/* The merges, newest first; at most limit (0: no limit). */
int person_store_merges(struct rl_db *db, int64_t limit, merge_row_cb cb, void *data);
/* The same, only merges of two persons both in scope sc (see case_store.h;
 * NULL or no country: all). */
struct case_scope_sql;
int person_store_merges_in(struct rl_db *db, const struct case_scope_sql *sc, int64_t limit,
			   merge_row_cb cb, void *data);

/* One folded name of a person not merged away, with what the duplicate
 * score compares. */
struct name_fact {
	const char *fold;         /* rl_fold() of one of the person's names */
	const char *person_id;
	const char *name;         /* the person's main name */
	const char *birth_date, *sex, *nationality;
};
typedef int (*name_fact_cb)(const struct name_fact *f, void *data);

/* Every (fold, person) once, ordered by fold then person id, so persons
 * sharing a folded name come together: one walk of the fold index instead
 * of a self-join whose pairs grow with the square of a common name. Holds
 * every person's facts in memory during the walk (about 100 bytes each). */
int person_store_name_facts(struct rl_db *db, name_fact_cb cb, void *data);

/* The same for the persons in scope sc (NULL or no country: every person;
 * see case_store.h): linked, themselves or through a record merged into
 * them, to a case in scope. */
int person_store_name_facts_in(struct rl_db *db, const struct case_scope_sql *sc,
			       name_fact_cb cb, void *data);

#endif
