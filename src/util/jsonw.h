/*
 * jsonw.h: a JSON writer that appends compact JSON text straight to a
 * strbuf, for replies built on hot paths (inbox pages) where building a
 * jansson tree and dumping it cost more than the data itself: no
 * allocation per value, one growing buffer.
 *
 * The writer places the commas and colons; the caller calls begin/end in
 * matching pairs and jsonw_key() before each value inside an object.
 * Strings are escaped as jansson's json_dumps() escapes them (", \ and
 * control characters; no other character is escaped), so a page written
 * here reads the same as one dumped by jansson. A string that is not
 * valid UTF-8 (nothing stored is: every input is validated) has each bad
 * byte written as U+FFFD, so the output is always valid JSON.
 *
 * Ownership: the writer borrows the strbuf; the caller owns and releases
 * it. Nesting deeper than JSONW_DEPTH_MAX is a caller's bug: the extra
 * levels are written but their commas are not tracked.
 */
#ifndef RL_UTIL_JSONW_H
#define RL_UTIL_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "util/strbuf.h"

#define JSONW_DEPTH_MAX 32 /* replies nest a few levels; one bit per level */

struct jsonw {
	struct strbuf *sb;   /* where the text goes; borrowed */
	int depth;           /* open arrays and objects */
	uint32_t has_items;  /* bit d: the container at depth d has a value already */
	bool after_key;      /* a key was written: the next value takes no comma */
};

void jsonw_init(struct jsonw *w, struct strbuf *sb);

void jsonw_obj_begin(struct jsonw *w);
void jsonw_obj_end(struct jsonw *w);
void jsonw_arr_begin(struct jsonw *w);
void jsonw_arr_end(struct jsonw *w);

/* The key of the next value in an object. */
void jsonw_key(struct jsonw *w, const char *key);

/* Values. jsonw_str(w, NULL) writes null. */
void jsonw_str(struct jsonw *w, const char *s);
void jsonw_int(struct jsonw *w, int64_t v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);

/* Appends the JSON string literal of s (quoted, escaped) to sb. */
void jsonw_quote(struct strbuf *sb, const char *s);

#endif
