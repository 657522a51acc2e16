import pytest

import gazetteer
from gazetteer.core import km_between

POINTS = {
    "Rawa": (34.482, 41.919, 10),
    "Anah": (34.369, 41.982, 10),
    "Tal Afar": (36.379, 42.448, 10),
    "Baiji": (34.929, 43.489, 10),
    "Rutba": (33.037, 40.286, 10),
    "Qaim": (34.372, 41.063, 10),
    "Turaibil": (32.743, 39.008, 25),
    "Walid": (33.435, 38.923, 25),
    "Mosul Dam": (36.63, 42.823, 25),
    "Fallujah": (33.349, 43.786, 10),
    "Erbil": (36.19, 44.01, 10),
    "Kirkuk": (35.468, 44.392, 10),
    "Jalawla": (34.27, 45.17, 10),
    "Amirli": (34.725, 44.585, 10),
    "Sinjar": (36.32, 41.88, 10),
}
SPELLINGS = {
    "Rawa": ["Rawa", "Rawah", "Rawaa"],
    "Anah": ["Anah", "Ana", "Aanah"],
    "Tal Afar": ["Tal Afar", "Telafer", "Tall Afar", "Tel Afar", "Tall ‘Afar"],
    "Baiji": ["Baiji", "Bayji", "Beiji"],
    "Rutba": ["Rutba", "Rotba", "Rutbah", "Ar-Rutbah"],
    "Qaim": ["Qaim", "al-Qaim", "Al Qaim"],
    "Turaibil": ["Turaibil", "Trebil", "Turaibil border crossing", "Trebil crossing"],
    "Walid": ["al-Walid", "Al-Walid border crossing"],
    "Mosul Dam": ["Mosul Dam"],
    "Fallujah": ["Falluja", "Fallujah"],
    "Erbil": ["Irbil", "Arbil", "Erbil"],
    "Kirkuk": ["Kirkuk", "Karkuk"],
    "Jalawla": ["Jalula", "Jalawla"],
    "Amirli": ["Amerli", "Amirli"],
    "Sinjar": ["Sinjar"],
}
CASES = [(spelling, target) for target, spellings in SPELLINGS.items() for spelling in spellings]


@pytest.mark.parametrize("spelling, target", CASES)
def test_spelling_resolves_near_point(gaz, spelling, target):
    lat, lon, tol = POINTS[target]
    best = gaz.best(spelling)
    assert best is not None, spelling
    km = km_between(lat, lon, best.place.lat, best.place.lon)
    assert km <= tol, f"{spelling!r} -> {best.place.name} ({best.place.lat},{best.place.lon}) is {km:.1f} km off"
    assert best.place.country == "IQ"
    assert best.place.in_scope


@pytest.mark.parametrize("spelling", [s for s, _ in CASES] + ["Amman", "Kirkuk province", "Qaim crossing"])
def test_scores_in_range_and_sorted(gaz, spelling):
    matches = gaz.resolve(spelling, limit=10)
    assert matches
    scores = [m.score for m in matches]
    assert all(0 < s <= 1 for s in scores), scores
    assert scores == sorted(scores, reverse=True)
    assert len({m.place.id for m in matches}) == len(matches)


def test_anah_is_living_town_not_old_anah(gaz):
    matches = gaz.resolve("Anah", limit=10)
    assert matches[0].place.name == "Anah"
    assert matches[0].place.kind in ("town", "city")
    old = [m for m in matches if "old" in m.place.name.lower()]
    for m in old:
        assert m.place.importance < matches[0].place.importance
        assert m.score < matches[0].score


def test_qaim_town_before_crossing(gaz):
    matches = gaz.resolve("Qaim", limit=10)
    kinds = [m.place.kind for m in matches]
    assert kinds[0] in ("town", "city")
    assert "crossing" in kinds
    assert kinds.index("crossing") > 0


@pytest.mark.parametrize("query", ["Qaim border crossing", "Qaim crossing", "al-Qaim border crossing"])
def test_qaim_crossing_cue(gaz, query):
    best = gaz.best(query)
    assert best.place.kind == "crossing"
    assert km_between(34.398, 40.977, best.place.lat, best.place.lon) < 25


def test_kind_argument_prefers_kind(gaz):
    assert gaz.best("Qaim", kind="crossing").place.kind == "crossing"


def test_kirkuk_city_vs_province(gaz):
    assert gaz.best("Kirkuk").place.kind == "city"
    assert gaz.best("Kirkuk province").place.kind == "province"
    assert gaz.best("Kirkuk Governorate").place.kind == "province"
    assert gaz.best("province of Kirkuk").place.kind == "province"


def test_a_city_before_its_province_at_an_equal_score(gaz):
    # Dohuk city and Dohuk governorate score alike; a reporter writing "Dohuk" means the city.
    first, second = gaz.resolve("Dohuk", limit=2)
    assert first.score == second.score
    assert (first.place.kind, second.place.kind) == ("city", "province")
    assert gaz.best("Dohuk province").place.kind == "province"


