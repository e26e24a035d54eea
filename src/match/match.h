/*
 * match.h: the public API of the name matcher: an in-memory watchlist of
 * people (notices) and the screening of one traveller against it.
 *
 * Names are turned into phonetic token keys (src/match/tokens.c): Latin
 * text of any romanization (Vietnamese with or without diacritics, MRZ,
 * Telex/VNI artefacts, Lao BGN/French/Vietnamese-style romanizations),
 * Lao and Thai script through syllable-level romanizers, Han characters
 * through their Sino-Vietnamese and pinyin readings. Entries are found
 * through an inverted index over those keys (bucketed by birth year) plus a
 * deletion neighbourhood for typos, and scored by token alignment weighted
 * by rarity (IDF over the watchlist), birth date, sex, nationality and
 * document number.
 *
 * Ownership: match_index_add() copies everything it keeps; the caller's
 * strings may be freed right after. match_query() writes into the caller's
 * result array; nothing it returns needs freeing. match_index_free() frees
 * the index and everything in it.
 *
 * Thread-safety: an index is not locked. Any number of threads may call
 * match_query() on the same index concurrently as long as no thread calls
 * match_index_add/remove/free at the same time (a reader-writer lock in
 * the caller is enough). Errors are reported through util/status.h, whose
 * message is thread-local.
 */
#ifndef RL_MATCH_MATCH_H
#define RL_MATCH_MATCH_H

#include <stddef.h>

/* Bytes of an entry id (the notice's ULID or any caller key). */
#define MATCH_ID_MAX 64
/* Names (primary plus aliases) one entry may carry. */
#define MATCH_NAMES_MAX 8
/* Bytes of a document number (passport, ID card). */
#define MATCH_DOC_MAX 32
/* Document numbers of one entry (document plus documents). */
#define MATCH_DOCS_MAX 8
/* Bytes of an explanation, NUL included. */
#define MATCH_EXPLAIN_MAX 320
/* Results one query may ask for. */
#define MATCH_RESULTS_MAX 100

struct match_entry {
	const char *id;           /* 1..MATCH_ID_MAX bytes, unique in the index */
	const char *const *names; /* nnames UTF-8 names, each <= RL_NAME_MAX bytes */
	size_t nnames;            /* 1..MATCH_NAMES_MAX */
	const char *birth;        /* "YYYY", "YYYY-MM", "YYYY-MM-DD" or NULL */
	char sex;                 /* 'M', 'F' or 0 when unknown */
	const char *nationality;  /* ISO 3166 alpha-3 ("VNM", "LAO") or NULL */
	const char *document;     /* document number or NULL; compared on
	                           * letters and digits, case-insensitively */
	const char *const *documents; /* more document numbers (other passports,
	                               * ID card), may be NULL */
	size_t ndocuments;        /* entries of documents; with document at most
	                           * MATCH_DOCS_MAX in all */
};

/* A traveller as keyed in at a checkpoint; fields as in match_entry. */
struct match_query {
	const char *name;
	const char *birth;
	char sex;
	const char *nationality;
	const char *document;
};

struct match_result {
	char id[MATCH_ID_MAX + 1];            /* the entry's id */
	double score;                         /* 0..1, higher is surer */
	char explanation[MATCH_EXPLAIN_MAX];  /* for the officer, e.g. "family name
	                                       * nguyen equal, middle name van not
	                                       * given, given name long ~ lonh, one
	                                       * typo; birth date day/month swapped;
	                                       * sex equal; document equal" */
};

struct match_index;

/* A new empty index; free with match_index_free(). Never NULL. */
struct match_index *match_index_new(void);
void match_index_free(struct match_index *idx);

/*
 * Adds an entry; takes effect for the next query, no rebuild. Returns 0,
 * RL_EINVAL (bad id, name, date, sex; the message names the field),
 * RL_ETOOBIG (over a limit) or RL_ECONFLICT (the id is already present).
 * On error the index is unchanged.
 */
int match_index_add(struct match_index *idx, const struct match_entry *e);

/* Removes the entry with this id: 0, or RL_ENOTFOUND. */
int match_index_remove(struct match_index *idx, const char *id);

/* Number of live entries. */
size_t match_index_count(const struct match_index *idx);

/*
 * Screens q against the index. Writes up to max_results candidates whose
 * score is >= threshold (0..1) into results, best first, and their number
 * into *nresults. Returns 0 or RL_EINVAL (bad query field, threshold out of
 * range, max_results out of 1..MATCH_RESULTS_MAX).
 */
int match_query(const struct match_index *idx, const struct match_query *q,
		double threshold, struct match_result *results,
		size_t max_results, size_t *nresults);

/* The threshold the evaluation (docs/performance.md) recommends. */
#define MATCH_THRESHOLD_DEFAULT 0.76

/*
 * The phonetic keys of a name, space-separated, in a new string the caller
 * frees ("Nguyễn Văn Long" -> "nguien van long"); alternative readings are
 * separated by " | ". For tests, the CLI and explanations. Returns 0 or
 * RL_EINVAL (invalid UTF-8, empty, too long).
 */
int match_name_keys(const char *name, char **out);

/*
 * The comparison key of a vehicle plate: letters and digits only, upper
 * case, Lao letters transliterated ("29A-123.45" -> "29A12345",
 * "ກຂ 1234", "KK 1234" and "KKH 1234" -> "KK1234"). Writes into out
 * (outsz bytes). Returns 0, RL_EINVAL (invalid UTF-8, no letter or digit)
 * or RL_ETOOBIG (the key does not fit).
 */
int match_plate_key(const char *plate, char *out, size_t outsz);

#endif
