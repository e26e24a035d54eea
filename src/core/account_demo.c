/*
 * account_demo.c: the demo accounts of `redline init --demo`: an officer
 * at every demo unit, a supervisor at one demo province of each country,
 * checkpoint users at a border post of each country, an analyst and an
 * admin at the node's ministry. Logins are the unit code in lower case
 * plus the role ("vn-22.officer", "la-xi.supervisor"); all share
 * ACCOUNT_DEMO_PASSWORD, hashed once for all (the salt is in the hash
 * string, so one string is a valid hash for every account).
 */
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/account.h"
#include "core/node.h"
#include "store/audit.h"
#include "store/meta.h"
#include "store/unit_store.h"
#include "store/user_store.h"
#include "util/clock.h"
#include "util/id.h"
#include "util/status.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Demo people, so the console shows names such as a post would have. */
static const char *const vn_names[] = {
	"Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thị Hà",
	"Vũ Đức Hải", "Đặng Thu Hương", "Bùi Văn Khánh", "Đỗ Thị Lan", "Ngô Thành Long",
};
static const char *const la_names[] = {
	"ສຸກສະຫວັນ ພົມມະຈັນ", "ບຸນມີ ວົງສະຫວັນ", "ຄຳຫຼ້າ ສີສຸວັນ", "ນາງ ມະນີວອນ ແກ້ວມະນີ",
	"ສົມພອນ ໄຊຍະວົງ", "ພອນໄຊ ສຸລິຍະ", "ນາງ ດາວເຮືອງ ພິລາວັນ", "ວິໄລ ຈັນທະລາ",
};

struct seeder {
	struct rl_db *db;
	const struct actor *a;
	const char *hash;       /* the one hash of ACCOUNT_DEMO_PASSWORD */
	char now[RL_TIME_LEN + 1];
	int nvn, nla;           /* names handed out per country */
	/* Collected while walking the demo units (the walk must end before
	 * inserting: one statement at a time per table keeps it simple). */
	struct unit *units;
	size_t nunits, alloc;
};

static int collect(const struct unit *u, void *data)
{
	struct seeder *s = data;

	ALLOC_GROW(s->units, s->nunits + 1, s->alloc);
	s->units[s->nunits++] = *u;
	return 0;
}

static const char *person(struct seeder *s, const char *country)
{
	if (!strcmp(country, "LAO"))
		return la_names[s->nla++ % (sizeof(la_names) / sizeof(la_names[0]))];
	return vn_names[s->nvn++ % (sizeof(vn_names) / sizeof(vn_names[0]))];
}

