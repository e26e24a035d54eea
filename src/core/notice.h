/*
 * notice.h: notices: wanted and fugitive persons, missing persons,
 * trafficking victims and vehicles of interest, issued by a unit of
 * either country and screened at checkpoints (core/screen.h).
 *
 * Life cycle: notice_create() stores a draft; notice_approve() by a
 * supervisor of the issuing unit or a unit above it makes it active (it
 * is then screened); notice_withdraw() ends a draft or an active notice;
 * notice_expire_due() ends active notices past their valid_to; a hit
 * that took the subject in (core/screen.h) ends it as "hit". Every
 * decision is core/policy.c's (POLICY_NOTICE_*): who may issue, approve
 * and read; a notice outside the actor's scope is RL_ENOTFOUND, exactly
 * like an unknown ref (own-country notices are never visible to the
 * other country; TLP labels are respected: see policy.c).
 *
 * Every write is one transaction with its audit record ("notice.add",
 * "notice.approve", "notice.withdraw", "notice.expire", "notice.import",
 * "notice.link"); showing one notice records a "notice.read". Bad input is
 * refused before anything is written, with a message naming the field
 * (and the line, for imports). After each commit the screening index is
 * told (screen_index_update), so screening sees the change at once.
 *
 * Ownership: struct notice is filled by the callee; free it with
 * notice_release() (store/notice_store.h). Input strings are borrowed.
 */
#ifndef RL_CORE_NOTICE_H
#define RL_CORE_NOTICE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/actor.h"
#include "core/policy.h"
#include "store/db.h"
#include "store/notice_store.h"
#include "util/strbuf.h"

/* A new notice. NULL (or "") fields take their default. */
struct notice_input {
	const char *ref;           /* default: ISSUER-YYYY-NNNN */
	const char *kind;          /* required: wanted, fugitive, missing, trafficking_victim, vehicle */
	const char *unit;          /* issuing unit code; default: the actor's unit */
	const char *full_name;     /* required unless kind is vehicle */
	const char *aliases;       /* '|'-separated, at most RL_NOTICE_ALIASES_MAX */
	const char *birth_date;    /* YYYY, YYYY-MM or YYYY-MM-DD, not in the future */
	const char *sex;           /* M, F (male/female accepted), or unknown */
	const char *nationality;   /* ISO 3166 alpha-3 (core/country_code.h) */
	const char *documents;     /* '|'-separated document numbers */
	const char *marks;         /* distinguishing marks */
	const char *plate;         /* required for vehicles */
	const char *plate_country; /* alpha-3 */
	const char *make;
	const char *colour;
	const char *reason;
	const char *action;        /* default by kind: arrest (wanted, fugitive), protect_inform
				    * (missing, trafficking_victim), seize (vehicle) */
	const char *valid_from;    /* default today */
	const char *valid_to;      /* default open */
	const char *tlp;           /* default AMBER */
	const char *sharing;       /* default own_country */
};

/* Validation of one field, for callers that check early; 0 or RL_EINVAL
 * naming `field`. A partial birth date; `today` is YYYY-MM-DD. */
int notice_check_birth(const char *field, const char *s, const char *today);

int notice_create(struct rl_db *db, const struct actor *a, const struct notice_input *in,
		  struct notice *out);
int notice_approve(struct rl_db *db, const struct actor *a, const char *ref, struct notice *out);
int notice_withdraw(struct rl_db *db, const struct actor *a, const char *ref,
		    const char *reason, struct notice *out);
/* Ends every active notice whose valid_to is before today; *count ended
 * (only notices the actor may approve; the system actor: all). */
int notice_expire_due(struct rl_db *db, const struct actor *a, int *count);

/* One notice by ref or id (audited as a read). */
int notice_get(struct rl_db *db, const struct actor *a, const char *ref, struct notice *out);

/* Links a notice to a case (kind "case", the only kind): target is
 * "COUNTRY/REF", a REF only one country has, or the case's id; the link
 * keeps "COUNTRY/REF". The actor must be able to change the notice and to
 * read the case (an unknown or unreadable case: RL_ENOTFOUND "unknown
 * case"); an existing link is RL_ECONFLICT. Nothing changes on error. */
int notice_link(struct rl_db *db, const struct actor *a, const char *ref, const char *kind,
		const char *target);
int notice_links(struct rl_db *db, const struct actor *a, const char *ref,
		 int (*cb)(const char *kind, const char *target, void *), void *data);

struct notice_filter {
	const char *state;    /* or NULL */
	const char *kind;     /* or NULL */
	const char *unit;     /* issuing unit code, or NULL */
	const char *q;        /* raw text found in a name or the ref (folded here) */
	const char *after;    /* paging cursor: refs after this one */
	int limit;            /* 1..RL_PAGE_MAX; 0: RL_PAGE_DEFAULT; -1: all */
};

/* Notices the actor may see, in ref order. */
int notice_list(struct rl_db *db, const struct actor *a, const struct notice_filter *f,
		notice_cb cb, void *data);

/* ---- bulk ---- */

struct notice_import_opts {
	const char *unit;     /* issuing unit code; default: the actor's unit, or the
			       * node's ministry for the system actor */
	bool draft;           /* store drafts instead of active notices */
	bool skip_bad;        /* import the good lines even if some are bad */
	const char *tlp;      /* default AMBER */
	const char *sharing;  /* default own_country */
};

struct notice_import_result {
	int added, updated, unchanged, bad;
	struct strbuf errors; /* "line N: reason\n" per bad line; caller releases */
};

/*
 * Imports notices from CSV with a header: ref, kind, full_name, aliases,
 * birth_date, sex, nationality, document_no (any order; also accepted:
 * the vehicle's plate, plate_country, make and colour (a vehicle notice
 * needs plate, full_name may then be empty; the plate is keyed by
 * match_plate_key), action, tlp, sharing, valid_from, valid_to, and the
 * export's state and issuing_unit, which are ignored). Idempotent by ref: a row equal to the
 * stored notice changes nothing, a changed row updates its subject. Active
 * notices are created "approved" by the importing actor (system:cli, or a
 * user who may approve for the unit); --draft stores drafts. If any line
 * is bad nothing is stored (RL_EINVAL), unless skip_bad. One transaction,
 * one audit record.
 */
int notice_import(struct rl_db *db, const struct actor *a, FILE *in, const char *name,
		  const struct notice_import_opts *o, struct notice_import_result *res);

/* Writes the notices the actor may see as CSV (import's columns, then
 * plate, plate_country, make, colour, action, tlp, sharing, valid_from,
 * valid_to, state, issuing_unit). */
int notice_export(struct rl_db *db, const struct actor *a, const struct notice_filter *f,
		  FILE *out);

/* ---- for core/screen.c ---- */

/* What the policy needs about an actor, looked up once per request. */
struct notice_viewer {
	struct rl_db *db;
	const struct actor *a;
	char country[4];                 /* the actor's unit's country, "" system */
	struct {
		char unit_id[RL_ID_LEN + 1];
		bool in, above;
	} cache[32];                     /* per issuing unit, filled lazily */
	int ncache;
};

int notice_viewer_init(struct notice_viewer *v, struct rl_db *db, const struct actor *a);
/* policy_check() of act on notice n by the viewer's actor. */
int notice_viewer_check(struct notice_viewer *v, const struct notice *n, enum policy_action act);

/* The demo notices of `init --demo` (core/seed.h, after the accounts). */
int notice_seed_demo(struct rl_db *db, const struct actor *a, bool demo);

#endif
