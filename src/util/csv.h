/*
 * csv.h: an RFC 4180 CSV reader for imports (units, cases, notices,
 * screening manifests). Quoted fields may hold commas, quotes ("") and line
 * breaks; CRLF and a leading UTF-8 byte-order mark are accepted. Every
 * field is checked to be valid UTF-8. Records and fields are bounded by
 * RL_CSV_LINE_MAX and RL_CSV_FIELDS_MAX.
 *
 * Ownership: the reader owns the row it returns; the pointers in a row are
 * valid until the next csv_read() or csv_reader_release(). The caller owns
 * the FILE and closes it.
 */
#ifndef RL_UTIL_CSV_H
#define RL_UTIL_CSV_H

#include <stdio.h>

#include "util/limit.h"
#include "util/strbuf.h"

struct csv_reader {
	FILE *in;                /* borrowed, not closed by the reader */
	long line;               /* 1-based line where the current record starts */
	long next_line;          /* line the next record starts on */
	struct strbuf rec;       /* the record's bytes, fields NUL-separated */
	size_t nfields;          /* fields in the current record */
	char *field[RL_CSV_FIELDS_MAX]; /* pointers into rec.buf */
	int at_start;            /* 1 until the first byte is read (for the BOM) */
};

void csv_reader_init(struct csv_reader *r, FILE *in);
void csv_reader_release(struct csv_reader *r);

/*
 * Reads the next record. Returns 1 with r->field[0..nfields-1] set, 0 at
 * the end of input, or a negative RL_E* code with an rl_error() message
 * that names the line (the reader then skips to the next line, so a caller
 * may go on to report further bad lines). Blank lines are skipped.
 */
int csv_read(struct csv_reader *r);

/* Index of the column named `name` in a header record, or -1. */
int csv_column(const struct csv_reader *r, const char *name);

/* Appends s to sb as one CSV field (quoted when needed). */
void csv_quote(struct strbuf *sb, const char *s);

#endif
