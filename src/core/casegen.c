/*
 * casegen.c: the synthetic demo cases of casegen.h. Exact totals come from
 * integer allocation: a total is split over chosen cases in proportion to
 * random heavy-tailed weights, each case getting at least one unit, and
 * the remainder of the integer division handed out one by one.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/casegen.h"
#include "util/clock.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* splitmix64: small, fast, and the same on every platform. */
struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static uint64_t below(struct rng *r, uint64_t n)
{
	return n ? next(r) % n : 0;
}

/* A uniform double in [0, 1). */
static double unit(struct rng *r)
{
	return (double)(next(r) >> 11) / 9007199254740992.0;
}

/* Picks from weights[0..n-1]. */
static size_t pick(struct rng *r, const unsigned *w, size_t n)
{
	unsigned total = 0, x;
	for (size_t i = 0; i < n; i++)
		total += w[i];
	x = (unsigned)below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* Knuth's selection sampling: marks exactly k of n. */
static void choose(struct rng *r, unsigned char *mark, size_t n, size_t k)
{
	for (size_t i = 0; i < n; i++) {
		if (below(r, n - i) < k) {
			mark[i] = 1;
			k--;
		} else {
			mark[i] = 0;
		}
	}
}

/* Splits total (>= n) over n slots: each >= 1, heavy-tailed, exact sum. */
static void allocate(struct rng *r, long long total, size_t n, long long *out)
{
	long long *w = xcalloc(n, sizeof(*w));
	long long wsum = 0, given = 0, rest = total - (long long)n;

	for (size_t i = 0; i < n; i++) {
		double u = unit(r);
		w[i] = 1 + (long long)(u * u * u * u * 10000.0);
		wsum += w[i];
	}
	for (size_t i = 0; i < n; i++) {
		out[i] = 1 + rest * w[i] / wsum;
		given += out[i];
	}
	for (size_t i = 0; given < total; i = (i + 1) % n, given++)
		out[i]++;
	free(w);
}

struct gperson {
	int nationality;   /* index in nats */
	int role;          /* 0 arrested, 1 suspect, 2 witness */
};

struct gseizure {
	const char *drug;
	const char *unit;  /* "g" (grams), "tablet", "plant", "l" */
	long long amount;  /* grams, tablets, plants, litres */
};

struct gcase {
	const char *country, *unit, *category;
	long day;          /* days since 1970 */
	int nsus;          /* suspects and arrested */
	int nforeign;      /* of them foreign */
	int witnesses;
	struct gseizure sz[3];
	int nsz;
};

static const char *const vn_family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng",
	"Bùi", "Đỗ", "Hồ", "Ngô", "Lò", "Vì", "Thào", "Giàng", "Sùng", "Lầu", "Lương", "Hà", "Cầm" };
static const char *const vn_middle_m[] = { "Văn", "Đức", "Minh", "A", "Quang", "Xuân" };
static const char *const vn_middle_f[] = { "Thị", "Thị", "Ngọc", "Thu" };
static const char *const vn_given_m[] = { "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Khánh",
	"Long", "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thắng", "Tuấn", "Việt", "Páo", "Chứ", "Dế",
	"Sính", "Tủa", "Lử", "Pó", "Mạnh", "Toàn", "Trung", "Vinh", "Hưng", "Lâm", "Đạt" };
static const char *const vn_given_f[] = { "Lan", "Mai", "Hoa", "Hương", "Linh", "Nga", "Thảo",
	"Trang", "Vân", "Yến", "Dợ", "Mỷ", "Chi", "Hạnh", "Nhung" };
static const char *const vn_second[] = { "Anh", "Hoàng", "Tiến", "Thành", "Ngọc", "Kim", "Hữu",
	"Bảo", "Gia", "Trọng" };

