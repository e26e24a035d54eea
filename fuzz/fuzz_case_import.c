/*
 * fuzz_case_import.c: the JSON Lines case import (`redline case import`,
 * POST /api/v1/cases/import): line splitting, JSON decoding and the
 * validation of cases, persons and seizures, then storing them.
 *
 * The input is one import file, run against the demo database by the
 * system actor; inputs of odd size are imported with skip_bad (good
 * records stored despite bad ones), even ones all or nothing.
 *
 * Properties: the import answers with 0 or an error code, never leaves a
 * transaction or statement open, counts no more records stored than read,
 * and (at exit, fuzz_db.c) the database and its audit chain are intact.
 */
#include <stdbool.h>

#include "core/casefile.h"
#include "fuzz.h"
#include "fuzz_db.h"
#include "util/status.h"

static void reject(void *cbdata, const char *where, const char *why)
{
	long long *n = cbdata;

	FUZZ_CHECK(where && why && *why);
	(*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rl_db *db = fuzz_db("case_import");
	struct casefile_import_opts o = { 0 };
	struct casefile_import_stats st = { 0 };
	struct actor sys;
	long long rejected = 0;
	FILE *in = fuzz_file(data, size);
	int rc;

	if (!in)
		return 0;
	actor_system(&sys, "fuzz");
	o.skip_bad = size & 1;
	o.source = "fuzz.jsonl";
	o.reject = reject;
	o.cbdata = &rejected;
	rc = casefile_import_jsonl(db, &sys, in, (long long)size, &o, &st);
	fclose(in);
	FUZZ_CHECK(rc <= 0);
	FUZZ_CHECK(st.imported + st.present + st.rejected <= st.records);
	FUZZ_CHECK(rejected == st.rejected);
	if (rc)
		FUZZ_CHECK(*rl_errmsg());
	fuzz_db_idle();
	return 0;
}
