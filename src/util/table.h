/*
 * table.h: the rows a CLI command lists, printed as an aligned text table,
 * JSON (an array of objects, keys being the column names) or CSV (with a
 * header line). Every listing command builds a table and prints it once,
 * so `--format` behaves the same everywhere.
 *
 * Ownership: the table copies every string given to it and frees them in
 * table_release(). A NULL cell prints as empty (JSON null).
 */
#ifndef RL_UTIL_TABLE_H
#define RL_UTIL_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum table_format { TABLE_TEXT, TABLE_JSON, TABLE_CSV };

struct table {
	size_t ncols;   /* columns, fixed by table_init */
	char **cols;    /* ncols column names */
	size_t nrows;   /* rows added */
	size_t alloc;   /* rows allocated in cells, in rows */
	char **cells;   /* nrows * ncols strings, row-major; NULL allowed */
};

/* cols: NULL-terminated list of column names. */
void table_init(struct table *t, const char *const *cols);
void table_release(struct table *t);

/* Adds a row of exactly t->ncols values. */
void table_add(struct table *t, const char *const *values);

/* Adds a row given as ncols arguments (const char *). */
void table_addv(struct table *t, ...);

void table_print(const struct table *t, FILE *out, enum table_format fmt);

/* Parses "table", "json" or "csv"; returns -1 if none of them. */
int table_format_parse(const char *s);

#endif
