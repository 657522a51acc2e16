#!/usr/bin/env python3
"""Generate a synthetic JSON lines corpus of news articles about the 2014 war in Iraq.

Every article is built here from the gazetteer's names and the party vocabulary of
``mapper/parties.toml``: no real article text is used.  The mix is meant to cost what a
real crawl costs:

* lengths of 2 to 6 KB for most articles (log-normal, median about 3.5 KB, a few shorter
  briefs and longer features), written as paragraphs;
* place names in every spelling the gazetteer knows (Tal Afar, Telafer, Tall 'Afar, ...),
  a share of them misspelt the way transliterations drift (Rawaa, Tikreet), with Arabic
  articles (al-Qaim, Al Qaim, Qaim), and sometimes with cue words ("the town of Hit",
  "the Rabia crossing", "Anbar province");
* claims in the phrasings reporters use (captured, fell to, overran, withdrew from,
  retook, under militant control, besieged, advancing on, ...), with actors named by any
  of the party terms, hedges ("residents said") and relative dates ("on Saturday",
  "late last night", "since Friday", "on June 12");
* datelines of several styles (``MOSUL, June 10 (Wire) -``, ``Posted: Thursday, June 12,
  2014``, ``23 June 2014, 10:27``, ``ERBIL, Iraq --``), metadata dates in some records
  only, and a share of undated articles (no metadata date, no written date);
* page chrome: share widgets, "Advertisement", photo credits, "Related stories", and
  reader comments after a "Comments" heading (with later dates and other places);
* people and organisations named after places (Nouri al-Maliki, Nineveh Operations
  Command, Islamic State of Iraq and the Levant);
* a share of articles that name no Iraqi place at all (Syria, world news, markets),
  and a few records whose text is HTML.

Deterministic for a given seed and size: article ``i`` depends only on ``(seed, i)``, so
a 1k corpus is the first thousand lines of the 100k one.

Usage: python benchmarks/generate_corpus.py N OUT.jsonl [--seed 1] [--no-iraq 0.3] [--undated 0.1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys

from gazetteer import load
from mapper.claims import default_parties

START = dt.date(2014, 6, 1)
DAYS = 150  # June to October 2014
AGENCIES = ["Wire", "Tigris Wire", "Agencies", "Gulf Desk", "Levant Press", "Staff", "Reuters-style wire"]
REPORTERS = ["Sara Haddad", "Omar Khalil", "Lana Aziz", "Daniel Brooks", "Hadi Mahmoud", "Claire Dumont",
             "Karim Yousef", "Nadia Rahman", "Tom Fielding", "Rania Saleh"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PEOPLE = ["Nouri al-Maliki", "Abu Bakr al-Baghdadi", "Massoud Barzani", "Ali al-Sistani", "Haider al-Abadi",
          "Atheel al-Nujaifi", "Hoshyar Zebari", "Qassem Atta", "Osama al-Nujaifi", "Saleh al-Mutlaq"]
ORGS = ["the Islamic State of Iraq and the Levant", "the Nineveh Operations Command", "the Anbar Military Council",
        "the Kurdistan Regional Government", "the Patriotic Union of Kurdistan", "the Baghdad Operations Command",
        "the Salahuddin Provincial Council", "the Kirkuk Police Command"]
FOREIGN = ["Syria", "Raqqa", "Aleppo", "Damascus", "Deir ez-Zor", "Amman", "Tehran", "Ankara", "Washington",
           "Geneva", "Riyadh", "Beirut", "Cairo", "Kuwait City", "Istanbul", "Moscow", "London", "Brussels",
           "Homs", "Hasakah", "Kobani", "Jordan", "Turkey", "Iran", "Saudi Arabia", "Lebanon", "Kuwait"]
# Kinds of place a claim is made about, and the cue words that may go with them.
CLAIM_KINDS = {"city": "", "town": "", "village": "the village of ", "crossing": "", "dam": "", "refinery": "",
               "airbase": "", "airport": "", "oilfield": "", "district": ""}
AFTER_CUE = {"crossing": [" border crossing", " crossing"], "dam": [" Dam", " dam"], "refinery": [" refinery"],
             "airbase": [" air base", " airbase"], "airport": [" airport"], "oilfield": [" oilfield", " oil field"],
             "province": [" province", " governorate"], "district": [" district"]}
BEFORE_CUE = ["the town of ", "the city of ", "the northern town of ", "the strategic town of ", "the city of ",
              "the border town of ", "the village of "]

WHEN = ["on Saturday", "on Sunday", "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
        "late last night", "yesterday", "overnight", "early on Tuesday", "since Friday", "earlier this month",
        "last week", "on {date}", "on {date}", "on {date}", "this morning", "", "", "", ""]
HEDGES = ["residents said", "witnesses said", "officials said", "according to security sources",
          "state television reported", "a police officer told reporters", "local officials said",
          "the group claimed in a statement", "two residents said by telephone", "", "", "", "", ""]

# Claim phrasings: {actor}/{gov}/{kurd} are party terms, {p}/{q}/{r} places, {when}, {hedge}.
CAPTURES = [
    "{Actor} captured {p} {when}, {hedge}.",
    "{Actor} seized {p} and {q} {when} after a brief battle, {hedge}.",
    "{p} fell to {actor} {when} after {gov} withdrew.",
    "{Actor} overran {p} {when}, taking the police headquarters and the main market.",
    "The fall of {p} to {actor} {when} leaves the road to {q} open.",
    "{Actor} took control of {p} {when}, {hedge}.",
    "{p} was taken by {actor} {when}, {hedge}.",
    "After two days of fighting, {p} has fallen, {hedge}.",
    "{Actor} stormed into {p} {when} and raised their black flag over the council building.",
    "{Actor} swept into {p}, {q} and {r} {when}.",
]
WITHDRAWALS = [
    "{Gov} withdrew from {p} {when}, {hedge}.",
    "{Gov} abandoned their positions in {p} {when} and pulled back toward {q}.",
    "Soldiers fled {p} {when}, leaving armoured vehicles behind.",
    "{Gov} pulled out of {p} {when}, {hedge}.",
]
RECAPTURES = [
    "{Gov} retook {p} {when} after heavy fighting, {hedge}.",
    "{Kurd} recaptured {p} {when} with the help of air strikes.",
    "{Gov} regained control of {p} {when}, {hedge}.",
    "{p} was recaptured by {gov} {when}, {hedge}.",
    "{Kurd} drove militants out of {p} {when}.",
    "{Gov} said they had liberated {p} {when}.",
]
HOLDINGS = [
    "{p} remains under government control, {hedge}.",
    "The militant-held town of {p} was hit by air strikes {when}.",
    "{Kurd} have held {p} since June 12.",
    "{p} is now firmly under {kurd_adj} control.",
    "{Gov} repelled an attack on {p} {when}, {hedge}.",
    "{Actor} controlled most of {p} by the evening.",
]
CONTESTS = [
    "Clashes in {p} continued for a third day, {hedge}.",
    "{Gov} battled {actor} for control of {p} {when}.",
    "Fighting raged around {p} {when}, with neither side in full control.",
    "{p} has been under siege for weeks, {hedge}.",
    "{Actor} besieged {p} {when}, cutting the road to {q}.",
]
THREATS = [
    "{Actor} were advancing on {p} {when}, {hedge}.",
    "Fighters closed in on {p}, threatening the provincial capital.",
    "{Actor} pushed towards {p} {when} after taking villages to its north.",
    "The advance brought {actor} within 60 kilometres of {p}.",
]
# Sentences that name places without claiming anything about who holds them.
MENTIONS = [
    "Thousands of families fled toward {p}, aid agencies reported.",
    "The road between {p} and {q} was closed to civilian traffic.",
    "Prices of fuel and bread rose sharply in the markets of {p}.",
    "Displaced families from {p} were sheltering in schools in {q}.",
    "{p} lies about 80 km north of {q} on the main highway.",
    "Officials in {p} said reinforcements had been sent from {q}.",
    "A car bomb exploded near a checkpoint in {p}, killing four people, police said.",
    "The governor of {p} province called for calm.",
    "Long queues formed at petrol stations in {p} {when}.",
    "Electricity in {p} was cut for most of the day.",
]
PEOPLE_LINES = [
    "Prime Minister {person} called for national unity in a televised address.",
    "{person} said the offensive would be reversed within days.",
    "A spokesman for {org} said the situation was under control.",
    "In a statement, {org} urged residents to stay in their homes.",
    "{person} met tribal leaders and army commanders {when}.",
]
FILLER = [
    "The United Nations said more than half a million people had been displaced since the start of the month.",
    "Aid agencies warned of shortages of water, medicine and fuel.",
    "\"We left with nothing but our clothes,\" said one man who had walked for two days with his children.",
    "Oil prices rose on concern that exports from the south could be disrupted.",
    "The parliament failed to reach a quorum for a second time, delaying the vote on a state of emergency.",
    "Diplomats said talks on a new government were likely to drag on for weeks.",
    "The defence ministry did not respond to requests for comment.",
    "Hospitals were struggling to cope with the number of wounded, doctors said.",
    "Several hundred volunteers gathered at a recruitment centre, many of them without uniforms or weapons.",
    "The claims could not be independently verified.",
    "Television footage showed columns of pickup trucks moving along a desert highway.",
    "Analysts said the speed of the advance had surprised even the group's own commanders.",
    "Shops were shuttered and the streets largely empty by mid-afternoon.",
    "Mobile phone networks were down for much of the day, making it hard to confirm reports.",
]
WORLD = [
    "Rebels in {f} said they had repelled an attack by government forces.",
    "Talks in {f} ended without agreement, diplomats said.",
    "The foreign minister flew to {f} for talks on the crisis.",
    "Markets in {f} fell for a third day as investors sought safer assets.",
    "Refugees continued to cross into {f}, the UN refugee agency said.",
    "Air strikes hit positions near {f}, activists said.",
    "The summit in {f} is expected to focus on trade and energy.",
    "Police in {f} arrested three men suspected of planning to travel to fight abroad.",
    "Militants in {f} released a video showing the execution of captured soldiers.",
    "The central bank in {f} kept interest rates unchanged.",
]
WORLD_TITLES = ["Talks stall as fighting spreads in {f}", "Markets slide on supply worries",
                "Refugee numbers climb in {f}", "Ministers meet in {f}", "Rebels claim gains near {f}",
                "Aid convoy reaches {f}"]
TITLES = ["Militants seize {p} as army withdraws", "{p} falls after two days of fighting",
          "Iraqi forces retake {p}", "Fighting spreads to {p}", "Kurdish forces move into {p}",
          "Thousands flee {p}", "Siege of {p} tightens", "Militants advance on {p}", "Battle for {p}"]
CHROME_TOP = ["Share this", "Tweet", "Share on Facebook", "Email", "Print", "Advertisement", "Skip to main content",
              "Menu"]
CHROME_MID = ["Advertisement", "Photo: Getty Images", "Image credit: wire photographers", "Read more: {title}",
              "Related stories", "Sponsored content", "Follow us on Twitter"]
COMMENTS = ["I was in {p} last year and it was calm. Hard to believe this.",
            "{f} should stay out of it.",
            "Posted on {later}: the news from {p} is terrible.",
            "Why does nobody report on {q}?",
            "Praying for the people of {p}."]


def spellings(place) -> list[str]:
    """The place's Latin-script names a reporter might write."""
    names = [n for n in (place.name, *place.names)
             if n.isascii() and n[:1].isalpha() and n[:1].isupper() and len(n) > 2 and "(" not in n
             and not (n.isupper() and len(n) <= 4)]  # codes such as "XQV" are not written in stories
    return list(dict.fromkeys(names)) or [place.name]