def test_mosul_dam_is_dam(gaz):
    best = gaz.best("Mosul Dam")
    assert best.place.kind == "dam"
    assert gaz.best("Mosul").place.kind == "city"


@pytest.mark.parametrize("query", ["xqzvbnmplk", "Zzyzzyx Qwrtp", "", "   "])
def test_unknown_returns_empty(gaz, query):
    assert gaz.resolve(query) == []
    assert gaz.best(query) is None


def test_foreign_amman(gaz):
    best = gaz.best("Amman")
    assert best.place.country == "JO"
    assert best.place.in_scope is False
    assert km_between(31.95, 35.93, best.place.lat, best.place.lon) < 20


@pytest.mark.parametrize("spelling", ["Beiji", "Bayji", "Telafer", "Rotba", "Aanah"])
def test_variant_spellings_stay_in_iraq(gaz, spelling):
    best = gaz.best(spelling)
    assert best.place.country == "IQ", (spelling, best.place)


def test_size_and_scope(gaz):
    assert len(gaz) >= 400
    assert sum(1 for p in gaz if p.country == "IQ") >= 400
    assert all(p.kind in gazetteer.KINDS for p in gaz)
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in gaz)


def test_admin1_at(gaz):
    assert gaz.admin1_at(33.34, 44.40) == "Baghdad"
    assert gaz.admin1_at(36.34, 43.13) == "Nineveh"
    assert gaz.admin1_at(31.95, 35.93) is None  # Amman


def test_load_is_cached():
    assert gazetteer.load(include_user_dir=False) is gazetteer.load(include_user_dir=False)


def test_match_to_dict(gaz):
    d = gaz.best("Telafer").to_dict()
    assert set(d) == {"id", "name", "kind", "lat", "lon", "country", "admin1", "score"}
    assert d["name"] == "Tal Afar"
    assert d["admin1"] == "Nineveh"


# -- user extension --------------------------------------------------------------------------
def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_user_alias_file(tmp_path):
    aliases = _write(tmp_path / "aliases.csv", "alias,place\nQaryat Testville,Mosul\n")
    gaz = gazetteer.load(user_files=[aliases], include_user_dir=False)
    best = gaz.best("Qaryat Testville")
    assert best is not None and best.place.name == "Mosul"
    assert best.place.kind == "city"
    # the bundled gazetteer is not changed
    assert gazetteer.load(include_user_dir=False).best("Qaryat Testville") is None


def test_user_entries_file(tmp_path):
    entries = _write(
        tmp_path / "entries.csv",
        "name,kind,lat,lon,country,admin1,aliases,importance\n"
        "Zorbatiya Qadima,village,33.1234,45.9876,IQ,Wasit,Zurbatiyah Old|Zorbatia Old,0.4\n",
    )
    gaz = gazetteer.load(user_files=[entries], include_user_dir=False)
    best = gaz.best("Zorbatiya Qadima")
    assert best is not None
    assert (best.place.lat, best.place.lon) == (33.1234, 45.9876)
    assert best.place.kind == "village"
    assert best.place.id.startswith("user:")
    assert best.place.source == "user"
    assert gaz.best("Zorbatia Old").place.id == best.place.id


def test_user_entries_and_aliases_together(tmp_path):
    entries = _write(tmp_path / "entries.csv", "name,kind,lat,lon\nTestabad,town,34.0,44.0\n")
    aliases = _write(tmp_path / "aliases.csv", "alias,place\nTestabad Jadida,Testabad\n")
    gaz = gazetteer.load(user_files=[entries, aliases], include_user_dir=False)
    assert gaz.best("Testabad Jadida").place.name == "Testabad"


def test_alias_to_unknown_place_raises(tmp_path):
    aliases = _write(tmp_path / "aliases.csv", "alias,place\nSomewhere,Nowhereville Xyz\n")
    with pytest.raises(gazetteer.GazetteerFormatError) as err:
        gazetteer.load(user_files=[aliases], include_user_dir=False)
    assert "aliases.csv" in str(err.value)


@pytest.mark.parametrize(
    "row, problem",
    [
        ("Badplace,castle,34.0,44.0", "kind"),
        ("Badplace,town,north,44.0", "lat"),
        ("Badplace,town,134.0,44.0", "range"),
        ("Badplace,town,34.0,", "lon"),
    ],
)
def test_malformed_entries_raise(tmp_path, row, problem):
    path = _write(tmp_path / "bad.csv", f"name,kind,lat,lon\nGoodplace,town,34.5,44.5\n{row}\n")
    with pytest.raises(gazetteer.GazetteerFormatError) as err:
        gazetteer.load(user_files=[path], include_user_dir=False)
    message = str(err.value)
    assert "bad.csv" in message
    assert ":3" in message
    assert err.value.line == 3
    assert problem in message


