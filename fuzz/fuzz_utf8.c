/*
 * fuzz_utf8.c: UTF-8 validation and the search fold (util/utf8.h), which
 * every search box and every imported name goes through.
 *
 * Properties: validation agrees with utf8proc's decoder and refuses NUL;
 * the fold of valid text is valid UTF-8 with no leading, trailing or
 * doubled space, is never NULL for valid text and always NULL for invalid
 * text; folding is idempotent (a stored folded key equals the fold of
 * itself, so a search for a stored key finds it).
 */
#include <stdbool.h>

#include <utf8proc.h>

#include "fuzz.h"
#include "util/utf8.h"

/* Whether s (len bytes) decodes fully, by utf8proc alone. */
static bool decodes(const uint8_t *s, size_t len)
{
	while (len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)len, &cp);
		if (n <= 0 || cp == 0)
			return false;
		s += n;
		len -= (size_t)n;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool valid = rl_utf8_valid((const char *)data, size);
	char *s, *f, *ff;
	size_t n;

	FUZZ_CHECK(valid == decodes(data, size));
	if (valid)
		FUZZ_CHECK(memchr(data, 0, size) == NULL);

	s = fuzz_cstr(data, size);
	n = strlen(s);
	f = rl_fold(s);
	if (!rl_utf8_valid(s, n)) {
		FUZZ_CHECK(f == NULL);
		free(s);
		return 0;
	}
	FUZZ_CHECK(rl_utf8_len(s) <= n);
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(rl_utf8_valid(f, strlen(f)));
	if (*f) {
		FUZZ_CHECK(f[0] != ' ' && f[strlen(f) - 1] != ' ');
		FUZZ_CHECK(strstr(f, "  ") == NULL);
	}
	ff = rl_fold(f);
	FUZZ_CHECK(ff != NULL);
	if (strcmp(f, ff)) {
		fprintf(stderr, "fold not idempotent: '%s' -> '%s'\n", f, ff);
		abort();
	}
	free(ff);
	free(f);
	free(s);
	return 0;
}
