/*
 * date.c: partial birth dates ("YYYY", "YYYY-MM", "YYYY-MM-DD"); how two
 * of them relate is mdate_compare() in internal.h. The usual keying errors at a checkpoint are day and
 * month swapped (US-style documents, 03/04 read both ways) and a year off
 * by one; notices often know only the year.
 */
#include <string.h>

#include "match/internal.h"
#include "util/status.h"

#include "util/banned.h"

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int mdate_parse(const char *s, struct mdate *out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t len;
	int y, m = 0, d = 0;

	memset(out, 0, sizeof(*out));
	if (!s || !*s)
		return 0;
	len = strlen(s);
	if (len != 4 && len != 7 && len != 10)
		return rl_error(RL_EINVAL, "birth date '%.20s' is not YYYY, YYYY-MM or YYYY-MM-DD", s);
	y = digits(s, 4);
	if (len >= 7) {
		if (s[4] != '-' || (m = digits(s + 5, 2)) < 1 || m > 12)
			return rl_error(RL_EINVAL, "birth date '%.20s' has a bad month", s);
	}
	if (len == 10) {
		if (s[7] != '-' || (d = digits(s + 8, 2)) < 1 || d > mdays[m - 1])
			return rl_error(RL_EINVAL, "birth date '%.20s' has a bad day", s);
	}
	if (y < 1880 || y > 2134)
		return rl_error(RL_EINVAL, "birth date '%.20s' has a bad year", s);
	out->year = (int16_t)y;
	out->month = (int8_t)m;
	out->day = (int8_t)d;
	return 0;
}
