/*
 * unit_store.h: the SQL of the hotline directory (migration 0002): units
 * of both countries with their history, counterpart links and contacts.
 * Only core/directory.c writes through it; other modules read units here
 * (find by code or id, ancestors, subtree, existence and border on a date).
 *
 * Unit codes: ministries VN-MPS and LA-MPS; provinces their ISO 3166-2
 * code (VN-22, VN-DN, LA-XI); districts PROVINCE-Dnn (VN-22-D01);
 * communes PROVINCE-Cnnnn and Lao villages or posts PROVINCE-Vnnnn, where
 * the first two digits are the district number (VN-22-C0101, LA-XI-V0101)
 * and 90-99 mark Vietnamese communes directly under the province after
 * the 2025 reform (VN-22-C9001). Codes are unique forever: a merged unit
 * keeps its code, and a new unit never reuses one.
 *
 * Dates: "YYYY-MM-DD". In structs an open end is "" (the table stores
 * sentinels, see the migration). `on` arguments are dates and must be
 * valid (core/ checks them).
 *
 * Ownership: structs are filled in place (fixed buffers, nothing to free).
 * Structs passed to callbacks are valid only during the call. A callback
 * returning non-zero stops the walk and that value is returned.
 */
#ifndef RL_STORE_UNIT_STORE_H
#define RL_STORE_UNIT_STORE_H

#include <stdbool.h>

#include "store/db.h"
#include "util/clock.h"
#include "util/limit.h"

#define UNIT_COUNTRY_LEN 3   /* ISO 3166-1 alpha-3 */
#define UNIT_LEVELS 4        /* ranks 0 (ministry) .. 3 (commune/village) */

/* A unit as it was on one date (the `on` of the query that filled it). */
struct unit {
	char id[RL_ID_LEN + 1];                /* ULID */
	char code[RL_CODE_MAX + 1];            /* unique human code */
	char country[UNIT_COUNTRY_LEN + 1];    /* "VNM", "LAO" */
	int level;                             /* rank 0..3 */
	char level_key[16];                    /* "ministry", "province", "district", "commune", "village" */
	char name_local[RL_NAME_MAX + 1];      /* in the unit's own language */
	char name_en[RL_NAME_MAX + 1];
	char name_other[RL_NAME_MAX + 1];      /* in the other country's language, may be "" */
	bool border;                           /* a border unit on the date */
	char border_from[RL_DATE_LEN + 1];     /* first day of the current border run, "" if always or not border */
	char parent_id[RL_ID_LEN + 1];         /* "" for ministries */
	char parent_code[RL_CODE_MAX + 1];     /* "" for ministries */
	bool demo;                             /* part of the demo network */
	char valid_from[RL_DATE_LEN + 1];      /* "" since always */
	char valid_to[RL_DATE_LEN + 1];        /* "" still valid */
	char successor_code[RL_CODE_MAX + 1];  /* "" unless merged away */
	char version_from[RL_DATE_LEN + 1];    /* first day of the history period shown, "" since always */
	char version_to[RL_DATE_LEN + 1];      /* last day of it, "" open */
	bool exists;                           /* whether the unit was valid on the date */
};

/* A level of a country. */
struct unit_level {
	char country[UNIT_COUNTRY_LEN + 1];
	int rank;
	char key[16];
	char name_en[64];
	char name_local[64];
	char romanized[32];
	char valid_from[RL_DATE_LEN + 1];      /* "" since always */
	char valid_to[RL_DATE_LEN + 1];        /* "" still valid */
};

struct unit_country {
	char code[UNIT_COUNTRY_LEN + 1];
	char prefix[3];                        /* unit code prefix: "VN" */
	char name_en[64];
	char name_local[64];
	char ministry_en[RL_NAME_MAX + 1];
	char ministry_local[RL_NAME_MAX + 1];
};

/* The fields of one history period (written by unit_store_insert and
 * unit_store_set_from). fold is computed by the store. */