_DRIFT = [("ou", "u"), ("u", "ou"), ("i", "ee"), ("ee", "i"), ("ah", "a"), ("a", "aa"), ("k", "q"), ("q", "k"),
          ("y", "i"), ("ai", "ay"), ("e", "i"), ("dh", "d")]


def drift(name: str, rng: random.Random) -> str:
    """A transliteration variant the gazetteer may not list ("Tikreet", "Rawaa")."""
    for _ in range(4):
        a, b = rng.choice(_DRIFT)
        i = name.find(a, 1)
        if i > 0:
            return name[:i] + b + name[i + len(a):]
    return name


class Vocabulary:
    """Places and party terms drawn on by the generator."""

    def __init__(self):
        gaz = load(include_user_dir=False)
        places = [p for p in gaz if p.in_scope and p.kind in CLAIM_KINDS]
        # News names the big places again and again: weight by prominence.
        self.places = places
        self.weights = [0.05 + p.importance ** 3 for p in places]
        self.cum = list(_accumulate(self.weights))
        self.provinces = [p for p in gaz if p.in_scope and p.kind == "province"]
        self.datelines = [p for p in gaz if p.in_scope and p.kind == "city"]
        self.names = {p.id: spellings(p) for p in places + self.provinces + self.datelines}
        parties = default_parties().parties
        self.isis = [t for t in parties["isis"].terms if t[:1].isupper() or " " in t] + ["militants", "insurgents",
                                                                                          "Sunni militants"]
        self.gov = [t for t in parties["government"].terms if t not in ("government", "volunteers")]
        self.kurd = [t for t in parties["kurdish"].terms if t not in ("PKK", "YPG", "KRG")]

    def place(self, rng: random.Random):
        x = rng.random() * self.cum[-1]
        lo, hi = 0, len(self.cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return self.places[lo]

    def written(self, place, rng: random.Random, cues: bool = True) -> str:
        name = rng.choice(self.names[place.id])
        if rng.random() < 0.08:
            name = drift(name, rng)
        if name.lower().startswith("al ") and rng.random() < 0.5:
            name = "al-" + name[3:]
        if not cues:
            return name
        after = AFTER_CUE.get(place.kind)
        if after and rng.random() < 0.6:
            return name + rng.choice(after)
        if place.kind in ("town", "village") and rng.random() < 0.3:
            return rng.choice(BEFORE_CUE) + name
        return name


def _accumulate(values):
    total = 0.0
    for v in values:
        total += v
        yield total


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _date_words(day: dt.date, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{day.strftime('%B')} {day.day}"
    return f"{day.day} {day.strftime('%B')}"


def claim_sentence(voc: Vocabulary, rng: random.Random, day: dt.date) -> str:
    family = rng.choices([CAPTURES, WITHDRAWALS, RECAPTURES, HOLDINGS, CONTESTS, THREATS], [5, 2, 3, 2, 2, 2])[0]
    template = rng.choice(family)
    when = rng.choice(WHEN).format(date=_date_words(day - dt.timedelta(days=rng.randrange(0, 6)), rng))
    hedge = rng.choice(HEDGES)
    ps = [voc.written(voc.place(rng), rng) for _ in range(3)]
    actor = rng.choice(voc.isis)
    gov = rng.choice(voc.gov)
    kurd = rng.choice(voc.kurd)
    s = template.format(Actor=_cap(actor), actor=actor, Gov=_cap(gov), gov=gov, Kurd=_cap(kurd), kurd=kurd,
                        kurd_adj=rng.choice(["Kurdish", "peshmerga", "militant", "government"]),
                        p=ps[0], q=ps[1], r=ps[2], when=when, hedge=hedge)
    return _tidy(s)


def _tidy(s: str) -> str:
    s = " ".join(s.split())
    s = s.replace(" ,", ",").replace(", .", ".").replace(" .", ".").replace(",,", ",")
    return _cap(s)


def other_sentence(voc: Vocabulary, rng: random.Random, day: dt.date, iraq: bool) -> str:
    r = rng.random()
    when = rng.choice(WHEN).format(date=_date_words(day, rng))
    if iraq and r < 0.35:
        p, q = voc.written(voc.place(rng), rng, cues=False), voc.written(voc.place(rng), rng, cues=False)
        if "{p} province" in (t := rng.choice(MENTIONS)) and voc.provinces:
            p = rng.choice(voc.names[rng.choice(voc.provinces).id])
        return _tidy(t.format(p=p, q=q, when=when))
    if not iraq:
        return _tidy(rng.choice(WORLD).format(f=rng.choice(FOREIGN))) if r < 0.6 else rng.choice(FILLER)
    if r < 0.5:
        return _tidy(rng.choice(PEOPLE_LINES).format(person=rng.choice(PEOPLE), org=rng.choice(ORGS), when=when))
    if r < 0.6:
        return _tidy(rng.choice(WORLD).format(f=rng.choice(FOREIGN)))
    return rng.choice(FILLER)


def dateline(voc: Vocabulary, rng: random.Random, day: dt.date, undated: bool, iraq: bool) -> list[str]:
    """Header lines: byline and dateline in one of several styles."""
    city = rng.choice(voc.names[rng.choice(voc.datelines).id]) if iraq else rng.choice(FOREIGN[:16])
    agency = rng.choice(AGENCIES)
    dash = rng.choice(["-", "--", "—", "–"])
    where = f"{city.upper()}, Iraq" if iraq else city.upper()
    if undated:
        return rng.choice([[f"{where} ({agency}) {dash}"], [f"By {rng.choice(REPORTERS)}"], []])
    style = rng.randrange(6)
    if style == 0:
        return [f"{city.upper()}, {_date_words(day, rng)} ({agency}) {dash}"]
    if style == 1:
        return [f"By {rng.choice(REPORTERS)}", f"{WEEKDAYS[day.weekday()]}, {day.strftime('%B')} {day.day}, 2014"]
    if style == 2:
        return [f"{day.day} {day.strftime('%B')} 2014, {rng.randrange(6, 23):02d}:{rng.randrange(60):02d}"]
    if style == 3:
        return [f"Posted: {WEEKDAYS[day.weekday()]}, {day.strftime('%B')} {day.day}, 2014 - "
                f"{rng.randrange(1, 12)}:{rng.randrange(60):02d}{rng.choice(['am', 'pm'])}"]
    if style == 4:
        return [f"{city.upper()} {dash} {day.strftime('%B')} {day.day}, 2014"]
    return [f"{where} ({agency}) {dash}"]


def target_size(rng: random.Random) -> int:
    """Bytes of story text: mostly 2-6 KB, some short briefs and long features."""
    return int(min(9000, max(900, rng.lognormvariate(math.log(3500), 0.38))))


def article(voc: Vocabulary, i: int, seed: int, no_iraq: float, undated_share: float) -> dict:
    """One JSON lines record (``url``, ``title``, ``published``, ``text``)."""
    rng = random.Random(seed * 1_000_003 + i)
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    iraq = rng.random() >= no_iraq
    undated = rng.random() < undated_share
    size = target_size(rng)
    lead_place = voc.place(rng)
    if iraq:
        title = rng.choice(TITLES).format(p=rng.choice(voc.names[lead_place.id]))
    else:
        title = rng.choice(WORLD_TITLES).format(f=rng.choice(FOREIGN))
    lines: list[str] = []
    if rng.random() < 0.25:
        lines += rng.sample(CHROME_TOP, rng.randint(1, 3))
    if rng.random() < 0.6:
        lines.append(title)
    lines += dateline(voc, rng, day, undated, iraq)
    paragraphs: list[str] = []
    used = sum(len(x) + 1 for x in lines)
    claim_share = rng.choice([0.15, 0.3, 0.45]) if iraq else 0.0
    while used < size:
        sentences = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < claim_share:
                sentences.append(claim_sentence(voc, rng, day))
            else:
                sentences.append(other_sentence(voc, rng, day, iraq))
        para = " ".join(sentences)
        if not paragraphs and lines and lines[-1].endswith(("-", "—", "–")):
            lines[-1] = f"{lines[-1]} {para}"  # the dateline opens the first paragraph
        else:
            paragraphs.append(para)
        used += len(para) + 2
        if rng.random() < 0.05:
            paragraphs.append(rng.choice(CHROME_MID).format(title=title))
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(["Share this:", "Share this article", "Tweet", "Email this story"]))
    if rng.random() < 0.15:
        later = day + dt.timedelta(days=rng.randrange(20, 400))
        paragraphs.append(f"{rng.randint(2, 90)} Comments")
        for _ in range(rng.randint(1, 4)):
            names = [rng.choice(voc.names[voc.place(rng).id]) if iraq else rng.choice(FOREIGN) for _ in range(2)]
            paragraphs.append(rng.choice(COMMENTS).format(
                p=names[0], q=names[1],
                f=rng.choice(FOREIGN), later=f"{later.strftime('%B')} {later.day}, {later.year}"))
    text = "\n".join(lines) + "\n\n" + "\n\n".join(paragraphs) + "\n"
    if rng.random() < 0.04:
        text = "<html><body>" + "".join(f"<p>{x}</p>" for x in text.split("\n") if x) + "</body></html>"
    published = None
    if not undated and rng.random() < 0.55:
        published = rng.choice([day.isoformat(), f"{day.isoformat()}T{rng.randrange(24):02d}:00:00Z",
                                f"{day.strftime('%B')} {day.day}, 2014"])
    record = {"url": f"https://example.org/{seed}/{i}", "title": title if rng.random() < 0.8 else None,
              "published": published, "text": text}
    return {k: v for k, v in record.items() if v is not None or k == "text"}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="Number of articles.")
    parser.add_argument("out", help="JSON lines file to write ('-' for stdout).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-iraq", type=float, default=0.3, help="Share of articles naming no Iraqi place.")
    parser.add_argument("--undated", type=float, default=0.1, help="Share of articles with no date at all.")
    args = parser.parse_args(argv)
    voc = Vocabulary()
    fh = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for i in range(args.n):
            fh.write(json.dumps(article(voc, i, args.seed, args.no_iraq, args.undated), ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()


if __name__ == "__main__":
    main()
