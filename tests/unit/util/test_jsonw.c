/* Tests of util/jsonw: commas and nesting, numbers, and strings escaped
 * exactly as jansson's json_dumps() escapes them, so a page written
 * directly reads byte for byte like a dumped one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "util/jsonw.h"
#include "util/utf8.h"

static void test_nesting_and_commas(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	(void)state;
	jsonw_init(&w, &sb);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "items");
	jsonw_arr_begin(&w);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "a");
	jsonw_int(&w, 1);
	jsonw_key(&w, "b");
	jsonw_arr_begin(&w);
	jsonw_arr_end(&w);
	jsonw_key(&w, "c");
	jsonw_obj_begin(&w);
	jsonw_obj_end(&w);
	jsonw_obj_end(&w);
	jsonw_obj_begin(&w);
	jsonw_key(&w, "d");
	jsonw_null(&w);
	jsonw_obj_end(&w);
	jsonw_bool(&w, true);
	jsonw_bool(&w, false);
	jsonw_str(&w, NULL);
	jsonw_arr_end(&w);
	jsonw_key(&w, "next");
	jsonw_str(&w, "x");
	jsonw_obj_end(&w);
	assert_string_equal(sb.buf, "{\"items\":[{\"a\":1,\"b\":[],\"c\":{}},{\"d\":null},true,false,null],"
				    "\"next\":\"x\"}");
	assert_int_equal(w.depth, 0);
	strbuf_release(&sb);
}

static void test_integers(void **state)
{
	static const int64_t v[] = { 0, 7, -7, 10, 1000, 1795420677172, INT64_MAX, INT64_MIN };
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	json_t *arr = json_array();
	char *want;

	(void)state;
	jsonw_init(&w, &sb);
	jsonw_arr_begin(&w);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		jsonw_int(&w, v[i]);
		json_array_append_new(arr, json_integer((json_int_t)v[i]));
	}
	jsonw_arr_end(&w);
	want = json_dumps(arr, JSON_COMPACT);
	assert_string_equal(sb.buf, want);
	free(want);
	json_decref(arr);
	strbuf_release(&sb);
}

/* Each string as jansson writes it. */
static void test_strings_as_jansson(void **state)
{
	static const char *const s[] = {
		"", "plain", "quote \" and \\ backslash", "slash / stays",
		"tab\tnewline\nreturn\rback\bfeed\f", "\x01\x1f\x7f", "Kiểm tra tải",
		"ຂໍ້ມູນຂ່າວສານ", "Đà Nẵng", "emoji \xF0\x9F\x98\x80 four bytes", "\xE2\x80\xA8 line separator",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		json_t *j = json_string(s[i]);
		char *want;

		assert_non_null(j);
		want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		jsonw_quote(&sb, s[i]);
		assert_string_equal(sb.buf, want);
		free(want);
		json_decref(j);
		strbuf_release(&sb);
	}
}

/* Bytes that are not UTF-8 never reach the output: each becomes U+FFFD
 * and the text stays valid JSON. */
static void test_invalid_utf8_replaced(void **state)
{
	static const struct { const char *in, *out; } t[] = {
		{ "a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"" },
		{ "\xC3", "\"\xEF\xBF\xBD\"" },                       /* cut short at the end */
		{ "\xE1\x80" "x", "\"\xEF\xBF\xBD\xEF\xBF\xBD" "x\"" }, /* cut short before x */
		{ "\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"" },         /* overlong '/' */
		{ "\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"" }, /* a surrogate */
		{ "\x80ok", "\"\xEF\xBF\xBDok\"" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		json_t *back;

		jsonw_quote(&sb, t[i].in);
		assert_string_equal(sb.buf, t[i].out);
		back = json_loads(sb.buf, JSON_DECODE_ANY, NULL);
		assert_non_null(back);
		json_decref(back);
		strbuf_release(&sb);
	}
}

/* The writer's own UTF-8 check agrees with rl_utf8_valid() on every lead
 * byte and second byte, with continuation bytes at the boundaries that
 * matter (overlong forms, surrogates, past U+10FFFF): a valid string goes
 * out as it is, an invalid one gets a replacement character. */
static void test_utf8_check_agrees(void **state)
{
	static const unsigned char tail[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0 };
	const size_t nt = sizeof(tail);
	struct strbuf sb = STRBUF_INIT;
	int checked = 0;

	(void)state;
	for (int a = 0x80; a <= 0xFF; a++)
		for (int b = 1; b <= 0xFF; b++)
			for (size_t c = 0; c < nt; c++)
				for (size_t d = 0; d < nt; d++) {
					char in[5] = { (char)a, (char)b, (char)tail[c], (char)tail[d], 0 };
					size_t len = strlen(in);
					bool valid = rl_utf8_valid(in, len);

					if (b == '"' || b == '\\' || b < 0x20)
						continue; /* escaped, not replaced: another test */
					strbuf_reset(&sb);
					jsonw_quote(&sb, in);
					if (valid) {
						assert_int_equal(sb.len, len + 2);
						assert_memory_equal(sb.buf + 1, in, len);
					} else {
						assert_non_null(strstr(sb.buf, "\xEF\xBF\xBD"));
					}
					checked++;
				}
	assert_true(checked > 1000000);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nesting_and_commas),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings_as_jansson),
		cmocka_unit_test(test_invalid_utf8_replaced),
		cmocka_unit_test(test_utf8_check_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
