/*
 * jsonw.c: compact JSON written straight into a strbuf (see jsonw.h).
 */
#include <string.h>

#include "util/jsonw.h"
#include "util/banned.h"

/* strbuf_add() and strbuf_addch() with the common case inline: a page is
 * thousands of small appends into a buffer that rarely grows. */
static inline void put(struct strbuf *sb, const void *p, size_t n)
{
	if (sb->len + n < sb->alloc) {
		memcpy(sb->buf + sb->len, p, n);
		sb->len += n;
		sb->buf[sb->len] = '\0';
	} else {
		strbuf_add(sb, p, n);
	}
}

static inline void putch(struct strbuf *sb, char ch)
{
	if (sb->len + 1 < sb->alloc) {
		sb->buf[sb->len++] = ch;
		sb->buf[sb->len] = '\0';
	} else {
		strbuf_addch(sb, ch);
	}
}

void jsonw_init(struct jsonw *w, struct strbuf *sb)
{
	w->sb = sb;
	w->depth = 0;
	w->has_items = 0;
	w->after_key = false;
}

/* The comma before a value or key that is not its container's first. */
static void before_value(struct jsonw *w)
{
	uint32_t bit;

	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth <= 0 || w->depth > JSONW_DEPTH_MAX)
		return;
	bit = 1u << (w->depth - 1);
	if (w->has_items & bit)
		putch(w->sb, ',');
	w->has_items |= bit;
}

static void open_container(struct jsonw *w, char ch)
{
	before_value(w);
	putch(w->sb, ch);
	w->depth++;
	if (w->depth <= JSONW_DEPTH_MAX)
		w->has_items &= ~(1u << (w->depth - 1));
}

static void close_container(struct jsonw *w, char ch)
{
	putch(w->sb, ch);
	if (w->depth > 0)
		w->depth--;
	w->after_key = false;
}

void jsonw_obj_begin(struct jsonw *w)
{
	open_container(w, '{');
}

void jsonw_obj_end(struct jsonw *w)
{
	close_container(w, '}');
}

void jsonw_arr_begin(struct jsonw *w)
{
	open_container(w, '[');
}

void jsonw_arr_end(struct jsonw *w)
{
	close_container(w, ']');
}

void jsonw_key(struct jsonw *w, const char *key)
{
	before_value(w);
	jsonw_quote(w->sb, key);
	putch(w->sb, ':');
	w->after_key = true;
}

void jsonw_str(struct jsonw *w, const char *s)
{
	before_value(w);
	if (s)
		jsonw_quote(w->sb, s);
	else
		put(w->sb, "null", 4);
}

void jsonw_int(struct jsonw *w, int64_t v)
{
	char num[24], *p = num + sizeof(num);
	/* Digits by hand, from the magnitude as unsigned: INT64_MIN too. */
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	before_value(w);
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(w->sb, p, (size_t)(num + sizeof(num) - p));
}

void jsonw_bool(struct jsonw *w, bool v)
{
	before_value(w);
	if (v)
		put(w->sb, "true", 4);
	else
		put(w->sb, "false", 5);
}

void jsonw_null(struct jsonw *w)
{
	before_value(w);
	put(w->sb, "null", 4);
}

/* Bytes of the UTF-8 sequence at p if it is a valid one, else 0: no
 * overlong form, no surrogate, nothing past U+10FFFF (as rl_utf8_valid()
 * decides, checked inline: labels in Lao are on every line of a page). */
static size_t utf8_seq(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c >= 0xC2 && c <= 0xDF)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
			return 0; /* overlong, or a surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
			return 0; /* overlong, or past U+10FFFF */
		return 4;
	}
	return 0;
}

void jsonw_quote(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF"; /* as jansson writes \u001F */
	const unsigned char *p = (const unsigned char *)s, *run = p;

	putch(sb, '"');
	for (;;) {
		unsigned char ch = *p;
		const char *esc = NULL;
		char u[7];
		size_t n;

		/* Plain ASCII and valid multibyte sequences go out in runs. */
		if (ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\') {
			p++;
			continue;
		}
		if (ch >= 0x80 && (n = utf8_seq(p))) {
			p += n;
			continue;
		}
		put(sb, run, (size_t)(p - run));
		if (!ch)
			break;
		switch (ch) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (ch < 0x20) {
				memcpy(u, "\\u00", 4);
				u[4] = hex[ch >> 4];
				u[5] = hex[ch & 15];
				u[6] = '\0';
				esc = u;
			} else {
				esc = "\xEF\xBF\xBD"; /* a byte that starts no valid sequence */
			}
		}
		put(sb, esc, strlen(esc));
		run = ++p;
	}
	putch(sb, '"');
}
