"""Statistics and the conference report: the generator's exact seed totals,
scopes (--country, --border-only before and after 2025-07-01, --unit
subtree as it was, --category), groupings, languages and formats."""
import json

import pytest

from conftest import Redline

PERIOD = ("--from", "2021-07-01", "--to", "2024-06-30")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    d = tmp_path_factory.mktemp("seeded")
    rl = Redline(str(d / "seed.db"))
    rl.ok("init", "--demo")
    gen = str(d / "gen.jsonl")
    rl.ok("case", "generate", "--seed", "1", "--out", gen)
    out = rl.ok("case", "import", gen)
    assert "0 rejected" in out
    return rl


def report(rl, *args):
    return json.loads(rl.ok("report", *args, "--format", "json"))


def test_exact_vn_border_figures(seeded):
    r = report(seeded, *PERIOD, "--country", "VNM", "--border-only")
    assert (r["cases"], r["suspects"]) == (14131, 19961)
    assert r["mass_kg"] == 1910
    assert r["tablets"] == 3000000
    assert r["plants"] == 3448
    assert r["plants_by_drug"]["opium_poppy"] == 3448
    assert r["groups"] == []


def test_exact_laos_figures(seeded):
    r = report(seeded, *PERIOD, "--country", "LAO", "--category", "drugs")
    assert (r["cases"], r["suspects"], r["foreign_suspects"]) == (15859, 23458, 560)
    # non-drug cases exist and count without the category filter
    assert report(seeded, *PERIOD, "--country", "LAO")["cases"] > 15859


def test_groups_add_up(seeded):
    for by in ("unit", "month", "quarter", "category", "drug"):
        r = report(seeded, *PERIOD, "--country", "VNM", "--border-only", "--by", by)
        assert r["by"] == by
        if by != "drug":  # a case with two drugs is in two groups
            assert sum(g["cases"] for g in r["groups"]) == 14131
            assert sum(g["suspects"] for g in r["groups"]) == 19961
        assert sum(g["tablets"] for g in r["groups"]) == 3000000
        assert round(sum(g["mass_kg"] for g in r["groups"]), 3) == 1910
    months = report(seeded, *PERIOD, "--country", "VNM", "--border-only", "--by", "month")["groups"]
    assert len(months) == 36 and months[0]["key"] == "2021-07" and months[-1]["key"] == "2024-06"
    nat = report(seeded, *PERIOD, "--country", "LAO", "--category", "drugs", "--by", "nationality")
    assert sum(g["foreign_suspects"] for g in nat["groups"]) == 560
    assert [g for g in nat["groups"] if g["key"] == "LAO"][0]["foreign_suspects"] == 0


def test_border_only_follows_the_2025_reform(seeded):
    before = {g["key"] for g in report(seeded, *PERIOD, "--country", "VNM", "--border-only", "--by", "unit")["groups"]}
    assert before == {"VN-71", "VN-05", "VN-21", "VN-22", "VN-23", "VN-24", "VN-25", "VN-26", "VN-27", "VN-28"}
    everything = {g["key"] for g in report(seeded, *PERIOD, "--country", "VNM", "--by", "unit")["groups"]}
    assert {"VN-29", "VN-DN"} <= everything
    after = {g["key"] for g in report(seeded, "--from", "2025-07-01", "--to", "2025-12-31", "--country", "VNM",
                                      "--border-only", "--by", "unit")["groups"]}
    assert {"VN-29", "VN-DN"} <= after
    assert not after & {"VN-24", "VN-27", "VN-28"}
    lao = {g["key"] for g in report(seeded, *PERIOD, "--country", "LAO", "--border-only", "--by", "unit")["groups"]}
    assert len(lao) == 10 and not lao & {"LA-VT", "LA-CH"}


