/*
 * id.c: ULID generation from the injectable clock and libsodium's CSPRNG.
 */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "util/clock.h"
#include "util/id.h"

static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void rl_id_new(char out[RL_ID_LEN + 1])
{
	uint64_t ms = (uint64_t)rl_now_real_ms();
	unsigned char rnd[10];
	int i;

	randombytes_buf(rnd, sizeof(rnd));
	for (i = 9; i >= 0; i--) {
		out[i] = b32[ms & 31];
		ms >>= 5;
	}
	/* 80 random bits -> 16 characters of 5 bits */
	uint64_t hi = 0, lo = 0;
	for (i = 0; i < 5; i++)
		hi = (hi << 8) | rnd[i];
	for (i = 5; i < 10; i++)
		lo = (lo << 8) | rnd[i];
	for (i = 7; i >= 0; i--) {
		out[10 + i] = b32[hi & 31];
		hi >>= 5;
		out[18 + i] = b32[lo & 31];
		lo >>= 5;
	}
	out[RL_ID_LEN] = '\0';
}

bool rl_id_valid(const char *s)
{
	size_t i;

	if (!s || strlen(s) != RL_ID_LEN)
		return false;
	for (i = 0; i < RL_ID_LEN; i++)
		if (!strchr(b32, s[i]) || !s[i])
			return false;
	return s[0] <= '7';
}
