/*
 * csv.c: a byte-at-a-time CSV state machine; bounded, never recursive.
 */
#include <string.h>

#include "util/csv.h"
#include "util/status.h"
#include "util/utf8.h"

void csv_reader_init(struct csv_reader *r, FILE *in)
{
	memset(r, 0, sizeof(*r));
	r->in = in;
	r->next_line = 1;
	r->at_start = 1;
	strbuf_init(&r->rec, 256);
}

void csv_reader_release(struct csv_reader *r)
{
	strbuf_release(&r->rec);
	r->nfields = 0;
}

static void skip_rest_of_line(struct csv_reader *r)
{
	int c;
	while ((c = fgetc(r->in)) != EOF && c != '\n')
		;
	r->next_line++;
}

int csv_read(struct csv_reader *r)
{
	size_t starts[RL_CSV_FIELDS_MAX];
	int c, quoted = 0, in_field_quote = 0, field_start = 1, any = 0;
	size_t i, n = 0;

again:
	strbuf_reset(&r->rec);
	r->nfields = 0;
	r->line = r->next_line;
	n = 0;
	starts[n++] = 0;
	quoted = in_field_quote = 0;
	field_start = 1;
	any = 0;
	if (r->at_start) {
		r->at_start = 0;
		c = fgetc(r->in);
		if (c == 0xEF) {
			int c2 = fgetc(r->in), c3 = fgetc(r->in);
			if (!(c2 == 0xBB && c3 == 0xBF)) {
				/* not a BOM: keep the bytes; UTF-8 checks judge them */
				strbuf_addch(&r->rec, c);
				if (c2 != EOF)
					strbuf_addch(&r->rec, c2);
				if (c3 != EOF)
					strbuf_addch(&r->rec, c3);
				field_start = 0;
				any = 1;
			}
		} else if (c != EOF) {
			ungetc(c, r->in);
		}
	}
	for (;;) {
		c = fgetc(r->in);
		if (c == EOF) {
			if (in_field_quote) {
				r->next_line++;
				return rl_error(RL_EINVAL, "line %ld: unterminated quoted field", r->line);
			}
			if (!any)
				return 0;
			break;
		}
		any = 1;
		if (r->rec.len >= RL_CSV_LINE_MAX) {
			if (c != '\n')
				skip_rest_of_line(r);
			else
				r->next_line++;
			return rl_error(RL_ETOOBIG, "line %ld: longer than %d bytes", r->line, RL_CSV_LINE_MAX);
		}
		if (in_field_quote) {
			if (c == '"') {
				int d = fgetc(r->in);
				if (d == '"') {
					strbuf_addch(&r->rec, '"');
					continue;
				}
				in_field_quote = 0;
				if (d != EOF)
					ungetc(d, r->in);
				continue;
			}
			if (c == '\n')
				r->next_line++;
			strbuf_addch(&r->rec, c);
			continue;
		}
		if (c == '"' && field_start) {
			in_field_quote = quoted = 1;
			field_start = 0;
			continue;
		}
		if (c == ',') {
			if (n >= RL_CSV_FIELDS_MAX) {
				skip_rest_of_line(r);
				return rl_error(RL_ETOOBIG, "line %ld: more than %d fields", r->line, RL_CSV_FIELDS_MAX);
			}
			strbuf_addch(&r->rec, '\0');
			starts[n++] = r->rec.len;
			field_start = 1;
			quoted = 0;
			continue;
		}
		if (c == '\n') {
			r->next_line++;
			break;
		}
		if (c == '\r') {
			int d = fgetc(r->in);
			if (d == '\n') {
				r->next_line++;
				break;
			}
			if (d != EOF)
				ungetc(d, r->in);
		}
		if (quoted) {
			skip_rest_of_line(r);
			return rl_error(RL_EINVAL, "line %ld: text after a closing quote", r->line);
		}
		field_start = 0;
		strbuf_addch(&r->rec, c);
	}
	if (n == 1 && r->rec.len == 0 && !quoted)
		goto again; /* blank line */
	for (i = 0; i < n; i++) {
		/* The field's bytes up to the next separator, not strlen(): a
		 * NUL byte inside would otherwise cut the field short unseen. */
		size_t len = (i + 1 < n ? starts[i + 1] - 1 : r->rec.len) - starts[i];
		r->field[i] = r->rec.buf + starts[i];
		if (!rl_utf8_valid(r->field[i], len))
			return rl_error(RL_EINVAL, "line %ld: field %zu is not valid UTF-8", r->line, i + 1);
	}
	r->nfields = n;
	return 1;
}

int csv_column(const struct csv_reader *r, const char *name)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (!strcmp(r->field[i], name))
			return (int)i;
	return -1;
}

void csv_quote(struct strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}
