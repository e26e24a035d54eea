/*
 * vocab.h: the fixed vocabularies of cases: categories, statuses, person
 * roles, drugs and units of measure, with their labels in Vietnamese, Lao,
 * English and French (for reports and the console), and the table of which
 * unit of measure fits which drug.
 *
 * Codes are stable identifiers stored in the database and exchanged in
 * files; labels are for people. All strings are static: nobody frees them.
 *
 * Drug/unit compatibility (UNODC reports solids by mass, tablets and plants
 * by count, precursors by mass or volume):
 *
 *   drug                      g/kg   l   tablet  plant
 *   heroin, opium, cannabis,   yes   -     -       -
 *   methamphetamine_crystal,
 *   ketamine, cocaine
 *   methamphetamine_tablets    yes   -    yes      -
 *   mdma                       yes   -    yes      -
 *   precursor_chemicals        yes  yes    -       -
 *   opium_poppy, cannabis_plant -    -     -      yes
 *   other                      yes  yes   yes     yes
 *
 * Opium poppy and cannabis plants are counted, never weighed: a field of
 * plants weighed in kg would be added to the seized mass of drugs and
 * inflate it, so "opium_poppy in kg" is refused (seized opium is "opium").
 */
#ifndef RL_CORE_VOCAB_H
#define RL_CORE_VOCAB_H

#include <stdbool.h>

enum vocab_lang { LANG_VI, LANG_LO, LANG_EN, LANG_FR, LANG_COUNT };

struct vocab_term {
	const char *code;                 /* stored code */
	const char *label[LANG_COUNT];    /* vi, lo, en, fr */
};

/* What a unit of measure measures; the report sums within a kind only. */
enum measure { MEASURE_MASS, MEASURE_VOLUME, MEASURE_TABLET, MEASURE_PLANT };

/* NULL-terminated tables (code == NULL ends them). */
extern const struct vocab_term vocab_categories[];
extern const struct vocab_term vocab_statuses[];
extern const struct vocab_term vocab_roles[];
extern const struct vocab_term vocab_drugs[];
extern const struct vocab_term vocab_units[];
extern const struct vocab_term vocab_sexes[];

/* The term with this code in table, or NULL. */
const struct vocab_term *vocab_find(const struct vocab_term *table, const char *code);

/* The label of code in lang, or the code itself if unknown. */
const char *vocab_label(const struct vocab_term *table, const char *code, enum vocab_lang lang);

/* Parses "vi", "lo", "en", "fr"; -1 if none. */
int vocab_lang_parse(const char *s);
const char *vocab_lang_code(enum vocab_lang lang);

/* Whether a category is in the group "drugs" (its code starts "drug_"). */
bool vocab_category_is_drug(const char *code);

/* The kind a unit of measure measures, and how many base units one of it
 * holds: mg for g/kg, ml for l, 1 for tablet/plant. -1 if unknown. */
int vocab_unit_measure(const char *unit, enum measure *kind, long long *base_per_unit);

/* Whether the drug may be measured in that unit (table above). Both
 * codes must be known. */
bool vocab_drug_unit_ok(const char *drug, const char *unit);

/* The units a drug accepts, as "g, kg, tablet", for error messages. */
const char *vocab_drug_units_text(const char *drug);

/* Whether s is an upper-case ISO 3166 alpha-3 code we know. */
bool vocab_country_valid(const char *s);

/* Month name for reports ("juillet", "tháng 7", "July"); month 1..12. */
const char *vocab_month_name(int month, enum vocab_lang lang);

#endif
