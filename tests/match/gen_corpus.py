#!/usr/bin/env python3
"""Generates the labelled corpus for the name matcher's evaluation.

    python3 tests/match/gen_corpus.py OUTDIR [--entries N] [--queries N] [--seed S]

writes OUTDIR/watchlist.tsv and OUTDIR/queries.tsv (UTF-8, tab-separated,
no header). Python 3 standard library only; a fixed seed gives the same
files on every machine.

watchlist.tsv: id, names (" | " between aliases), birth (YYYY[-MM[-DD]] or
empty), sex (M/F/empty), nationality, document.
queries.tsv: query id, variant, true entry id ("-" for an innocent
traveller), name, birth, sex, nationality, document.

Variants birth_*: the traveller's birth date is keyed with that change
(birth_missing: none at all); notice_birth_missing: the notice has no
birth date while the passport (the query) has one.

Entries: ~70% Vietnamese (family names by population share, Nguyễn ~38%),
~20% Lao (half in Lao script, half in the passport romanization), and Thai
(script), Chinese (Han), Khmer (half in Khmer script, half romanized).
Positive queries take an entry
and apply one variant (the variant column); innocent travellers are new
people and hard negatives: real namesakes of entries with a birth date
years apart, or the same name and birth date with the other sex, and
Vietnamese travellers keyed in the short form (family and given name,
like the middle_dropped variant) with no such entry born within a year.
"""
import argparse
import os
import random
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import names as N  # noqa: E402


def strip_marks(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) != "Mn"))


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


# ---- people ----

class Person:
    def __init__(self, kind, tokens, display, sex, nat, meta=None):
        self.kind = kind          # vn, lao_script, lao_roman, thai, han, khmer,
                                  # khmer_script
        self.tokens = tokens      # name parts in the entry's order
        self.display = display    # the name as stored
        self.sex = sex
        self.nat = nat
        self.meta = meta or {}    # per-kind data for variants
        self.birth = None         # (y, m, d) with 0 for unknown parts
        self.doc = ""
        self.id = ""
        self.aliases = []


def make_vn(rng, sex=None):
    sex = sex or rng.choice("MF")
    fam = wchoice(rng, N.VN_FAMILY)
    mid = wchoice(rng, N.VN_MIDDLE_M if sex == "M" else N.VN_MIDDLE_F)
    given = rng.choice(N.VN_GIVEN_M if sex == "M" else N.VN_GIVEN_F)
    toks = [fam, mid, given]
    if rng.random() < 0.12:  # a second middle name
        mid2 = wchoice(rng, N.VN_MIDDLE_M if sex == "M" else N.VN_MIDDLE_F)
        if mid2 != mid:
            toks = [fam, mid, mid2, given]
    return Person("vn", toks, " ".join(toks), sex, "VNM")


def make_lao(rng, sex=None, script=None):
    g = rng.choice(N.LAO_GIVEN if sex is None else [x for x in N.LAO_GIVEN if x[3] == sex])
    f = rng.choice(N.LAO_FAMILY)
    script = rng.random() < 0.5 if script is None else script
    meta = {"given": g, "family": f}
    if script:
        return Person("lao_script", [g[0], f[0]], g[0] + " " + f[0], g[3], "LAO", meta)
    return Person("lao_roman", [g[1], f[1]], g[1] + " " + f[1], g[3], "LAO", meta)


def make_thai(rng):
    g = rng.choice(N.THAI_GIVEN)
    f = rng.choice(N.THAI_FAMILY)
    return Person("thai", [g[0], f[0]], g[0] + " " + f[0], g[2], "THA", {"given": g, "family": f})


def make_han(rng):
    f = rng.choice(N.HAN_FAMILY)
    given = rng.sample(N.HAN_GIVEN, rng.choice([1, 2]))
    chars = [f] + given
    return Person("han", [c[0] for c in chars], "".join(c[0] for c in chars),
                  rng.choice("MF"), "CHN", {"chars": chars})


# Whether a Khmer entry is in Khmer script: drawn from a generator of its
# own (seeded in main) so the draws of the rest of the corpus do not move.
KH_RNG = random.Random(0)


def make_khmer(rng):
    f = rng.choice(N.KH_FAMILY)
    g = rng.choice(N.KH_GIVEN)
    sex = rng.choice("MF")
    meta = {"family": f, "given": g}
    if KH_RNG.random() < 0.5:
        sf, sg = N.KH_SCRIPT[f][0], N.KH_SCRIPT[g][0]
        return Person("khmer_script", [sf, sg], sf + " " + sg, sex, "KHM", meta)
    return Person("khmer", [f, g], f + " " + g, sex, "KHM", meta)


