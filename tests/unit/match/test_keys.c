/* Tests of the name keys of src/match/: every spelling variant of one name
 * must give the same phonetic keys, and different names different ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "match/match.h"
#include "util/status.h"

static void keys_are(const char *name, const char *want)
{
	char *got = NULL;
	assert_int_equal(match_name_keys(name, &got), 0);
	if (strcmp(got, want))
		fail_msg("keys of '%s': got '%s', want '%s'", name, got, want);
	free(got);
}

static void test_vietnamese_forms(void **state)
{
	(void)state;
	keys_are("Nguyễn Văn Long", "nguien van long");
	keys_are("NGUYEN VAN LONG", "nguien van long");
	keys_are("NGUYEN<<VAN<LONG", "nguien van long");        /* MRZ */
	keys_are("NGUYEN, Van Long", "nguien van long");         /* family, given */
	keys_are("Nguyeenx Vawn Long", "nguien van long");       /* Telex */
	keys_are("Nguye64n Va8n Long", "nguien van long");       /* VNI */
	keys_are("Nguye6n Van Long", "nguien van long");
	keys_are("NguyenVanLong", "nguien van long");            /* run together */
	keys_are("Đặng Đức", "dang duk");
	keys_are("Ddang Dduc", "dang duk");                      /* đ as dd */
	keys_are("DDawngj DDuwcs", "dang duk");                  /* Telex đ, ă, ư */
	keys_are("Traanf Thij Huwowngf", "tran thi huang");
	/* different names stay different */
	keys_are("Nguyễn Văn Lương", "nguien van luang");
	keys_are("Lê Thị Thùy", "le thi thui");
	/* initials stay tokens of their own, for score.c to expand */
	keys_are("Ng. V. Long", "ng v long");
	keys_are("N.V. Long", "n v long");
}

static void test_lao_script_and_romanizations(void **state)
{
	(void)state;
	keys_are("ຄຳພອນ ພົມມະຈັນ", "khampon pomajan");
	keys_are("Khamphone Phommachanh", "khampon pomajan");
	keys_are("KHAMPHON POMMACHAN", "khampon pomajan");
	keys_are("Khămphône PHOMMACHANH", "khampon pomajan");   /* French accents */
	keys_are("Khăm-phon Phôm-ma-chăn", "kham pon pom ma jan"); /* Vietnamese style:
								   * joined by score.c */
	keys_are("ສົມພອນ ວົງສະຫວັນ", "sompon vongsavan");
	keys_are("Somphone Wongsawan", "sompon vongsavan");       /* v/w, -nh/-n */
	keys_are("ບຸນເຮືອງ", "bunhuang");
	keys_are("Bounheuang", "bunhuang");
	keys_are("ແກ້ວມະນີ", "keomani");
	keys_are("Keomany", "keomani");
	keys_are("ໄຊຍະວົງ", "saiavong");
	keys_are("Xayavong", "saiavong");                        /* x/s, ay/ai */
	keys_are("Sayavong", "saiavong");
	keys_are("ດວງມະນີ", "duangmani");
	keys_are("Douangmany", "duangmani");
	keys_are("ສອນໄຊ", "sonsai");
	keys_are("Sonexay", "sonsai");                           /* silent e */
	keys_are("ສຸກສະຫວັດ", "suksavat");
	keys_are("Souksavath", "suksavat");
	keys_are("ວຽງສະໄໝ", "viengsamai");
	keys_are("Viengsamay", "viengsamai");
}

static void test_lao_spelling_variants(void **state)
{
	(void)state;
	/* ຳ U+0EB3 and ໍ + າ */
	keys_are("\xe0\xba\x84\xe0\xba\xb3\xe0\xba\x9e\xe0\xba\xad\xe0\xba\x99", "khampon");
	keys_are("\xe0\xba\x84\xe0\xbb\x8d\xe0\xba\xb2\xe0\xba\x9e\xe0\xba\xad\xe0\xba\x99", "khampon");
	/* ໝ U+0EDD and ຫ + ມ */
	keys_are("ຄຳໝັ້ນ", "khaman");
	keys_are("ຄຳຫມັ້ນ", "khaman");
	keys_are("Khammanh", "khaman");
	/* ໜ U+0EDC and ຫ + ນ */
	keys_are("ໜູເພັດ", "nupet");
	keys_are("ຫນູເພັດ", "nupet");
	/* ຫຼ (subscript lo) and ຫລ */
	keys_are("ຫຼວງລາດ", "luanglat");
	keys_are("ຫລວງລາດ", "luanglat");
	keys_are("Louanglath", "luanglat");
}

