/*
 * country_code.c: the alpha-3 table (see country_code.h), kept in code
 * order so a lookup is a binary search.
 */
#include <stdlib.h>
#include <string.h>

#include "core/country_code.h"

static const struct country {
	const char code[4];
	const char *name;
} countries[] = {
	{ "AFG", "Afghanistan" }, { "ARE", "United Arab Emirates" }, { "ARG", "Argentina" },
	{ "AUS", "Australia" }, { "AUT", "Austria" }, { "BEL", "Belgium" },
	{ "BGD", "Bangladesh" }, { "BRA", "Brazil" }, { "BRN", "Brunei Darussalam" },
	{ "BTN", "Bhutan" }, { "CAN", "Canada" }, { "CHE", "Switzerland" },
	{ "CHL", "Chile" }, { "CHN", "China" }, { "COL", "Colombia" },
	{ "CZE", "Czechia" }, { "DEU", "Germany" }, { "DNK", "Denmark" },
	{ "EGY", "Egypt" }, { "ESP", "Spain" }, { "FIN", "Finland" },
	{ "FRA", "France" }, { "GBR", "United Kingdom" }, { "GRC", "Greece" },
	{ "HKG", "Hong Kong, China" }, { "HUN", "Hungary" }, { "IDN", "Indonesia" },
	{ "IND", "India" }, { "IRL", "Ireland" }, { "IRN", "Iran" },
	{ "IRQ", "Iraq" }, { "ISR", "Israel" }, { "ITA", "Italy" },
	{ "JPN", "Japan" }, { "KAZ", "Kazakhstan" }, { "KEN", "Kenya" },
	{ "KGZ", "Kyrgyzstan" }, { "KHM", "Cambodia" }, { "KOR", "Korea, Republic of" },
	{ "LAO", "Lao People's Democratic Republic" }, { "LKA", "Sri Lanka" },
	{ "MAC", "Macao, China" }, { "MDV", "Maldives" }, { "MEX", "Mexico" },
	{ "MMR", "Myanmar" }, { "MNG", "Mongolia" }, { "MYS", "Malaysia" },
	{ "NGA", "Nigeria" }, { "NLD", "Netherlands" }, { "NOR", "Norway" },
	{ "NPL", "Nepal" }, { "NZL", "New Zealand" }, { "PAK", "Pakistan" },
	{ "PER", "Peru" }, { "PHL", "Philippines" }, { "POL", "Poland" },
	{ "PRK", "Korea, Democratic People's Republic of" }, { "PRT", "Portugal" },
	{ "QAT", "Qatar" }, { "ROU", "Romania" }, { "RUS", "Russian Federation" },
	{ "SAU", "Saudi Arabia" }, { "SGP", "Singapore" }, { "SWE", "Sweden" },
	{ "THA", "Thailand" }, { "TJK", "Tajikistan" }, { "TLS", "Timor-Leste" },
	{ "TUR", "Türkiye" }, { "TWN", "Taiwan, China" }, { "UKR", "Ukraine" },
	{ "USA", "United States of America" }, { "UZB", "Uzbekistan" },
	{ "VNM", "Viet Nam" }, { "XXA", "stateless person" }, { "XXB", "refugee" },
	{ "XXC", "refugee (other)" }, { "XXX", "unspecified nationality" },
	{ "ZAF", "South Africa" },
};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct country *)elem)->code);
}

const char *country_code_name(const char *code)
{
	const struct country *c;

	if (!code || strlen(code) != 3)
		return NULL;
	c = bsearch(code, countries, sizeof(countries) / sizeof(countries[0]),
		    sizeof(countries[0]), cmp);
	return c ? c->name : NULL;
}

bool country_code_valid(const char *code)
{
	return country_code_name(code) != NULL;
}
