/* Tests of core/config's duration text and of core/hotline_reason's
 * sentences: what `redline config set` accepts and stores, and how a
 * timeline reason reads in each language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/config.h"
#include "core/hotline_reason.h"
#include "util/status.h"
#include "util/strbuf.h"

#define MIN_MS (60LL * 1000)

static void test_parse_duration(void **state)
{
	static const struct { const char *s; int64_t ms; } ok[] = {
		{ "15m", 15 * MIN_MS }, { "1h", 60 * MIN_MS }, { "3d", 3 * 24 * 60 * MIN_MS },
		{ "1h30m", 90 * MIN_MS }, { "90m", 90 * MIN_MS }, { "1w", 7 * 24 * 60 * MIN_MS },
		{ "45s", 45000 }, { "1d2h3m4s", ((24 + 2) * 60 + 3) * MIN_MS + 4000 }, { "0m", 0 },
	};
	static const char *const bad[] = { "", "5", "m", "1x", "1m1h", "1h1h", "-5m", "1.5h", " 5m", "5m ",
					   "1234567m", "5M", NULL };
	int64_t ms;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(config_parse_duration(ok[i].s, &ms), 0);
		assert_int_equal(ms, ok[i].ms);
	}
	for (int i = 0; bad[i]; i++) {
		assert_int_equal(config_parse_duration(bad[i], &ms), RL_EINVAL);
		assert_int_equal(ms, 0);
		assert_non_null(strstr(rl_errmsg(), "duration"));
	}
}

static void test_format_duration(void **state)
{
	char buf[RL_SETTING_VALUE_MAX + 1];

	(void)state;
	config_format_duration(90 * MIN_MS, buf, sizeof(buf));
	assert_string_equal(buf, "1h30m");
	config_format_duration(7 * 24 * 60 * MIN_MS, buf, sizeof(buf));
	assert_string_equal(buf, "7d");
	config_format_duration(24 * 60 * MIN_MS, buf, sizeof(buf));
	assert_string_equal(buf, "1d");
	config_format_duration(0, buf, sizeof(buf));
	assert_string_equal(buf, "0s");
	config_format_duration(((24 + 2) * 60 + 3) * MIN_MS + 4000, buf, sizeof(buf));
	assert_string_equal(buf, "1d2h3m4s");
}

static void test_reason_text(void **state)
{
	json_t *p = json_pack("{s:s, s:s}", "from", "LA-XI-V0101", "to", "LA-XI-D01");
	struct strbuf sb = STRBUF_INIT;
	char code[32];
	json_t *d;

	(void)state;
	assert_true(hotline_reason_text("ack_overdue", p, "lo", &sb));
	assert_string_equal(sb.buf, "LA-XI-V0101 ບໍ່ໄດ້ຮັບຊາບທັນເວລາ: ສົ່ງຂຶ້ນໃຫ້ LA-XI-D01");
	strbuf_reset(&sb);
	assert_true(hotline_reason_text("ack_overdue", p, "xx", &sb));   /* unknown language: English */
	assert_string_equal(sb.buf, "LA-XI-V0101 did not acknowledge in time: passed up to LA-XI-D01");
	strbuf_reset(&sb);
	assert_false(hotline_reason_text("gossip", p, "en", &sb));
	assert_false(hotline_reason_text("", p, "en", &sb));
	assert_int_equal(sb.len, 0);
	json_decref(p);
	p = json_pack("{s:s, s:s}", "unit", "VN-MPS", "why", "nobody_on_duty");
	assert_true(hotline_reason_text("no_level_above", p, "fr", &sb));
	assert_string_equal(sb.buf, "VN-MPS est le niveau le plus haut : aucun niveau au-dessus "
			    "(personne de permanence)");
	json_decref(p);
	/* a parameter missing: left empty, never a crash */
	strbuf_reset(&sb);
	p = json_object();
	assert_true(hotline_reason_text("informed", p, "vi", &sb));
	assert_string_equal(sb.buf, " được thông báo việc chuyển lên ");
	json_decref(p);
	strbuf_release(&sb);
	/* rows from before the codes */
	hotline_reason_derive("escalated", "reply_overdue: A -> B", code, sizeof(code), &d);
	assert_string_equal(code, "reply_overdue");
	assert_string_equal(json_string_value(json_object_get(d, "to")), "B");
	json_decref(d);
	hotline_reason_derive("overdue", "ack_overdue at LA-MPS: no level above", code, sizeof(code), &d);
	assert_string_equal(code, "no_level_above");
	assert_string_equal(json_string_value(json_object_get(d, "unit")), "LA-MPS");
	json_decref(d);
	hotline_reason_derive("escalated", "garbage", code, sizeof(code), &d);
	assert_string_equal(code, "");
	assert_null(d);
	hotline_reason_derive("escalated", "made_up: A -> B", code, sizeof(code), &d);
	assert_string_equal(code, "");
	assert_null(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_duration),
		cmocka_unit_test(test_format_duration),
		cmocka_unit_test(test_reason_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
