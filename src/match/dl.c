/*
 * dl.c: bounded Damerau-Levenshtein distance (optimal string alignment:
 * substitution, insertion, deletion, transposition of neighbours) for the
 * typo tolerance of token keys. Keys are short (< MKEY_MAX), so a full
 * table on the stack is cheap; the bound lets a row that already exceeds
 * it stop the computation.
 */
#include <stdlib.h>

#include "match/internal.h"

#include "util/banned.h"

int dl_budget(size_t len)
{
	/* Short keys are names on their own ("le", "vu", "ha"): one edit turns
	 * them into another real name, so they must match exactly. */
	if (len <= 3)
		return 0;
	if (len <= 7)
		return 1;
	return 2;
}

int dl_distance(const char *a, size_t la, const char *b, size_t lb, int max)
{
	int d[MKEY_MAX + 1][MKEY_MAX + 1];
	size_t i, j;

	if (la > MKEY_MAX)
		la = MKEY_MAX;
	if (lb > MKEY_MAX)
		lb = MKEY_MAX;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++) {
		int rowmin = max + 1;
		for (j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > max)
			return max + 1;
	}
	return d[la][lb] > max ? max + 1 : d[la][lb];
}
