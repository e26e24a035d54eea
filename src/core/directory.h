/*
 * directory.h: the rules of the hotline directory: the units of both
 * countries (ministry, province, district, commune/village), their history,
 * counterpart links across the border and hotline contacts.
 *
 * Every write checks the actor with policy_check(POLICY_UNIT_ADMIN),
 * validates all input first, then runs as one transaction together with
 * its audit record; on any error nothing is stored. Nothing is ever
 * deleted: renames, moves and border changes start a new history period
 * "from" a date, merged or dissolved units get valid_to (and a successor),
 * unlinked counterparts and removed contacts keep their rows.
 *
 * Dates are "YYYY-MM-DD"; a NULL or "" date argument means today (for
 * `on`/`from`) or "open" (for valid_from/valid_to). Units are named by
 * code or id wherever a `code` argument is taken.
 *
 * Ownership: structs are filled in place; callbacks get structs valid only
 * during the call. Strings in inputs are borrowed.
 */
#ifndef RL_CORE_DIRECTORY_H
#define RL_CORE_DIRECTORY_H

#include <stdbool.h>
#include <stdio.h>

#include "core/actor.h"
#include "store/unit_store.h"

/* A unit to add, or the changes of an edit (NULL fields: unchanged). */
struct dir_unit_input {
	const char *code;          /* add: required */
	const char *country;       /* add: required, "VNM"/"LAO" */
	const char *level;         /* add: required, "province" or rank "1" */
	const char *parent;        /* code or id; add: required below ministry level */
	const char *name_local;    /* add: required */
	const char *name_en;       /* add: required */
	const char *name_other;
	int border;                /* 1 yes, 0 no, -1 unchanged (add: no) */
	const char *border_from;   /* add: the unit reaches the border from this date */
	const char *valid_from;    /* "" clears (since always) */
	const char *valid_to;      /* "" clears (still valid) */
	bool demo;                 /* add only */
};

/* Adds a unit; its first history period spans its whole lifetime. */
int dir_add(struct rl_db *db, const struct actor *a, const struct dir_unit_input *in,
	    struct unit *out);

/* Changes parent, names, border from `from` on (a new history period);
 * valid_from/valid_to change the lifetime. */
int dir_edit(struct rl_db *db, const struct actor *a, const char *code, const char *from,
	     const struct dir_unit_input *in);

/* Renames from `from` on; NULL names keep their value. */
int dir_rename(struct rl_db *db, const struct actor *a, const char *code, const char *from,
	       const char *name_local, const char *name_en, const char *name_other);

/* Merges the n units `codes` into `into` from `on`: each ends on on-1 with
 * successor `into`; their children on `on` move under `into`; their
 * counterpart links valid on `on` end and pass to `into`. */
int dir_merge(struct rl_db *db, const struct actor *a, const char *const *codes, int n,
	      const char *into, const char *on);

/* Ends a unit on on-1; refused while units sit under it on `on`. Its
 * counterpart links end too. */
int dir_dissolve(struct rl_db *db, const struct actor *a, const char *code, const char *on);

/* Links two units of different countries at the same level from `from`
 * until either ends; RL_ECONFLICT if already linked then. */
int dir_link(struct rl_db *db, const struct actor *a, const char *code_a, const char *code_b,
	     const char *from);
/* Ends the link on on-1; RL_ENOTFOUND if they are not linked on `on`. */
int dir_unlink(struct rl_db *db, const struct actor *a, const char *code_a, const char *code_b,
	       const char *on);

/* Contacts: kind is phone, radio, email, hours or other. */
int dir_contact_add(struct rl_db *db, const struct actor *a, const char *code, const char *kind,
		    const char *value, const char *note, char out_id[RL_ID_LEN + 1]);
int dir_contact_remove(struct rl_db *db, const struct actor *a, const char *code,
		       const char *contact_id);

/* ---- reading (POLICY_UNIT_READ) ---- */

/* A unit as on `on` (see unit_store_find: found even if it did not exist
 * then, with exists = false). */
int dir_find(struct rl_db *db, const struct actor *a, const char *code, const char *on,
	     struct unit *out);

/* Lists units. f->q is raw user text (folded here, so "nghe an" finds
 * "Nghệ An"); f->on is checked. */
int dir_list(struct rl_db *db, const struct actor *a, const struct unit_filter *f,
	     unit_cb cb, void *data);

/* The tree of a country (NULL: both) on `on`: each ministry, then its
 * subtree depth first. */
int dir_tree(struct rl_db *db, const struct actor *a, const char *country, const char *on,
	     unit_tree_cb cb, void *data);

int dir_ancestors(struct rl_db *db, const struct actor *a, const char *code, const char *on,
		  unit_cb cb, void *data);
int dir_links(struct rl_db *db, const struct actor *a, const char *code, const char *on,
	      int (*cb)(const struct unit_link *, void *), void *data);
int dir_contacts(struct rl_db *db, const struct actor *a, const char *code,
		 int (*cb)(const struct unit_contact *, void *), void *data);
int dir_history(struct rl_db *db, const struct actor *a, const char *code, unit_cb cb, void *data);
int dir_countries(struct rl_db *db, const struct actor *a,
		  int (*cb)(const struct unit_country *, void *), void *data);
/* The levels of a country, rank 0 first. */
int dir_levels(struct rl_db *db, const struct actor *a, const char *country,
	       int (*cb)(const struct unit_level *, void *), void *data);

/* ---- bulk load ---- */

struct dir_import_result {
	int added;       /* new units */
	int updated;     /* existing units whose row changed something */
	int unchanged;   /* rows that matched the database already */
	int linked;      /* counterpart links added */
	int contacts;    /* contacts added */
};

/*
 * Loads units from CSV with a header line. Columns (any order; unknown
 * ones are an error): code, country, name_en (required); level (default
 * province), parent (default the country's ministry for provinces),
 * name_local / name_other or name_vi / name_lo (mapped by country),
 * border (yes/no), border_from, valid_from, valid_to, successor,
 * neighbours (codes across the border, '|'-separated), demo (yes/no),
 * contacts ("kind=value;kind=value").
 * Idempotent by code: a row that matches changes nothing; a changed row
 * updates the unit (names and parent from `on`, default today). All or
 * nothing: the first bad line is reported as "line N: ..." and nothing is
 * stored. `name` labels the input in messages and the audit log.
 */
int dir_import(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
	       const char *on, struct dir_import_result *res);

/* The same, inside a transaction the caller already holds (seeding). */
int dir_import_in_tx(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
		     const char *on, struct dir_import_result *res);

/* Seed steps (core/seed.h): the reference directory, and the demo network. */
int directory_seed_reference(struct rl_db *db, const struct actor *a, bool demo);
int directory_seed_demo(struct rl_db *db, const struct actor *a, bool demo);

#endif