struct unit_version {
	const char *parent_id;     /* NULL or "" for none */
	const char *name_local;
	const char *name_en;
	const char *name_other;    /* NULL means "" */
	bool border;
};

/* Which version fields unit_store_set_from() changes. */
enum unit_field {
	UNIT_F_PARENT = 1 << 0,
	UNIT_F_NAMES = 1 << 1,
	UNIT_F_BORDER = 1 << 2,
};

struct unit_contact {
	char id[RL_ID_LEN + 1];
	char kind[16];                         /* phone, radio, email, hours, other */
	char value[RL_SHORT_MAX + 1];
	char note[RL_SHORT_MAX + 1];
	char removed_at[RL_TIME_LEN + 1];      /* "" while in use */
};

/* A counterpart link as seen from one unit: the unit on the other side. */
struct unit_link {
	char link_id[RL_ID_LEN + 1];
	char valid_from[RL_DATE_LEN + 1];      /* "" since always */
	char valid_to[RL_DATE_LEN + 1];        /* "" open */
	struct unit other;                     /* the other unit, as on the query date */
};

struct unit_filter {
	const char *country;       /* "VNM"/"LAO" or NULL */
	int level;                 /* rank, or -1 for all */
	const char *on;            /* units valid on this date; NULL: every unit ever (latest period) */
	const char *q;             /* folded search text (rl_fold), matched anywhere in any name or the code, or NULL */
	int border;                /* 1 border only, 0 non-border only, -1 all */
	int demo;                  /* 1 demo only, 0 reference only, -1 all */
	const char *parent_id;     /* children of this unit on `on`, or NULL */
	const char *after_code;    /* paging: codes greater than this, or NULL */
	int limit;                 /* at most this many, ordered by code; 0 no limit */
};

typedef int (*unit_cb)(const struct unit *u, void *data);

/* ---- countries and levels ---- */
int unit_store_country(struct rl_db *db, const char *code, struct unit_country *out);
int unit_store_countries(struct rl_db *db, int (*cb)(const struct unit_country *, void *), void *data);
/* RL_ENOTFOUND if the country has no such rank. */
int unit_store_level(struct rl_db *db, const char *country, int rank, struct unit_level *out);
/* The rank a unit of rank `rank` has its parent at on `on`: the nearest
 * lower rank among the country's levels valid then; -1 for ministries. */
int unit_store_parent_rank(struct rl_db *db, const char *country, int rank, const char *on, int *out);
/* Rank from "province"/"village"/"2"...; RL_EINVAL if unknown for the country. */
int unit_store_level_parse(struct rl_db *db, const char *country, const char *s, int *rank);

/* ---- reading units ---- */

/*
 * Finds a unit by code or id (code_or_id may be either) as it was on `on`
 * (NULL: today). A unit that did not exist on `on` is still found, shown
 * in its period nearest to the date, with exists = false.
 * RL_ENOTFOUND ("unknown unit 'X'") if there is no such unit.
 */
int unit_store_find(struct rl_db *db, const char *code_or_id, const char *on, struct unit *out);
/* The country code ("VNM", "LAO") of the unit with this id, in one lookup
 * (per-request paths); RL_ENOTFOUND if there is no such unit. */
int unit_store_country_of(struct rl_db *db, const char *id, char country[4]);

/* Whether the unit existed on `on`; RL_ENOTFOUND for an unknown id or code. */
int unit_store_exists_on(struct rl_db *db, const char *code_or_id, const char *on, bool *out);

/* The unit's border flag on `on` (false if it did not exist then). */
int unit_store_border_on(struct rl_db *db, const char *code_or_id, const char *on, bool *out);

/* The unit's ancestors on `on`, nearest first (parent, grandparent, ...). */
int unit_store_ancestors(struct rl_db *db, const char *id, const char *on, unit_cb cb, void *data);

