/* Tests of util/strbuf: growth, formatting, trimming, detach. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/strbuf.h"

static void test_init_is_empty_string(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

static void test_add_and_format(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "Nghệ An");
	strbuf_addch(&sb, ' ');
	strbuf_addf(&sb, "%d/%s", 22, "VN");
	assert_string_equal(sb.buf, "Nghệ An 22/VN");
	assert_int_equal(sb.len, strlen("Nghệ An 22/VN"));
	strbuf_release(&sb);
}

static void test_long_format_grows(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char big[5000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	strbuf_addf(&sb, "[%s]", big);
	assert_int_equal(sb.len, sizeof(big) + 1);
	assert_int_equal(sb.buf[sb.len], '\0');
	assert_int_equal(sb.buf[0], '[');
	assert_int_equal(sb.buf[sb.len - 1], ']');
	strbuf_release(&sb);
}

static void test_trim_and_detach(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	strbuf_addstr(&sb, " \t hello \r\n");
	strbuf_trim(&sb);
	assert_string_equal(sb.buf, "hello");
	char *s = strbuf_detach(&sb, &len);
	assert_int_equal(len, 5);
	assert_string_equal(s, "hello");
	assert_string_equal(sb.buf, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty_string),
		cmocka_unit_test(test_add_and_format),
		cmocka_unit_test(test_long_format_grows),
		cmocka_unit_test(test_trim_and_detach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
