/*
 * fuzz_unit_import.c: the directory's CSV import (`redline unit import`):
 * codes, levels, parents, names in both languages, border dates,
 * neighbours and contacts, all or nothing.
 *
 * The input is one CSV file, imported by the system actor into the demo
 * database. Properties: 0 or an error code with a message; counts are not
 * negative; no transaction left open; intact database at exit.
 */
#include "core/directory.h"
#include "fuzz.h"
#include "fuzz_db.h"
#include "util/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rl_db *db = fuzz_db("unit_import");
	struct dir_import_result res = { 0 };
	struct actor sys;
	FILE *in = fuzz_file(data, size);
	int rc;

	if (!in)
		return 0;
	actor_system(&sys, "fuzz");
	rc = dir_import(db, &sys, in, "units.csv", (size & 1) ? "2026-01-15" : NULL, &res);
	fclose(in);
	FUZZ_CHECK(rc <= 0);
	FUZZ_CHECK(res.added >= 0 && res.updated >= 0 && res.unchanged >= 0);
	if (rc)
		FUZZ_CHECK(*rl_errmsg());
	fuzz_db_idle();
	return 0;
}
