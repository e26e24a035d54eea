/*
 * utf8.c: validation and folding on top of utf8proc.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

bool rl_utf8_valid(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;

	while (len) {
		utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
		if (n <= 0 || cp == 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

size_t rl_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static bool is_latin(utf8proc_int32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF);
}

char *rl_fold(const char *s)
{
	utf8proc_uint8_t *dec = NULL;
	utf8proc_ssize_t n;
	struct strbuf out = STRBUF_INIT;
	utf8proc_int32_t cp, base = 0;
	const utf8proc_uint8_t *p;
	int pending_space = 0;

	if (!rl_utf8_valid(s, strlen(s)))
		return NULL;
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &dec,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
			 UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		return NULL;
	for (p = dec; *p;) {
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		utf8proc_category_t cat;

		if (k <= 0)
			break;
		p += k;
		cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC) {
			if (is_latin(base))
				continue;
		} else {
			base = cp;
		}
		if (cp == 0x0111 || cp == 0x0110) /* đ Đ */
			cp = 'd';
		if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO)
			cat = UTF8PROC_CATEGORY_ZS; /* punctuation separates words */
		if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_CC ||
		    cat == UTF8PROC_CATEGORY_SM || cat == UTF8PROC_CATEGORY_SK ||
		    cat == UTF8PROC_CATEGORY_SO) {
			pending_space = out.len > 0;
			continue;
		}
		if (pending_space) {
			strbuf_addch(&out, ' ');
			pending_space = 0;
		}
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
		strbuf_add(&out, enc, (size_t)m);
	}
	free(dec);
	return strbuf_detach(&out, NULL);
}
