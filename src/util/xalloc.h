/*
 * xalloc.h: allocation that cannot return NULL. Out of memory aborts the
 * process: SQLite's journal keeps the database consistent, and a half-done
 * request is worse than a restart. Callers free with free().
 */
#ifndef RL_UTIL_XALLOC_H
#define RL_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows `alloc` (in elements) so that at least `nr` fit: git's ALLOC_GROW. */
#define ALLOC_GROW(x, nr, alloc)                                        \
	do {                                                            \
		if ((size_t)(nr) > (size_t)(alloc)) {                   \
			size_t alloc_grow_n_ = ((size_t)(alloc) + 16) * 3 / 2; \
			if (alloc_grow_n_ < (size_t)(nr))               \
				alloc_grow_n_ = (size_t)(nr);           \
			(x) = xrealloc((x), alloc_grow_n_ * sizeof(*(x))); \
			(alloc) = alloc_grow_n_;                        \
		}                                                       \
	} while (0)

#endif