def test_unit_scope_is_the_subtree_as_it_was(rl_demo):
    cases = [
        ("D1", "VN-22-D01", "2024-03-01"),     # the district
        ("C1", "VN-22-C0101", "2024-04-01"),   # a commune under it then
        ("P1", "VN-22", "2024-05-01"),         # the province itself
        ("Q1", "VN-24-C0101", "2024-06-01"),   # Dân Hóa, in Quảng Bình until the reform
        ("Q2", "VN-25-C9002", "2025-08-01"),   # Dân Hóa, in Quảng Trị after it
    ]
    lines = "".join(json.dumps({"ref": r, "country": "VNM", "unit": u, "category": "drug_possession",
                                "opened": d, "persons": [{"full_name": "X Y", "role": "suspect"}]}) + "\n"
                    for r, u, d in cases)
    rl_demo.ok("case", "import", "-", stdin=lines)
    def n(*a):
        return report(rl_demo, "--from", "2024-01-01", "--to", "2025-12-31", *a)["cases"]
    assert n("--unit", "VN-22-D01") == 2
    assert n("--unit", "VN-22") == 3
    assert n("--unit", "VN-24") == 1
    assert n("--unit", "VN-25") == 1
    assert n("--unit", "VN-MPS") == 5
    assert n("--unit", "LA-MPS") == 0
    # grouping by unit rolls up to the province of the time
    groups = {g["key"]: g["cases"] for g in report(rl_demo, "--from", "2024-01-01", "--to", "2025-12-31",
                                                    "--by", "unit")["groups"]}
    assert groups == {"VN-22": 3, "VN-24": 1, "VN-25": 1}
    assert rl_demo.run("report", "--from", "2024-01-01", "--to", "2024-12-31", "--unit", "VN-99").returncode == 3
    assert rl_demo.run("report", "--from", "2025-08-01", "--to", "2025-12-31", "--unit", "VN-24").returncode == 1


def norm(s):
    return s.replace("\u202f", " ").replace("\u00a0", " ")


def test_conference_french(seeded, tmp_path):
    out = norm(seeded.ok("report", "conference", *PERIOD, "--lang", "fr"))
    assert ("De juillet 2021 à juin 2024, la police des 10 provinces frontalières du Laos a traité "
            "14 131 affaires impliquant 19 961 suspects, et saisi 1 910 kg de drogues de divers types, "
            "3 000 000 comprimés de drogues de synthèse et 3 448 plants de pavot.") in out
    assert "Au Laos, 15 859 affaires liées à la drogue, 23 458 suspects arrêtés, dont 560 étrangers." in out
    assert "2018-07-01" in out  # the previous period of the same length


def test_conference_vietnamese_and_english(seeded):
    vi = seeded.ok("report", "conference", *PERIOD, "--lang", "vi")
    assert "Từ tháng 7/2021 đến tháng 6/2024, công an 10 tỉnh biên giới với Lào" in vi
    for figure in ("14.131 vụ", "19.961 đối tượng", "1.910 kg", "3.000.000 viên", "3.448 cây thuốc phiện",
                   "15.859", "23.458", "560 người nước ngoài"):
        assert figure in vi, figure
    en = seeded.ok("report", "conference", *PERIOD, "--lang", "en")
    assert "handled 14,131 cases involving 19,961 suspects" in en
    assert "In Laos, 15,859 drug cases, 23,458 suspects arrested, 560 of them foreigners." in en
    lo = seeded.ok("report", "conference", *PERIOD, "--lang", "lo")
    assert "14,131" in lo and "ຕົ້ນຝິ່ນ 3,448" in lo


