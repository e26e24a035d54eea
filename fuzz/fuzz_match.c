/*
 * fuzz_match.c: the name matcher's handling of what a checkpoint officer
 * types (src/match/): names in any script, MRZ lines, run-together and
 * Telex/VNI-garbled names, plates, partial birth dates, documents.
 *
 * The input is up to five lines: name, birth date, sex, nationality,
 * document. Each is used as typed. The target computes the name's keys
 * and the plate key of the first line, screens the traveller against a
 * small watchlist, then adds the traveller as an entry, screens them
 * again and removes them.
 *
 * Properties: keys are valid UTF-8; a plate key is upper-case ASCII
 * letters and digits that fit; results are at most the number asked,
 * best first, each with a score in [threshold, 1] and an explanation that
 * fits; an entry that was added can be removed, and the index is back to
 * its size.
 */
#include <stdbool.h>

#include "fuzz.h"
#include "match/match.h"
#include "util/limit.h"
#include "util/utf8.h"

static const struct {
	const char *id, *name, *alias, *birth;
	char sex;
	const char *nat, *doc;
} watch[] = {
	{ "vn-long", "Nguyễn Văn Long", "Long Sẹo", "1985-03-12", 'M', "VNM", "C01234567" },
	{ "vn-mai", "Lò Thị Mai", NULL, "2006-07", 'F', "VNM", NULL },
	{ "vn-hung", "Trần Quốc Hùng", NULL, "1990-11-02", 'M', "VNM", NULL },
	{ "la-somsak", "ສົມສັກ ພົມມະວົງ", "Somsak Phommavong", "1979", 'M', "LAO", NULL },
	{ "la-viang", "ວຽງສະໄໝ ສີສຸລາດ", NULL, "1993-12-01", 'F', "LAO", "P7654321" },
	{ "th", "สมชาย ใจดี", NULL, "1970-10-10", 'M', "THA", NULL },
	{ "cn", "陳明華", NULL, "1966-04-18", 'M', "CHN", NULL },
	{ "kh", "Sok Dara", NULL, NULL, 0, NULL, NULL },
};

static struct match_index *idx;

static void load(void)
{
	idx = match_index_new();
	for (size_t i = 0; i < sizeof(watch) / sizeof(watch[0]); i++) {
		const char *names[2] = { watch[i].name, watch[i].alias };
		struct match_entry e = { watch[i].id, names, watch[i].alias ? 2 : 1, watch[i].birth,
					 watch[i].sex, watch[i].nat, watch[i].doc, NULL, 0 };
		FUZZ_CHECK(match_index_add(idx, &e) == 0);
	}
}

static void free_index(void)
{
	match_index_free(idx);
}

static void check_results(const struct match_result *res, size_t n, size_t max, double t)
{
	FUZZ_CHECK(n <= max);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(res[i].score >= t && res[i].score <= 1.0);
		FUZZ_CHECK(i == 0 || res[i].score <= res[i - 1].score);
		FUZZ_CHECK(memchr(res[i].id, 0, sizeof(res[i].id)) != NULL);
		FUZZ_CHECK(memchr(res[i].explanation, 0, sizeof(res[i].explanation)) != NULL);
		FUZZ_CHECK(rl_utf8_valid(res[i].explanation, strlen(res[i].explanation)));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *field[5] = { 0 };
	const uint8_t *p = data;
	size_t left = size, nres = 0, before;
	struct match_result res[10];
	char plate[RL_PLATE_MAX + 1], *keys = NULL;
	double t = 0.3;

	if (size > 4096) /* names are bounded far below this */
		return 0;
	if (!idx) {
		load();
		atexit(free_index);
	}
	for (int i = 0; i < 5; i++)
		field[i] = fuzz_first_line(p, left, &p, &left);

	if (match_name_keys(field[0], &keys) == 0) {
		FUZZ_CHECK(keys != NULL && rl_utf8_valid(keys, strlen(keys)));
		free(keys);
	} else {
		FUZZ_CHECK(keys == NULL);
	}
	if (match_plate_key(field[0], plate, sizeof(plate)) == 0) {
		FUZZ_CHECK(plate[0]);
		for (const char *c = plate; *c; c++)
			FUZZ_CHECK((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'));
	}

	struct match_query q = { field[0], *field[1] ? field[1] : NULL, field[2][0],
				 *field[3] ? field[3] : NULL, *field[4] ? field[4] : NULL };
	if (match_query(idx, &q, t, res, 10, &nres) == 0)
		check_results(res, nres, 10, t);

	before = match_index_count(idx);
	{
		const char *names[1] = { field[0] };
		struct match_entry e = { "fuzz", names, 1, q.birth, q.sex, q.nationality, q.document,
					 NULL, 0 };
		if (match_index_add(idx, &e) == 0) {
			FUZZ_CHECK(match_index_count(idx) == before + 1);
			if (match_query(idx, &q, t, res, 3, &nres) == 0)
				check_results(res, nres, 3, t);
			FUZZ_CHECK(match_index_remove(idx, "fuzz") == 0);
		}
		FUZZ_CHECK(match_index_count(idx) == before);
	}
	for (int i = 0; i < 5; i++)
		free(field[i]);
	return 0;
}
