/*
 * fuzz_csv.c: the CSV reader of every import (util/csv.h).
 *
 * Reads the input as a CSV file to the end, going on after bad records as
 * the importers do. Properties: a record is returned only if every field
 * is valid UTF-8 without NUL bytes and within the limits, line numbers
 * never go backwards, and writing the good records back with csv_quote()
 * and reading that again gives the same fields (what an export of an
 * import gives back).
 */
#include <stdbool.h>

#include "fuzz.h"
#include "util/csv.h"
#include "util/limit.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Records kept for the round trip; inputs are small, this bounds work. */
#define KEEP_MAX 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fuzz_file(data, size), *again;
	struct csv_reader r;
	struct strbuf out = STRBUF_INIT;  /* the good records, re-quoted */
	struct strbuf want = STRBUF_INIT; /* their fields, NUL-terminated */
	size_t nfields[KEEP_MAX];         /* fields of each kept record */
	size_t kept = 0;
	long last_line = 0;
	int rc;

	if (!in)
		return 0;
	/* A first line that is not data, so a byte-order mark the input's
	 * first field begins with stays data on the way back. */
	strbuf_addstr(&out, "header\n");
	csv_reader_init(&r, in);
	/* Each call consumes at least one byte or ends, so this is bounded. */
	while ((rc = csv_read(&r)) != 0) {
		FUZZ_CHECK(r.line >= last_line && r.next_line >= r.line);
		last_line = r.line;
		if (rc < 0)
			continue;
		FUZZ_CHECK(r.nfields >= 1 && r.nfields <= RL_CSV_FIELDS_MAX);
		{
			/* Fields are stored NUL-separated: if they do not add up
			 * to the record, a NUL byte cut a field short. */
			size_t bytes = r.nfields - 1;
			for (size_t i = 0; i < r.nfields; i++) {
				FUZZ_CHECK(rl_utf8_valid(r.field[i], strlen(r.field[i])));
				bytes += strlen(r.field[i]);
			}
			FUZZ_CHECK(bytes == r.rec.len);
		}
		/* One empty field is a blank line once written back. */
		if (kept >= KEEP_MAX || (r.nfields == 1 && !r.field[0][0]))
			continue;
		for (size_t i = 0; i < r.nfields; i++) {
			if (i)
				strbuf_addch(&out, ',');
			csv_quote(&out, r.field[i]);
			strbuf_add(&want, r.field[i], strlen(r.field[i]) + 1);
		}
		strbuf_addstr(&out, "\r\n");
		nfields[kept++] = r.nfields;
	}
	csv_reader_release(&r);
	fclose(in);

	/* The round trip. */
	again = fmemopen(out.buf, out.len, "r");
	FUZZ_CHECK(again != NULL);
	csv_reader_init(&r, again);
	FUZZ_CHECK(csv_read(&r) == 1 && r.nfields == 1 && !strcmp(r.field[0], "header"));
	{
		const char *w = want.buf;

		for (size_t k = 0; k < kept; k++) {
			FUZZ_CHECK(csv_read(&r) == 1 && r.nfields == nfields[k]);
			for (size_t i = 0; i < r.nfields; i++) {
				FUZZ_CHECK(!strcmp(r.field[i], w));
				w += strlen(w) + 1;
			}
		}
		FUZZ_CHECK(w == want.buf + want.len);
		FUZZ_CHECK(csv_read(&r) == 0);
	}
	csv_reader_release(&r);
	fclose(again);
	strbuf_release(&out);
	strbuf_release(&want);
	return 0;
}
