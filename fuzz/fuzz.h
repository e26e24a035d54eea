/*
 * fuzz.h: what the fuzz targets of fuzz/ share.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput(), the libFuzzer entry
 * point, and is linked either with libFuzzer (scripts/run-fuzz, clang) or
 * with replay.c (meson test, any compiler), which feeds it the seed corpus
 * fuzz/corpus/<name>/. A target must not crash, leak, hang or trip a
 * sanitizer on any input; where it can, it also checks a property (a
 * round trip, a bound) and calls abort() when the property fails, so the
 * fuzzer reports it like a crash.
 *
 * The helpers below are static inline so each target takes only what it
 * uses. Ownership: fuzz_cstr() and fuzz_db() results are the caller's as
 * documented on each.
 */
#ifndef RL_FUZZ_FUZZ_H
#define RL_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reports a broken property and stops, so the fuzzer saves the input. */
#define FUZZ_CHECK(cond)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "%s:%d: property failed: %s\n",      \
				__FILE__, __LINE__, #cond);                  \
			abort();                                             \
		}                                                            \
	} while (0)

/* The input as a NUL-terminated string (cut at its first NUL byte, as a C
 * caller would see it); the caller frees it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The input as a read-only FILE (as an import reads a file), or NULL for
 * empty input, which fmemopen() may refuse. The caller closes it. */
static inline FILE *fuzz_file(const uint8_t *data, size_t size)
{
	if (!size)
		return NULL;
	return fmemopen((void *)data, size, "r");
}

/* Splits the input at its first newline: the first line into *line (a
 * new string, the caller frees it) and the rest into *rest and *rest_size. */
static inline char *fuzz_first_line(const uint8_t *data, size_t size, const uint8_t **rest,
				    size_t *rest_size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;

	*rest = nl ? nl + 1 : data + size;
	*rest_size = nl ? size - n - 1 : 0;
	return fuzz_cstr(data, n);
}

#endif
