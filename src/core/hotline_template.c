/*
 * hotline_template.c: the fields of each kind of hotline message, once,
 * with labels in Vietnamese, Lao, English and French (see the header).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/hotline_template.h"
#include "util/clock.h"
#include "util/limit.h"
#include "util/status.h"
#include "util/utf8.h"
#include "util/banned.h"

#define L(vi, lo, en, fr) { vi, lo, en, fr }

static const struct tpl_code threats[] = {
	{ "drug_shipment", L("Vận chuyển ma túy", "ການຂົນສົ່ງຢາເສບຕິດ", "Drug shipment", "Transport de stupéfiants") },
	{ "fugitive_moving", L("Đối tượng truy nã đang di chuyển", "ຜູ້ຫຼົບໜີກຳລັງເຄື່ອນຍ້າຍ",
			       "Fugitive on the move", "Fugitif en déplacement") },
	{ "trafficking_victims", L("Nạn nhân mua bán người", "ຜູ້ເຄາະຮ້າຍຈາກການຄ້າມະນຸດ",
				   "Trafficking victims", "Victimes de traite") },
	{ "weapons", L("Vũ khí", "ອາວຸດ", "Weapons", "Armes") },
	{ "other", L("Khác", "ອື່ນໆ", "Other", "Autre") },
	{ NULL, L(NULL, NULL, NULL, NULL) },
};

#define F_PLACE L("Địa điểm", "ສະຖານທີ່", "Place", "Lieu")
#define F_DATE L("Ngày", "ວັນທີ", "Date", "Date")
#define F_MATTER L("Nội dung sự việc", "ເນື້ອໃນເລື່ອງ", "Matter", "Objet")
#define F_PERSON L("Họ và tên", "ຊື່ ແລະ ນາມສະກຸນ", "Full name", "Nom et prénom")
#define F_BIRTH L("Ngày sinh", "ວັນເດືອນປີເກີດ", "Date of birth", "Date de naissance")

static const struct tpl_field f_information[] = {
	{ "place", TPL_PLACE, false, F_PLACE, NULL },
	{ "date", TPL_DATE, false, F_DATE, NULL },
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct tpl_field f_alert[] = {
	{ "threat", TPL_CODE, true, L("Loại nguy cơ", "ປະເພດໄພຂົ່ມຂູ່", "Threat", "Menace"), threats },
	{ "direction", TPL_TEXT, false, L("Hướng di chuyển", "ທິດທາງການເຄື່ອນທີ່", "Direction", "Direction"), NULL },
	{ "vehicle", TPL_TEXT, false, L("Phương tiện", "ພາຫະນະ", "Vehicle", "Véhicule"), NULL },
	{ "expected_time", TPL_TEXT, false, L("Thời gian dự kiến", "ເວລາຄາດວ່າຈະມາຮອດ", "Expected time", "Heure prévue"), NULL },
	{ "persons_count", TPL_NUMBER, false, L("Số người", "ຈຳນວນຄົນ", "Number of persons", "Nombre de personnes"), NULL },
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct tpl_field f_investigate[] = {
	{ "matter", TPL_TEXT, true, F_MATTER, NULL },
	{ "place", TPL_PLACE, false, F_PLACE, NULL },
	{ "date", TPL_DATE, false, F_DATE, NULL },
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct tpl_field f_verify[] = {
	{ "matter", TPL_TEXT, true, L("Điều cần xác minh", "ສິ່ງທີ່ຕ້ອງກວດສອບ", "What to verify", "Élément à vérifier"), NULL },
	{ "reference", TPL_TEXT, false, L("Số tham chiếu", "ເລກອ້າງອີງ", "Reference", "Référence"), NULL },
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct tpl_field f_evidence[] = {
	{ "evidence", TPL_TEXT, true, L("Chứng cứ cần thu thập", "ຫຼັກຖານທີ່ຕ້ອງເກັບກຳ", "Evidence to collect", "Preuves à recueillir"), NULL },
	{ "place", TPL_PLACE, false, F_PLACE, NULL },
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct tpl_field f_locate[] = {
	{ "person_name", TPL_PERSON, true, F_PERSON, NULL },
	{ "birth_date", TPL_DATE, false, F_BIRTH, NULL },
	{ "last_known_place", TPL_PLACE, false, L("Nơi xuất hiện gần nhất", "ສະຖານທີ່ພົບເຫັນຄັ້ງສຸດທ້າຍ",
						   "Last known place", "Dernier lieu connu"), NULL },
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct tpl_field f_arrest[] = {
	{ "person_name", TPL_PERSON, true, F_PERSON, NULL },
	{ "birth_date", TPL_DATE, false, F_BIRTH, NULL },
	{ "warrant_ref", TPL_TEXT, false, L("Số lệnh bắt", "ເລກໝາຍຈັບ", "Warrant reference", "Référence du mandat"), NULL },
	{ "handover_place", TPL_PLACE, false, L("Địa điểm bàn giao", "ສະຖານທີ່ສົ່ງມອບ", "Handover place", "Lieu de remise"), NULL },
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct tpl_field f_none[] = {
	{ NULL, 0, false, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct hotline_template templates[] = {
	{ "information", "", L("Thông tin", "ຂໍ້ມູນຂ່າວສານ", "Information", "Information"), f_information },
	{ "alert", "", L("Cảnh báo", "ແຈ້ງເຕືອນ", "Alert", "Alerte"), f_alert },
	{ "request", "investigate", L("Đề nghị điều tra", "ຂໍໃຫ້ສືບສວນ", "Request to investigate", "Demande d'enquête"), f_investigate },
	{ "request", "verify", L("Đề nghị xác minh", "ຂໍໃຫ້ກວດສອບ", "Request to verify", "Demande de vérification"), f_verify },
	{ "request", "collect_evidence", L("Đề nghị thu thập chứng cứ", "ຂໍໃຫ້ເກັບກຳຫຼັກຖານ", "Request to collect evidence", "Demande de collecte de preuves"), f_evidence },
	{ "request", "locate_person", L("Đề nghị truy tìm người", "ຂໍໃຫ້ຊອກຫາບຸກຄົນ", "Request to locate a person", "Demande de localisation d'une personne"), f_locate },
	{ "request", "arrest_handover", L("Đề nghị bắt giữ, bàn giao", "ຂໍໃຫ້ຈັບກຸມ ແລະ ສົ່ງມອບ", "Request for arrest and handover", "Demande d'arrestation et de remise"), f_arrest },
	{ "request", "other", L("Đề nghị khác", "ຄຳຮ້ອງຂໍອື່ນໆ", "Other request", "Autre demande"), f_none },
	{ "reply", "", L("Trả lời", "ຄຳຕອບ", "Reply", "Réponse"), f_none },
	{ NULL, NULL, L(NULL, NULL, NULL, NULL), NULL },
};

static const struct { const char *key; struct tpl_label label; } words[] = {
	{ "information", L("Thông tin", "ຂໍ້ມູນຂ່າວສານ", "Information", "Information") },
	{ "request", L("Đề nghị", "ຄຳຮ້ອງຂໍ", "Request", "Demande") },
	{ "alert", L("Cảnh báo", "ແຈ້ງເຕືອນ", "Alert", "Alerte") },
	{ "reply", L("Trả lời", "ຄຳຕອບ", "Reply", "Réponse") },
	{ "routine", L("Thường", "ທຳມະດາ", "Routine", "Routine") },
	{ "urgent", L("Khẩn", "ດ່ວນ", "Urgent", "Urgent") },
	{ "flash", L("Hỏa tốc", "ດ່ວນທີ່ສຸດ", "Flash", "Flash") },
	{ "clear", L("TLP:CLEAR — công khai", "TLP:CLEAR — ເປີດເຜີຍໄດ້", "TLP:CLEAR — no restriction", "TLP:CLEAR — sans restriction") },
	{ "green", L("TLP:GREEN — trong mạng lưới", "TLP:GREEN — ພາຍໃນເຄືອຂ່າຍ", "TLP:GREEN — within the network", "TLP:GREEN — dans le réseau") },
	{ "amber", L("TLP:AMBER — cần biết", "TLP:AMBER — ຕາມຄວາມຈຳເປັນ", "TLP:AMBER — need to know", "TLP:AMBER — besoin d'en connaître") },
	{ "amber_strict", L("TLP:AMBER+STRICT — chỉ đơn vị nhận", "TLP:AMBER+STRICT — ສະເພາະໜ່ວຍຮັບ", "TLP:AMBER+STRICT — addressees only", "TLP:AMBER+STRICT — destinataires seulement") },
	{ "red", L("TLP:RED — chỉ người nhận", "TLP:RED — ສະເພາະຜູ້ຮັບ", "TLP:RED — named recipients only", "TLP:RED — destinataires nommés") },
	{ "sent", L("Đã gửi", "ສົ່ງແລ້ວ", "Sent", "Envoyé") },
	{ "delivered", L("Đã đến", "ຮອດແລ້ວ", "Delivered", "Remis") },
	{ "read", L("Đã đọc", "ອ່ານແລ້ວ", "Read", "Lu") },
	{ "acknowledged", L("Đã xác nhận", "ຮັບຊາບແລ້ວ", "Acknowledged", "Accusé de réception") },
	{ "answered", L("Đã trả lời", "ຕອບແລ້ວ", "Answered", "Répondu") },
	{ "closed", L("Đã đóng", "ປິດແລ້ວ", "Closed", "Clos") },
	{ NULL, L(NULL, NULL, NULL, NULL) },
};

const struct hotline_template *hotline_templates(void)
{
	return templates;
}

const struct hotline_template *hotline_template_find(const char *kind, const char *subtype)
{
	if (!subtype)
		subtype = "";
	for (const struct hotline_template *t = templates; t->kind; t++)
		if (!strcmp(t->kind, kind) && !strcmp(t->subtype, subtype))
			return t;
	return NULL;
}

const char *tpl_label_in(const struct tpl_label *l, const char *lang)
{
	if (lang && !strcmp(lang, "vi"))
		return l->vi;
	if (lang && !strcmp(lang, "lo"))
		return l->lo;
	if (lang && !strcmp(lang, "fr"))
		return l->fr;
	return l->en;
}

const char *tpl_type_name(enum tpl_type t)
{
	static const char *const names[] = { "text", "date", "number", "code", "person", "place" };
	return t <= TPL_PLACE ? names[t] : "text";
}

const struct tpl_label *hotline_word(const char *key)
{
	for (size_t i = 0; words[i].key; i++)
		if (!strcmp(words[i].key, key))
			return &words[i].label;
	return NULL;
}

static const struct tpl_field *field_find(const struct hotline_template *t, const char *name)
{
	for (const struct tpl_field *f = t->fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static const struct tpl_code *code_find(const struct tpl_field *f, const char *code)
{
	for (const struct tpl_code *c = f->codes; c && c->code; c++)
		if (!strcmp(c->code, code))
			return c;
	return NULL;
}

/* A birth or event date: YYYY-MM-DD, or the partial YYYY / YYYY-MM that
 * partner records often hold. */
