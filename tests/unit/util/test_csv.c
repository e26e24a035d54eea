/* Tests of util/csv: quoting, line numbers, bad input, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/csv.h"
#include "util/status.h"

static FILE *mem(const char *s)
{
	return fmemopen((void *)s, strlen(s), "r");
}

static void test_basic_and_quotes(void **state)
{
	(void)state;
	FILE *f = mem("\xEF\xBB\xBF" "code,name\r\nVN-22,\"Nghệ An, \"\"NA\"\"\"\n\n"
		      "LA-XI,\"two\nlines\"\n");
	struct csv_reader r;
	csv_reader_init(&r, f);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.nfields, 2);
	assert_string_equal(r.field[0], "code");
	assert_int_equal(csv_column(&r, "name"), 1);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 2);
	assert_string_equal(r.field[1], "Nghệ An, \"NA\"");
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(r.line, 4);
	assert_string_equal(r.field[1], "two\nlines");
	assert_int_equal(csv_read(&r), 0);
	csv_reader_release(&r);
	fclose(f);
}

static void test_errors_name_the_line(void **state)
{
	(void)state;
	FILE *f = mem("a,b\nok,\xff\xfe\n\"x\"y,z\nlast,row\n");
	struct csv_reader r;
	csv_reader_init(&r, f);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(csv_read(&r), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "line 2"));
	assert_int_equal(csv_read(&r), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "line 3"));
	assert_int_equal(csv_read(&r), 1);
	assert_string_equal(r.field[0], "last");
	assert_int_equal(r.line, 4);
	csv_reader_release(&r);
	fclose(f);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	FILE *f = mem("\"open,field\n");
	struct csv_reader r;
	csv_reader_init(&r, f);
	assert_int_equal(csv_read(&r), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "unterminated"));
	csv_reader_release(&r);
	fclose(f);
}

/* Found by fuzz/fuzz_csv.c: a NUL byte inside a field cut the field short
 * without an error ("x\0y" was read as "x"), so an import stored a name
 * other than the file's. It is now refused like any invalid UTF-8. */
static void test_nul_in_field(void **state)
{
	(void)state;
	static const char text[] = "a,b\nx\0y,z\nq,\"w\0\"\nlast,row\n";
	FILE *f = fmemopen((void *)text, sizeof(text) - 1, "r");
	struct csv_reader r;
	csv_reader_init(&r, f);
	assert_int_equal(csv_read(&r), 1);
	assert_int_equal(csv_read(&r), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "line 2: field 1"));
	assert_int_equal(csv_read(&r), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "line 3: field 2"));
	assert_int_equal(csv_read(&r), 1);
	assert_string_equal(r.field[1], "row");
	csv_reader_release(&r);
	fclose(f);
}

static void test_too_many_fields(void **state)
{
	(void)state;
	char line[RL_CSV_FIELDS_MAX * 2 + 8];
	size_t n = 0;
	for (int i = 0; i <= RL_CSV_FIELDS_MAX; i++) {
		line[n++] = 'x';
		line[n++] = ',';
	}
	line[n++] = '\n';
	line[n] = '\0';
	FILE *f = mem(line);
	struct csv_reader r;
	csv_reader_init(&r, f);
	assert_int_equal(csv_read(&r), RL_ETOOBIG);
	csv_reader_release(&r);
	fclose(f);
}

static void test_quote_roundtrip(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	csv_quote(&sb, "plain");
	strbuf_addch(&sb, ',');
	csv_quote(&sb, "a \"q\", b");
	assert_string_equal(sb.buf, "plain,\"a \"\"q\"\", b\"");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_and_quotes),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_nul_in_field),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_quote_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
