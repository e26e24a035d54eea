/* Tests of util/utf8: validation and the search fold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/utf8.h"

static void fold_is(const char *in, const char *want)
{
	char *got = rl_fold(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(rl_utf8_valid("Đà Nẵng", strlen("Đà Nẵng")));
	assert_true(rl_utf8_valid("ຊຽງຂວາງ", strlen("ຊຽງຂວາງ")));
	assert_false(rl_utf8_valid("\xff\xfe", 2));
	assert_false(rl_utf8_valid("\xc3", 1));          /* truncated */
	assert_false(rl_utf8_valid("\xc0\xaf", 2));      /* overlong */
	assert_false(rl_utf8_valid("a\0b", 3));          /* NUL inside */
	assert_int_equal(rl_utf8_len("Nghệ"), 4);
}

static void test_fold_vietnamese(void **state)
{
	(void)state;
	fold_is("Nghệ An", "nghe an");
	fold_is("NGHỆ AN", "nghe an");
	fold_is("Đà Nẵng", "da nang");
	fold_is("  Quảng   Trị ", "quang tri");
	fold_is("Thừa Thiên-Huế", "thua thien hue");
}

static void test_fold_keeps_lao_marks(void **state)
{
	(void)state;
	/* Lao vowel signs are combining marks and must survive. */
	char *f = rl_fold("ຊຽງຂວາງ");
	assert_non_null(f);
	assert_string_equal(f, "ຊຽງຂວາງ");
	free(f);
	char *a = rl_fold("ຄຳມ່ວນ");
	assert_non_null(a);
	assert_true(strlen(a) >= strlen("ຄມວນ"));
	assert_non_null(strstr(a, "\xe0\xbb\x88")); /* tone mark U+0EC8 kept */
	free(a);
}

static void test_fold_rejects_invalid(void **state)
{
	(void)state;
	assert_null(rl_fold("ab\xff"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_fold_vietnamese),
		cmocka_unit_test(test_fold_keeps_lao_marks),
		cmocka_unit_test(test_fold_rejects_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
