/*
 * script.c: which writing system a code point belongs to, so tokens.c can
 * send each run of text to the right key builder.
 */
#include "match/internal.h"

#include "util/banned.h"

enum mscript mscript_of(int32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x1E00 && cp <= 0x1EFF))
		return MS_LATIN;
	if (cp >= '0' && cp <= '9')
		return MS_DIGIT;
	if (cp >= 0x0E80 && cp <= 0x0EFF)
		return MS_LAO;
	if (cp >= 0x0E00 && cp <= 0x0E7F)
		return MS_THAI;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F))
		return MS_HAN;
	if (cp >= 0x1780 && cp <= 0x17FF)
		return MS_KHMER;
	return MS_OTHER;
}
