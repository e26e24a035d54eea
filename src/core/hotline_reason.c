/*
 * hotline_reason.c: the timeline's sentences in four languages (see
 * hotline_reason.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/hotline_reason.h"
#include "core/hotline_template.h"
#include "util/banned.h"

struct sentence {
	const char *code;
	struct tpl_label text;                /* with {name} placeholders */
};

static const struct sentence sentences[] = {
	{ "ack_overdue", { "{from} không xác nhận đúng hạn: chuyển lên {to}",
			   "{from} ບໍ່ໄດ້ຮັບຊາບທັນເວລາ: ສົ່ງຂຶ້ນໃຫ້ {to}",
			   "{from} did not acknowledge in time: passed up to {to}",
			   "{from} n'a pas accusé réception à temps : transmis à {to}" } },
	{ "reply_overdue", { "{from} không trả lời đúng hạn: chuyển lên {to}",
			     "{from} ບໍ່ໄດ້ຕອບທັນເວລາ: ສົ່ງຂຶ້ນໃຫ້ {to}",
			     "{from} did not reply in time: passed up to {to}",
			     "{from} n'a pas répondu à temps : transmis à {to}" } },
	{ "nobody_on_duty", { "không có ai trực tại {from}: chuyển ngay lên {to}",
			      "ບໍ່ມີຜູ້ປະຈຳການຢູ່ {from}: ສົ່ງຂຶ້ນໃຫ້ {to} ທັນທີ",
			      "nobody on duty at {from}: passed up to {to} at once",
			      "personne de permanence à {from} : transmis aussitôt à {to}" } },
	{ "no_level_above", { "{unit} là cấp cao nhất: không còn cấp trên để chuyển ({why})",
			      "{unit} ເປັນຂັ້ນສູງສຸດ: ບໍ່ມີຂັ້ນເທິງໃຫ້ສົ່ງຕໍ່ ({why})",
			      "{unit} is the top level: there is no level above to pass it to ({why})",
			      "{unit} est le niveau le plus haut : aucun niveau au-dessus ({why})" } },
	{ "informed", { "{unit} được thông báo việc chuyển lên {to}",
			"{unit} ໄດ້ຮັບແຈ້ງການສົ່ງຂຶ້ນໃຫ້ {to}",
			"{unit} told of the escalation to {to}",
			"{unit} informé de la remontée à {to}" } },
	{ "forwarded", { "đến {to}", "ໃຫ້ {to}", "to {to}", "à {to}" } },
	{ "forwarded_note", { "đến {to}: {note}", "ໃຫ້ {to}: {note}", "to {to}: {note}", "à {to} : {note}" } },
	/* Closing is the sender's act: with no note, what it means for the
	 * addressees; with one, the note as written. */
	{ "closed", { "không chờ trả lời thêm", "ບໍ່ລໍຖ້າຄຳຕອບອີກ", "no more replies expected",
		      "plus de réponse attendue" } },
	{ "closed_note", { "ghi chú: {note}", "ໝາຍເຫດ: {note}", "note: {note}", "note : {note}" } },
	/* {kb}: the size in KiB, rounded up (param_text). */
	{ "attached", { "{file} ({kb} KB)", "{file} ({kb} KB)", "{file} ({kb} KB)", "{file} ({kb} Ko)" } },
	{ "linked", { "{kind} {ref}", "{kind} {ref}", "{kind} {ref}", "{kind} {ref}" } },
	{ "unlinked", { "{kind} {ref}", "{kind} {ref}", "{kind} {ref}", "{kind} {ref}" } },
	/* A record the reader may not see: its kind, not its reference. */
	{ "linked_hidden", { "{kind}", "{kind}", "{kind}", "{kind}" } },
	{ "unlinked_hidden", { "{kind}", "{kind}", "{kind}", "{kind}" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

/* Values shown as words rather than as written. */
static const struct sentence words[] = {
	{ "why.ack_overdue", { "không được xác nhận đúng hạn", "ບໍ່ໄດ້ຮັບຊາບທັນເວລາ",
			       "not acknowledged in time", "pas d'accusé de réception à temps" } },
	{ "why.reply_overdue", { "không được trả lời đúng hạn", "ບໍ່ໄດ້ຕອບທັນເວລາ",
				 "no reply in time", "pas de réponse à temps" } },
	{ "why.nobody_on_duty", { "không có ai trực", "ບໍ່ມີຜູ້ປະຈຳການ", "nobody on duty",
				  "personne de permanence" } },
	{ "kind.case", { "Vụ việc", "ຄະດີ", "Case", "Affaire" } },
	{ "kind.person", { "Đối tượng", "ບຸກຄົນ", "Person", "Personne" } },
	{ "kind.notice", { "Thông báo", "ແຈ້ງການ", "Notice", "Avis" } },
	{ NULL, { NULL, NULL, NULL, NULL } },
};

static const struct tpl_label *find(const struct sentence *set, const char *code)
{
	for (const struct sentence *s = set; s->code; s++)
		if (!strcmp(s->code, code))
			return &s->text;
	return NULL;
}

/* The value of parameter name, as a reader sees it. */
static void param_text(json_t *params, const char *name, size_t len, const char *lang, struct strbuf *out)
{
	char key[32], word[64];
	const char *v;
	json_t *j;

	if (len >= sizeof(key))
		return;
	memcpy(key, name, len);
	key[len] = '\0';
	if (!strcmp(key, "kb")) {
		/* a file's size in bytes, shown in KiB rounded up, at least 1 (as
		 * the console lists files) */
		json_int_t size = json_integer_value(json_object_get(params, "size"));

		strbuf_addf(out, "%lld", (long long)(size > 1024 ? (size + 1023) / 1024 : 1));
		return;
	}
	j = json_object_get(params, key);
	v = json_string_value(j);
	if (!v)
		return;
	if (!strcmp(key, "ref") && json_is_string(json_object_get(params, "country"))) {
		strbuf_addf(out, "%s/%s", json_string_value(json_object_get(params, "country")), v);
		return;
	}
	if (!strcmp(key, "why") || !strcmp(key, "kind")) {
		const struct tpl_label *l;

		snprintf(word, sizeof(word), "%s.%s", key, v);
		if ((l = find(words, word))) {
			strbuf_addstr(out, tpl_label_in(l, lang));
			return;
		}
	}
	strbuf_addstr(out, v);
}

bool hotline_reason_text(const char *code, json_t *params, const char *lang, struct strbuf *out)
{
	const struct tpl_label *l = code && *code ? find(sentences, code) : NULL;
	const char *p;

	if (!l)
		return false;
	for (p = tpl_label_in(l, lang); *p; p++) {
		const char *end;

		if (*p == '{' && (end = strchr(p + 1, '}'))) {
			param_text(params, p + 1, (size_t)(end - p - 1), lang, out);
			p = end;
		} else {
			strbuf_addch(out, *p);
		}
	}
	return true;
}

/* "REASON: FROM -> TO" */
static bool parse_escalated(const char *d, char *reason, size_t rsize, char *from, char *to, size_t usize)
{
	const char *colon = strstr(d, ": "), *arrow = strstr(d, " -> ");

	if (!colon || !arrow || arrow < colon || (size_t)(colon - d) >= rsize ||
	    (size_t)(arrow - colon - 2) >= usize || strlen(arrow + 4) >= usize)
		return false;
	snprintf(reason, rsize, "%.*s", (int)(colon - d), d);
	snprintf(from, usize, "%.*s", (int)(arrow - colon - 2), colon + 2);
	snprintf(to, usize, "%s", arrow + 4);
	return true;
}

void hotline_reason_derive(const char *what, const char *detail, char *code, size_t size,
			   json_t **params)
{
	char a[64], b[64], c[64];

	*code = '\0';
	*params = NULL;
	if (!what || !detail)
		return;
	if (!strcmp(what, "escalated") && parse_escalated(detail, a, sizeof(a), b, c, sizeof(b)) &&
	    find(sentences, a)) {
		snprintf(code, size, "%s", a);
		*params = json_pack("{s:s, s:s}", "from", b, "to", c);
	} else if (!strcmp(what, "overdue")) {
		/* "REASON at UNIT: no level above" */
		const char *at = strstr(detail, " at "), *colon = strstr(detail, ": no level above");

		if (at && colon && colon > at && (size_t)(at - detail) < sizeof(a) &&
		    (size_t)(colon - at - 4) < sizeof(b)) {
			snprintf(a, sizeof(a), "%.*s", (int)(at - detail), detail);
			snprintf(b, sizeof(b), "%.*s", (int)(colon - at - 4), at + 4);
			snprintf(code, size, "no_level_above");
			*params = json_pack("{s:s, s:s}", "unit", b, "why", a);
		}
	} else if (!strcmp(what, "closed")) {
		/* detail: the close note as written, "" without one */
		snprintf(code, size, "%s", *detail ? "closed_note" : "closed");
		*params = *detail ? json_pack("{s:s}", "note", detail) : json_object();
	} else if (!strcmp(what, "informed")) {
		/* "UNIT told of the escalation to TO" */
		const char *mid = strstr(detail, " told of the escalation to ");

		if (mid && (size_t)(mid - detail) < sizeof(a) && strlen(mid + 27) < sizeof(b)) {
			snprintf(a, sizeof(a), "%.*s", (int)(mid - detail), detail);
			snprintf(b, sizeof(b), "%s", mid + 27);
			snprintf(code, size, "informed");
			*params = json_pack("{s:s, s:s}", "unit", a, "to", b);
		}
	}
}