/* Lao names in Lao script with their usual romanization. */
static const char *const la_given[][2] = {
	{ "ສົມໃຈ", "Somchai" }, { "ບຸນມີ", "Bounmy" }, { "ຄຳພອນ", "Khamphone" },
	{ "ສຸກສະຫວັນ", "Souksavanh" }, { "ພອນສະຫວັນ", "Phonesavanh" }, { "ວິໄລພອນ", "Vilayphone" },
	{ "ແກ້ວ", "Keo" }, { "ນ້ອຍ", "Noy" }, { "ແສງດາວ", "Sengdao" }, { "ບົວພັນ", "Bouaphanh" },
	{ "ສີສຸພັນ", "Sisouphanh" }, { "ທອງດີ", "Thongdy" }, { "ຄຳແພງ", "Khamphaeng" },
	{ "ວັນໄຊ", "Vanxay" }, { "ອານຸສອນ", "Anousone" }, { "ສົມສັກ", "Somsak" },
	{ "ບຸນທັນ", "Bounthanh" }, { "ພູວົງ", "Phouvong" }, { "ຈັນທະລາ", "Chanthala" },
	{ "ມະນີວອນ", "Manivone" } };
static const char *const la_family[][2] = {
	{ "ພົມມະຈັນ", "Phommachanh" }, { "ວົງສາ", "Vongsa" }, { "ສີສຸກ", "Sisouk" },
	{ "ແກ້ວມະນີ", "Keomany" }, { "ອິນທະວົງ", "Inthavong" }, { "ໄຊຍະວົງ", "Xayavong" },
	{ "ພິມມະສອນ", "Phimmasone" }, { "ສຸລິຍະວົງ", "Souliyavong" }, { "ຈັນທະວົງ", "Chanthavong" },
	{ "ບຸດສະດີ", "Boutsady" }, { "ສີຫາລາດ", "Sihalath" }, { "ລາດສະວົງ", "Latsavong" },
	{ "ຂັນທະວົງ", "Khanthavong" }, { "ໄຊສົມບັດ", "Xaysombath" }, { "ວິລະວົງ", "Vilavong" } };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const nats[] = { "VNM", "LAO", "THA", "CHN", "MMR", "KHM" };

static void date_of(long day, char out[RL_DATE_LEN + 1])
{
	rl_days_to_date(day, out);
}

static long day_of(const char *date)
{
	return (long)rl_date_to_days(date);
}

static void birth(struct rng *r, char *buf, size_t size)
{
	int y = 1958 + (int)below(r, 47), m = 1 + (int)below(r, 12), d = 1 + (int)below(r, 28);
	unsigned k = (unsigned)below(r, 20);
	if (k == 0)
		snprintf(buf, size, "%d", y);
	else if (k == 1)
		snprintf(buf, size, "%d-%02d", y, m);
	else
		snprintf(buf, size, "%d-%02d-%02d", y, m, d);
}

/* A remembered person, so some appear again (the duplicates to merge). */
struct remembered {
	char name[160], alias[160], bd[16], sex[2];
	int nat;
	int have;
};

/* mem: a person of an earlier case who may appear again; the person made
 * here goes to next, which becomes mem once the case is written (so a
 * person is never repeated within one case). */