static void test_thai_han(void **state)
{
	(void)state;
	keys_are("สมชาย ใจดี", "somjai jaidi");
	keys_are("Somchai Chaidi", "somjai jaidi");
	keys_are("สมศักดิ์ ศรีสุข", "somsak srisuk");
	keys_are("Somsak Srisuk", "somsak srisuk");
	/* Han: Sino-Vietnamese reading | pinyin reading */
	keys_are("陳明華", "tran min hoa | jen ming hua");
	keys_are("阮文雄", "nguien van hung | ruan ven siong");
	/* characters beyond the hand table, from Unihan (han_unihan.c),
	 * simplified through their traditional form */
	keys_are("习近平", "tap kan bin | si jin ping");
	keys_are("孫中山", "ton trung son | sun shong shan");
	keys_are("孙中山", "ton trung son | sun shong shan");
	keys_are("毛澤東", "mao traj dong | mao se dong");
	/* a character in no table keeps its own code point */
	keys_are("𠀀", "𠀀 | 𠀀");
	keys_are("Trần Minh Hoa", "tran min hoa");
}

/* Khmer script against the spellings of Cambodian passports: the script
 * reads as two readings (ា as "ea" | as "a" in words of two syllables or
 * more); each passport spelling gives the key of one of them. */
static void khmer_is(const char *script, const char *want, const char *const *romans)
{
	keys_are(script, want);
	for (; *romans; romans++) {
		char *k = NULL;
		assert_int_equal(match_name_keys(*romans, &k), 0);
		/* the romanization's key is one of the script's readings */
		const char *bar = strstr(want, " | ");
		size_t l0 = bar ? (size_t)(bar - want) : strlen(want);
		if (!((strlen(k) == l0 && !strncmp(k, want, l0)) || (bar && !strcmp(k, bar + 3))))
			fail_msg("'%s' (%s) is not a reading of %s (%s)", *romans, k, script, want);
		free(k);
	}
}

#define R(...) ((const char *const[]){__VA_ARGS__, NULL})

static void test_khmer(void **state)
{
	(void)state;
	/* family names */
	khmer_is("សុខ", "sok | sok", R("Sok", "SOKH", "Sokh"));
	khmer_is("ជា", "jia | jia", R("Chea", "CHIA"));
	khmer_is("ចាន់", "jan | jan", R("Chan", "Chann", "CHANH"));
	khmer_is("ហេង", "heng | heng", R("Heng"));
	khmer_is("កែវ", "keo | keo", R("Keo", "KEO"));
	khmer_is("គឹម", "kim | kim", R("Kim", "Kym"));
	khmer_is("លី", "li | li", R("Ly", "Li"));
	khmer_is("មាស", "mia | mia", R("Meas", "Mias"));
	khmer_is("ប្រាក់", "prak | prak", R("Prak", "Prakh"));
	khmer_is("ញែម", "nhem | nhem", R("Nhem"));
	khmer_is("ញឹម", "nhim | nhim", R("Nhim"));
	khmer_is("សំ", "sam | sam", R("Sam"));
	khmer_is("ទូច", "tuj | tuj", R("Touch", "Tuch"));
	khmer_is("ម៉ៅ", "mao | mao", R("Mao"));
	khmer_is("អ៊ុក", "uk | uk", R("Ouk", "Uk"));
	khmer_is("ប៉ែន", "pen | pen", R("Pen", "Paen"));
	khmer_is("ហ៊ុន", "hun | hun", R("Hun", "Houn"));
	khmer_is("ស៊ុន", "sun | sun", R("Sun", "Soun"));
	khmer_is("ឈឹម", "jim | jim", R("Chhim", "Chim"));
	khmer_is("ប៉ុល", "pol | pol", R("Pol"));
	khmer_is("ឆាយ", "jai | jai", R("Chhay", "Chai", "CHHAI"));
	/* given names */
	khmer_is("ភាព", "piep | piep", R("Pheap", "Phiep"));
	khmer_is("ដារ៉ា", "dara | dara", R("Dara", "Darah"));
	khmer_is("សុភា", "sopia | sopa", R("Sophea", "Sophia"));
	khmer_is("សុខា", "sokha | sokha", R("Sokha", "Sokhah"));
	khmer_is("វណ្ណៈ", "vanak | vanak", R("Vannak", "Vanak"));
	khmer_is("វណ្ណា", "vana | vana", R("Vanna", "Vana"));
	khmer_is("បុប្ផា", "bopa | bopa", R("Bopha", "Boppha"));
	khmer_is("ចិន្តា", "jenda | jenda", R("Chenda"));
	khmer_is("រិទ្ធី", "rithi | rithi", R("Rithy", "Rithi", "Ritthy"));
	khmer_is("សុវណ្ណ", "sovan | sovan", R("Sovann", "Sovan"));
	khmer_is("ពិសិដ្ឋ", "piset | piset", R("Piseth", "Piset"));
	khmer_is("ស្រីមុំ", "sreimom | sreimom", R("Sreymom", "Sreimom"));
	khmer_is("ស្រីពៅ", "sreipov | sreipov", R("Sreypov", "SREYPOV"));
	khmer_is("កុសល", "kosal | kosal", R("Kosal"));
	khmer_is("វិសាល", "visal | visal", R("Visal", "Wisal"));
	khmer_is("សុផល", "sopal | sopal", R("Sophal", "Sopal"));
	khmer_is("ចន្នារី", "janieri | janari", R("Channary", "Chanary", "Channeary"));
	khmer_is("វុទ្ធី", "vuthi | vuthi", R("Vuthy", "Vuthi"));
	khmer_is("ណារិទ្ធ", "narit | narit", R("Narith", "Narit"));
	khmer_is("ចន្ទា", "janthia | jantha", R("Chanthea", "Chantha", "CHANTHIA"));
	/* a whole name, family name first */
	keys_are("សុខ ដារ៉ា", "sok dara | sok dara");
	keys_are("SOKH Dara", "sok dara");
	keys_are("សុខ\xe2\x80\x8bដារ៉ា", "sok dara | sok dara"); /* zero-width space */
	/* "Mias Chanary": each word in its own reading */
	keys_are("មាស ចន្នារី", "mia janieri | mia janari");
	/* different names stay different */
	keys_are("Sok Sam", "sok sam");
}

