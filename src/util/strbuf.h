/*
 * strbuf.h: a growable byte string, after git's strbuf.
 *
 * Invariants:
 *  - `buf` is never NULL and `buf[len]` is always '\0', so `buf` can be
 *    used as a C string at any time (it may also hold NUL bytes inside);
 *  - `alloc` is 0 while `buf` points at a shared static empty string; a
 *    strbuf with alloc == 0 owns no memory;
 *  - len < alloc whenever alloc > 0.
 *
 * Ownership: the strbuf owns `buf`. strbuf_release() frees it and leaves an
 * empty strbuf that can be reused; strbuf_detach() hands `buf` to the caller
 * (who frees it with free()) and leaves an empty strbuf.
 */
#ifndef RL_UTIL_STRBUF_H
#define RL_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc; /* bytes allocated for buf, 0 if buf is the static "" */
	size_t len;   /* bytes used, not counting the trailing NUL */
	char *buf;    /* the bytes, NUL-terminated */
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { .alloc = 0, .len = 0, .buf = strbuf_slopbuf }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Removes leading and trailing ASCII white space. */
void strbuf_trim(struct strbuf *sb);

#endif