static json_t *make_person(struct rng *r, int idx, int nat, int role, const char *country,
			   const struct remembered *mem, struct remembered *next)
{
	json_t *p = json_object();
	char ref[16], bd[16], name[160], alias[160];
	const char *sex;
	static const char *const roles[] = { "arrested", "suspect", "witness" };

	snprintf(ref, sizeof(ref), "P%d", idx + 1);
	alias[0] = '\0';
	/* About one person in 150 is someone seen before: same name, birth date. */
	if (mem->have && below(r, 150) == 0 && mem->nat == nat) {
		snprintf(name, sizeof(name), "%s", mem->name);
		snprintf(alias, sizeof(alias), "%s", mem->alias);
		snprintf(bd, sizeof(bd), "%s", mem->bd);
		sex = mem->sex[0] == 'F' ? "F" : "M";
	} else {
		bool female = below(r, 5) == 0;
		sex = female ? "F" : "M";
		birth(r, bd, sizeof(bd));
		if (!strcmp(nats[nat], "LAO")) {
			size_t g = below(r, N(la_given)), f = below(r, N(la_family));
			snprintf(name, sizeof(name), "%s %s", la_given[g][0], la_family[f][0]);
			snprintf(alias, sizeof(alias), "%s %s", la_given[g][1], la_family[f][1]);
		} else if (!strcmp(nats[nat], "VNM")) {
			const char *fam = vn_family[below(r, N(vn_family))];
			const char *mid = female ? vn_middle_f[below(r, N(vn_middle_f))]
						 : vn_middle_m[below(r, N(vn_middle_m))];
			const char *giv = female ? vn_given_f[below(r, N(vn_given_f))]
						 : vn_given_m[below(r, N(vn_given_m))];
			if (below(r, 2))
				snprintf(name, sizeof(name), "%s %s %s %s", fam, mid,
					 vn_second[below(r, N(vn_second))], giv);
			else
				snprintf(name, sizeof(name), "%s %s %s", fam, mid, giv);
		} else {
			static const char *const other[] = { "Somchai Srisuk", "Wang Wei", "Li Ming",
				"Aung Kyaw", "Zhang Lei", "Sok Dara", "Chen Jie", "Kyaw Min Thu",
				"Nattapong Saelee", "Liu Yang", "Myo Win", "Sombat Chaiyo" };
			snprintf(name, sizeof(name), "%s", other[below(r, N(other))]);
		}
	}
	snprintf(next->name, sizeof(next->name), "%s", name);
	snprintf(next->alias, sizeof(next->alias), "%s", alias);
	snprintf(next->bd, sizeof(next->bd), "%s", bd);
	snprintf(next->sex, sizeof(next->sex), "%s", sex);
	next->nat = nat;
	next->have = 1;
	json_object_set_new(p, "ref", json_string(ref));
	json_object_set_new(p, "full_name", json_string(name));
	if (*alias) {
		json_t *names = json_array(), *n = json_object();
		json_object_set_new(n, "name", json_string(alias));
		json_object_set_new(n, "script", json_string("Latn"));
		json_object_set_new(n, "alias", json_true());
		json_array_append_new(names, n);
		json_object_set_new(p, "names", names);
	}
	json_object_set_new(p, "birth_date", json_string(bd));
	json_object_set_new(p, "sex", json_string(sex));
	json_object_set_new(p, "nationality", json_string(nats[nat]));
	json_object_set_new(p, "role", json_string(roles[role]));
	(void)country;
	return p;
}

static json_t *make_seizure(const struct gseizure *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "drug", json_string(s->drug));
	if (!strcmp(s->unit, "g") && s->amount >= 1000) {
		if (s->amount % 1000 == 0)
			json_object_set_new(o, "quantity", json_integer(s->amount / 1000));
		else
			json_object_set_new(o, "quantity", json_real((double)s->amount / 1000.0));
		json_object_set_new(o, "unit", json_string("kg"));
	} else {
		json_object_set_new(o, "quantity", json_integer(s->amount));
		json_object_set_new(o, "unit", json_string(s->unit));
	}
	return o;
}

struct writer {
	FILE *out;
	struct rng *r;
	long lines;
	long seq_vn, seq_la;
	struct remembered mem_vn, mem_la;  /* persons of earlier cases */
	struct remembered next;            /* the last person of the case being written */
	int err;
};

static const char *const statuses[] = { "open", "under_investigation", "transferred_to_prosecution",
	"closed" };