static void test_bad_names(void **state)
{
	char *k = (char *)"x";
	char big[400];
	(void)state;
	assert_int_equal(match_name_keys("ab\xff", &k), RL_EINVAL);
	assert_null(k);
	assert_int_equal(match_name_keys("  ,.<< ", &k), RL_EINVAL);
	assert_int_equal(match_name_keys("", &k), RL_EINVAL);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	assert_int_equal(match_name_keys(big, &k), RL_ETOOBIG);
	assert_string_equal(rl_errmsg(), "name is longer than 200 bytes");
}

static void plate_is(const char *in, const char *want)
{
	char out[32];
	assert_int_equal(match_plate_key(in, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void test_plates(void **state)
{
	char small[4];
	(void)state;
	plate_is("29A-123.45", "29A12345");
	plate_is("29a 123 45", "29A12345");
	plate_is("ກຂ 1234", "KK1234");
	plate_is("KK 1234", "KK1234");
	plate_is("KKH-1234", "KK1234");
	plate_is("ນວ ໑໒໓໔", "NV1234");                          /* Lao digits */
	assert_int_equal(match_plate_key("--", small, sizeof(small)), RL_EINVAL);
	assert_int_equal(match_plate_key("29A-123.45", small, sizeof(small)), RL_ETOOBIG);
	assert_int_equal(match_plate_key("\xff", small, sizeof(small)), RL_EINVAL);
}

/* Random strings of Lao, Thai, Latin, Han letters, marks, digits and
 * punctuation never crash the parser and give a key or a clean error. */
static void test_random_text_is_safe(void **state)
{
	static const char *const pieces[] = {
		"ເ", "ແ", "ໂ", "ໄ", "ໃ", "ກ", "ຂ", "ຫ", "ລ", "ວ", "ຍ", "ອ", "ນ", "ມ", "ຼ", "ໜ", "ໝ",
		"ະ", "ັ", "າ", "ຳ", "ໍ", "ິ", "ື", "ຸ", "ົ", "ຽ", "່", "້", "໌", "ໆ",
		"เ", "ไ", "ก", "ห", "ร", "ว", "ย", "อ", "ั", "็", "์", "ำ", "ื",
		"a", "e", "w", "x", "f", "j", "s", "h", "n", "g", "Đ", "ư", "ơ", "9", "6",
		" ", "-", "<", ",", "陳", "阮", "龘", "សុ", "\xcc\x81", "Z",
		"ក", "ស", "ណ", "ប", "អ", "្", "៉", "៊", "ំ", "ះ", "ៈ", "់", "៍", "ា", "េ", "ើ", "ៅ",
		"ឥ", "ឳ", "\xe2\x80\x8b", "\xe2\x80\x8c",
	};
	unsigned seed = 12345;
	(void)state;
	for (int it = 0; it < 3000; it++) {
		char buf[256];
		size_t len = 0;
		int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 30;
		for (int i = 0; i < n; i++) {
			const char *pc = pieces[((seed = seed * 1103515245u + 12345u) >> 16) %
					       (sizeof(pieces) / sizeof(pieces[0]))];
			size_t pl = strlen(pc);
			if (len + pl >= sizeof(buf))
				break;
			memcpy(buf + len, pc, pl);
			len += pl;
		}
		buf[len] = 0;
		char *k = NULL;
		int rc = match_name_keys(buf, &k);
		assert_true(rc == 0 || rc == RL_EINVAL);
		if (rc == 0)
			assert_true(strlen(k) > 0);
		free(k);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vietnamese_forms),
		cmocka_unit_test(test_lao_script_and_romanizations),
		cmocka_unit_test(test_lao_spelling_variants),
		cmocka_unit_test(test_thai_han),
		cmocka_unit_test(test_khmer),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_plates),
		cmocka_unit_test(test_random_text_is_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