def test_conference_html_is_self_contained(seeded, tmp_path):
    out = tmp_path / "conf.html"
    seeded.ok("report", "conference", *PERIOD, "--lang", "fr", "--format", "html", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<style>" in html
    assert "http://" not in html and "https://" not in html and "src=" not in html
    assert "19\u202f961" in html


def test_text_csv_html_formats(seeded):
    text = seeded.ok("report", *PERIOD, "--country", "VNM", "--border-only", "--by", "unit", "--lang", "vi")
    assert "Nghệ An" in text and "14.131" in text
    csv = seeded.ok("report", *PERIOD, "--country", "VNM", "--border-only", "--format", "csv")
    assert csv.splitlines()[-1].startswith("total,") and ",14131,19961," in csv
    html = seeded.ok("report", *PERIOD, "--country", "LAO", "--by", "unit", "--format", "html")
    assert "<table>" in html and "Savannakhet" in html


def test_bad_report_input(rl_init):
    assert rl_init.run("report", "--from", "2024-01-01").returncode == 2
    assert rl_init.run("report", "--from", "2024-02-01", "--to", "2024-01-01").returncode == 1
    assert rl_init.run("report", "--from", "2024-02-30", "--to", "2024-03-01").returncode == 1
    assert rl_init.run("report", *PERIOD, "--by", "colour").returncode == 2
    assert rl_init.run("report", *PERIOD, "--lang", "de").returncode == 2
    assert rl_init.run("report", *PERIOD, "--country", "THA").returncode == 1
    assert rl_init.run("report", *PERIOD, "--category", "nope").returncode == 1
    assert rl_init.run("report", "conference", *PERIOD, "--format", "json").returncode == 2
    empty = report(rl_init, *PERIOD)
    assert empty["cases"] == 0 and empty["mass_kg"] == 0


def test_by_drug_splits_cases_with_several_drugs(rl_demo):
    """A case counts once under each drug it seized; its seizure totals go
    to each drug separately, also when it has several drugs (the report by
    drug reads the drug set kept on each case, migration 0009)."""
    def case(ref, seizures, day="2024-03-01"):
        return json.dumps({"ref": ref, "country": "VNM", "unit": "VN-22", "category": "drug_trafficking",
                           "opened": day, "persons": [{"full_name": "X " + ref, "role": "suspect"}],
                           "seizures": [{"drug": d, "quantity": q, "unit": u} for d, q, u in seizures]}) + "\n"
    lines = (case("M1", [("heroin", 1, "kg"), ("methamphetamine_tablets", 100, "tablet"), ("heroin", 500, "g")])
             + case("M2", [("heroin", 2, "kg")])
             + case("M3", [("opium_poppy", 40, "plant"), ("cannabis_plant", 7, "plant"),
                           ("precursor_chemicals", 3, "l")])
             + case("M4", [])
             + case("M5", [("heroin", 9, "kg")], day="2023-12-31"))
    rl_demo.ok("case", "import", "-", stdin=lines)
    r = report(rl_demo, "--from", "2024-01-01", "--to", "2024-12-31", "--by", "drug")
    g = {x["key"]: x for x in r["groups"]}
    assert set(g) == {"heroin", "methamphetamine_tablets", "opium_poppy", "cannabis_plant", "precursor_chemicals"}
    assert (g["heroin"]["cases"], g["heroin"]["suspects"], g["heroin"]["mass_kg"]) == (2, 2, 3.5)
    assert g["heroin"]["tablets"] == 0
    assert (g["methamphetamine_tablets"]["cases"], g["methamphetamine_tablets"]["tablets"]) == (1, 100)
    assert g["methamphetamine_tablets"]["mass_kg"] == 0
    assert (g["opium_poppy"]["plants"], g["cannabis_plant"]["plants"]) == (40, 7)
    assert g["precursor_chemicals"]["volume_l"] == 3 and g["precursor_chemicals"]["plants"] == 0
    assert (r["cases"], r["mass_kg"], r["tablets"], r["plants"]) == (4, 3.5, 100, 47)


def trend_changes(out, marker):
    """The "change" column of the trend tables after `marker` (the trend
    section's heading), one per figure row."""
    rows = [line for line in norm(out).split(marker, 1)[1].splitlines()[1:] if line.strip()]
    return [line.split()[-2] + " " + line.split()[-1] for line in rows if line.rstrip().endswith(("%", "∞", "0"))]


def test_conference_trend_is_a_finite_percentage(seeded):
    """The generator also writes the three years before the seed period
    (2018-07-01..2021-06-30), so each side's trend is a real percentage."""
    import re
    fr = seeded.ok("report", "conference", *PERIOD, "--lang", "fr")
    vi = seeded.ok("report", "conference", *PERIOD, "--lang", "vi")
    for out, marker in ((fr, "Évolution par rapport à la période précédente"), (vi, "So với kỳ trước")):
        assert "∞" not in out
        changes = trend_changes(out, marker)
        assert len(changes) == 12, changes   # six figures for each side
        assert all(re.fullmatch(r"[+-]\d+,\d %", c) for c in changes), changes
    # Laos' previous period holds exactly the generated drug cases of those years.
    lao_prev = report(seeded, "--from", "2018-07-01", "--to", "2021-06-30", "--country", "LAO", "--category", "drugs")
    assert (lao_prev["cases"], lao_prev["suspects"], lao_prev["foreign_suspects"]) == (13940, 20377, 498)
    assert "13 940" in norm(fr) and "+13,8 %" in norm(fr)
    vn_prev = report(seeded, "--from", "2018-07-01", "--to", "2021-06-30", "--country", "VNM", "--border-only",
                     "--category", "drugs")
    assert 12876 <= vn_prev["cases"] < 14131
