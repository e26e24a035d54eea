/*
 * syllable.h: the syllable parser shared by the Lao and Thai romanizers.
 *
 * Lao and Thai write some vowels before the consonant they follow in
 * speech (ເ ແ ໂ ໄ ໃ / เ แ โ ใ ไ), some above or below it, and use a
 * silent vowel carrier (ອ / อ) and a silent ຫ / ห before sonorants, so a
 * character-by-character transliteration gets names wrong. lao.c and
 * thai.c turn their code points into units (a consonant with its initial
 * and final readings, or a sign expressed as the equivalent Lao code point)
 * and syll_romanize() reads whole syllables: pre-vowel, initial (cluster),
 * vowel signs, tone marks, vowel letters, final consonant.
 */
#ifndef RL_MATCH_SYLLABLE_H
#define RL_MATCH_SYLLABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sunit_kind { SU_CONS, SU_VOWEL, SU_PRE, SU_TONE, SU_SUBL, SU_SILENT, SU_SKIP };

#define SC_CARRIER 1u  /* ອ อ: silent before a vowel, "o" after an initial */
#define SC_W       2u  /* ວ ว: consonant, vowel "ua" or glide */
#define SC_Y       4u  /* ຍ ย: consonant, part of "ia", final "y" */
#define SC_H       8u  /* ຫ ห: silent before a sonorant */
#define SC_SONOR  16u  /* may follow a silent h */
#define SC_RL     32u  /* ຣ ລ ร ล: second consonant of a cluster */

struct sunit {
	enum sunit_kind kind;
	int32_t v;          /* SU_VOWEL/SU_PRE: the Lao code point of the sign */
	const char *init;   /* SU_CONS: reading as initial */
	const char *fin;    /* SU_CONS: reading as final, NULL if it cannot close */
	unsigned flags;     /* SU_CONS: SC_* */
};

/* Romanizes n units into out (outsz bytes, always NUL-terminated). With
 * passport_style, u is written "ou" and a final i "y" as Lao passports do
 * (Bounmy), so typos in those spellings stay one edit away. */
void syll_romanize(const struct sunit *u, size_t n, char *out, size_t outsz, bool passport_style);

/* Lao-numbered vowel signs used by both scripts. */
#define LV_A      0x0EB0 /* ະ */
#define LV_SHORT  0x0EB1 /* ັ  (Thai ั and ็) */
#define LV_AA     0x0EB2 /* າ */
#define LV_AM     0x0EB3 /* ຳ */
#define LV_I      0x0EB4 /* ິ */
#define LV_II     0x0EB5 /* ີ */
#define LV_UE     0x0EB6 /* ຶ */
#define LV_UEE    0x0EB7 /* ື */
#define LV_U      0x0EB8 /* ຸ */
#define LV_UU     0x0EB9 /* ູ */
#define LV_O      0x0EBB /* ົ */
#define LV_IA     0x0EBD /* ຽ */
#define LV_OO     0x0ECD /* ໍ */
#define LP_E      0x0EC0 /* ເ */
#define LP_AE     0x0EC1 /* ແ */
#define LP_O      0x0EC2 /* ໂ */
#define LP_AI     0x0EC3 /* ໃ */
#define LP_AI2    0x0EC4 /* ໄ */

#endif