/* Adds one demo account inside node_init()'s transaction. */
static int add(struct seeder *s, const struct unit *un, const char *suffix, const char *login,
	       unsigned roles)
{
	struct user_rec u;
	char sum[256], rn[64];
	int rc;

	memset(&u, 0, sizeof(u));
	rl_id_new(u.id);
	if (login) {
		snprintf(u.login, sizeof(u.login), "%s", login);
	} else {
		snprintf(u.login, sizeof(u.login), "%s.%s", un->code, suffix);
		for (char *p = u.login; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	if ((rc = account_check_login(u.login)))
		return rc;
	snprintf(u.full_name, sizeof(u.full_name), "%s", person(s, un->country));
	memcpy(u.unit_id, un->id, sizeof(u.unit_id));
	u.roles = roles;
	u.demo = true;
	memcpy(u.created_at, s->now, sizeof(u.created_at));
	memcpy(u.updated_at, s->now, sizeof(u.updated_at));
	memcpy(u.password_changed_at, s->now, sizeof(u.password_changed_at));
	roles_format(roles, rn, sizeof(rn));
	snprintf(sum, sizeof(sum), "added demo user %s at unit %s with roles %s", u.login, un->code, rn);
	if ((rc = user_store_insert(s->db, &u, s->hash)) ||
	    (rc = audit_append(s->db, s->a->audit_name, "user.add", "user", u.id, sum)))
		return rc;
	return 0;
}

/* Whether a unit's English name says what it is (lower-cased compare). */
static bool named(const struct unit *u, const char *word)
{
	char low[RL_NAME_MAX + 1];
	size_t i;

	for (i = 0; u->name_en[i] && i < RL_NAME_MAX; i++)
		low[i] = (char)tolower((unsigned char)u->name_en[i]);
	low[i] = '\0';
	return strstr(low, word) != NULL;
}

/* The checkpoint post of a country: the demo unit named a checkpoint,
 * else one named a post, else the deepest border demo unit. */
static const struct unit *post_of(const struct seeder *s, const char *country,
				  const char *preferred)
{
	const struct unit *post = NULL, *border = NULL;

	for (size_t i = 0; i < s->nunits; i++) {
		const struct unit *u = &s->units[i];
		if (strcmp(u->country, country))
			continue;
		if (!strcmp(u->code, preferred) || named(u, "checkpoint"))
			return u;
		if (!post && named(u, "post"))
			post = u;
		if (u->border && (!border || u->level > border->level))
			border = u;
	}
	return post ? post : border;
}

/* The province a supervisor works at: `preferred` if the directory has
 * it, else the province above the country's first demo unit. */
static int province_of(const struct seeder *s, const char *country, const char *preferred,
		       struct unit *out)
{
	struct unit anc;

	if (!unit_store_find(s->db, preferred, NULL, out) && out->exists)
		return 0;
	for (size_t i = 0; i < s->nunits; i++) {
		const struct unit *u = &s->units[i];
		if (strcmp(u->country, country))
			continue;
		for (int depth = 0; depth < UNIT_LEVELS && u; depth++) {
			if (u->level == 1) {
				*out = *u;
				return 0;
			}
			char parent[RL_ID_LEN + 1];
			memcpy(parent, u->parent_id, sizeof(parent));
			if (!parent[0] || unit_store_find(s->db, parent, NULL, &anc))
				break;
			u = &anc;
		}
	}
	return RL_ENOTFOUND;
}

int account_seed_demo(struct rl_db *db, const struct actor *a, bool demo)
{
	static const char *const countries[] = { "VNM", "LAO" };
	/* Nghệ An and Xiangkhouang face each other at Nậm Cắn / Nam Kan,
	 * where the demo's international checkpoint is. */
	static const char *const provinces[] = { "VN-22", "LA-XI" };
	static const char *const posts[] = { "VN-22-C9001", "LA-XI-V0102" };
	struct seeder s = { .db = db, .a = a };
	struct unit_filter f = { .level = -1, .border = -1, .demo = 1 };
	char hash[USER_HASH_MAX], country[8], today[RL_DATE_LEN + 1];
	struct unit ministry;
	int rc;

	if (!demo)
		return 0;
	rl_today(today);
	f.on = today;
	rl_time_format(rl_now_ms(), s.now);
	if ((rc = meta_get(db, "country", country, sizeof(country))))
		return rc;
	if ((rc = account_hash_password(ACCOUNT_DEMO_PASSWORD, strlen(ACCOUNT_DEMO_PASSWORD), hash)))
		return rc;
	s.hash = hash;
	if ((rc = unit_store_list(db, &f, collect, &s)))
		goto out;
	for (size_t i = 0; i < s.nunits; i++)
		if ((rc = add(&s, &s.units[i], "officer", NULL, ROLE_OFFICER)))
			goto out;
	for (size_t c = 0; c < 2; c++) {
		struct unit prov;
		const struct unit *post = post_of(&s, countries[c], posts[c]);
		if (!province_of(&s, countries[c], provinces[c], &prov) &&
		    (rc = add(&s, &prov, "supervisor", NULL, ROLE_OFFICER | ROLE_SUPERVISOR)))
			goto out;
		if (post && (rc = add(&s, post, "checkpoint", NULL, ROLE_CHECKPOINT)))
			goto out;
	}
	rl_error_clear();
	/* The node's ministry; failing that (a directory without it), any
	 * demo unit of the node's country; failing that, no admin. */
	rc = unit_store_find(db, strcmp(country, "LAO") ? "VN-MPS" : "LA-MPS", NULL, &ministry);
	if (rc == RL_ENOTFOUND) {
		rc = 0;
		ministry.id[0] = '\0';
		for (size_t i = 0; i < s.nunits; i++)
			if (!strcmp(s.units[i].country, country)) {
				ministry = s.units[i];
				break;
			}
		rl_error_clear();
	}
	if (rc || !ministry.id[0])
		goto out;
	if ((rc = add(&s, &ministry, NULL, "admin", ROLE_ADMIN)) ||
	    (rc = add(&s, &ministry, NULL, "analyst", ROLE_ANALYST)))
		goto out;
out:
	free(s.units);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}
