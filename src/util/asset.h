/*
 * asset.h: files embedded into the binary at build time by tools/embed.c
 * (SQL migrations, the web console). The arrays are static and read-only:
 * nobody frees them. Each data array has a NUL byte after `len` bytes, so
 * text assets can be used as C strings.
 */
#ifndef RL_UTIL_ASSET_H
#define RL_UTIL_ASSET_H

#include <stddef.h>

struct rl_asset {
	const char *name;          /* path below the asset root; NULL ends a table */
	const unsigned char *data; /* `len` bytes, then a NUL */
	size_t len;                /* bytes, without the trailing NUL */
};

/* The entry named `name` in a NULL-terminated table, or NULL. */
const struct rl_asset *rl_asset_find(const struct rl_asset *table, const char *name);

#endif
