/*
 * country_code.h: the ISO 3166-1 alpha-3 codes Redline accepts for a
 * person's nationality or a vehicle's registration, with English names:
 * every ASEAN member, China and its neighbours, and the countries whose
 * nationals commonly cross the Viet Nam-Laos border, plus the ICAO 9303
 * codes for stateless persons and refugees (XXA, XXB, XXC, XXX). The table
 * is static; nothing to free.
 */
#ifndef RL_CORE_COUNTRY_CODE_H
#define RL_CORE_COUNTRY_CODE_H

#include <stdbool.h>

/* Whether code is a known alpha-3 code (exactly, upper case). */
bool country_code_valid(const char *code);

/* The English name of a known code, or NULL. */
const char *country_code_name(const char *code);

#endif
