/* Tests of util/clock: calendar validation, arithmetic, fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/clock.h"

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(rl_date_valid("2023-01-01"));
	assert_true(rl_date_valid("2024-02-29"));
	assert_false(rl_date_valid("2023-02-29"));
	assert_false(rl_date_valid("1900-02-29"));
	assert_true(rl_date_valid("2000-02-29"));
	assert_false(rl_date_valid("2023-13-01"));
	assert_false(rl_date_valid("2023-04-31"));
	assert_false(rl_date_valid("2023-4-01"));
	assert_false(rl_date_valid("2023-04-01x"));
	assert_false(rl_date_valid(""));
	assert_false(rl_date_valid(NULL));
}

static void test_days_roundtrip(void **state)
{
	(void)state;
	char out[RL_DATE_LEN + 1];
	assert_int_equal(rl_date_to_days("1970-01-01"), 0);
	assert_int_equal(rl_date_to_days("2025-07-01") - rl_date_to_days("2025-06-30"), 1);
	rl_days_to_date(rl_date_to_days("2024-02-28") + 1, out);
	assert_string_equal(out, "2024-02-29");
}

static void test_time_format_parse(void **state)
{
	(void)state;
	char out[RL_TIME_LEN + 1];
	int64_t t = rl_time_parse("2025-12-06T08:30:15.250Z");
	assert_true(t > 0);
	rl_time_format(t, out);
	assert_string_equal(out, "2025-12-06T08:30:15.250Z");
	assert_int_equal(rl_time_parse("2025-12-06T08:30:15Z"), t - 250);
	assert_int_equal(rl_time_parse("2025-12-06T24:30:15Z"), -1);
	assert_int_equal(rl_time_parse("garbage"), -1);
	/* Found by fuzz/fuzz_date.c: signs and spaces in the time were read
	 * as numbers ("-1" hours gave a time an hour before midnight). */
	assert_int_equal(rl_time_parse("2025-12-06T-1:-1:-1Z"), -1);
	assert_int_equal(rl_time_parse("2025-12-06T 8: 3: 1Z"), -1);
	assert_int_equal(rl_time_parse("2025-12-06T+8:30:15Z"), -1);
}

/* Formatted digit by digit: padding, the day's last millisecond, and
 * times before 1970 (negative ms) each land in the right field. */
static void test_time_format_fields(void **state)
{
	char out[RL_TIME_LEN + 1];

	(void)state;
	rl_time_format(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00.000Z");
	rl_time_format(86400000LL - 1, out);
	assert_string_equal(out, "1970-01-01T23:59:59.999Z");
	rl_time_format(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59.999Z");
	rl_time_format(rl_time_parse("2031-02-03T04:05:06.007Z"), out);
	assert_string_equal(out, "2031-02-03T04:05:06.007Z");
	rl_time_format(rl_time_parse("2024-12-31T10:20:30.040Z"), out);
	assert_string_equal(out, "2024-12-31T10:20:30.040Z");
}

static void test_fake_clock(void **state)
{
	(void)state;
	int64_t t = rl_time_parse("2025-12-06T16:59:00.000Z");
	char today[RL_DATE_LEN + 1];
	rl_clock_set(t);
	assert_true(rl_clock_is_fake());
	assert_int_equal(rl_now_ms(), t);
	rl_today(today);
	assert_string_equal(today, "2025-12-06"); /* 23:59 in UTC+7 */
	rl_clock_advance(60 * 1000);
	rl_today(today);
	assert_string_equal(today, "2025-12-07");
	rl_clock_set(0);
	assert_false(rl_clock_is_fake());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_days_roundtrip),
		cmocka_unit_test(test_time_format_parse),
		cmocka_unit_test(test_time_format_fields),
		cmocka_unit_test(test_fake_clock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
