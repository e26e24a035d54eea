/*
 * case_store.h: rows of cases, persons, their links and seizures (tables
 * of migration 0004). Validation is core/casefile.c's job; these functions
 * store what they are given, inside the caller's transaction.
 *
 * Ownership: rows passed in are borrowed. Rows passed to a callback are
 * valid only during the call (they point into SQLite's column buffers).
 * A non-zero return from a callback stops the walk and is returned.
 */
#ifndef RL_STORE_CASE_STORE_H
#define RL_STORE_CASE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/limit.h"

struct case_row {
	char id[RL_ID_LEN + 1];   /* ULID */
	const char *country;      /* VNM or LAO */
	const char *ref;          /* unique within the country */
	const char *unit_code;    /* handling unit */
	const char *province;     /* unit's province on `opened`, "" for a ministry */
	int border;               /* 1: province on the border on `opened` */
	const char *category;     /* vocab_categories code */
	const char *opened;       /* YYYY-MM-DD */
	const char *status;       /* vocab_statuses code */
	const char *place_unit;   /* "" if none */
	const char *place_text;
	const char *summary;
	/* Derived from links and seizures; given on insert (the importer
	 * knows them), recomputed by case_store_update_counts(). */
	int64_t n_suspects;       /* persons in the suspect/arrested role, once each */
	int64_t n_foreign;        /* of them with another known nationality */
	int64_t mass_mg, volume_ml, tablets;
	int64_t plants_poppy, plants_cannabis, plants_other;
	const char *created_at;   /* UTC time */
};

struct name_row {
	const char *name;         /* non-empty UTF-8 */
	const char *fold;         /* rl_fold(name) */
	const char *script;       /* "" if not given */
	int alias;                /* 0 or 1 */
};

struct doc_row {
	const char *type, *number, *country;
};

struct person_row {
	char id[RL_ID_LEN + 1];
	const char *birth_date;   /* "", YYYY, YYYY-MM or YYYY-MM-DD */
	const char *sex;          /* M, F, U */
	const char *nationality;  /* alpha-3 or "" */
	const char *merged_into;  /* read only: NULL unless merged */
	size_t nnames;            /* >= 1 */
	const struct name_row *names;
	size_t ndocs;
	const struct doc_row *docs;
};

/* A link of a case to a person, as listed for a case. */
struct link_row {
	const char *person_id;    /* the person as linked */
	const char *effective_id; /* who that person is now (after merges) */
	const char *role;
	const char *ref;
	const char *name;         /* main name of the effective person */
	const char *birth_date, *sex, *nationality;
};

struct seizure_row {
	const char *drug;
	const char *measure;      /* mass, volume, tablet, plant */
	int64_t amount;           /* mg, ml, tablets, plants */
	const char *unit;         /* as entered */
	int64_t id;               /* stored seizure's id (listings); ignored on insert */
};

/* Savepoints, so one bad record of a --skip-bad import is undone alone. */
int case_store_savepoint(struct rl_db *db);
int case_store_release(struct rl_db *db);
void case_store_rollback_to(struct rl_db *db);

/* The id of the case (country, ref) into id; RL_ENOTFOUND if none. */
int case_store_find_ref(struct rl_db *db, const char *country, const char *ref,
			char id[RL_ID_LEN + 1]);

int case_store_insert_case(struct rl_db *db, const struct case_row *c);
int case_store_insert_person(struct rl_db *db, const struct person_row *p);
/* RL_ENOTFOUND if there is no person with that id. */
int case_store_person_exists(struct rl_db *db, const char *id);
int case_store_link(struct rl_db *db, const char *case_id, const char *person_id,
		    const char *role, const char *ref);
int case_store_insert_seizure(struct rl_db *db, const char *case_id, const struct seizure_row *s);
/* Recomputes a case's suspect counts and seizure totals (columns the
 * report reads) from its links and seizures. */
int case_store_update_counts(struct rl_db *db, const char *case_id);

