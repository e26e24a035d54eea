/*
 * unitref.c: unit facts for cases and reports. Until the directory module
 * (core/directory.h) is merged, the provinces of both border zones and
 * Viet Nam's 2025 mergers are known from the table below; sub-province
 * units belong to the province their code starts with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unitref.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct prov {
	const char *code, *country, *name_local, *name_en;
	const char *from, *to;             /* lifetime, inclusive */
	const char *successor;             /* after `to`, or NULL */
	const char *border_from, *border_to; /* on the border, inclusive; NULL: never */
};

#define ALWAYS "0001-01-01"
#define NEVER "9999-12-31"

static const struct prov provs[] = {
	{ "VN-71", "VNM", "Điện Biên", "Dien Bien", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "VN-05", "VNM", "Sơn La", "Son La", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "VN-21", "VNM", "Thanh Hóa", "Thanh Hoa", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "VN-22", "VNM", "Nghệ An", "Nghe An", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "VN-23", "VNM", "Hà Tĩnh", "Ha Tinh", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "VN-24", "VNM", "Quảng Bình", "Quang Binh", ALWAYS, "2025-06-30", "VN-25", ALWAYS, "2025-06-30" },
	{ "VN-25", "VNM", "Quảng Trị", "Quang Tri", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "VN-26", "VNM", "Huế", "Hue", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "VN-27", "VNM", "Quảng Nam", "Quang Nam", ALWAYS, "2025-06-30", "VN-DN", ALWAYS, "2025-06-30" },
	{ "VN-28", "VNM", "Kon Tum", "Kon Tum", ALWAYS, "2025-06-30", "VN-29", ALWAYS, "2025-06-30" },
	{ "VN-29", "VNM", "Quảng Ngãi", "Quang Ngai", ALWAYS, NEVER, NULL, "2025-07-01", NEVER },
	{ "VN-DN", "VNM", "Đà Nẵng", "Da Nang", ALWAYS, NEVER, NULL, "2025-07-01", NEVER },
	{ "LA-PH", "LAO", "ຜົ້ງສາລີ", "Phongsaly", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-LP", "LAO", "ຫຼວງພະບາງ", "Luang Prabang", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-HO", "LAO", "ຫົວພັນ", "Houaphanh", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-XI", "LAO", "ຊຽງຂວາງ", "Xiangkhouang", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-BL", "LAO", "ບໍລິຄຳໄຊ", "Bolikhamxay", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-KH", "LAO", "ຄຳມ່ວນ", "Khammouane", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-SV", "LAO", "ສະຫວັນນະເຂດ", "Savannakhet", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-SL", "LAO", "ສາລະວັນ", "Salavan", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-XE", "LAO", "ເຊກອງ", "Sekong", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-AT", "LAO", "ອັດຕະປື", "Attapeu", ALWAYS, NEVER, NULL, ALWAYS, NEVER },
	{ "LA-VT", "LAO", "ນະຄອນຫຼວງວຽງຈັນ", "Vientiane Capital", ALWAYS, NEVER, NULL, NULL, NULL },
	{ "LA-CH", "LAO", "ຈຳປາສັກ", "Champasak", ALWAYS, NEVER, NULL, NULL, NULL },
};
#define NPROVS (sizeof(provs) / sizeof(provs[0]))

static const struct prov *find_prov(const char *code)
{
	char p[RL_CODE_MAX + 1];
	const char *dash;

	/* "VN-22-D01" belongs to "VN-22": the first two segments. */
	dash = strchr(code, '-');
	dash = dash ? strchr(dash + 1, '-') : NULL;
	snprintf(p, sizeof(p), "%.*s", dash ? (int)(dash - code) : (int)strlen(code), code);
	for (size_t i = 0; i < NPROVS; i++)
		if (!strcmp(provs[i].code, p))
			return &provs[i];
	return NULL;
}

static bool is_province_code(const char *code)
{
	for (size_t i = 0; i < NPROVS; i++)
		if (!strcmp(provs[i].code, code))
			return true;
	return false;
}

int unitref_on(struct rl_db *db, const char *code, const char *date, struct unitref *out)
{
	const struct prov *p;

	(void)db;
	memset(out, 0, sizeof(*out));
	if (!code || !*code || strlen(code) > RL_CODE_MAX)
		return rl_error(RL_EINVAL, "unit code missing or too long");
	p = is_province_code(code) ? find_prov(code) : NULL;
	if (!p)
		return rl_error(RL_ENOTFOUND, "unknown unit '%s'", code);
	if (strcmp(date, p->from) < 0)
		return rl_error(RL_EINVAL, "unit '%s' did not exist yet on %s (it exists from %s)",
				code, date, p->from);
	if (strcmp(date, p->to) > 0) {
		if (p->successor)
			return rl_error(RL_EINVAL, "unit '%s' no longer existed on %s (dissolved after %s; "
					"its successor is '%s')", code, date, p->to, p->successor);
		return rl_error(RL_EINVAL, "unit '%s' no longer existed on %s (dissolved after %s)",
				code, date, p->to);
	}
	snprintf(out->code, sizeof(out->code), "%s", code);
	snprintf(out->country, sizeof(out->country), "%s", p->country);
	snprintf(out->province, sizeof(out->province), "%s", p->code);
	out->border = p->border_from && strcmp(date, p->border_from) >= 0 &&
		      strcmp(date, p->border_to) <= 0;
	return 0;
}

static void list_add(struct unitref_list *l, const char *code)
{
	l->code = xrealloc(l->code, (l->n + 1) * sizeof(*l->code));
	l->code[l->n++] = xstrdup(code);
}

int unitref_subtree(struct rl_db *db, const char *code, const char *from, const char *to,
		    struct unitref_list *out)
{
	const struct prov *p = is_province_code(code) ? find_prov(code) : NULL;

	(void)db;
	memset(out, 0, sizeof(*out));
	if (!p)
		return rl_error(RL_ENOTFOUND, "unknown unit '%s'", code);
	if (strcmp(to, p->from) < 0 || strcmp(from, p->to) > 0)
		return rl_error(RL_EINVAL, "unit '%s' did not exist between %s and %s", code, from, to);
	list_add(out, code);
	return 0;
}

int unitref_border_provinces(struct rl_db *db, const char *country, const char *from,
			     const char *to, struct unitref_list *out)
{
	(void)db;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < NPROVS; i++) {
		const struct prov *p = &provs[i];
		if (strcmp(p->country, country) || !p->border_from)
			continue;
		if (strcmp(to, p->border_from) < 0 || strcmp(from, p->border_to) > 0)
			continue;
		list_add(out, p->code);
	}
	return 0;
}

void unitref_name(struct rl_db *db, const char *code, const char *lang, char *buf, size_t size)
{
	(void)db;
	for (size_t i = 0; i < NPROVS; i++)
		if (!strcmp(provs[i].code, code)) {
			bool local = !strcmp(lang, "vi") || !strcmp(lang, "lo");
			snprintf(buf, size, "%s", local ? provs[i].name_local : provs[i].name_en);
			return;
		}
	snprintf(buf, size, "%s", code);
}

void unitref_list_free(struct unitref_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->code[i]);
	free(l->code);
	l->code = NULL;
	l->n = 0;
}