static void emit(struct writer *w, const struct gcase *c)
{
	json_t *o = json_object(), *persons = json_array(), *sz = json_array();
	char date[RL_DATE_LEN + 1], ref[64];
	int own = !strcmp(c->country, "VNM") ? 0 : 1;
	int idx = 0;
	long seq = own == 0 ? ++w->seq_vn : ++w->seq_la;
	char *s;

	date_of(c->day, date);
	snprintf(ref, sizeof(ref), "%s-%.4s-%06ld", c->unit, date, seq);
	json_object_set_new(o, "ref", json_string(ref));
	json_object_set_new(o, "country", json_string(c->country));
	json_object_set_new(o, "unit", json_string(c->unit));
	json_object_set_new(o, "category", json_string(c->category));
	json_object_set_new(o, "opened", json_string(date));
	/* Older cases are further along. */
	json_object_set_new(o, "status", json_string(statuses[c->day < day_of("2024-01-01")
		? 2 + below(w->r, 2) : below(w->r, 4)]));
	json_object_set_new(o, "summary", json_string(""));
	for (int i = 0; i < c->nsus; i++) {
		int nat = own;
		int role = below(w->r, 10) < 7 ? 0 : 1;
		if (i < c->nforeign) {
			static const unsigned wv[] = { 0, 0, 20, 20, 10, 5 };
			nat = (int)pick(w->r, wv, N(wv));
			if (own == 1 && below(w->r, 2))
				nat = 0;  /* Vietnamese in Laos: half the foreigners */
			else if (own == 0 && below(w->r, 2))
				nat = 1;
		}
		json_array_append_new(persons, make_person(w->r, idx++, nat, role, c->country,
							   own == 0 ? &w->mem_vn : &w->mem_la, &w->next));
	}
	for (int i = 0; i < c->witnesses; i++)
		json_array_append_new(persons, make_person(w->r, idx++, own, 2, c->country,
							   own == 0 ? &w->mem_vn : &w->mem_la, &w->next));
	for (int i = 0; i < c->nsz; i++)
		json_array_append_new(sz, make_seizure(&c->sz[i]));
	json_object_set_new(o, "persons", persons);
	json_object_set_new(o, "seizures", sz);
	if (w->next.have)
		*(own == 0 ? &w->mem_vn : &w->mem_la) = w->next;
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	if (!s || fputs(s, w->out) < 0 || fputc('\n', w->out) < 0)
		w->err = 1;
	free(s);
	json_decref(o);
	w->lines++;
}

static const char *const mass_drugs[] = { "heroin", "methamphetamine_crystal", "opium", "cannabis",
	"ketamine" };
static const unsigned mass_w[] = { 35, 35, 10, 15, 5 };

static const char *const vn_border[] = { "VN-71", "VN-05", "VN-21", "VN-22", "VN-23", "VN-24",
	"VN-25", "VN-26", "VN-27", "VN-28" };
static const unsigned vn_border_w[] = { 14, 16, 10, 20, 8, 6, 7, 5, 6, 8 };
static const char *const vn_drug_cats[] = { "drug_trafficking", "drug_transport", "drug_possession",
	"drug_use_organising", "drug_manufacture" };
static const unsigned vn_drug_cats_w[] = { 40, 22, 28, 8, 2 };

/* Suspects: everyone has one, the extra ones go to random cases. */
static void spread_suspects(struct rng *r, struct gcase *c, size_t n, long long total)
{
	for (size_t i = 0; i < n; i++)
		c[i].nsus = 1;
	for (long long extra = total - (long long)n; extra > 0;) {
		size_t i = below(r, n);
		if (c[i].nsus < 9) {
			c[i].nsus++;
			extra--;
		}
	}
}

static void random_seizure(struct rng *r, struct gcase *c, bool lao)
{
	struct gseizure *s = &c->sz[c->nsz];
	unsigned k = (unsigned)below(r, 10);

	if (k < (lao ? 5u : 3u)) {
		s->drug = below(r, 8) ? "methamphetamine_tablets" : "mdma";
		s->unit = "tablet";
		s->amount = 10 + (long long)(unit(r) * unit(r) * unit(r) * unit(r) * 100000.0);
	} else if (k < 9) {
		s->drug = mass_drugs[pick(r, mass_w, N(mass_w))];
		s->unit = "g";
		s->amount = 1 + (long long)(unit(r) * unit(r) * unit(r) * 20000.0);
	} else {
		s->drug = lao && below(r, 2) ? "cannabis_plant" : "opium_poppy";
		s->unit = "plant";
		s->amount = 5 + (long long)below(r, 300);
	}
	c->nsz++;
}