/* A need-to-know scope as the store applies it in SQL (core/policy.c
 * decides it): country NULL means every case; otherwise that country's
 * cases only, and with units non-NULL (a JSON array of unit codes, such as
 * ["VN-22","VN-22-C9001"]) only the cases those units handle. A person is
 * in scope when linked (as recorded or through a merge) to a case in scope.
 * Borrowed strings. */
struct case_scope_sql {
	const char *country;
	const char *units;
};

struct case_filter {
	const char *country;      /* or NULL */
	const char *from, *to;    /* opened, inclusive, or NULL */
	const char *unit;         /* handling unit code exactly, or NULL */
	const char *province;     /* or NULL */
	const char *category;     /* code, "drugs" for the group, or NULL */
	const char *status;       /* or NULL */
	int64_t limit;            /* 0: no limit */
	struct case_scope_sql scope; /* {NULL, NULL}: every case */
};

typedef int (*case_row_cb)(const struct case_row *c, void *data);
typedef int (*link_row_cb)(const struct link_row *l, void *data);
typedef int (*seizure_row_cb)(const struct seizure_row *s, void *data);
typedef int (*person_row_cb)(const struct person_row *p, void *data);

/* Cases matching f, by date opened then ref. */
int case_store_list(struct rl_db *db, const struct case_filter *f, case_row_cb cb, void *data);
/* The case (country, ref), or with country NULL the only case with that ref. */
int case_store_get(struct rl_db *db, const char *country, const char *ref, case_row_cb cb, void *data);
int case_store_get_by_id(struct rl_db *db, const char *id, case_row_cb cb, void *data);
int case_store_links(struct rl_db *db, const char *case_id, link_row_cb cb, void *data);
int case_store_seizures(struct rl_db *db, const char *case_id, seizure_row_cb cb, void *data);

/* A person with all names and documents. RL_ENOTFOUND if unknown. */
int case_store_person_get(struct rl_db *db, const char *id, person_row_cb cb, void *data);

/* Persons (not merged away) in scope (NULL: any) with a name whose fold
 * contains `fold`; at most limit. Each person once, with all names. Best
 * matches first: a name folding to exactly `fold`, then a name starting
 * with it, then the rest; newest first (by id, a ULID) within each. */
int case_store_person_search(struct rl_db *db, const char *fold, int64_t limit,
			     person_row_cb cb, void *data);
int case_store_person_search_in(struct rl_db *db, const struct case_scope_sql *sc,
				const char *fold, int64_t limit, person_row_cb cb, void *data);

/* Whether person id (as linked, or through persons merged into it) is
 * linked to a case in scope (sc NULL: whether it exists). *in false for an
 * unknown person. */
int case_store_person_in_scope(struct rl_db *db, const struct case_scope_sql *sc, const char *id,
			       bool *in);

/* The two persons of merge merge_id; RL_ENOTFOUND if unknown. */
int case_store_merge_persons(struct rl_db *db, const char *merge_id,
			     char survivor[RL_ID_LEN + 1], char merged[RL_ID_LEN + 1]);

/* Number of cases linked to a person (as linked or through merges). */
int case_store_person_cases(struct rl_db *db, const char *id, int64_t *n);

/* Records a merge of merged_id into survivor_id (ids checked by core) and
 * updates the counts of every case of both. */
int case_store_merge(struct rl_db *db, const char *merge_id, const char *survivor_id,
		     const char *merged_id, const char *at, const char *actor);

/* Undoes merge `merge_id`: copies survivor and merged ids out; RL_ENOTFOUND
 * if unknown, RL_ECONFLICT if already undone. */
int case_store_unmerge(struct rl_db *db, const char *merge_id, const char *at,
		       char survivor[RL_ID_LEN + 1], char merged[RL_ID_LEN + 1]);

/* Whether some person is merged into id (1) or not (0); <0 on error. */
int case_store_has_merged_into(struct rl_db *db, const char *id);

#endif
