/*
 * test_casefile.c: validation of case records and unit conversion: birth
 * dates, quantities and their bounds, drug/unit compatibility, and the
 * number formats of reports.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/casefile.h"
#include "core/report.h"
#include "core/vocab.h"
#include "util/clock.h"
#include "util/limit.h"
#include "util/status.h"

static void birth_dates(void **state)
{
	(void)state;
	rl_clock_set(1767225600000LL); /* 2026-01-01T00:00:00Z */
	assert_int_equal(casefile_check_birth_date("1990"), 0);
	assert_int_equal(casefile_check_birth_date("1990-02"), 0);
	assert_int_equal(casefile_check_birth_date("1992-02-29"), 0);
	assert_int_equal(casefile_check_birth_date("1991-02-29"), RL_EINVAL);
	assert_int_equal(casefile_check_birth_date("1990-13"), RL_EINVAL);
	assert_int_equal(casefile_check_birth_date("90"), RL_EINVAL);
	assert_int_equal(casefile_check_birth_date("1890"), RL_EINVAL);
	assert_int_equal(casefile_check_birth_date("2030"), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "future"));
	assert_int_equal(casefile_check_birth_date("2026-02"), RL_EINVAL);
	assert_int_equal(casefile_check_birth_date("2025-12-31"), 0);
	assert_int_equal(casefile_check_birth_date("2026-01-02"), RL_EINVAL);
	rl_clock_set(0);
}

static void quantities(void **state)
{
	int64_t a;
	const char *m;

	(void)state;
	assert_int_equal(casefile_quantity_to_base("heroin", "kg", 1.25, &a, &m), 0);
	assert_int_equal(a, 1250000);
	assert_string_equal(m, "mass");
	assert_int_equal(casefile_quantity_to_base("heroin", "g", 1.25, &a, &m), 0);
	assert_int_equal(a, 1250);
	/* kg with three decimals is exact in milligrams */
	assert_int_equal(casefile_quantity_to_base("opium", "kg", 1.237, &a, &m), 0);
	assert_int_equal(a, 1237000);
	assert_int_equal(casefile_quantity_to_base("methamphetamine_tablets", "tablet", 1500, &a, &m), 0);
	assert_int_equal(a, 1500);
	assert_string_equal(m, "tablet");
	assert_int_equal(casefile_quantity_to_base("precursor_chemicals", "l", 2.5, &a, &m), 0);
	assert_int_equal(a, 2500);
	assert_string_equal(m, "volume");
	assert_int_equal(casefile_quantity_to_base("opium_poppy", "plant", 3448, &a, &m), 0);
	assert_string_equal(m, "plant");
}

static void bad_quantities(void **state)
{
	int64_t a;
	const char *m;

	(void)state;
	assert_int_equal(casefile_quantity_to_base("heroin", "kg", -1, &a, &m), RL_EINVAL);
	assert_int_equal(casefile_quantity_to_base("heroin", "kg", 0, &a, &m), RL_EINVAL);
	assert_int_equal(casefile_quantity_to_base("heroin", "kg", (double)RL_SEIZURE_MASS_MAX_KG + 1, &a, &m), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "limit"));
	assert_int_equal(casefile_quantity_to_base("heroin", "kg", (double)RL_SEIZURE_MASS_MAX_KG, &a, &m), 0);
	assert_int_equal(casefile_quantity_to_base("mdma", "tablet", 1.5, &a, &m), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "whole number"));
	assert_int_equal(casefile_quantity_to_base("heroin", "g", 0.0001, &a, &m), RL_EINVAL);
	assert_int_equal(casefile_quantity_to_base("mdma", "tablet", (double)RL_SEIZURE_TABLETS_MAX * 2, &a, &m), RL_EINVAL);
	assert_int_equal(casefile_quantity_to_base("crack", "g", 1, &a, &m), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "unknown drug"));
	assert_int_equal(casefile_quantity_to_base("heroin", "lb", 1, &a, &m), RL_EINVAL);
	/* drug and unit that do not fit */
	assert_int_equal(casefile_quantity_to_base("heroin", "plant", 1, &a, &m), RL_EINVAL);
	assert_int_equal(casefile_quantity_to_base("opium_poppy", "kg", 1, &a, &m), RL_EINVAL);
	assert_non_null(strstr(rl_errmsg(), "plant"));
	assert_int_equal(casefile_quantity_to_base("heroin", "tablet", 1, &a, &m), RL_EINVAL);
	assert_int_equal(casefile_quantity_to_base("cannabis_plant", "g", 1, &a, &m), RL_EINVAL);
}

static void vocabularies(void **state)
{
	(void)state;
	assert_true(vocab_category_is_drug("drug_trafficking"));
	assert_true(vocab_category_is_drug("drug_use_organising"));
	assert_false(vocab_category_is_drug("human_trafficking"));
	assert_false(vocab_category_is_drug("drug_bogus"));
	assert_string_equal(vocab_label(vocab_drugs, "opium_poppy", LANG_FR), "Plants de pavot");
	assert_string_equal(vocab_label(vocab_categories, "smuggling", LANG_VI), "Buôn lậu");
	assert_true(vocab_country_valid("VNM"));
	assert_true(vocab_country_valid("LAO"));
	assert_false(vocab_country_valid("XYZ"));
	assert_false(vocab_country_valid("vnm"));
	assert_false(vocab_country_valid("VN"));
	for (const struct vocab_term *t = vocab_drugs; t->code; t++)
		for (int l = 0; l < LANG_COUNT; l++)
			assert_non_null(t->label[l]);
}

static void number_formats(void **state)
{
	char b[64];

	(void)state;
	report_fmt_int(14131, LANG_FR, b, sizeof(b));
	assert_string_equal(b, "14\xE2\x80\xAF" "131");
	report_fmt_int(3000000, LANG_VI, b, sizeof(b));
	assert_string_equal(b, "3.000.000");
	report_fmt_int(19961, LANG_EN, b, sizeof(b));
	assert_string_equal(b, "19,961");
	report_fmt_int(560, LANG_FR, b, sizeof(b));
	assert_string_equal(b, "560");
	report_fmt_int(0, LANG_EN, b, sizeof(b));
	assert_string_equal(b, "0");
	report_fmt_kg(1910000000LL, LANG_VI, b, sizeof(b));
	assert_string_equal(b, "1.910");
	report_fmt_kg(1250000, LANG_FR, b, sizeof(b));
	assert_string_equal(b, "1,25");
	report_fmt_kg(1250000, LANG_EN, b, sizeof(b));
	assert_string_equal(b, "1.25");
	report_fmt_kg(999999999, LANG_EN, b, sizeof(b));
	assert_string_equal(b, "1,000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(birth_dates),
		cmocka_unit_test(quantities),
		cmocka_unit_test(bad_quantities),
		cmocka_unit_test(vocabularies),
		cmocka_unit_test(number_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
