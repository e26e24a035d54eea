/*
 * asset.c: lookup in the tables that tools/embed.c generates.
 */
#include <string.h>

#include "util/asset.h"

const struct rl_asset *rl_asset_find(const struct rl_asset *table, const char *name)
{
	for (; table->name; table++)
		if (!strcmp(table->name, name))
			return table;
	return NULL;
}