def make_person(rng):
    x = rng.random()
    if x < 0.70:
        return make_vn(rng)
    if x < 0.90:
        return make_lao(rng)
    if x < 0.94:
        return make_thai(rng)
    if x < 0.97:
        return make_han(rng)
    return make_khmer(rng)


def rand_birth(rng):
    y = rng.randint(1955, 2008)
    return (y, rng.randint(1, 12), rng.randint(1, 28))


def fmt_birth(b):
    if not b or not b[0]:
        return ""
    y, m, d = b
    if not m:
        return "%04d" % y
    if not d:
        return "%04d-%02d" % (y, m)
    return "%04d-%02d-%02d" % (y, m, d)


def rand_doc(rng, nat, serial=None):
    """A document number: watchlist entries get distinct serials (serial
    given), travellers numbers from another range, as documents are unique."""
    prefix = {"VNM": "C", "LAO": "P", "THA": "AA", "CHN": "E", "KHM": "N"}[nat]
    if serial is not None:
        return prefix + "%08d" % ((serial * 7919) % 50000000)
    return prefix + "%08d" % rng.randint(50000000, 99999999)


# ---- variants ----

def upper_ascii(s):
    return strip_marks(s).upper()


def typo(rng, word):
    letters = "abcdefghijklmnopqrstuvwxyz"
    w = list(word)
    if len(w) < 4:
        return word
    op = rng.choice(["sub", "ins", "del", "swap"])
    i = rng.randrange(1, len(w) - 1)
    if op == "sub":
        c = rng.choice(letters)
        w[i] = c.upper() if w[i].isupper() else c
    elif op == "ins":
        w.insert(i, rng.choice(letters))
    elif op == "del":
        del w[i]
    else:
        w[i], w[i + 1] = w[i + 1], w[i]
    return "".join(w)


def typed_syllable(s, tones, base_map):
    """Types a Vietnamese syllable the way an input method's keys spell it:
    each marked letter by its keys, the tone key at the end."""
    tone = ""
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if ch in tones:
            tone = tones[ch]
            continue
        out.append(ch)
    t = unicodedata.normalize("NFC", "".join(out))
    t = "".join(base_map.get(c, c) for c in t)
    return t + tone