def test_missing_column_raises(tmp_path):
    path = _write(tmp_path / "bad.csv", "name,kind,lat\nGoodplace,town,34.5\n")
    with pytest.raises(gazetteer.GazetteerFormatError) as err:
        gazetteer.load(user_files=[path], include_user_dir=False)
    assert "lon" in str(err.value)


@pytest.mark.parametrize("name", ["Turaibil", "Turaybil", "Traibil"])
def test_bare_turaibil_is_the_border_crossing(gaz, name):
    # the settlement by the border post is "Trebil"; reporters writing "Turaibil" mean the crossing
    assert gaz.best(name).place.kind == "crossing"


def test_km_outside_iraq(gaz):
    assert gaz.km_outside(33.3, 44.4, "adm:IQ") == 0  # Baghdad
    assert gaz.km_outside(29.5, 60.8, "adm:IQ") > 1000  # Zahedan
    with pytest.raises(KeyError):
        gaz.km_outside(33.3, 44.4, "adm:XX")


@pytest.mark.parametrize("written, name", [
    ("Baquoba", "Baqubah"), ("Albu Shijil", "Albu Shajal"), ("al-Kwair", "Gwer"), ("Telsqof", "Telskuf"),
    ("Ayadhiyah", "Ayadiya"), ("Mahalabiyah", "Muhallabiya"), ("Jweibah", "Juwaybah"),
])
def test_spelling_rules_resolve_as_normalised_matches(gaz, written, name):
    best = gaz.best(written)
    assert best.place.name == name and best.level == "normalized"


def test_a_spelling_match_scores_below_a_key_match(gaz):
    # "Baqouba" is a listed spelling (alternate); "Baquoba" only matches by the spelling rules.
    assert gaz.best("Baquoba").score < gaz.best("Baqouba").score


def test_spelling_rules_do_not_reach_far_countries(gaz):
    for match in gaz.resolve("Parris", limit=10, fuzzy=False):  # Paris by the e/i, doubled-letter rules
        assert match.place.country in ("IQ", "SY", "JO", "SA", "KW", "IR", "TR") or match.level != "normalized"


def test_al_tanf_is_the_syrian_side_of_al_walid(gaz):
    tanf, walid = gaz.best("al-Tanf").place, gaz.best("al-Walid").place
    assert tanf.country == "SY" and walid.country == "IQ" and walid.kind == "crossing"


def test_mosul_old_city(gaz):
    best = gaz.best("Mosul Old City")
    assert best.place.kind == "district" and best.place.admin1 == "Nineveh"
    assert km_between(best.place.lat, best.place.lon, 36.335, 43.119) < 3


# -- the on-disk cache of the built gazetteer ------------------------------------------------------
def _load_fresh(user_files=()):
    from gazetteer import core

    core._load_cached.cache_clear()
    return core.load(user_files, include_user_dir=False)


def test_a_built_gazetteer_is_cached_on_disk_and_read_back(tmp_path, monkeypatch):
    from gazetteer import core

    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))
    first = _load_fresh()
    cached = list((tmp_path / "cache").glob("gazetteer-*.pickle"))
    assert len(cached) == 1

    def no_build(*args, **kwargs):
        raise AssertionError("built again although cached")

    monkeypatch.setattr(core, "build", no_build)
    second = _load_fresh()
    assert second is not first and len(second) == len(first)
    ids = [[m.place.id for m in g.resolve("Telafer", limit=3)] for g in (first, second)]
    assert ids[0] == ids[1]
    core._load_cached.cache_clear()


def test_a_changed_user_file_or_a_damaged_cache_builds_again(tmp_path, monkeypatch):
    from gazetteer import core

    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))
    extra = tmp_path / "extra.csv"
    extra.write_text("alias,place\nTelafar Town,Tal Afar\n", encoding="utf-8")
    _load_fresh([extra])
    extra.write_text("alias,place\nTelafar Town,Tal Afar\nTal Afar City,Tal Afar\n", encoding="utf-8")
    gaz = _load_fresh([extra])
    assert gaz.resolve("Tal Afar City", limit=1)[0].place.name == "Tal Afar"
    (cached,) = (tmp_path / "cache").glob("gazetteer-*.pickle")  # the older cache is gone
    cached.write_bytes(b"not a pickle")
    assert _load_fresh([extra]).resolve("Tal Afar City", limit=1)[0].place.name == "Tal Afar"
    core._load_cached.cache_clear()


def test_no_cache_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))
    monkeypatch.setenv("TERRITORY_MAPPER_NO_CACHE", "1")
    _load_fresh()
    assert not (tmp_path / "cache").exists()
    from gazetteer import core

    core._load_cached.cache_clear()


def test_a_cache_that_cannot_be_written_leaves_nothing_and_costs_nothing(tmp_path, monkeypatch):
    from gazetteer import core

    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))

    def broken_dump(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(core.pickle, "dump", broken_dump)
    gaz = _load_fresh()
    assert gaz.resolve("Tal Afar", limit=1)[0].place.name == "Tal Afar"
    assert list((tmp_path / "cache").iterdir()) == []
    core._load_cached.cache_clear()
