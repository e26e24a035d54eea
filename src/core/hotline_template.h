/*
 * hotline_template.h: the structured fields of each kind of hotline
 * message (an alert's threat and direction, a locate-person request's
 * name and last known place...), defined once with their labels in the
 * four languages of the network (vi, lo, en, fr), so the CLI, the API and
 * the console show a Lao officer a Vietnamese alert's fields in Lao.
 *
 * A message's fields are a JSON object of field name -> value (a string;
 * a number for number fields). Validation refuses unknown fields, unknown
 * codes, bad dates and missing required fields, naming the field.
 *
 * Ownership: everything returned points into static tables.
 */
#ifndef RL_CORE_HOTLINE_TEMPLATE_H
#define RL_CORE_HOTLINE_TEMPLATE_H

#include <stdbool.h>

#include "util/strbuf.h"

/* A text in the four languages. */
struct tpl_label {
	const char *vi, *lo, *en, *fr;
};

struct tpl_code {
	const char *code;
	struct tpl_label label;
};

enum tpl_type { TPL_TEXT, TPL_DATE, TPL_NUMBER, TPL_CODE, TPL_PERSON, TPL_PLACE };

struct tpl_field {
	const char *name;
	enum tpl_type type;
	bool required;
	struct tpl_label label;
	const struct tpl_code *codes;   /* TPL_CODE: NULL-code-terminated */
};

struct hotline_template {
	const char *kind;               /* information, request, alert, reply */
	const char *subtype;            /* "" or a request subtype */
	struct tpl_label title;
	const struct tpl_field *fields; /* NULL-name-terminated */
};

/* The template of a kind and subtype ("" for none); NULL if none. */
const struct hotline_template *hotline_template_find(const char *kind, const char *subtype);
/* All templates, NULL-kind-terminated. */
const struct hotline_template *hotline_templates(void);
/* The label in lang ("vi", "lo", "en", "fr"; anything else: English). */
const char *tpl_label_in(const struct tpl_label *l, const char *lang);
const char *tpl_type_name(enum tpl_type t);
/* Labels of the message kinds, request subtypes, priorities and TLP
 * values, by key; NULL if unknown. */
const struct tpl_label *hotline_word(const char *key);

/*
 * Checks fields_json (NULL or "" means {}) against the template of
 * kind/subtype and writes the normalised JSON object into out.
 * RL_EINVAL naming the field or code on any problem.
 */
int hotline_fields_check(const char *kind, const char *subtype, const char *fields_json,
			 struct strbuf *out);

/* Appends the searchable text of fields: values and, for codes, their
 * labels in every language (so "ma túy" finds a drug_shipment alert). */
void hotline_fields_text(const char *kind, const char *subtype, const char *fields_json,
			 struct strbuf *out);

#endif
