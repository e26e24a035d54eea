/*
 * index.h: the in-memory watchlist behind match.h (internal to src/match/).
 *
 * Entries live in one array and are never moved; removal marks an entry
 * dead and takes its keys out of the document frequencies, so ids of other
 * entries stay valid and nothing is rebuilt. Postings (entry numbers) hang
 * off each vocabulary key, split by birth-year bucket so that a query with
 * a birth date reads only the buckets its date is compatible with. Dead
 * entries stay in postings and are skipped when read.
 *
 * Memory: the index owns every string in it; match_index_free() frees all.
 */
#ifndef RL_MATCH_INDEX_H
#define RL_MATCH_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "match/internal.h"
#include "match/match.h"

/* An open-addressing map from owned strings to uint32 values. */
struct smap {
	char **k;    /* NULL = empty slot, SMAP_GONE = removed */
	uint32_t *v;
	size_t cap;  /* power of two, 0 before the first insert */
	size_t used; /* live plus removed slots, drives the resize */
};

struct u32vec {
	uint32_t *v;
	uint32_t n, alloc;
};

/* Birth-year buckets: 0 = unknown year, 1..255 = years 1880..2134. */
#define MB_UNKNOWN 0
#define MB_COUNT 256

/* A posting carries the entry's birth date and sex, so the date and sex
 * filter reads the posting list sequentially instead of the entries. */
struct pent {
	uint32_t enr;    /* entry number */
	int16_t year;    /* 0 = unknown */
	int8_t month;    /* 0 = unknown */
	uint8_t daysex;  /* day (0..31) | sex << 5 (0 unknown, 1 M, 2 F) */
	uint32_t names;  /* the entry's keys as a 28-bit Bloom filter (mi_bloom)
	                  * | tokens per name << 28 (0: names of several
	                  * lengths or over 15): score.c's test that an
	                  * undated candidate has the query's end tokens, made
	                  * without reading the entry */
};

/* The two bits of a key id in a pent's Bloom filter. */
static inline uint32_t mi_bloom(uint32_t key)
{
	uint32_t h = key * 0x9E3779B1u;
	return 1u << ((h >> 16) % 28) | 1u << ((h >> 8) % 28);
}

struct posting {
	uint8_t bucket;
	uint32_t n, alloc;
	struct pent *v;  /* ascending entry numbers, may include dead ones */
};

struct vkey {
	char *s;             /* the key (owned) */
	uint32_t len;
	uint32_t df;         /* live entries having this key */
	struct posting *pl;  /* per-bucket postings, unsorted */
	uint16_t npl, apl;
};

/* A spelling seen in the watchlist and the key it folds to. */
struct vraw {
	char *s;       /* owned */
	uint32_t len;
	uint32_t key;  /* id in k[] */
};

/* One reading of one name of an entry, as spelling ids. */
struct sname {
	uint8_t n;
	uint32_t raw[MTOK_MAX];
};

struct ent {
	char *id;             /* owned */
	struct sname *names;  /* owned, nn of them */
	uint8_t nn;
	bool alive;
	char sex;             /* 'M', 'F', 0 */
	char nat[4];          /* "" when unknown */
	struct mdate birth;
	char **docs;          /* normalised document keys (owned), ndocs of them */
	uint8_t ndocs;
};

struct match_index {
	struct ent *e;
	size_t ne, ae;
	size_t live;
	uint8_t *dead;         /* bit per entry number: removed */
	size_t adead;          /* bytes of dead */
	struct vkey *k;
	size_t nk, ak;
	struct smap keymap;    /* key string -> key id */
	struct vraw *r;        /* spellings */
	size_t nr, ar;
	struct smap rawmap;    /* spelling -> id in r[] */
	struct smap delmap;    /* spelling or one-deletion variant -> list in dels */
	struct u32vec *dels;
	size_t ndels, adels;
	struct smap idmap;     /* entry id -> entry number */
	struct smap docmap;    /* document key -> list in docs */
	struct u32vec *docs;
	size_t ndocs, adocs;
	struct smap sigmap;    /* a whole name's keys, in any order -> list in sigs:
	                        * the exact namesakes of a query without a birth
	                        * date, found at once whatever their number */
	struct u32vec *sigs;
	size_t nsigs, asigs;
};

bool smap_get(const struct smap *m, const char *k, uint32_t *v);

/* Rarity weight of a key id (or of an unknown key when id < 0). */
double mi_weight(const struct match_index *idx, int64_t id);

uint8_t mi_bucket(int year);

/* The document key of s (letters and digits, upper case) into out. */
void mi_doc_key(const char *s, char *out, size_t outsz);

/* score.c: a query reading prepared for scoring. */
struct qread {
	int n;
	const char *key[MTOK_MAX];
	uint32_t len[MTOK_MAX];
	const char *raw[MTOK_MAX];
	uint32_t rlen[MTOK_MAX];
	int64_t id[MTOK_MAX];   /* vocabulary id or -1 */
	double w[MTOK_MAX];
	/* tokens j..j+s-1 joined (s = 1..4), keys and spellings, made once
	 * per query for score.c's run matching */
	char jkey[MTOK_MAX][5][MKEY_MAX];
	char jraw[MTOK_MAX][5][MKEY_MAX];
};

/* Per-query memo of edit counts between a watchlist spelling and a query
 * token: candidates share spellings, so each pair is computed once. */
#define EDCACHE_SLOTS 8192
struct edcache {
	uint64_t key[EDCACHE_SLOTS];  /* (raw id + 1) << 8 | reading << 4 | token, 0 = empty */
	int8_t ed[EDCACHE_SLOTS];
	size_t n;
};

struct qprep {
	struct edcache *cache;  /* owned by match_query(), may be NULL */
	int nread;
	struct qread r[MREAD_MAX];
	struct mdate birth;
	char sex;
	char nat[4];
	char doc[MATCH_DOC_MAX + 1];
};

/* Scores entry e against q; writes the explanation if expl != NULL. May
 * return any value below `floor` without computing it exactly. docsame:
 * whether one of the entry's documents equals the query's, when the
 * caller knows (0 or 1: the candidate set says, and reading the entry's
 * document strings costs a cache miss per candidate), or -1. */
double mi_score(const struct match_index *idx, const struct ent *e, const struct qprep *q,
		double floor, int docsame, char *expl, size_t explsz);

#endif
