/*
 * fuzz_screen_batch.c: the screening manifest reader (`redline screen
 * batch`, POST /api/v1/screen/batch): the CSV header, each traveller row's
 * validation, and screening each good row against the demo's notices.
 *
 * The input is one manifest, screened by the demo's Vietnamese checkpoint
 * user. Properties: 0 or an error code; every row is either screened or
 * reported bad, never both; candidates are at most the limit, best first,
 * with scores in 0..1; no transaction left open; intact database at exit.
 */
#include <stdbool.h>

#include "core/screen.h"
#include "fuzz.h"
#include "fuzz_db.h"
#include "util/status.h"
#include "util/utf8.h"

struct seen {
	int rows, bad;
};

static int row(const char *ref, const struct screen_cand *c, size_t n, void *data)
{
	struct seen *s = data;

	FUZZ_CHECK(ref != NULL && rl_utf8_valid(ref, strlen(ref)));
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(c[i].score >= 0 && c[i].score <= 1);
		FUZZ_CHECK(i == 0 || c[i].score <= c[i - 1].score);
	}
	s->rows++;
	return 0;
}

static int bad(long line, const char *msg, void *data)
{
	struct seen *s = data;

	FUZZ_CHECK(line >= 1 && msg && *msg);
	s->bad++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rl_db *db = fuzz_db("screen_batch");
	static struct actor post;
	static int have_post;
	struct screen_batch_result res = { 0 };
	struct seen seen = { 0 };
	FILE *in = fuzz_file(data, size);
	int rc;

	if (!in)
		return 0;
	if (!have_post) {
		fuzz_actor("vn-22-c9001.checkpoint", &post);
		have_post = 1;
	}
	rc = screen_batch(db, &post, in, "manifest.csv", -1, NULL, row, bad, &seen, &res);
	fclose(in);
	FUZZ_CHECK(rc <= 0);
	if (!rc) {
		FUZZ_CHECK(res.screened == seen.rows && res.bad == seen.bad);
		FUZZ_CHECK(res.flagged <= res.screened);
	} else {
		FUZZ_CHECK(*rl_errmsg());
	}
	fuzz_db_idle();
	return 0;
}