static void extra_cases(struct writer *w, const char *const *units, size_t nunits, const char *country,
			const char *from, const char *to, size_t n, const char *category)
{
	struct rng *r = w->r;
	long d0 = day_of(from), d1 = day_of(to);

	for (size_t i = 0; i < n; i++) {
		struct gcase c = { 0 };
		c.country = country;
		c.unit = units[below(r, nunits)];
		c.category = category ? category : vn_drug_cats[pick(r, vn_drug_cats_w, N(vn_drug_cats_w))];
		c.day = d0 + (long)below(r, (uint64_t)(d1 - d0 + 1));
		c.nsus = 1 + (int)below(r, 3);
		c.nforeign = below(r, 20) == 0 ? 1 : 0;
		if (!strncmp(c.category, "drug_", 5))
			random_seizure(r, &c, !strcmp(country, "LAO"));
		emit(w, &c);
	}
}

static int by_day(const void *a, const void *b)
{
	long x = ((const struct gcase *)a)->day, y = ((const struct gcase *)b)->day;
	return (x > y) - (x < y);
}

/* What one period's cases add up to (see casegen.h), and how many cases
 * carry each kind of seizure in Viet Nam. */
struct period_targets {
	const char *from, *to;
	size_t vn_cases;
	long long vn_suspects, vn_mass_g, vn_tablets, vn_poppy_plants;
	size_t vn_cultivation, vn_mass_cases, vn_tablet_cases;
	size_t la_cases;
	long long la_suspects, la_foreign;
};

/* The ministries' period. */
static const struct period_targets seed_period = {
	CASEGEN_FROM, CASEGEN_TO,
	CASEGEN_VN_CASES, CASEGEN_VN_SUSPECTS, CASEGEN_VN_MASS_G, CASEGEN_VN_TABLETS,
	CASEGEN_VN_POPPY_PLANTS, 64, 9000, 1500,
	CASEGEN_LA_DRUG_CASES, CASEGEN_LA_SUSPECTS, CASEGEN_LA_FOREIGN,
};

/* The three years before, so the conference report's trend compares with
 * something: somewhat fewer cases and seizures, more poppy fields. */
static const struct period_targets previous_period = {
	CASEGEN_PREV_FROM, CASEGEN_PREV_TO,
	CASEGEN_PREV_VN_CASES, CASEGEN_PREV_VN_SUSPECTS, CASEGEN_PREV_VN_MASS_G, CASEGEN_PREV_VN_TABLETS,
	CASEGEN_PREV_VN_POPPY_PLANTS, 90, 8100, 1250,
	CASEGEN_PREV_LA_DRUG_CASES, CASEGEN_PREV_LA_SUSPECTS, CASEGEN_PREV_LA_FOREIGN,
};

/* Writes the drug cases of one period in the ten Vietnamese border
 * provinces and in all of Laos, adding up exactly to t, by date. */