def telex_syllable(s):
    """Types a Vietnamese syllable with Telex keystrokes."""
    return typed_syllable(
        s, {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"},
        {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd",
         "Â": "AA", "Ê": "EE", "Ô": "OO", "Ă": "AW", "Ơ": "OW", "Ư": "UW", "Đ": "DD"})


def vni_syllable(s):
    """Types a Vietnamese syllable with VNI keystrokes."""
    return typed_syllable(
        s, {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"},
        {"â": "a6", "ê": "e6", "ô": "o6", "ă": "a8", "ơ": "o7", "ư": "u7", "đ": "d9",
         "Â": "A6", "Ê": "E6", "Ô": "O6", "Ă": "A8", "Ơ": "O7", "Ư": "U7", "Đ": "D9"})


def lao_script_variant(s):
    """The other common spellings of the same Lao text."""
    s2 = s.replace("\u0EB3", "\u0ECD\u0EB2").replace("\u0EDC", "\u0EAB\u0E99") \
          .replace("\u0EDD", "\u0EAB\u0EA1").replace("\u0EAB\u0EBC", "\u0EAB\u0EA5")
    if s2 == s:
        s2 = s.replace("\u0EAB\u0EA5", "\u0EAB\u0EBC")
    return s2


def lao_simple(rng, rom):
    """ou/u, ph/p, x/s, v/w, ay/ai, -nh/-n, -e variants of a romanization."""
    subs = [("ou", "u"), ("Ou", "U"), ("ph", "p"), ("Ph", "P"), ("x", "s"), ("X", "S"),
            ("v", "w"), ("V", "W"), ("ay", "ai"), ("y", "i")]
    out = rom
    picked = [p for p in subs if rng.random() < 0.5 and p[0] in out]
    for a, b in picked:
        out = out.replace(a, b)
    if out.endswith("nh") and rng.random() < 0.7:
        out = out[:-1]
    if out.endswith("ne") and rng.random() < 0.7:
        out = out[:-1]
    if out == rom:
        out = out.replace("ou", "u").replace("ph", "p") if ("ou" in out or "ph" in out) else out + ""
        if out == rom and out.endswith("h"):
            out = out[:-1]
    return out


def lao_french(rom):
    s = rom
    for a, b in [("phone", "phône"), ("sone", "sône"), ("done", "dône"), ("vong", "vông"),
                 ("ay", "aï"), ("Keo", "Kéo"), ("keo", "kéo"), ("eng", "èng"), ("et", "ète"),
                 ("Ch", "Tch"), ("ch", "tch")]:
        s = s.replace(a, b)
    return s


def viet_syllables(vt):
    return [p for p in vt.replace("-", " ").split()]


def lao_roman(p):
    return [p.meta["given"][1], p.meta["family"][1]]


def variant_name(rng, p, variant):
    """Returns the query name for person p under variant, or None if n/a."""
    toks = p.tokens
    if p.kind == "vn":
        fam, given = toks[0], toks[-1]
        mids = toks[1:-1]
        if variant == "exact":
            return " ".join(toks)
        if variant == "no_diacritics":
            return strip_marks(" ".join(toks))
        if variant == "mrz_upper":
            return upper_ascii(fam) + "<<" + "<".join(upper_ascii(t) for t in toks[1:])
        if variant == "d_as_dd":
            if not any(t.startswith("Đ") or "đ" in t for t in toks):
                return None
            return " ".join(strip_marks(t.replace("Đ", "Dd").replace("đ", "dd")) for t in toks)
        if variant == "telex":
            return " ".join(telex_syllable(t) for t in toks)
        if variant == "vni":
            return " ".join(vni_syllable(t) for t in toks)
        if variant == "order_swapped":
            if rng.random() < 0.5:
                return strip_marks(" ".join([given] + mids + [fam]))
            return strip_marks(" ".join(mids + [given, fam]))
        if variant == "family_comma":
            return upper_ascii(fam) + ", " + strip_marks(" ".join(toks[1:]))
        if variant == "middle_dropped":
            return strip_marks(fam + " " + given)
        if variant == "typo1":
            t = [strip_marks(x) for x in toks]
            cands = [i for i, x in enumerate(t) if len(x) >= 4]
            if not cands:
                return None
            i = rng.choice(cands)
            t[i] = typo(rng, t[i])
            return " ".join(t)
        if variant == "typo2":
            t = [strip_marks(x) for x in toks]
            cands = [i for i, x in enumerate(t) if len(x) >= 4]
            if len(cands) < 2:
                return None
            for i in rng.sample(cands, 2):
                t[i] = typo(rng, t[i])
            return " ".join(t)
        if variant == "run_together":
            t = [strip_marks(x) for x in toks]
            return "".join(t) if rng.random() < 0.5 else "".join(t).upper()
        if variant == "initials":
            return initials_name(rng, toks)
        if variant.startswith("birth_") or variant == "notice_birth_missing":
            return strip_marks(" ".join(toks))
        return None
    if p.kind in ("lao_script", "lao_roman"):
        g, f = p.meta["given"], p.meta["family"]
        script = p.kind == "lao_script"
        if variant == "lao_script_variant":
            if not script:
                return None
            v = lao_script_variant(p.display)
            return v if v != p.display else None
        if variant == "lao_script_to_roman":
            return (g[1] + " " + f[1]).upper() if script else None
        if variant == "lao_roman_to_script":
            return None if script else g[0] + " " + f[0]
        if variant == "lao_romanization_simple":
            return lao_simple(rng, g[1]) + " " + lao_simple(rng, f[1])
        if variant == "lao_romanization_french":
            return lao_french(g[1]) + " " + lao_french(f[1]).upper()
        if variant == "lao_viet_transcription":
            return g[2] + " " + f[2]
        if variant == "lao_split_joined":
            if rng.random() < 0.5:
                return " ".join(strip_marks(x).capitalize() for x in viet_syllables(f[2])) + \
                    " " + g[1]
            return g[1] + f[1]
        if variant == "lao_order_swapped":
            return f[1].upper() + " " + g[1]
        if variant == "lao_typo1":
            return typo(rng, g[1]) + " " + f[1] if rng.random() < 0.5 else g[1] + " " + typo(rng, f[1])
        return None
    if p.kind == "thai":
        if variant == "thai_script_to_rtgs":
            return p.meta["given"][1] + " " + p.meta["family"][1].upper()
        return None
    if p.kind == "han":
        ch = p.meta["chars"]
        if variant == "han_to_sino_viet":
            return " ".join(c[1] for c in ch)
        if variant == "han_to_pinyin":
            return ch[0][2] + " " + "".join(c[2] for c in ch[1:]).capitalize()
        return None
    if p.kind in ("khmer", "khmer_script"):
        f, g = p.meta["family"], p.meta["given"]
        if variant == "khmer_romanized":
            return " ".join(p.tokens).upper() if p.kind == "khmer" else None
        if variant == "khmer_script_to_roman":
            if p.kind != "khmer_script":
                return None
            name = rng.choice(N.KH_SCRIPT[f][1]) + " " + rng.choice(N.KH_SCRIPT[g][1])
            return name.upper() if rng.random() < 0.5 else name
        if variant == "khmer_roman_to_script":
            return N.KH_SCRIPT[f][0] + " " + N.KH_SCRIPT[g][0] if p.kind == "khmer" else None
        return None
    return None


def initial_of(tok, family=False):
    """The abbreviation of one name part: "Ng" for Nguyễn, else its first
    letter."""
    t = strip_marks(tok)
    if family and t.lower() == "nguyen":
        return t[:2]
    return t[0]


def initials_name(rng, toks):
    """Ng. V. Long / N.V. Long / NGUYEN V LONG / Nguyen V. Long: the family
    and middle names abbreviated, the given name in full."""
    fam, mids, given = toks[0], toks[1:-1], strip_marks(toks[-1])
    form = rng.randrange(4)
    if form == 0:
        return " ".join([initial_of(fam, True) + "."] + [initial_of(m) + "." for m in mids] + [given])
    if form == 1:
        return ".".join([initial_of(fam)] + [initial_of(m) for m in mids]) + ". " + given
    if form == 2:
        return " ".join([strip_marks(fam)] + [initial_of(m) for m in mids] + [given]).upper()
    return " ".join([strip_marks(fam)] + [initial_of(m) + "." for m in mids] + [given])


VN_VARIANTS = ["exact", "no_diacritics", "mrz_upper", "d_as_dd", "telex", "vni", "order_swapped",
               "family_comma", "middle_dropped", "typo1", "typo2", "run_together",
               "birth_swapped", "birth_year_off", "birth_year_only", "birth_year_month",
               "birth_missing", "notice_birth_missing"]
LAO_VARIANTS = ["lao_script_variant", "lao_script_to_roman", "lao_roman_to_script",
                "lao_romanization_simple", "lao_romanization_french", "lao_viet_transcription",
                "lao_split_joined", "lao_order_swapped", "lao_typo1"]
OTHER_VARIANTS = ["thai_script_to_rtgs", "han_to_sino_viet", "han_to_pinyin", "khmer_romanized"]


# Variants added after the first corpus: generated last (see main) so the
# queries of the others do not move.
LATER_VARIANTS = ["initials", "khmer_script_to_roman", "khmer_roman_to_script"]
kinds_for_later = {"initials": ("vn",), "khmer_script_to_roman": ("khmer_script",),
                   "khmer_roman_to_script": ("khmer",)}


def initials_key(toks):
    """What an initials query keeps of a name: family initial, middle
    initials, given name."""
    t = [strip_marks(x).lower() for x in toks]
    return (t[0][0],) + tuple(m[0] for m in t[1:-1]) + (t[-1],)


def variant_birth(rng, b, variant):
    y, m, d = b
    if not y:
        return b
    if variant == "birth_swapped":
        if not d or d > 12 or d == m:
            return None
        return (y, d, m)
    if variant == "birth_year_off":
        return (y + rng.choice([-1, 1]), m, d)
    if variant == "birth_year_only":
        return (y, 0, 0)
    if variant == "birth_year_month":
        return (y, m, 0) if m else None
    if variant == "birth_missing":
        return (0, 0, 0)
    return b


def simple_key(p):
    """One spelling per person name, whatever the script of the entry."""
    if p.kind in ("lao_script", "lao_roman"):
        toks = [p.meta["given"][1], p.meta["family"][1]]
    elif p.kind == "thai":
        toks = [p.meta["given"][1], p.meta["family"][1]]
    elif p.kind == "han":
        toks = [c[1] for c in p.meta["chars"]]
    elif p.kind == "khmer_script":
        toks = [p.meta["family"], p.meta["given"]]
    else:
        toks = p.tokens
    return " ".join(sorted(strip_marks(" ".join(toks)).lower().split()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--entries", type=int, default=20000)
    ap.add_argument("--queries", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=20261123)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    KH_RNG.seed(a.seed + 2)
    os.makedirs(a.outdir, exist_ok=True)

    people = []
    for i in range(a.entries):
        p = make_person(rng)
        r = rng.random()
        full = rand_birth(rng)
        if r < 0.85:
            p.birth = full
        elif r < 0.92:
            p.birth = (full[0], 0, 0)
        elif r < 0.95:
            p.birth = (full[0], full[1], 0)
        else:
            p.birth = (0, 0, 0)
        p.doc = rand_doc(rng, p.nat, i) if rng.random() < 0.6 else ""
        p.id = "E%06d" % i
        if p.kind == "vn" and rng.random() < 0.08:  # alias: another given name
            alt = list(p.tokens)
            alt[-1] = rng.choice(N.VN_GIVEN_M if p.sex == "M" else N.VN_GIVEN_F)
            p.aliases.append(" ".join(alt))
        people.append(p)

    by_key = {}
    for p in people:
        by_key.setdefault(simple_key(p), []).append(p)
        for al in p.aliases:
            by_key.setdefault(" ".join(sorted(strip_marks(al).lower().split())), []).append(p)

    # Vietnamese entries by family and given name, for travellers keyed in
    # the short form "Nguyễn Thái" (any middle names)
    by_fg = {}
    for p in people:
        if p.kind == "vn":
            for toks in [p.tokens] + [al.split() for al in p.aliases]:
                by_fg.setdefault((strip_marks(toks[0]).lower(), strip_marks(toks[-1]).lower()), []).append(p)

    with open(os.path.join(a.outdir, "watchlist.tsv"), "w", encoding="utf-8") as f:
        for p in people:
            f.write("\t".join([p.id, " | ".join([p.display] + p.aliases), fmt_birth(p.birth),
                               p.sex, p.nat, p.doc]) + "\n")

    queries = []
    n_pos = int(a.queries * 0.7)
    variants = VN_VARIANTS + LAO_VARIANTS + OTHER_VARIANTS
    per_variant = max(1, n_pos // len(variants))
    kinds_for = {v: ("vn",) for v in VN_VARIANTS}
    kinds_for.update({v: ("lao_script", "lao_roman") for v in LAO_VARIANTS})
    kinds_for.update({"thai_script_to_rtgs": ("thai",), "han_to_sino_viet": ("han",),
                      "han_to_pinyin": ("han",), "khmer_romanized": ("khmer",)})
    pool = {}
    for p in people:
        pool.setdefault(p.kind, []).append(p)
    for v in variants:
        cand = [p for k in kinds_for[v] for p in pool.get(k, [])]
        if v.startswith("birth_"):
            cand = [p for p in cand if p.birth[2]]
        elif v == "notice_birth_missing":
            # the notice has no birth date, the traveller's passport has one
            cand = [p for p in cand if not p.birth[0]]
        made = tries = 0
        while made < per_variant and tries < per_variant * 50:
            tries += 1
            p = rng.choice(cand)
            name = variant_name(rng, p, v)
            if not name:
                continue
            b = variant_birth(rng, p.birth, v)
            if b is None:
                continue
            if not p.birth[0] and not v.startswith("birth_"):
                b = rand_birth(rng)  # the traveller's passport has a date
            elif p.birth[0] and not p.birth[2] and not v.startswith("birth_"):
                b = (p.birth[0], p.birth[1] or rng.randint(1, 12), rng.randint(1, 28))
            queries.append([v, p.id, name, fmt_birth(b), p.sex, p.nat, rand_doc(rng, p.nat)])
            made += 1

    # innocent travellers
    n_neg = a.queries - len(queries)
    for i in range(n_neg):
        r = rng.random()
        if r < 0.1:
            # a Vietnamese traveller keyed as family and given name only,
            # with no entry of that family and given name born within a year
            v = "innocent_short_form"
            while True:
                p = make_vn(rng)
                p.birth = rand_birth(rng)
                fg = (strip_marks(p.tokens[0]).lower(), strip_marks(p.tokens[-1]).lower())
                # nor anyone whose whole name is those two (林薇 reads Lâm Vi)
                same = by_fg.get(fg, []) + by_key.get(" ".join(sorted(fg)), [])
                if not any(not e.birth[0] or abs(e.birth[0] - p.birth[0]) <= 1 for e in same):
                    break
            name = strip_marks(p.tokens[0] + " " + p.tokens[-1])
            if rng.random() < 0.5:
                name = name.upper()
            queries.append([v, "-", name, fmt_birth(p.birth), p.sex, p.nat, rand_doc(rng, p.nat)])
        elif r < 0.5:
            v = "innocent_random"
            while True:
                p = make_person(rng)
                p.birth = rand_birth(rng)
                clash = False
                for e in by_key.get(simple_key(p), []):
                    if not e.birth[0] or abs(e.birth[0] - p.birth[0]) <= 1:
                        clash = True  # an indistinguishable namesake
                if not clash:
                    break
            name = p.display
            if p.kind in ("vn", "lao_roman", "khmer") and rng.random() < 0.5:
                name = strip_marks(p.display).upper()
            queries.append([v, "-", name, fmt_birth(p.birth), p.sex, p.nat, rand_doc(rng, p.nat)])
        elif r < 0.85:
            v = "innocent_namesake_dob"
            while True:
                e = rng.choice(people)
                if e.birth[0]:
                    break
            y = e.birth[0] + rng.choice([-1, 1]) * rng.randint(3, 25)
            b = (y, rng.randint(1, 12), rng.randint(1, 28))
            others = by_key.get(simple_key(e), [])
            if any(not o.birth[0] or abs(o.birth[0] - y) <= 1 for o in others):
                continue
            name = e.display
            if e.kind in ("vn", "lao_roman", "khmer") and rng.random() < 0.5:
                name = strip_marks(e.display).upper()
            queries.append([v, "-", name, fmt_birth(b), e.sex, e.nat, rand_doc(rng, e.nat)])
        else:
            v = "innocent_namesake_sex"
            while True:
                e = rng.choice(people)
                if e.birth[2] and e.sex:
                    break
            sex = "F" if e.sex == "M" else "M"
            others = by_key.get(simple_key(e), [])
            if any(o.sex == sex and (not o.birth[0] or abs(o.birth[0] - e.birth[0]) <= 1)
                   for o in others):
                continue
            name = strip_marks(e.display) if e.kind in ("vn", "lao_roman", "khmer") else e.display
            queries.append([v, "-", name, fmt_birth(e.birth), sex, e.nat,
                            rand_doc(rng, e.nat)])

    # Variants added later come last, from a generator of their own, so the
    # queries above stay what they were.
    rng2 = random.Random(a.seed + 1)
    for v in LATER_VARIANTS:
        cand = [p for k in kinds_for_later[v] for p in pool.get(k, [])]
        made = tries = 0
        while cand and made < per_variant and tries < per_variant * 50:
            tries += 1
            p = rng2.choice(cand)
            name = variant_name(rng2, p, v)
            if not name:
                continue
            b = p.birth
            if not p.birth[0]:
                b = rand_birth(rng2)
            elif not p.birth[2]:
                b = (p.birth[0], p.birth[1] or rng2.randint(1, 12), rng2.randint(1, 28))
            queries.append([v, p.id, name, fmt_birth(b), p.sex, p.nat, rand_doc(rng2, p.nat)])
            made += 1
    # innocent travellers keyed with initials: namesakes (same family
    # initial, middle initials and given name) born 3-25 years apart or of
    # the other sex, and new people; none with such an entry born within a
    # year of the same sex
    by_init = {}
    for p in people:
        if p.kind == "vn":
            by_init.setdefault(initials_key(p.tokens), []).append(p)
    made = 0
    while made < per_variant * 2:
        r = rng2.random()
        if r < 0.5:
            e = rng2.choice(pool["vn"])
            if not e.birth[0]:
                continue
            if r < 0.35:
                y = e.birth[0] + rng2.choice([-1, 1]) * rng2.randint(3, 25)
                b, sex = (y, rng2.randint(1, 12), rng2.randint(1, 28)), e.sex
            else:
                if not e.birth[2]:
                    continue
                b, sex = e.birth, "F" if e.sex == "M" else "M"
            toks = e.tokens
        else:
            e = make_vn(rng2)
            b, sex, toks = rand_birth(rng2), e.sex, e.tokens
        if any(o.sex == sex and (not o.birth[0] or abs(o.birth[0] - b[0]) <= 1)
               for o in by_init.get(initials_key(toks), [])):
            continue
        queries.append(["innocent_initials", "-", initials_name(rng2, toks), fmt_birth(b), sex,
                        "VNM", rand_doc(rng2, "VNM")])
        made += 1

    with open(os.path.join(a.outdir, "queries.tsv"), "w", encoding="utf-8") as f:
        for i, q in enumerate(queries):
            f.write("\t".join(["Q%06d" % i] + q) + "\n")
    print("wrote %d entries, %d queries to %s" % (len(people), len(queries), a.outdir))


if __name__ == "__main__":
    main()
