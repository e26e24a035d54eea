/*
 * clock.h: time, and calendar dates.
 *
 * Deadlines and escalation read the time through rl_now_ms(), which tests
 * can move (rl_clock_set / rl_clock_advance, or `redline serve --fake-clock`)
 * so no test sleeps through a real deadline. Record ids use the real clock.
 *
 * Dates are ISO 8601 calendar dates "YYYY-MM-DD" everywhere (SQLite text
 * compares them correctly). Partial birth dates ("YYYY", "YYYY-MM") are
 * handled by the modules that allow them.
 */
#ifndef RL_UTIL_CLOCK_H
#define RL_UTIL_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define RL_DATE_LEN 10 /* "YYYY-MM-DD" */
#define RL_TIME_LEN 24 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" */

/* Milliseconds since the Unix epoch, as the (possibly fake) clock says. */
int64_t rl_now_ms(void);

/* The real clock, whatever the fake one says. */
int64_t rl_now_real_ms(void);

/* Freeze the clock at ms (0 returns to the real clock). Thread-safe. */
void rl_clock_set(int64_t ms);

/* Move a frozen clock forward; freezes it at now + delta if it was real. */
void rl_clock_advance(int64_t delta_ms);

/* Whether the clock is fake (frozen or moved by a test). */
bool rl_clock_is_fake(void);

/* Today's date (UTC+7, the zone of both countries) into out. */
void rl_today(char out[RL_DATE_LEN + 1]);

/* ms as "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC) into out. */
void rl_time_format(int64_t ms, char out[RL_TIME_LEN + 1]);

/* Parses the format above (also accepting no milliseconds); -1 if bad. */
int64_t rl_time_parse(const char *s);

/* Whether s is a real calendar date "YYYY-MM-DD" (leap years checked). */
bool rl_date_valid(const char *s);

/* Days since 1970-01-01 of a valid date, and back. */
int64_t rl_date_to_days(const char *s);
void rl_days_to_date(int64_t days, char out[RL_DATE_LEN + 1]);

#endif
