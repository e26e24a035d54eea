/*
 * plate.c: the comparison key of a vehicle registration plate.
 *
 * Vietnamese plates are written "29A-123.45", "29A 12345", "29a12345";
 * Lao plates carry Lao letters ("ກຂ 1234") that officers on the other side
 * type romanized ("KK 1234", "KKH 1234"). The key keeps letters and digits,
 * upper case, maps each Lao consonant to one Latin letter and folds the
 * romanized digraphs KH, PH, TH to K, P, T so both spellings meet.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "match/match.h"
#include "util/status.h"
#include "util/utf8.h"

#include "util/banned.h"

static char lao_letter(int32_t c)
{
	switch (c) {
	case 0x0E81: case 0x0E82: case 0x0E84: return 'K';
	case 0x0E87: case 0x0E99: return 'N';
	case 0x0E88: return 'C';
	case 0x0E8A: case 0x0EAA: return 'S';
	case 0x0E8D: case 0x0EA2: return 'Y';
	case 0x0E94: return 'D';
	case 0x0E95: case 0x0E96: case 0x0E97: return 'T';
	case 0x0E9A: return 'B';
	case 0x0E9B: case 0x0E9C: case 0x0E9E: return 'P';
	case 0x0E9D: case 0x0E9F: return 'F';
	case 0x0EA1: return 'M';
	case 0x0EA3: return 'R';
	case 0x0EA5: return 'L';
	case 0x0EA7: return 'V';
	case 0x0EAB: case 0x0EAE: return 'H';
	case 0x0EAD: return 'O';
	default: return 0;
	}
}

int match_plate_key(const char *plate, char *out, size_t outsz)
{
	char *f;
	const utf8proc_uint8_t *p;
	size_t n = 0;
	utf8proc_int32_t c;

	if (!out || outsz < 2)
		return rl_error(RL_EINVAL, "plate key buffer too small");
	out[0] = 0;
	if (!plate || !(f = rl_fold(plate)))
		return rl_error(RL_EINVAL, "plate is missing or not valid utf-8");
	for (p = (const utf8proc_uint8_t *)f; *p;) {
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		char ch = 0;
		if (k <= 0)
			break;
		p += k;
		if (c >= 'a' && c <= 'z')
			ch = (char)(c - 'a' + 'A');
		else if (c >= '0' && c <= '9')
			ch = (char)c;
		else if (c >= 0x0ED0 && c <= 0x0ED9)
			ch = (char)('0' + (c - 0x0ED0)); /* Lao digits */
		else
			ch = lao_letter(c);
		if (!ch)
			continue;
		/* KH PH TH -> K P T */
		if (ch == 'H' && n > 0 && (out[n - 1] == 'K' || out[n - 1] == 'P' || out[n - 1] == 'T') &&
		    lao_letter(c) == 0)
			continue;
		if (n + 1 >= outsz) {
			free(f);
			return rl_error(RL_ETOOBIG, "plate '%.40s' is too long", plate);
		}
		out[n++] = ch;
	}
	out[n] = 0;
	free(f);
	if (!n)
		return rl_error(RL_EINVAL, "plate '%.40s' has no letter or digit", plate);
	return 0;
}
