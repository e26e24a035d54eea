/*
 * fuzz_date.c: the date and time parsers (util/clock.h) and the partial
 * birth dates of cases, notices and the matcher.
 *
 * Properties: a date rl_date_valid() accepts survives days and back
 * unchanged; a time rl_time_parse() accepts formats back to the same text
 * (with ".000" added when it had no milliseconds), so no two spellings of
 * one instant are accepted; the notices' birth-date check agrees with
 * rl_date_valid() on full dates from 1900 to its "today". The cases' check
 * and the matcher's lenient mdate_parse() (query side) only must not
 * crash. A duration setting ("1h30m") that parses formats to a canonical
 * text that parses to the same length of time (below a million days).
 */
#include <stdbool.h>

#include "core/casefile.h"
#include "core/config.h"
#include "core/notice.h"
#include "fuzz.h"
#include "match/internal.h"
#include "util/clock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	int64_t t;
	struct mdate md;
	int nrc;

	if (size > 64) /* dates are short; longer input only repeats work */
		return 0;
	s = fuzz_cstr(data, size);

	if (rl_date_valid(s)) {
		char back[RL_DATE_LEN + 1];
		rl_days_to_date(rl_date_to_days(s), back);
		FUZZ_CHECK(!strcmp(back, s));
	}

	t = rl_time_parse(s);
	if (t != -1) {
		char back[RL_TIME_LEN + 1];
		rl_time_format(t, back);
		if (strlen(s) == 20) /* no milliseconds */
			FUZZ_CHECK(!strncmp(back, s, 19) && !strcmp(back + 19, ".000Z"));
		else
			FUZZ_CHECK(!strcmp(back, s));
	}

	(void)mdate_parse(s, &md);
	nrc = notice_check_birth("birth_date", s, "2026-01-15");
	(void)casefile_check_birth_date(s);
	if (strlen(s) == RL_DATE_LEN && strcmp(s, "2026-01-15") <= 0 && strcmp(s, "1900") > 0)
		FUZZ_CHECK(rl_date_valid(s) == (nrc == 0));
	{
		int64_t ms, again;
		char text[64];
		if (config_parse_duration(s, &ms) == 0) {
			FUZZ_CHECK(ms >= 0);
			config_format_duration(ms, text, sizeof(text));
			/* The canonical text has no weeks, so from a million days
			 * on it has too many digits to parse; settings are bounded
			 * far below (config.c) before they are formatted. */
			if (ms < 999999LL * 86400000)
				FUZZ_CHECK(config_parse_duration(text, &again) == 0 && again == ms);
		}
	}
	free(s);
	return 0;
}
