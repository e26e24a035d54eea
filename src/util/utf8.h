/*
 * utf8.h: UTF-8 validation and the search fold shared by every search box.
 *
 * The fold makes "Nghệ An", "NGHE AN" and "nghe an" equal, and "Đà Nẵng"
 * equal to "da nang", without harming Lao: combining marks are stripped
 * only after a Latin base letter, because Lao vowels and tone marks are
 * combining marks too and carry meaning. đ/Đ do not decompose in Unicode,
 * so they are mapped by hand.
 */
#ifndef RL_UTIL_UTF8_H
#define RL_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the len bytes at s are valid UTF-8 without NUL bytes. */
bool rl_utf8_valid(const char *s, size_t len);

/* Number of code points in a valid UTF-8 string. */
size_t rl_utf8_len(const char *s);

/*
 * The search fold of s: NFKC-style compatibility decomposition, case fold,
 * Latin diacritics removed, đ -> d, runs of white space and punctuation
 * turned into one space, no leading or trailing space. Returns a new string
 * the caller frees, or NULL if s is not valid UTF-8.
 */
char *rl_fold(const char *s);

#endif
