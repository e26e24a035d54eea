/*
 * han.c: Sino-Vietnamese and pinyin readings of the Han characters most
 * used in Vietnamese and Chinese personal names: about 70 family names
 * (阮 Nguyễn, 陳 Trần, 黎 Lê, 范 Phạm, 黃 Hoàng, ... 王 Vương, 李 Lý, 張
 * Trương) and 110 given-name characters (文 Văn, 氏 Thị, 明 Minh, 德 Đức, ...),
 * traditional and simplified forms. A Han name is indexed under both
 * readings, so 陳明 matches "Tran Minh" and "Chen Ming". This hand table,
 * checked for names (阮 is Ruǎn in a name), comes first; the other
 * characters of GB 2312 and Big5 come from the table generated from Unihan
 * (han_unihan.c, about 4,500 characters). Characters in neither keep their
 * own code point as key and match only Han text. Tables are sorted by code
 * point for bsearch.
 */
#include <stdlib.h>

#include "match/internal.h"

#include "util/banned.h"

struct han { int32_t cp; const char *sv, *py; };

static const struct han han_table[] = {
	{0x4E01, "dinh", "ding"}, /* 丁 */
	{0x4E16, "the", "shi"}, /* 世 */
	{0x4E1C, "dong", "dong"}, /* 东 */
	{0x4E2D, "trung", "zhong"}, /* 中 */
	{0x4E3D, "le", "li"}, /* 丽 */
	{0x4E49, "nghia", "yi"}, /* 义 */
	{0x4E8E, "vu", "yu"}, /* 于 */
	{0x4E91, "van", "yun"}, /* 云 */
	{0x4EAE, "luong", "liang"}, /* 亮 */
	{0x4EC1, "nhan", "ren"}, /* 仁 */
	{0x4F1F, "vi", "wei"}, /* 伟 */
	{0x4F55, "ha", "he"}, /* 何 */
	{0x4F59, "du", "yu"}, /* 余 */
	{0x4FCA, "tuan", "jun"}, /* 俊 */
	{0x4FE1, "tin", "xin"}, /* 信 */
	{0x5049, "vi", "wei"}, /* 偉 */
	{0x5065, "kien", "jian"}, /* 健 */
	{0x5085, "pho", "fu"}, /* 傅 */
	{0x5091, "kiet", "jie"}, /* 傑 */
	{0x5149, "quang", "guang"}, /* 光 */
	{0x516C, "cong", "gong"}, /* 公 */
	{0x5170, "lan", "lan"}, /* 兰 */
	{0x5174, "hung", "xing"}, /* 兴 */
	{0x519B, "quan", "jun"}, /* 军 */
	{0x51AF, "phung", "feng"}, /* 冯 */
	{0x51E4, "phuong", "feng"}, /* 凤 */
	{0x5218, "luu", "liu"}, /* 刘 */
	{0x521A, "cuong", "gang"}, /* 刚 */
	{0x525B, "cuong", "gang"}, /* 剛 */
	{0x5289, "luu", "liu"}, /* 劉 */
	{0x529F, "cong", "gong"}, /* 功 */
	{0x52C7, "dung", "yong"}, /* 勇 */
	{0x5317, "bac", "bei"}, /* 北 */
	{0x534E, "hoa", "hua"}, /* 华 */
	{0x5357, "nam", "nan"}, /* 南 */
	{0x5362, "lu", "lu"}, /* 卢 */
	{0x53D1, "phat", "fa"}, /* 发 */
	{0x53F6, "diep", "ye"}, /* 叶 */
	{0x5415, "la", "lu"}, /* 吕 */
	{0x5433, "ngo", "wu"}, /* 吳 */
	{0x5434, "ngo", "wu"}, /* 吴 */
	{0x5442, "la", "lu"}, /* 呂 */
	{0x5468, "chu", "zhou"}, /* 周 */
	{0x548C, "hoa", "he"}, /* 和 */
	{0x5510, "duong", "tang"}, /* 唐 */
	{0x5584, "thien", "shan"}, /* 善 */
	{0x56FD, "quoc", "guo"}, /* 国 */
	{0x570B, "quoc", "guo"}, /* 國 */
	{0x58EB, "si", "shi"}, /* 士 */
	{0x58FD, "tho", "shou"}, /* 壽 */
	{0x5929, "thien", "tian"}, /* 天 */
	{0x592A, "thai", "tai"}, /* 太 */
	{0x59DA, "dieu", "yao"}, /* 姚 */
	{0x5A1F, "quyen", "juan"}, /* 娟 */
	{0x5A77, "dinh", "ting"}, /* 婷 */
	{0x5B59, "ton", "sun"}, /* 孙 */
	{0x5B5D, "hieu", "xiao"}, /* 孝 */
	{0x5B6B, "ton", "sun"}, /* 孫 */
	{0x5B81, "ninh", "ning"}, /* 宁 */
	{0x5B87, "vu", "yu"}, /* 宇 */
	{0x5B89, "an", "an"}, /* 安 */
	{0x5B8B, "tong", "song"}, /* 宋 */
	{0x5B8F, "hoang", "hong"}, /* 宏 */
	{0x5B9D, "bao", "bao"}, /* 宝 */
	{0x5BB6, "gia", "jia"}, /* 家 */
	{0x5BCC, "phu", "fu"}, /* 富 */
	{0x5BE7, "ninh", "ning"}, /* 寧 */
	{0x5BF6, "bao", "bao"}, /* 寶 */
	{0x5BFF, "tho", "shou"}, /* 寿 */
	{0x5C71, "son", "shan"}, /* 山 */
	{0x5CF0, "phong", "feng"}, /* 峰 */
	{0x5E73, "binh", "ping"}, /* 平 */
	{0x5EB7, "khang", "kang"}, /* 康 */
	{0x5EFA, "kien", "jian"}, /* 建 */
	{0x5F20, "truong", "zhang"}, /* 张 */
	{0x5F35, "truong", "zhang"}, /* 張 */
	{0x5F37, "cuong", "qiang"}, /* 強 */
	{0x5F3A, "cuong", "qiang"}, /* 强 */
	{0x5F6D, "banh", "peng"}, /* 彭 */
	{0x5FB7, "duc", "de"}, /* 德 */
	{0x5FD7, "chi", "zhi"}, /* 志 */
	{0x5FE0, "trung", "zhong"}, /* 忠 */
	{0x60E0, "hue", "hui"}, /* 惠 */
	{0x6167, "tue", "hui"}, /* 慧 */
	{0x6210, "thanh", "cheng"}, /* 成 */
	{0x654F, "man", "min"}, /* 敏 */
	{0x6587, "van", "wen"}, /* 文 */
	{0x658C, "ban", "bin"}, /* 斌 */
	{0x65B0, "tan", "xin"}, /* 新 */
	{0x65B9, "phuong", "fang"}, /* 方 */
	{0x65E5, "nhat", "ri"}, /* 日 */
	{0x660C, "xuong", "chang"}, /* 昌 */
	{0x660E, "minh", "ming"}, /* 明 */
	{0x6625, "xuan", "chun"}, /* 春 */
	{0x667A, "tri", "zhi"}, /* 智 */
	{0x66F9, "tao", "cao"}, /* 曹 */
	{0x66FE, "tang", "zeng"}, /* 曾 */
	{0x6708, "nguyet", "yue"}, /* 月 */
	{0x6731, "chu", "zhu"}, /* 朱 */
	{0x674E, "ly", "li"}, /* 李 */
	{0x675C, "do", "du"}, /* 杜 */
	{0x6768, "duong", "yang"}, /* 杨 */
	{0x6770, "kiet", "jie"}, /* 杰 */
	{0x6771, "dong", "dong"}, /* 東 */
	{0x677E, "tung", "song"}, /* 松 */
	{0x6797, "lam", "lin"}, /* 林 */
	{0x6843, "dao", "tao"}, /* 桃 */
	{0x6881, "luong", "liang"}, /* 梁 */
	{0x6885, "mai", "mei"}, /* 梅 */
	{0x694A, "duong", "yang"}, /* 楊 */
	{0x69AE, "vinh", "rong"}, /* 榮 */
	{0x6B66, "vu", "wu"}, /* 武 */
	{0x6BB5, "doan", "duan"}, /* 段 */
	{0x6C0F, "thi", "shi"}, /* 氏 */
	{0x6C38, "vinh", "yong"}, /* 永 */
	{0x6C5F, "giang", "jiang"}, /* 江 */
	{0x6C88, "tham", "shen"}, /* 沈 */
	{0x6CE2, "ba", "bo"}, /* 波 */
	{0x6CF0, "thai", "tai"}, /* 泰 */
	{0x6CFD, "trach", "ze"}, /* 泽 (Unihan: rạch only) */
	{0x6D01, "khiet", "jie"}, /* 洁 */
	{0x6D69, "hao", "hao"}, /* 浩 */
	{0x6D77, "hai", "hai"}, /* 海 */
	{0x6D9B, "dao", "tao"}, /* 涛 */
	{0x6E05, "thanh", "qing"}, /* 清 */
	{0x6F54, "khiet", "jie"}, /* 潔 */
	{0x6F58, "phan", "pan"}, /* 潘 */
	{0x6FA4, "trach", "ze"}, /* 澤 */
	{0x6FE4, "dao", "tao"}, /* 濤 */
	{0x7075, "linh", "ling"}, /* 灵 */
	{0x71D5, "yen", "yan"}, /* 燕 */
	{0x7389, "ngoc", "yu"}, /* 玉 */
	{0x738B, "vuong", "wang"}, /* 王 */
	{0x73B2, "linh", "ling"}, /* 玲 */
	{0x73E0, "chau", "zhu"}, /* 珠 */
	{0x7518, "cam", "gan"}, /* 甘 */
	{0x751F, "sinh", "sheng"}, /* 生 */
	{0x767C, "phat", "fa"}, /* 發 */
	{0x76DB, "thinh", "sheng"}, /* 盛 */
	{0x76E7, "lu", "lu"}, /* 盧 */
	{0x77F3, "thach", "shi"}, /* 石 */
	{0x78CA, "loi", "lei"}, /* 磊 */
	{0x798F, "phuc", "fu"}, /* 福 */
	{0x79C0, "tu", "xiu"}, /* 秀 */
	{0x79CB, "thu", "qiu"}, /* 秋 */
	{0x7A0B, "trinh", "cheng"}, /* 程 */
	{0x7AF9, "truc", "zhu"}, /* 竹 */
	{0x7D05, "hong", "hong"}, /* 紅 */
	{0x7EA2, "hong", "hong"}, /* 红 */
	{0x7F57, "la", "luo"}, /* 罗 */
	{0x7F85, "la", "luo"}, /* 羅 */
	{0x7F8E, "my", "mei"}, /* 美 */
	{0x7FA9, "nghia", "yi"}, /* 義 */
	{0x80E1, "ho", "hu"}, /* 胡 */
	{0x8208, "hung", "xing"}, /* 興 */
	{0x826F, "luong", "liang"}, /* 良 */
	{0x82AC, "phan", "fen"}, /* 芬 */
	{0x82B1, "hoa", "hua"}, /* 花 */
	{0x82B3, "phuong", "fang"}, /* 芳 */
	{0x82CF, "to", "su"}, /* 苏 */
	{0x82F1, "anh", "ying"}, /* 英 */
	{0x8303, "pham", "fan"}, /* 范 */
	{0x8363, "vinh", "rong"}, /* 荣 */
	{0x83B2, "lien", "lian"}, /* 莲 */
	{0x83CA, "cuc", "ju"}, /* 菊 */
	{0x83EF, "hoa", "hua"}, /* 華 */
	{0x8427, "tieu", "xiao"}, /* 萧 */
	{0x8449, "diep", "ye"}, /* 葉 */
	{0x8463, "dong", "dong"}, /* 董 */
	{0x848B, "tuong", "jiang"}, /* 蒋 */
	{0x84EE, "lien", "lian"}, /* 蓮 */
	{0x8521, "thai", "cai"}, /* 蔡 */
	{0x8523, "tuong", "jiang"}, /* 蔣 */
	{0x856D, "tieu", "xiao"}, /* 蕭 */
	{0x859B, "tiet", "xue"}, /* 薛 */
	{0x8607, "to", "su"}, /* 蘇 */
	{0x862D, "lan", "lan"}, /* 蘭 */
	{0x864E, "ho", "hu"}, /* 虎 */
	{0x8881, "vien", "yuan"}, /* 袁 */
	{0x88F4, "bui", "pei"}, /* 裴 */
	{0x8A31, "hua", "xu"}, /* 許 */
	{0x8B1D, "ta", "xie"}, /* 謝 */
	{0x8B5A, "dam", "tan"}, /* 譚 */
	{0x8BB8, "hua", "xu"}, /* 许 */
	{0x8C22, "ta", "xie"}, /* 谢 */
	{0x8C2D, "dam", "tan"}, /* 谭 */
	{0x8C6A, "hao", "hao"}, /* 豪 */
	{0x8CB4, "quy", "gui"}, /* 貴 */
	{0x8CC8, "gia", "jia"}, /* 賈 */
	{0x8CE2, "hien", "xian"}, /* 賢 */
	{0x8D24, "hien", "xian"}, /* 贤 */
	{0x8D35, "quy", "gui"}, /* 贵 */
	{0x8D3E, "gia", "jia"}, /* 贾 */
	{0x8D75, "trieu", "zhao"}, /* 赵 */
	{0x8D99, "trieu", "zhao"}, /* 趙 */
	{0x8ECD, "quan", "jun"}, /* 軍 */
	{0x8F1D, "huy", "hui"}, /* 輝 */
	{0x8F89, "huy", "hui"}, /* 辉 */
	{0x8FBE, "dat", "da"}, /* 达 */
	{0x8FDB, "tien", "jin"}, /* 进 */
	{0x9032, "tien", "jin"}, /* 進 */
	{0x9054, "dat", "da"}, /* 達 */
	{0x9093, "dang", "deng"}, /* 邓 */
	{0x90B1, "khau", "qiu"}, /* 邱 */
	{0x90D1, "trinh", "zheng"}, /* 郑 */
	{0x90ED, "quach", "guo"}, /* 郭 */
	{0x9127, "dang", "deng"}, /* 鄧 */
	{0x912D, "trinh", "zheng"}, /* 鄭 */
	{0x91D1, "kim", "jin"}, /* 金 */
	{0x9322, "tien", "qian"}, /* 錢 */
	{0x937E, "chung", "zhong"}, /* 鍾 */
	{0x949F, "chung", "zhong"}, /* 钟 */
	{0x94B1, "tien", "qian"}, /* 钱 */
	{0x9577, "truong", "chang"}, /* 長 */
	{0x957F, "truong", "chang"}, /* 长 */
	{0x962E, "nguyen", "ruan"}, /* 阮 */
	{0x9648, "tran", "chen"}, /* 陈 */
	{0x9673, "tran", "chen"}, /* 陳 */
	{0x9676, "dao", "tao"}, /* 陶 */
	{0x96C4, "hung", "xiong"}, /* 雄 */
	{0x96EA, "tuyet", "xue"}, /* 雪 */
	{0x96F2, "van", "yun"}, /* 雲 */
	{0x9716, "lam", "lin"}, /* 霖 */
	{0x971E, "ha", "xia"}, /* 霞 */
	{0x9748, "linh", "ling"}, /* 靈 */
	{0x9752, "thanh", "qing"}, /* 青 */
	{0x9759, "tinh", "jing"}, /* 静 */
	{0x975C, "tinh", "jing"}, /* 靜 */
	{0x97D3, "han", "han"}, /* 韓 */
	{0x97E9, "han", "han"}, /* 韩 */
	{0x9806, "thuan", "shun"}, /* 順 */
	{0x987A, "thuan", "shun"}, /* 顺 */
	{0x98A8, "phong", "feng"}, /* 風 */
	{0x98CE, "phong", "feng"}, /* 风 */
	{0x98DB, "phi", "fei"}, /* 飛 */
	{0x98DE, "phi", "fei"}, /* 飞 */
	{0x9999, "huong", "xiang"}, /* 香 */
	{0x99AC, "ma", "ma"}, /* 馬 */
	{0x99AE, "phung", "feng"}, /* 馮 */
	{0x9A6C, "ma", "ma"}, /* 马 */
	{0x9AD8, "cao", "gao"}, /* 高 */
	{0x9B4F, "nguy", "wei"}, /* 魏 */
	{0x9CF3, "phuong", "feng"}, /* 鳳 */
	{0x9D3B, "hong", "hong"}, /* 鴻 */
	{0x9D6C, "bang", "peng"}, /* 鵬 */
	{0x9E3F, "hong", "hong"}, /* 鸿 */
	{0x9E4F, "bang", "peng"}, /* 鹏 */
	{0x9E97, "le", "li"}, /* 麗 */
	{0x9EA5, "mach", "mai"}, /* 麥 */
	{0x9EA6, "mach", "mai"}, /* 麦 */
	{0x9EC3, "hoang", "huang"}, /* 黃 */
	{0x9EC4, "hoang", "huang"}, /* 黄 */
	{0x9ECE, "le", "li"}, /* 黎 */
	{0x9F8D, "long", "long"}, /* 龍 */
	{0x9F99, "long", "long"}, /* 龙 */
};

static int han_cmp(const void *k, const void *e)
{
	int32_t a = *(const int32_t *)k, b = ((const struct han *)e)->cp;
	return (a > b) - (a < b);
}

static int unihan_cmp(const void *k, const void *e)
{
	uint32_t a = (uint32_t)*(const int32_t *)k, b = ((const struct han_unihan *)e)->cp;
	return (a > b) - (a < b);
}

bool han_readings(int32_t cp, const char **sino_viet, const char **pinyin)
{
	const struct han *h = bsearch(&cp, han_table, sizeof(han_table) / sizeof(han_table[0]),
				      sizeof(han_table[0]), han_cmp);
	const struct han_unihan *u;

	if (h) {
		*sino_viet = h->sv;
		*pinyin = h->py;
		return true;
	}
	/* the rest of the common characters, from Unihan */
	u = bsearch(&cp, han_unihan, han_unihan_count, sizeof(han_unihan[0]), unihan_cmp);
	if (!u)
		return false;
	*sino_viet = u->sv;
	*pinyin = u->py;
	return true;
}
