/*
 * table.c: text, JSON and CSV rendering of a CLI listing.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "util/csv.h"
#include "util/table.h"
#include "util/xalloc.h"

void table_init(struct table *t, const char *const *cols)
{
	size_t n = 0;

	memset(t, 0, sizeof(*t));
	while (cols[n])
		n++;
	t->ncols = n;
	t->cols = xcalloc(n, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		t->cols[i] = xstrdup(cols[i]);
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cells);
	free(t->cols);
	memset(t, 0, sizeof(*t));
}

void table_add(struct table *t, const char *const *values)
{
	size_t need = (t->nrows + 1) * t->ncols;

	ALLOC_GROW(t->cells, need, t->alloc);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = values[i] ? xstrdup(values[i]) : NULL;
	t->nrows++;
}

void table_addv(struct table *t, ...)
{
	const char **v = xcalloc(t->ncols, sizeof(char *));
	va_list ap;

	va_start(ap, t);
	for (size_t i = 0; i < t->ncols; i++)
		v[i] = va_arg(ap, const char *);
	va_end(ap);
	table_add(t, v);
	free(v);
}

static size_t display_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	size_t w = 0;

	while (*p) {
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0)
			break;
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		p += k;
	}
	return w;
}

static void print_text(const struct table *t, FILE *out)
{
	size_t *w = xcalloc(t->ncols, sizeof(size_t));

	for (size_t c = 0; c < t->ncols; c++)
		w[c] = display_width(t->cols[c]);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			size_t dw = v ? display_width(v) : 0;
			if (dw > w[c])
				w[c] = dw;
		}
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = r ? t->cells[(r - 1) * t->ncols + c] : t->cols[c];
			if (!v)
				v = "";
			if (r == 0) {
				for (const char *p = v; *p; p++)
					fputc(*p >= 'a' && *p <= 'z' ? *p - 32 : *p, out);
			} else {
				fputs(v, out);
			}
			if (c + 1 < t->ncols)
				fprintf(out, "%*s", (int)(w[c] - display_width(v) + 2), "");
		}
		fputc('\n', out);
	}
	free(w);
}

static void print_json(const struct table *t, FILE *out)
{
	json_t *arr = json_array();

	for (size_t r = 0; r < t->nrows; r++) {
		json_t *o = json_object();
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			json_object_set_new(o, t->cols[c], v ? json_string(v) : json_null());
		}
		json_array_append_new(arr, o);
	}
	json_dumpf(arr, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(arr);
}

static void print_csv(const struct table *t, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t r = 0; r <= t->nrows; r++) {
		strbuf_reset(&sb);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = r ? t->cells[(r - 1) * t->ncols + c] : t->cols[c];
			if (c)
				strbuf_addch(&sb, ',');
			csv_quote(&sb, v ? v : "");
		}
		strbuf_addstr(&sb, "\r\n");
		fwrite(sb.buf, 1, sb.len, out);
	}
	strbuf_release(&sb);
}

void table_print(const struct table *t, FILE *out, enum table_format fmt)
{
	switch (fmt) {
	case TABLE_JSON: print_json(t, out); break;
	case TABLE_CSV: print_csv(t, out); break;
	default: print_text(t, out); break;
	}
}

int table_format_parse(const char *s)
{
	if (!strcmp(s, "table") || !strcmp(s, "text"))
		return TABLE_TEXT;
	if (!strcmp(s, "json"))
		return TABLE_JSON;
	if (!strcmp(s, "csv"))
		return TABLE_CSV;
	return -1;
}