static void write_period(struct writer *w, const struct period_targets *t)
{
	struct rng *r = w->r;
	long d0 = day_of(t->from), d1 = day_of(t->to), span = d1 - d0 + 1;
	size_t nvn = t->vn_cases, nla = t->la_cases;
	struct gcase *vn = xcalloc(nvn, sizeof(*vn)), *la = xcalloc(nla, sizeof(*la));
	unsigned char *mark = xcalloc(nla > nvn ? nla : nvn, 1);
	unsigned char *fmark = xcalloc((size_t)t->la_suspects, 1);
	long long *alloc;
	size_t k, ncult = t->vn_cultivation, nmass = t->vn_mass_cases, ntab = t->vn_tablet_cases;
	size_t nalloc = nmass > ntab ? nmass : ntab;
	/* ---- Viet Nam, the ten border provinces, in the period ---- */
	for (size_t i = 0; i < nvn; i++) {
		vn[i].country = "VNM";
		vn[i].unit = vn_border[pick(r, vn_border_w, N(vn_border_w))];
		vn[i].category = vn_drug_cats[pick(r, vn_drug_cats_w, N(vn_drug_cats_w))];
		vn[i].day = d0 + (long)below(r, (uint64_t)span);
		vn[i].witnesses = below(r, 20) == 0;
	}
	spread_suspects(r, vn, nvn, t->vn_suspects);
	for (size_t i = 0; i < nvn; i++)
		vn[i].nforeign = below(r, 40) == 0 ? 1 : 0;
	/* Poppy fields: cultivation cases in the northern highlands. */
	choose(r, mark, nvn, ncult);
	alloc = xcalloc(nalloc > ncult ? nalloc : ncult, sizeof(*alloc));
	allocate(r, t->vn_poppy_plants, ncult, alloc);
	k = 0;
	for (size_t i = 0; i < nvn; i++)
		if (mark[i]) {
			static const char *const north[] = { "VN-71", "VN-05", "VN-22", "VN-21" };
			vn[i].unit = north[below(r, N(north))];
			vn[i].category = "drug_cultivation";
			vn[i].sz[vn[i].nsz++] = (struct gseizure){ "opium_poppy", "plant", alloc[k++] };
		}
	/* Mass seizures, then tablets, among the other cases. */
	{
		size_t nother = nvn - ncult, j;
		size_t *other = xcalloc(nother, sizeof(*other));
		unsigned char *m2 = xcalloc(nother, 1);

		j = 0;
		for (size_t i = 0; i < nvn; i++)
			if (!mark[i])
				other[j++] = i;
		choose(r, m2, nother, nmass);
		allocate(r, t->vn_mass_g, nmass, alloc);
		k = 0;
		for (j = 0; j < nother; j++)
			if (m2[j]) {
				struct gcase *c = &vn[other[j]];
				c->sz[c->nsz++] = (struct gseizure){ mass_drugs[pick(r, mass_w, N(mass_w))], "g", alloc[k++] };
			}
		choose(r, m2, nother, ntab);
		allocate(r, t->vn_tablets, ntab, alloc);
		k = 0;
		for (j = 0; j < nother; j++)
			if (m2[j]) {
				struct gcase *c = &vn[other[j]];
				c->sz[c->nsz++] = (struct gseizure){ below(r, 10) ? "methamphetamine_tablets" : "mdma",
								     "tablet", alloc[k++] };
			}
		free(other);
		free(m2);
	}
	free(alloc);

	/* ---- Laos, the whole country, in the period ---- */
	{
		static const char *const la_units[] = { "LA-PH", "LA-LP", "LA-HO", "LA-XI", "LA-BL",
			"LA-KH", "LA-SV", "LA-SL", "LA-XE", "LA-AT", "LA-VT", "LA-CH" };
		static const unsigned la_w[] = { 5, 9, 5, 6, 9, 8, 14, 5, 3, 4, 20, 12 };
		static const char *const la_cats[] = { "drug_trafficking", "drug_transport",
			"drug_possession", "drug_use_organising" };
		static const unsigned la_cw[] = { 45, 25, 25, 5 };
		size_t pos = 0;

		for (size_t i = 0; i < nla; i++) {
			la[i].country = "LAO";
			la[i].unit = la_units[pick(r, la_w, N(la_w))];
			la[i].category = la_cats[pick(r, la_cw, N(la_cw))];
			la[i].day = d0 + (long)below(r, (uint64_t)span);
			la[i].witnesses = below(r, 25) == 0;
			if (below(r, 10) < 7)
				random_seizure(r, &la[i], true);
		}
		spread_suspects(r, la, nla, t->la_suspects);
		/* Exactly la_foreign of the suspects are foreigners; within a
		 * case they are counted first (make_person's nforeign). */
		choose(r, fmark, (size_t)t->la_suspects, (size_t)t->la_foreign);
		for (size_t i = 0; i < nla; i++)
			for (int s = 0; s < la[i].nsus; s++)
				la[i].nforeign += fmark[pos++];
	}

	/* Interleave the two countries by date so the file reads like a log. */
	qsort(vn, nvn, sizeof(*vn), by_day);
	qsort(la, nla, sizeof(*la), by_day);
	{
		size_t i = 0, j = 0;
		while (i < nvn || j < nla) {
			if (j >= nla || (i < nvn && vn[i].day <= la[j].day))
				emit(w, &vn[i++]);
			else
				emit(w, &la[j++]);
		}
	}
	free(vn);
	free(la);
	free(mark);
	free(fmark);
}

