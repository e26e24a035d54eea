/*
 * clock.c: the injectable clock and calendar arithmetic (proleptic
 * Gregorian, Howard Hinnant's days_from_civil).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"

static _Atomic int64_t fake_ms; /* 0: real clock */

int64_t rl_now_real_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t rl_now_ms(void)
{
	int64_t f = atomic_load(&fake_ms);
	return f ? f : rl_now_real_ms();
}

void rl_clock_set(int64_t ms)
{
	atomic_store(&fake_ms, ms);
}

void rl_clock_advance(int64_t delta_ms)
{
	int64_t cur = atomic_load(&fake_ms);
	if (!cur)
		cur = rl_now_real_ms();
	atomic_store(&fake_ms, cur + delta_ms);
}

bool rl_clock_is_fake(void)
{
	return atomic_load(&fake_ms) != 0;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

static int month_days(int y, unsigned m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

bool rl_date_valid(const char *s)
{
	int y;
	unsigned m, d;
	int i;

	if (!s || strlen(s) != RL_DATE_LEN || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < RL_DATE_LEN; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1800 || m < 1 || m > 12 || d < 1)
		return false;
	return (int)d <= month_days(y, m);
}

int64_t rl_date_to_days(const char *s)
{
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	return days_from_civil(y, m, d);
}

void rl_days_to_date(int64_t days, char out[RL_DATE_LEN + 1])
{
	int y;
	unsigned m, d;

	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

void rl_today(char out[RL_DATE_LEN + 1])
{
	/* Both countries are on UTC+7 all year. */
	int64_t ms = rl_now_ms() + 7 * 3600 * 1000LL;
	rl_days_to_date(ms / 86400000LL, out);
}

void rl_time_format(int64_t ms, char out[RL_TIME_LEN + 1])
{
	int64_t days = ms / 86400000LL;
	int64_t rem = ms % 86400000LL;
	int h, mi, sec, milli;

	if (rem < 0) {
		rem += 86400000LL;
		days--;
	}
	h = (int)(rem / 3600000);
	mi = (int)(rem / 60000 % 60);
	sec = (int)(rem / 1000 % 60);
	milli = (int)(rem % 1000);
	/* Digit by digit rather than snprintf: lists format several times
	 * per row, and this is on the inbox page's path. The date's NUL is
	 * overwritten by the 'T'. */
	rl_days_to_date(days, out);
	out[10] = 'T';
	out[11] = (char)('0' + h / 10);
	out[12] = (char)('0' + h % 10);
	out[13] = ':';
	out[14] = (char)('0' + mi / 10);
	out[15] = (char)('0' + mi % 10);
	out[16] = ':';
	out[17] = (char)('0' + sec / 10);
	out[18] = (char)('0' + sec % 10);
	out[19] = '.';
	out[20] = (char)('0' + milli / 100);
	out[21] = (char)('0' + milli / 10 % 10);
	out[22] = (char)('0' + milli % 10);
	out[23] = 'Z';
	out[24] = '\0';
}

int64_t rl_time_parse(const char *s)
{
	char date[RL_DATE_LEN + 1];
	int hh, mm, ss, ms = 0, n = 0;
	size_t len;

	if (!s || (len = strlen(s)) < 20)
		return -1;
	memcpy(date, s, RL_DATE_LEN);
	date[RL_DATE_LEN] = '\0';
	if (!rl_date_valid(date) || s[10] != 'T')
		return -1;
	/* Digits by position: sscanf("%2d") would take " 1" and "-1". */
	for (n = 11; n < 19; n++)
		if ((n == 13 || n == 16) ? s[n] != ':' : (s[n] < '0' || s[n] > '9'))
			return -1;
	hh = (s[11] - '0') * 10 + (s[12] - '0');
	mm = (s[14] - '0') * 10 + (s[15] - '0');
	ss = (s[17] - '0') * 10 + (s[18] - '0');
	s += 19;
	if (*s == '.') {
		int k = 0;
		s++;
		while (*s >= '0' && *s <= '9' && k < 3) {
			ms = ms * 10 + (*s++ - '0');
			k++;
		}
		if (k != 3)
			return -1;
	}
	if (strcmp(s, "Z") || hh > 23 || mm > 59 || ss > 59)
		return -1;
	return rl_date_to_days(date) * 86400000LL + hh * 3600000LL +
	       mm * 60000LL + ss * 1000LL + ms;
}
