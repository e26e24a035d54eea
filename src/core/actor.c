/*
 * actor.c: the system actor, and role names.
 */
#include <stdio.h>
#include <string.h>

#include "core/actor.h"
#include "util/strbuf.h"

static const struct {
	enum role bit;
	const char *name;
} roles[] = {
	{ ROLE_OFFICER, "officer" },
	{ ROLE_SUPERVISOR, "supervisor" },
	{ ROLE_ANALYST, "analyst" },
	{ ROLE_CHECKPOINT, "checkpoint" },
	{ ROLE_ADMIN, "admin" },
};

void actor_system(struct actor *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->system = true;
	a->roles = ROLE_ALL;
	snprintf(a->audit_name, sizeof(a->audit_name), "system:%s", name);
}

const char *role_name(enum role r)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].bit == r)
			return roles[i].name;
	return "?";
}

unsigned role_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (!strcmp(roles[i].name, name))
			return roles[i].bit;
	return 0;
}

int roles_parse_list(const char *list, unsigned *out)
{
	char word[32];
	size_t n = 0;

	*out = 0;
	for (const char *p = list;; p++) {
		if (*p == ',' || *p == '\0') {
			word[n] = '\0';
			if (n) {
				unsigned r = role_parse(word);
				if (!r)
					return -1;
				*out |= r;
			}
			n = 0;
			if (!*p)
				break;
		} else if (*p != ' ') {
			if (n + 1 >= sizeof(word))
				return -1;
			word[n++] = *p;
		}
	}
	return *out ? 0 : -1;
}

void roles_format(unsigned r, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (r & roles[i].bit) {
			int n = snprintf(buf + used, size - used, "%s%s", used ? "," : "", roles[i].name);
			if (n < 0 || (size_t)n >= size - used)
				return;
			used += (size_t)n;
		}
}