long casegen_write(FILE *out, uint64_t seed)
{
	struct rng r = { seed * 0x2545F4914F6CDD1DULL + 1 };
	struct writer w = { .out = out, .r = &r };

	write_period(&w, &seed_period);

	/* ---- outside the totals ---- */
	{
		static const char *const late_border[] = { "VN-29", "VN-DN" };
		static const char *const merged_away[] = { "VN-24", "VN-27", "VN-28" };
		static const char *const after[] = { "VN-25", "VN-29", "VN-DN", "VN-22", "VN-05" };
		static const char *const la_non[] = { "LA-VT", "LA-SV", "LA-CH", "LA-BL" };

		/* Not on the border then: excluded from --border-only. */
		extra_cases(&w, late_border, N(late_border), "VNM", CASEGEN_FROM, CASEGEN_TO, 150, NULL);
		/* Non-drug cases in the period: excluded by --category drugs. */
		extra_cases(&w, la_non, N(la_non), "LAO", CASEGEN_FROM, CASEGEN_TO, 300, "human_trafficking");
		extra_cases(&w, la_non, N(la_non), "LAO", CASEGEN_FROM, CASEGEN_TO, 100, "smuggling");
		/* Before and after the period. */
		extra_cases(&w, vn_border, N(vn_border), "VNM", "2021-01-01", "2021-06-30", 120, NULL);
		extra_cases(&w, merged_away, N(merged_away), "VNM", "2025-01-01", "2025-06-30", 90, NULL);
		extra_cases(&w, after, N(after), "VNM", "2025-07-01", "2025-12-31", 200, NULL);
		extra_cases(&w, vn_border, N(vn_border), "VNM", "2020-01-01", "2020-12-31", 30, "human_trafficking");
	}
	/* Last, so the cases above are the same whatever is added here. */
	write_period(&w, &previous_period);
	if (w.err || fflush(out))
		return rl_error(RL_EIO, "writing the generated cases failed");
	return w.lines;
}

long casegen_write_bulk(FILE *out, uint64_t seed, long count)
{
	static const char *const vn[] = { "VN-71", "VN-05", "VN-21", "VN-22", "VN-23", "VN-24", "VN-25",
		"VN-26", "VN-27", "VN-28", "VN-29", "VN-DN" };
	static const char *const la[] = { "LA-PH", "LA-LP", "LA-HO", "LA-XI", "LA-BL", "LA-KH", "LA-SV",
		"LA-SL", "LA-XE", "LA-AT", "LA-VT", "LA-CH" };
	struct rng r = { seed * 0x2545F4914F6CDD1DULL + 7 };
	struct writer w = { .out = out, .r = &r };
	long d0 = day_of("2015-01-01"), d1 = day_of("2025-12-31"), reform = day_of("2025-07-01");

	for (long i = 0; i < count && !w.err; i++) {
		struct gcase c = { 0 };
		bool lao = below(&r, 2);
		c.country = lao ? "LAO" : "VNM";
		c.unit = lao ? la[below(&r, N(la))] : vn[below(&r, N(vn))];
		c.day = d0 + (long)below(&r, (uint64_t)(d1 - d0 + 1));
		/* Provinces merged away in 2025 hand later cases to their successor. */
		if (c.day >= reform) {
			if (!strcmp(c.unit, "VN-24"))
				c.unit = "VN-25";
			else if (!strcmp(c.unit, "VN-27"))
				c.unit = "VN-DN";
			else if (!strcmp(c.unit, "VN-28"))
				c.unit = "VN-29";
		}
		c.category = vn_drug_cats[pick(&r, vn_drug_cats_w, N(vn_drug_cats_w))];
		c.nsus = 1 + (int)below(&r, 2);
		c.nforeign = below(&r, 30) == 0;
		if (below(&r, 2))
			random_seizure(&r, &c, lao);
		emit(&w, &c);
	}
	if (w.err || fflush(out))
		return rl_error(RL_EIO, "writing the generated cases failed");
	return w.lines;
}