/* The unit and all its descendants on `on`, depth first, children by
 * code; depth is 0 for the unit itself. */
typedef int (*unit_tree_cb)(const struct unit *u, int depth, void *data);
int unit_store_subtree(struct rl_db *db, const char *id, const char *on, unit_tree_cb cb, void *data);

/* The codes of the units whose records now belong with unit `id` on `on`
 * (NULL: today), ordered by code: the unit, its descendants that day, and
 * units that no longer exist, each with the unit that took over its work
 * (a merged unit with its successor, a dissolved one with the parent of its
 * last day), recursively. The basis of need-to-know scopes (core/policy.c).
 * cb gets each code, valid during the call; cb must not use the store. */
int unit_store_scope_codes(struct rl_db *db, const char *id, const char *on,
			   int (*cb)(const char *code, void *data), void *data);

/* Units matching the filter, ordered by code. */
int unit_store_list(struct rl_db *db, const struct unit_filter *f, unit_cb cb, void *data);

/* Whether a code is taken (by any unit, past or present). */
int unit_store_code_taken(struct rl_db *db, const char *code, bool *out);

/* History periods of a unit, oldest first (exists/version_* set per period). */
int unit_store_history(struct rl_db *db, const char *id, unit_cb cb, void *data);

/* ---- writing units (inside the caller's transaction) ---- */

/* Inserts a unit with one history period covering its whole lifetime.
 * id is generated into out_id. valid_from/valid_to "" or NULL: open. */
struct unit_new {
	const char *code;
	const char *country;
	int level;
	bool demo;
	const char *valid_from;
	const char *valid_to;
	struct unit_version v;
};
int unit_store_insert(struct rl_db *db, const struct unit_new *n, char out_id[RL_ID_LEN + 1]);

/* Sets the `fields` of every history period from `from` on to v's values,
 * splitting the period that holds `from` in two. */
int unit_store_set_from(struct rl_db *db, const char *id, const char *from,
			unsigned fields, const struct unit_version *v);

/* Sets the border flag over the whole history: before border_from false,
 * from it on `border` ("" border_from: `border` throughout). */
int unit_store_set_border_timeline(struct rl_db *db, const char *id, bool border, const char *border_from);

/* Ends a unit on valid_to (last day it exists), recording successor_id
 * (NULL for none); also ends its open history period there. */
int unit_store_close(struct rl_db *db, const char *id, const char *valid_to, const char *successor_id);

/* Sets the lifetime fields directly ("" = open). */
int unit_store_set_lifetime(struct rl_db *db, const char *id, const char *valid_from, const char *valid_to);

/* ---- counterparts ---- */
int unit_store_link(struct rl_db *db, const char *a_id, const char *b_id,
		    const char *valid_from, const char *valid_to);
/* Ends links between a and b valid on `on`, on `on` - 1 day; *n the count. */
int unit_store_unlink(struct rl_db *db, const char *a_id, const char *b_id, const char *on, int *n);
/* Whether a link between a and b is valid on `on`. */
int unit_store_linked(struct rl_db *db, const char *a_id, const char *b_id, const char *on, bool *out);
/* Links of a unit valid on `on` (NULL: all, past and present). */
int unit_store_links(struct rl_db *db, const char *id, const char *on,
		     int (*cb)(const struct unit_link *, void *), void *data);

/* ---- contacts ---- */
int unit_store_contact_add(struct rl_db *db, const char *unit_id, const char *kind,
			   const char *value, const char *note, char out_id[RL_ID_LEN + 1]);
/* Marks a contact removed; RL_ENOTFOUND unless it is the unit's and in use. */
int unit_store_contact_remove(struct rl_db *db, const char *unit_id, const char *contact_id);
/* Contacts in use (all, with removed ones, if with_removed). */
int unit_store_contacts(struct rl_db *db, const char *unit_id, bool with_removed,
			int (*cb)(const struct unit_contact *, void *), void *data);

#endif
