/*
 * vocab.c: the code lists of cases and their labels in vi, lo, en and fr.
 * Adding a code here is all a new category or drug needs; removing one
 * would orphan stored records, so codes are only ever added.
 */
#include <string.h>

#include "core/vocab.h"
#include "util/banned.h"

const struct vocab_term vocab_categories[] = {
	{ "drug_trafficking", { "Mua bán trái phép chất ma túy", "ການຄ້າຢາເສບຕິດ", "Drug trafficking", "Trafic de stupéfiants" } },
	{ "drug_transport", { "Vận chuyển trái phép chất ma túy", "ການຂົນສົ່ງຢາເສບຕິດ", "Drug transport", "Transport de stupéfiants" } },
	{ "drug_possession", { "Tàng trữ trái phép chất ma túy", "ການມີຢາເສບຕິດໄວ້ໃນຄອບຄອງ", "Drug possession", "Détention de stupéfiants" } },
	{ "drug_cultivation", { "Trồng cây có chứa chất ma túy", "ການປູກພືດທີ່ເປັນຢາເສບຕິດ", "Drug cultivation", "Culture de plantes stupéfiantes" } },
	{ "drug_manufacture", { "Sản xuất trái phép chất ma túy", "ການຜະລິດຢາເສບຕິດ", "Drug manufacture", "Fabrication de stupéfiants" } },
	{ "drug_use_organising", { "Tổ chức sử dụng trái phép chất ma túy", "ການຈັດຕັ້ງເສບຢາເສບຕິດ", "Organising drug use", "Organisation de l'usage de stupéfiants" } },
	{ "human_trafficking", { "Mua bán người", "ການຄ້າມະນຸດ", "Human trafficking", "Traite des êtres humains" } },
	{ "smuggling", { "Buôn lậu", "ການລັກລອບຂົນສົ່ງສິນຄ້າ", "Smuggling", "Contrebande" } },
	{ "other", { "Khác", "ອື່ນໆ", "Other", "Autre" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

const struct vocab_term vocab_statuses[] = {
	{ "open", { "Mới tiếp nhận", "ເປີດ", "Open", "Ouverte" } },
	{ "under_investigation", { "Đang điều tra", "ກຳລັງສືບສວນ", "Under investigation", "En cours d'enquête" } },
	{ "transferred_to_prosecution", { "Đã chuyển viện kiểm sát", "ສົ່ງໄອຍະການແລ້ວ", "Transferred to prosecution", "Transmise au parquet" } },
	{ "closed", { "Đã kết thúc", "ປິດແລ້ວ", "Closed", "Close" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

const struct vocab_term vocab_roles[] = {
	{ "suspect", { "Đối tượng nghi vấn", "ຜູ້ຕ້ອງສົງໄສ", "Suspect", "Suspect" } },
	{ "arrested", { "Bị bắt giữ", "ຜູ້ຖືກຈັບ", "Arrested", "Arrêté" } },
	{ "victim", { "Nạn nhân", "ຜູ້ເສຍຫາຍ", "Victim", "Victime" } },
	{ "witness", { "Nhân chứng", "ພະຍານ", "Witness", "Témoin" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

const struct vocab_term vocab_drugs[] = {
	{ "heroin", { "Heroin", "ເຮໂຣອີນ", "Heroin", "Héroïne" } },
	{ "opium", { "Thuốc phiện", "ຝິ່ນ", "Opium", "Opium" } },
	{ "cannabis", { "Cần sa", "ກັນຊາ", "Cannabis", "Cannabis" } },
	{ "methamphetamine_crystal", { "Ma túy đá", "ຢາໄອສ", "Crystal methamphetamine", "Méthamphétamine cristal" } },
	{ "methamphetamine_tablets", { "Hồng phiến", "ຢາບ້າ", "Methamphetamine tablets", "Comprimés de méthamphétamine" } },
	{ "ketamine", { "Ketamine", "ເຄຕາມີນ", "Ketamine", "Kétamine" } },
	{ "mdma", { "Thuốc lắc (MDMA)", "ຢາອີ (MDMA)", "MDMA (ecstasy)", "MDMA (ecstasy)" } },
	{ "cocaine", { "Cocaine", "ໂຄເຄນ", "Cocaine", "Cocaïne" } },
	{ "precursor_chemicals", { "Tiền chất", "ສານເຄມີຕັ້ງຕົ້ນ", "Precursor chemicals", "Précurseurs chimiques" } },
	{ "opium_poppy", { "Cây thuốc phiện", "ຕົ້ນຝິ່ນ", "Opium poppy plants", "Plants de pavot" } },
	{ "cannabis_plant", { "Cây cần sa", "ຕົ້ນກັນຊາ", "Cannabis plants", "Plants de cannabis" } },
	{ "other", { "Loại khác", "ອື່ນໆ", "Other", "Autre" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

const struct vocab_term vocab_units[] = {
	{ "g", { "g", "ກຣາມ", "g", "g" } },
	{ "kg", { "kg", "ກິໂລ", "kg", "kg" } },
	{ "l", { "lít", "ລິດ", "l", "l" } },
	{ "tablet", { "viên", "ເມັດ", "tablets", "comprimés" } },
	{ "plant", { "cây", "ຕົ້ນ", "plants", "plants" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

const struct vocab_term vocab_sexes[] = {
	{ "M", { "Nam", "ຊາຍ", "Male", "Homme" } },
	{ "F", { "Nữ", "ຍິງ", "Female", "Femme" } },
	{ "U", { "Không rõ", "ບໍ່ຮູ້", "Unknown", "Inconnu" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

const struct vocab_term *vocab_find(const struct vocab_term *table, const char *code)
{
	if (!code)
		return NULL;
	for (const struct vocab_term *t = table; t->code; t++)
		if (!strcmp(t->code, code))
			return t;
	return NULL;
}

const char *vocab_label(const struct vocab_term *table, const char *code, enum vocab_lang lang)
{
	const struct vocab_term *t = vocab_find(table, code);
	if (!t || (unsigned)lang >= LANG_COUNT)
		return code;
	return t->label[lang];
}

static const char *const lang_codes[LANG_COUNT] = { "vi", "lo", "en", "fr" };

int vocab_lang_parse(const char *s)
{
	for (int i = 0; i < LANG_COUNT; i++)
		if (s && !strcmp(s, lang_codes[i]))
			return i;
	return -1;
}

const char *vocab_lang_code(enum vocab_lang lang)
{
	return (unsigned)lang < LANG_COUNT ? lang_codes[lang] : "en";
}

bool vocab_category_is_drug(const char *code)
{
	return code && !strncmp(code, "drug_", 5) && vocab_find(vocab_categories, code);
}

int vocab_unit_measure(const char *unit, enum measure *kind, long long *base)
{
	static const struct { const char *u; enum measure k; long long b; } m[] = {
		{ "g", MEASURE_MASS, 1000 },          /* mg */
		{ "kg", MEASURE_MASS, 1000000 },
		{ "l", MEASURE_VOLUME, 1000 },        /* ml */
		{ "tablet", MEASURE_TABLET, 1 },
		{ "plant", MEASURE_PLANT, 1 },
	};
	for (size_t i = 0; unit && i < sizeof(m) / sizeof(m[0]); i++)
		if (!strcmp(m[i].u, unit)) {
			*kind = m[i].k;
			*base = m[i].b;
			return 0;
		}
	return -1;
}

/* Bits: 1 mass, 2 volume, 4 tablet, 8 plant. */
static const struct { const char *drug; unsigned ok; const char *text; } fits[] = {
	{ "heroin", 1, "g, kg" },
	{ "opium", 1, "g, kg" },
	{ "cannabis", 1, "g, kg" },
	{ "methamphetamine_crystal", 1, "g, kg" },
	{ "methamphetamine_tablets", 1 | 4, "g, kg, tablet" },
	{ "ketamine", 1, "g, kg" },
	{ "mdma", 1 | 4, "g, kg, tablet" },
	{ "cocaine", 1, "g, kg" },
	{ "precursor_chemicals", 1 | 2, "g, kg, l" },
	{ "opium_poppy", 8, "plant" },
	{ "cannabis_plant", 8, "plant" },
	{ "other", 1 | 2 | 4 | 8, "g, kg, l, tablet, plant" },
};

bool vocab_drug_unit_ok(const char *drug, const char *unit)
{
	enum measure k;
	long long b;

	if (vocab_unit_measure(unit, &k, &b))
		return false;
	for (size_t i = 0; drug && i < sizeof(fits) / sizeof(fits[0]); i++)
		if (!strcmp(fits[i].drug, drug))
			return (fits[i].ok >> k) & 1;
	return false;
}

const char *vocab_drug_units_text(const char *drug)
{
	for (size_t i = 0; drug && i < sizeof(fits) / sizeof(fits[0]); i++)
		if (!strcmp(fits[i].drug, drug))
			return fits[i].text;
	return "";
}

/* ISO 3166-1 alpha-3, officially assigned codes. */
static const char countries[] =
	" ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA"
	" BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN"
	" CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU"
	" EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB"
	" GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL"
	" ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO"
	" LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR"
	" MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER"
	" PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM"
	" SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK"
	" TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM"
	" VUT WLF WSM YEM ZAF ZMB ZWE ";

bool vocab_country_valid(const char *s)
{
	char key[6];

	if (!s || strlen(s) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	key[0] = ' ';
	memcpy(key + 1, s, 3);
	key[4] = ' ';
	key[5] = '\0';
	return strstr(countries, key) != NULL;
}

const char *vocab_month_name(int month, enum vocab_lang lang)
{
	static const char *const names[LANG_COUNT][12] = {
		{ "tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7",
		  "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12" },
		{ "ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ",
		  "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ" },
		{ "January", "February", "March", "April", "May", "June", "July", "August",
		  "September", "October", "November", "December" },
		{ "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		  "septembre", "octobre", "novembre", "décembre" },
	};
	if (month < 1 || month > 12 || (unsigned)lang >= LANG_COUNT)
		return "?";
	return names[lang][month - 1];
}