static bool partial_date_ok(const char *s)
{
	char buf[RL_DATE_LEN + 8];
	size_t n = strlen(s);

	if (n == 4 || n == 7) {
		memcpy(buf, s, n);
		memcpy(buf + n, "-01-01", 7);
		buf[RL_DATE_LEN] = '\0';
		return rl_date_valid(buf);
	}
	return rl_date_valid(s);
}

static int check_value(const struct tpl_field *f, json_t *v, json_t *out)
{
	const char *s;
	size_t n;

	if (f->type == TPL_NUMBER) {
		json_int_t x;
		char *end;

		if (json_is_integer(v))
			x = json_integer_value(v);
		else if (json_is_string(v) && *json_string_value(v)) {
			x = strtoll(json_string_value(v), &end, 10);
			if (*end)
				return rl_error(RL_EINVAL, "field '%s' must be a number", f->name);
		} else
			return rl_error(RL_EINVAL, "field '%s' must be a number", f->name);
		if (x < 0 || x > 1000000)
			return rl_error(RL_EINVAL, "field '%s' must be a number from 0 to 1000000", f->name);
		json_object_set_new(out, f->name, json_integer(x));
		return 0;
	}
	if (!json_is_string(v))
		return rl_error(RL_EINVAL, "field '%s' must be text", f->name);
	s = json_string_value(v);
	n = json_string_length(v);
	if (!rl_utf8_valid(s, n))
		return rl_error(RL_EINVAL, "field '%s' is not valid UTF-8", f->name);
	if (n > RL_SHORT_MAX * 4)
		return rl_error(RL_ETOOBIG, "field '%s' longer than %d bytes", f->name, RL_SHORT_MAX * 4);
	if (!n)
		return 0; /* an empty value is no value */
	if (f->type == TPL_CODE && !code_find(f, s))
		return rl_error(RL_EINVAL, "unknown code '%s' for field '%s'", s, f->name);
	if (f->type == TPL_DATE && !partial_date_ok(s))
		return rl_error(RL_EINVAL, "field '%s' needs a date YYYY-MM-DD (or YYYY, YYYY-MM)", f->name);
	json_object_set(out, f->name, v);
	return 0;
}

int hotline_fields_check(const char *kind, const char *subtype, const char *fields_json,
			 struct strbuf *out)
{
	const struct hotline_template *t = hotline_template_find(kind, subtype);
	json_t *in, *norm, *v;
	json_error_t err;
	const char *name;
	char *dump;
	int rc = 0;

	if (!t)
		return rl_error(RL_EINVAL, "no template for kind '%s'%s%s", kind,
				subtype && *subtype ? " subtype " : "", subtype ? subtype : "");
	if (!fields_json || !*fields_json)
		fields_json = "{}";
	in = json_loads(fields_json, JSON_REJECT_DUPLICATES, &err);
	if (!in || !json_is_object(in)) {
		json_decref(in);
		return rl_error(RL_EINVAL, "fields must be a JSON object");
	}
	norm = json_object();
	json_object_foreach(in, name, v) {
		const struct tpl_field *f = field_find(t, name);

		if (!f) {
			rc = rl_error(RL_EINVAL, "unknown field '%s' for %s%s%s", name, kind,
				      *t->subtype ? "/" : "", t->subtype);
			goto out;
		}
		if (json_is_null(v))
			continue;
		if ((rc = check_value(f, v, norm)))
			goto out;
	}
	for (const struct tpl_field *f = t->fields; f->name; f++)
		if (f->required && !json_object_get(norm, f->name)) {
			rc = rl_error(RL_EINVAL, "field '%s' is required for %s%s%s", f->name, kind,
				      *t->subtype ? "/" : "", t->subtype);
			goto out;
		}
	dump = json_dumps(norm, JSON_COMPACT | JSON_SORT_KEYS);
	strbuf_addstr(out, dump);
	free(dump);
out:
	json_decref(norm);
	json_decref(in);
	return rc;
}

void hotline_fields_text(const char *kind, const char *subtype, const char *fields_json,
			 struct strbuf *out)
{
	const struct hotline_template *t = hotline_template_find(kind, subtype);
	json_t *in, *v;
	const char *name;

	if (!t || !fields_json || !(in = json_loads(fields_json, 0, NULL)))
		return;
	json_object_foreach(in, name, v) {
		const struct tpl_field *f = field_find(t, name);
		const struct tpl_code *c;

		if (json_is_string(v)) {
			strbuf_addch(out, ' ');
			strbuf_addstr(out, json_string_value(v));
		}
		if (f && f->type == TPL_CODE && json_is_string(v) && (c = code_find(f, json_string_value(v))))
			strbuf_addf(out, " %s %s %s %s", c->label.vi, c->label.lo, c->label.en, c->label.fr);
	}
	json_decref(in);
}
