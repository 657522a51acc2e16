"""Control claims: each phrasing family reporters use, with the party and date each implies."""

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mapper.articles import article_from_text
from mapper.claims import engine as _claims
from mapper.claims import find_claims, load_parties
from mapper.places import find_mentions

PUB = dt.date(2014, 6, 23)  # a Monday
D = dt.date


def claims_of(text, gaz, published=PUB, cfg=None):
    article = article_from_text(text, "t.txt")
    mentions = find_mentions(article.text, gaz, article.body_spans())
    return find_claims(article, mentions, published, cfg)


def facts(claims):
    return {(c.place, c.party, c.action) for c in claims}


CASES = [
    # "under control" reported by a party's speaker (no quote): the speaker's side; a speaker of no party gives none
    ("A police colonel said Baiji was now completely under control.", {("Baiji", "government", "held")}),
    ("Officials said Baiji was now under control.", set()),
    # an apposition that places a village on a town's edge locates it, the town keeps no claim
    ("Hashd fighters freed Upper Tal Marqab, a small village on the edge of Shirqat.",
     {("Upper Tal Marqab", "government", "recaptured")}),
    # "by evening" is a time, not the agent of the capture before it
    ("Backed by the army, Kurdish units took the whole of Zumar and by evening had won back half of Sinjar from the "
     "militants.", {("Zumar", "kurdish", "captured"), ("Sinjar", "kurdish", "recaptured")}),
    # a village the gazetteer lacks still has its claim (with no point); the last of a list before its kind is a place
    ("Kurdish units took the villages of Tal Marqab and Qasr Hamdan on Sunday.",
     {("Tal Marqab", "kurdish", "captured"), ("Qasr Hamdan", "kurdish", "captured")}),
    ("After heavy clashes the Peshmerga took control of Zumar, Tal Marqab and Qasr Hamdan villages.",
     {("Zumar", "kurdish", "captured"), ("Tal Marqab", "kurdish", "captured"), ("Qasr Hamdan", "kurdish", "captured")}),
    # "said that both towns were ...": a reported clause's subject may be an anaphor too, a quote opening at its verb
    ("Kurdish units fought for Zumar and Wana all week. On Monday the ministry said that both towns were "
     "\u201cfreed by the Peshmerga alone.\u201d",
     {("Zumar", "contested", "contested"), ("Wana", "contested", "contested"), ("Zumar", "kurdish", "recaptured"),
      ("Wana", "kurdish", "recaptured")}),
    # a number of places, then their list after a dash, a colon or a bracket; capitals then lower case are no dateline
    ("CTS troops retook four districts in eastern Mosul - Karama, Samah, Khadra and Arbajiya - on Sunday.",
     {("Mosul", "government", "recaptured"), ("Al-Karama (Mosul)", "government", "recaptured"),
      ("Al-Samah (Mosul)", "government", "recaptured"), ("Al-Khadra (Mosul)", "government", "recaptured"),
      ("Al-Arbajiya (Mosul)", "government", "recaptured")}),
    ("Kurdish units retook three villages: Zumar, Wana and Rabia.",
     {("Zumar", "kurdish", "recaptured"), ("Wana", "kurdish", "recaptured"), ("Rabia", "kurdish", "recaptured")}),
    # a passive reported by a party's speaker, with no agent or loser named: the speaker's side did it
    ("In March the authorities announced that Tikrit had been freed.", {("Tikrit", "government", "recaptured")}),
    ("Ministers said that winning back Mosul would take months.", set()),
    ("On Friday the prime minister proclaimed Rawa liberated.", {("Rawa", "government", "recaptured")}),
    ("Police said fighting was still going on in eastern Ramadi late on Friday.",
     {("Ramadi", "contested", "contested")}),
    ("The jihadists were finally defeated in Hawija last week.", {("Hawija", "government", "recaptured")}),
    ("Car bombs paved the way for the militants' lightning capture of Rutba.", {("Rutba", "isis", "captured")}),
    ("Aid could not reach Mosul, the de facto capital of the jihadists.", {("Mosul", "isis", "held")}),
    ("Hashid Shaabi fighters retook Baiji from the militants.", {("Baiji", "government", "recaptured")}),
    # the rest of a force's name between the term that begins it and its noun: one force
    ("Officials said Hashd al-Sha'abi fighters had taken control of Baiji.", {("Baiji", "government", "captured")}),
    ("Daesh Kurdish fighters took Zumar.", {("Zumar", "kurdish", "captured")}),
    # a battle "with" a party names whom the subject fought, not the subject
    ("The Peshmerga set out at dawn and, after a long gun battle with Daesh, took control of Zumar.",
     {("Zumar", "kurdish", "captured")}),
    # "the Anbar town" is the town named before (the province only qualifies it); an adverb after the copula
    ("Aid flights reached Haditha in July. The Anbar town is now besieged.", {("Haditha", "government", "besieged")}),
    # a party named as the owner of an enclave or a bastion is not the subject of the verb after it
    ("Troops pressed on into the jihadist enclave, quickly taking the town of Shirqat.",
     {("Shirqat", "government", "captured")}),
    ("Troops announced an assault on Hawija, the last bastion of the militant group, a day after recapturing Rawa.",
     {("Hawija", "contested", "contested"), ("Hawija", "isis", "held"), ("Rawa", "government", "recaptured")}),
    # a verb over "the bastion of X": the news is the verb's
    ("The army broke through at dawn, overrunning the militant bastion of Hawija.",
     {("Hawija", "government", "captured"), ("Hawija", "isis", "held")}),
    # a relative clause whose subject is a long name: the place is its object
    ("The army retook Kirkuk, which Peshmerga units from the Kurdish autonomous region had occupied since 2014.",
     {("Kirkuk", "government", "recaptured"), ("Kirkuk", "kurdish", "held")}),
    # a capture announced by "it" or "they": the announcer is the side named in the sentence before
    ("The command said its commandos had stormed the Saadiya police post. Later it announced the capture of Saadiya.",
     {("Sadiyah", "government", "captured")}),
    ("Peshmerga units entered Makhmour at dawn. They later announced the capture of Gwer.",
     {("Makhmur", "kurdish", "captured"), ("Gwer", "kurdish", "captured")}),
    # a participle that describes unnamed places: the one after "in" only locates them
    ("Tribal fighters drove the so-called \"Islamic State\" (IS) out of Rawa, among the few occupied towns left in "
     "Anbar.", {("Rawa", "government", "recaptured")}),
    # ", as is X": the state of the clause before, said again of another place (a province too)
    ("Rawa stays under jihadist control this week, as is much of Anbar province.",
     {("Rawa", "isis", "held"), ("Anbar", "isis", "held")}),
    ("Kurdish forces hold Makhmour, as are the towns of Gwer and Khazir.", {("Makhmur", "kurdish", "held"),
                                                                            ("Gwer", "kurdish", "held")}),
    # (a change is not carried: "as was expected" says nothing of a place)
    ("The army retook Ramadi, as was expected in Baghdad.", {("Ramadi", "government", "recaptured")}),
    # both places of "north of A and B" only locate
    ("Kirkuk, east of Hawija and Tikrit, was never taken.", {("Kirkuk", "government", "held")}),
    # a force expelled, not people driven from their homes
    ("The fighting forced thousands of Yazidis from Sinjar.", set()),
    ("Peshmerga fighters drove them out of Zumar.", {("Zumar", "kurdish", "recaptured")}),
    # ", along with X": one more place of the clause's claim; fighters from a place only come from it
    ("Tikrit fell to the militants last summer, along with Mosul, the second city.",
     {("Tikrit", "isis", "captured"), ("Mosul", "isis", "captured")}),
    ("The army retook Ramadi, along with tribal fighters from Hit.", {("Ramadi", "government", "recaptured")}),
    # a list, then "and other towns overrun by" a party: the list's places are some of them
    ("Troops broke and ran in Mosul, Tikrit, Baiji and other towns overrun by the militants.",
     {("Mosul", "isis", "captured"), ("Tikrit", "isis", "captured"), ("Baiji", "isis", "captured")}),
    # "its recapture", "its capture by": the place named before it in the sentence
    ("Shops reopened in Bartella a week after its recapture from the jihadists.",
     {("Bartella", "government", "recaptured")}),
    ("Families have fled Baiji since its capture by ISIS in June.", {("Baiji", "isis", "captured")}),
    # "near the town of X" only locates (as "near the city of X" does), and an "IS-held" before its kind still says
    # who holds it; "villages around the town of X" are the fight for the town
    ("Kurdish fighters retook three villages near the town of Sinjar.", set()),
    ("Yazidi volunteers freed two hamlets near the jihadist-held Yazidi town of Sinjar.",
     {("Sinjar", "isis", "held")}),
    ("The Peshmerga took back all the farms around the town of Bashir.", {("Bashir", "kurdish", "recaptured")}),
    # a side forced to leave: the side that forced it takes the place; where it was pushed back to is its own
    ("An army offensive backed by air strikes forced the Islamists to pull back from Ramadi.",
     {("Ramadi", "government", "captured")}),
    ("ISIS forced the army to withdraw from Baiji.", {("Baiji", "isis", "captured")}),
    ("Peshmerga units took Wana, driving the jihadists back to the town of Tal Afar.",
     {("Wana", "kurdish", "captured"), ("Tal Afar", "isis", "held")}),
    # fighting that moves to a place, a place that is a battleground
    ("By dusk the clashes had spread to the village of Yankaja.", {("Yanakjah", "contested", "contested")}),
    ("Jalawla has been a battleground between the Peshmerga and the jihadists for weeks.",
     {("Jalawla", "contested", "contested")}),
    # "the Kurdish capital, Irbil" after a direction only locates
    ("Peshmerga units won back Gwer, an hour south-west of the regional capital, Irbil.",
     {("Gwer", "kurdish", "recaptured")}),
    # "Sunni tribes" fight for the government; "they" is their side in the next sentence
    ("Sunni tribes backed by air strikes mounted an offensive on the militants. They succeeded in capturing Barwana.",
     {("Barwana", "government", "captured")}),
    # a party, an ally's phrase between commas, then its verb: the verb is the party's, no reduced relative
    ("Kurdish Peshmerga units, joined by Yazidi fighters, pushed the jihadists out of Snuny.",
     {("Sinune", "kurdish", "recaptured")}),
    # attacks still being prepared contest nothing yet; a retake's target held by "the ultra-radical group"
    ("The militants were preparing major attacks on several towns, including Samarra.", set()),
    ("Soldiers took Dour on Monday, an officer said, opening the road for a push to recapture Tikrit from the "
     "extremist group.", {("Al-Dour", "government", "captured"), ("Tikrit", "isis", "held")}),
    # a force named by its ally is the ally's side
    ("On Tuesday a Turkmen militia allied to Baghdad seized the town of Tuz Khurmatu.",
     {("Tuz Khurmatu", "government", "captured")}),
    # a relative clause's "X-held city of Kirkuk" is Kirkuk's; a noun phrase that is a clause's subject no apposition
    ("Since troops entered Tuz, which sits close to the Peshmerga-held city of Kirkuk, the last ground under "
     "jihadist control in the province is a strip of farmland.",
     {("Tuz Khurmatu", "government", "captured"), ("Kirkuk", "kurdish", "held")}),
    # a strike on a shrine in a town is no fight for the town; what would have happened did not
    ("A bombing at a crowded market in Tuz Khurmatu left twelve dead.", set()),
    ("Amerli would have been lost weeks ago without the air drops, its mayor said.", set()),
    ("The gunmen were plotting to carry out an assault on police posts in Kirkuk.", set()),
    # a share of a country is no fight for the towns it includes; a liberation "very close" is still to come
    ("The jihadists control nearly half of Iraq, including Iraq's second-largest city, Mosul.",
     {("Mosul", "isis", "held")}),
    ("The premier promised that the liberation of Mosul \u2013 the group's capital since 2014 \u2013 is very close.",
     set()),
    # "the Baghdad government" is no place taken; a "heavily guarded" base is no base held by the attackers
    ("The jihadists claimed complete control of Haditha, a grave blow to the Baghdad government.",
     {("Haditha", "isis", "captured")}),
    ("Gunmen fired rockets at the closely guarded Mosul airport at night.", set()),
    # an army division named by its number and arm is the government's
    ("On Sunday the 9th Armoured Division seized the village of Orta Kharab.",
     {("Orta Xrap", "government", "captured")}),
    # "Tal Afar Mountain" is a mountain named after the town, not the town
    ("Peshmerga units climbed onto Sinjar Ridge and seized it.", set()),
    # a side that moves its own forces into a place takes it; a verb and a possessive are no force's name
    ("The Erbil government later sent its Peshmerga units into disputed districts, including Khanaqin.",
     {("Khanaqin", "kurdish", "captured")}),
    ("ISIS moved its fighters into Rawa.", {("Rawa", "isis", "captured")}),
    # a state that ended is no state held; the place is what the clause now says of it
    ("Jalawla, formerly held by the Peshmerga, has been in jihadist hands since Friday.",
     {("Jalawla", "isis", "held")}),
    # "the largest IS-held town nearest to Erbil" is the town's; a force's backers between commas leave it the
    # subject; ", and preparations are under way to ..." is a clause of its own
    ("Hawija was the largest IS-held town nearest to Erbil.", {("Hawija", "isis", "held")}),
    ("Kurdish units, aided by allied jets, took back half of the village of Bashir.",
     {("Bashir", "kurdish", "recaptured")}),
    ("Soldiers have seized the jihadists' positions in Tikrit, and preparations are under way to push on to Baiji.",
     {("Tikrit", "government", "captured")}),
    ("A Peshmerga officer spoke of the jihadist-held township of Gwer in the west.", {("Gwer", "isis", "held")}),
    # a loss is the loser's opponent's gain: "the jihadists' loss of", "the loss of X by the army"; whose loss, when
    # only another verb's agent is named, the sentence does not say
    ("The jihadists' loss of Baiji was a heavy blow.", {("Baiji", "government", "captured")}),
    ("The loss of Tikrit by the army stunned the capital.", {("Tikrit", "isis", "captured")}),
    ("The loss of the Mosul Dam to the jihadists alarmed engineers.", {("Mosul Dam", "isis", "captured")}),
    ("After the loss of the Sihha district, the area still held by the militants shrank.", set()),
    # an attack's subject repelled after "but", the attacked town between commas; "Baghdadi island" is no town
    ("Gunmen attacked the town of al-Baghdadi, north-west of Ramadi, but were beaten back by police.",
     {("Al-Baghdadi", "government", "held")}),
    ("Troops cleared the Baghdadi island of militants on Friday.", set()),
    # a state said of "areas" after a verb of the place's own is the areas'
    ("The villages of Wana and Zumar had long been vital to the militants in linking areas under their control.",
     set()),
    # a counterattack mounted in a town is a fight for it
    ("Soldiers and tribal fighters have mounted counterattacks in Haditha and nearby villages.",
     {("Haditha", "contested", "contested")}),
    # an attack launched to retake a town is a fight for it
    ("On Friday the Kurds and the army opened an attack to win back Jalawla from the jihadists.",
     {("Jalawla", "contested", "contested"), ("Jalawla", "isis", "held")}),
    # control made firmer is control held
    ("By Friday the troops had consolidated their control over Bashiqa.", {("Bashiqa", "government", "held")}),
    # "it" after a time conjunction, before a fall
    ("Aid reached Rawa in May. The town had been calm until it fell to the militants in June.",
     {("Rawa", "isis", "captured")}),
    # "the town" as the object of a siege, the town named before
    ("Militants reached Dhuluiya in June. They besieged the town for weeks.", {("Dhuluiya", "government", "besieged")}),
    # a place named right after the noun phrase a state is said of
    ("Aid reached the only city under Kurdish control, Kirkuk, on Monday.", {("Kirkuk", "kurdish", "held")}),
    # a capture announced by a party is its side's
    ("On Friday the police announced the capture of Kirkuk Air Base.", {("Kirkuk Air Base", "government", "captured")}),
    # "who" right after a list of forces is the last one named
    ("Shelling was reported in Haditha between the army and the militants, who now hold the town.",
     {("Haditha", "isis", "held")}),
    # a participle after a comma: what the subject holds
    ("The militants reinforced their lines, controlling much of Haditha.", {("Haditha", "isis", "held")}),
    # a list of names the gazetteer lacks, then where they lie; a source "from nearby" a place
    ("Troops took Albu Dor, al-Shihabi and Tell Aswad, villages in the Qayyarah area.", set()),
    ("Police held the area after the battle, a councillor from nearby Hit said.", set()),
    # a force named after another with no word between is a force of its own ("US Special Forces Iraqi troops")
    ("With help from US special forces Iraqi troops surrounded Rutba.", {("Rutba", "contested", "contested")}),
    # counted villages are the object: a place much further on is another clause's ("to uproot them from Hawija")
    ("The army regained four villages from the militants in a drive to dislodge them from Hawija, their last "
     "northern stronghold.", {("Hawija", "isis", "held")}),
    ("Kurdish units retook two villages, Zumar and Wana, on Sunday.",
     {("Zumar", "kurdish", "recaptured"), ("Wana", "kurdish", "recaptured")}),
    ("The campaign had clawed back several villages and towns, chiefly Dawr, by March.",
     {("Al-Dour", "government", "recaptured")}),
    # offensives under way: plural operations, "the fight to", "to wrest"
    ("Operations to win back Rawa and Anah began late in October.",
     {("Rawa", "contested", "contested"), ("Anah", "contested", "contested")}),
    ("The fight to recover Hit, a town the militants have held since 2014, got under way on Friday.",
     {("Hit", "contested", "contested"), ("Hit", "isis", "held")}),
    ("Troops began a long-delayed push to wrest Baiji from the militants.", {("Baiji", "contested", "contested")}),
    ("Tribesmen fled after the seizure by ISIS of nearby Rawa.", {("Rawa", "isis", "captured")}),
    # a quarter's city is its address, no claim of its own: the quarter has the claim
    ("Troops pushed into Ramadi's Al-Warrar district on Friday.", {("Al-Warrar (Ramadi)", "government", "captured")}),
    ("Government troops freed Upper Kharab, a hamlet on the edge of Shirqat.",
     {("Upper Kharab", "government", "recaptured")}),
    # (the area is the place taken, not the district it lies in)
    ("The army won back the Jaraf area in Baiji district.", {("Jaraf", "government", "recaptured")}),
    ("Tribal fighters took Albu Dhiab and Albu Kurdi, two villages north of al-Hatra.", set()),
    # an apposition's state is the place's own, even where the place locates another
    ("The column halted north of Baaj, a town the militants still hold.", {("Baaj", "isis", "held")}),
    ("The column halted north of Baaj, a town the militants still hold, and Rabia fell.",
     {("Baaj", "isis", "held"), ("Rabia", "isis", "captured")}),
    # a gerund subject's long relative clause before its modal: what would be, not news
    ("Recapturing Haditha, which lies on the Euphrates not far from the big dam upstream, would cut the supply line.",
     set()),
    # a force from a party's region is that party's; "the gunmen" are not the police who speak of them
    ("Security forces from the autonomous Kurdish region hold Makhmur.", {("Makhmur", "kurdish", "held")}),
    ("Soldiers from Kurdistan's semi-autonomous region entered Sinjar on Monday.", {("Sinjar", "kurdish", "captured")}),
    ("A police spokesman said the gunmen had overrun Rutba.", {("Rutba", "isis", "captured")}),
    # losses and seizures said with a plural possessive or a reduced relative
    ("The insurgents' seizure of Hit forced thousands to flee.", {("Hit", "isis", "captured")}),
    ("Fallujah was the first big city lost to the jihadists.", {("Fallujah", "isis", "captured")}),
    ("Backed by tribesmen, the army restored their full control over Sadiyah.",
     {("Sadiyah", "government", "recaptured")}),
    # "parts of which": a relative clause of the place right before it; a party-held adjective inside a location
    ("Nimrud lies about 30 km south of Mosul, parts of which are still held by the militants.",
     {("Mosul", "isis", "held")}),
    ("The army said it had won back six villages to the south of IS-held Mosul.", {("Mosul", "isis", "held")}),
    ("Troops took over Zumar, the small town northwest of embattled Mosul.", {("Zumar", "government", "captured")}),
    # "since then" is an adverb: the army stays the subject of the participle after the comma
    ("Since then the army has regained much ground, securing Ramadi early this year.",
     {("Ramadi", "government", "captured")}),
    # "took it back to Erbil": "it" is the object, the place where it went
    ("Residents found the statue and took it back to Erbil.", set()),
    ("A convoy from Mosul passed to Erbil on Sunday.", set()),
    # a province named as where other places lie is no subject of their state; "the city of Fallujah" is Fallujah
    ("Haditha is one of the last towns in western Anbar still in government hands.",
     {("Haditha", "government", "held")}),
    ("In Anbar, the militant-held city of Fallujah, in insurgent hands since January, was shelled.",
     {("Fallujah", "isis", "held")}),
    ("All of Nineveh province fell to the militants.", {("Nineveh", "isis", "captured")}),
    # "the Kurdish regional government" is the Kurds', not Baghdad's
    ("The Kurdish regional government controls Erbil and Dohuk.",
     {("Erbil", "kurdish", "held"), ("Dohuk", "kurdish", "held")}),
    # a list of forces does not run across a verb of saying
    ("Tribal leaders who back the militants said Kurdish and Iraqi government fighters had taken Zumar.",
     {("Zumar", "kurdish", "captured")}),
    # "IS's hold on Dhuluiya": a hold, not the phrasal verb "hold on"
    ("The drive to end IS's hold on Dhuluiya opened on Sunday.", {("Dhuluiya", "isis", "held")}),
    # "to the south of Tikrit" locates a place; "the south of Tikrit" is part of it
    ("The campaign had already clawed back Yathrib, to the south of Samarra.",
     {("Yathrib", "government", "recaptured")}),
    # a passive's subject is the place nearest before it, unless that one is listed with, contains or locates another
    ("Residents of Erbil still talk about Mosul's fall on 10 June.", {("Mosul", "isis", "captured")}),
    # a passive's "by" agent comes before the next comma
    ("After Mosul was freed, Tal Afar became the last town held by IS in the province.",
     {("Mosul", "government", "recaptured"), ("Tal Afar", "isis", "held")}),
    ("A road links Sinjar to Mosul, a city in militant hands.", {("Mosul", "isis", "held")}),
    ("Fallujah, another key Anbar city, was lost to the militants in January.", {("Fallujah", "isis", "captured")}),
    # an apposition's state, then the verb of the place: the change is the news
    ("Anah, one of the last militant strongholds in Anbar, was taken back by Iraqi forces on Friday.",
     {("Anah", "government", "recaptured")}),
    ("Zumar and Rabia in the Sinjar district were turned over to the Peshmerga.",
     {("Zumar", "kurdish", "captured"), ("Rabia", "kurdish", "captured")}),
    ("The village of Bashir, south of Kirkuk, was cleared by the Peshmerga.", {("Bashir", "kurdish", "recaptured")}),
    # an apposition's "still under X control" and a relative clause after an apposition are the place's own
    ("Troops began an assault on Rawa, the last town still under militant control.",
     {("Rawa", "contested", "contested"), ("Rawa", "isis", "held")}),
    ("Haditha lies 30 km from Ramadi, the provincial capital that the militants mostly control.",
     {("Ramadi", "isis", "held")}),
    # a province whose state is said with adverbs before the trigger is its subject
    ("Nineveh province is still largely under militant control.", {("Nineveh", "isis", "held")}),
    # a clause put first takes the main clause's subject; an apposition's state stands beside the verb's claim
    ("After freeing Khorsabad on Sunday, the Peshmerga pushed on toward Mosul.",
     {("Khorsabad", "kurdish", "recaptured"), ("Mosul", "kurdish", "threatened")}),
    ("Soldiers shelled Hawija, the last IS-held town in the province, on Monday.",
     {("Hawija", "government", "threatened"), ("Hawija", "isis", "held")}),
    ("Kurdish units attacked Hawija, a stronghold of the militants, at dawn.",
     {("Hawija", "contested", "contested"), ("Hawija", "isis", "held")}),
    # a fall with no agent in a quote is the speaker's side's; a loss nobody owns names no party
    ("\"The airport has fallen to us,\" a Kurdish commander said of Mosul International Airport.", set()),
    ("\"Mosul airport has fallen,\" the CTS spokesman told reporters.",
     {("Mosul International Airport", "government", "captured")}),
    ("The general called the loss of Mosul a heavy blow.", set()),
    # "this town of 20,000 inhabitants", after a time said first, is the town the sentence before named
    ("Food is short in Amerli. For two months this town of 15,000 people has held out against the militants.",
     {("Amirli", "government", "held")}),
    # a list of party adjectives before one force noun is led by its first
    ("Iraqi, Shiite and Kurdish peshmerga forces swept into Sulaiman Bek on Monday.",
     {("Sulaiman Bek", "government", "captured")}),
    ("Kurdish and Iraqi forces retook Zumar.", {("Zumar", "kurdish", "recaptured")}),
    # a party surrounded in a place is fought over there, and held it until then
    ("Troops have surrounded ISIS militants in the town of Hit, an official said on Friday.",
     {("Hit", "contested", "contested"), ("Hit", "isis", "held")}),
    # ground taken on a town's outskirts is part of the town taken, not a threat to it
    ("The army retook several villages on the outskirts of Mosul last week.", {("Mosul", "government", "recaptured")}),
    ("Troops advanced to the outskirts of Mosul.", {("Mosul", "government", "threatened")}),
    # "securing" after a comma takes the place; a road or a flank it secures is not the town
    ("Troops pressed on, securing the Ramadi area by the end of the month.", {("Ramadi", "government", "captured")}),
    ("The army retook Ishaqi, securing a road that links it to Baghdad.", {("Ishaqi", "government", "recaptured")}),
    ("The Peshmerga expelled the militants from Gwer, securing the southern flank of Erbil.",
     {("Gwer", "kurdish", "recaptured")}),
    # a place declared free, with where it lies between ("declared X in Anbar province liberated")
    ("The ministry declared the desert town of Rutba in Anbar province freed of militants on Friday.",
     {("Rutba", "government", "recaptured")}),
    # an apposition tells how the place came to be held, beside the fight its clause reports
    ("Troops launched an operation to retake Haditha, a town on the Euphrates, seized by the militants last week.",
     {("Haditha", "contested", "contested"), ("Haditha", "isis", "captured"), ("Haditha", "isis", "held")}),
    # a list of forces is led by its first ("Iraqi army units and local fighters")
    ("Iraqi army units and local fighters moved into Rawa on Friday.", {("Rawa", "government", "captured")}),
    # a comma alone ends no list of subjects; "the north of" a town is part of it, not somewhere near it
    ("After a day of clashes with local tribesmen, ISIS fighters seized the town of Hit.",
     {("Hit", "isis", "captured")}),
    ("A spokesman said the north of Tikrit had been cleared by security forces.",
     {("Tikrit", "government", "recaptured")}),
    # a place named as one a party still holds, in a relative clause
    ("Fallujah is the last big city in Anbar that the militants still hold.", {("Fallujah", "isis", "held")}),
    # a later clause's "the city" is a place the sentence left or took, not one people went to
    ("The last soldiers fled Ramadi as the provincial capital fell to the militants.",
     {("Ramadi", "isis", "withdrew"), ("Ramadi", "isis", "captured")}),
    ("The militants pulled back from most of Ramadi but still hold the rest of the city.",
     {("Ramadi", "isis", "held"), ("Ramadi", "isis", "withdrew")}),
    # captures
    ("Militants captured Tikrit on Sunday.", {("Tikrit", "isis", "captured")}),
    ("ISIS fighters seized the towns of Rawa, Anah and Qaim after a night of fighting.",
     {("Rawa", "isis", "captured"), ("Anah", "isis", "captured"), ("Al-Qaim", "isis", "captured")}),
    ("Haditha fell to the jihadists late last night.", {("Haditha", "isis", "captured")}),
    ("The fall of Mosul stunned the government.", {("Mosul", "isis", "captured")}),
    ("Insurgents took control of Baiji on Saturday.", {("Baiji", "isis", "captured")}),
    ("Gunmen overran Sinjar before dawn.", {("Sinjar", "isis", "captured")}),
    ("ISIL fighters advanced into Saadiya on Friday.", {("Sadiyah", "isis", "captured")}),
    ("Militants rolled into Hit unopposed.", {("Hit", "isis", "captured")}),
    ("Militants advanced into the outskirts of Baquba.", {("Baqubah", "isis", "threatened")}),
    ("Insurgents moved into Hit on Friday.", {("Hit", "isis", "captured")}),
    ("Rawa and Anah were taken by the militants on Saturday.",
     {("Rawa", "isis", "captured"), ("Anah", "isis", "captured")}),
    ("Militants captured Rutba, a desert town on the road to Jordan, on Sunday.", {("Rutba", "isis", "captured")}),
    # holdings stated in passing
    ("Tal Afar is under ISIS control.", {("Tal Afar", "isis", "held")}),
    ("Aid workers left the militant-held city of Fallujah.", {("Fallujah", "isis", "held")}),
    ("Militants have since January controlled Fallujah.", {("Fallujah", "isis", "held")}),
    # losses and withdrawals
    # a force leaving credits nobody unless the text says who came in: the place is open (contested)
    ("Iraqi troops withdrew from Qaim on Saturday.", {("Al-Qaim", "contested", "withdrew")}),
    ("Security forces pulled out of Rutba overnight.", {("Rutba", "contested", "withdrew")}),
    # recaptures
    ("Iraqi forces retook Tikrit on Monday.", {("Tikrit", "government", "recaptured")}),
    ("Iraqi forces declared Fallujah fully liberated.", {("Fallujah", "government", "recaptured")}),
    ("The army regained control of Samarra after a week.", {("Samarra", "government", "recaptured")}),
    ("Peshmerga fighters recaptured Jalawla.", {("Jalawla", "kurdish", "recaptured")}),
    ("The city of Tikrit was in full control of the military.", {("Tikrit", "government", "recaptured")}),
    # contested and partial
    ("Militants battled troops for control of Baqubah on Sunday.", {("Baqubah", "contested", "contested")}),
    ("Clashes in Baiji went on into the night.", {("Baiji", "contested", "contested")}),
    ("Fighters clashed with police in Tuz Khurmatu.", {("Tuz Khurmatu", "contested", "contested")}),
    ("Insurgents took over three neighbourhoods of Tal Afar overnight.", {("Tal Afar", "isis", "captured")}),
    ("Insurgents seized parts of Ramadi.", {("Ramadi", "isis", "captured")}),
    # threats (no change of control)
    ("ISIS fighters were advancing on Baqubah.", {("Baqubah", "isis", "threatened")}),
    ("The militants are threatening Samarra.", {("Samarra", "isis", "threatened")}),
    # an attack on a place, or an offensive launched for it, is fighting for it (contested), not a threat
    ("Samarra came under heavy attack on Friday.", {("Samarra", "contested", "contested")}),
    ("The jihadists began a march toward Baghdad.", {("Baghdad", "isis", "threatened")}),
    ("Militants were pushed out of Jurf al-Sakhar on Saturday.", {("Jurf al-Sakhar", "government", "recaptured")}),
    ("Iraqi soldiers abandoned Kirkuk to Kurdish forces.", {("Kirkuk", "kurdish", "withdrew")}),
    # (a governorate at the end of the list is held too, in part: "much of")
    ("The jihadists now hold Tikrit, Baiji and much of Salahuddin province.",
     {("Tikrit", "isis", "held"), ("Baiji", "isis", "held"), ("Saladin", "isis", "held")}),
    ("The border post at Trebil was overrun early on Monday.", {("Turaibil border crossing", "isis", "captured")}),
    ("Telafer airport is now in the hands of the insurgents.", {("Tal Afar Air Base", "isis", "held")}),
    # (attackers repelled: the town is its defenders', as after "repelled an attack on")
    ("Insurgents attacked Samarra but were repelled by troops.", {("Samarra", "government", "held")}),
    ("Fallujah has been in militant hands since January.", {("Fallujah", "isis", "held")}),
    ("Militants tightened their grip on Fallujah.", {("Fallujah", "isis", "held")}),
    ("The army and ISIS fighters battled for control of the Baiji refinery for a second day.",
     {("Baiji refinery", "contested", "contested")}),
    ("Iraqi forces broke the siege of Amirli on Sunday.", {("Amirli", "government", "recaptured")}),
    ("Shiite militias broke the two-month siege of Amirli.", {("Amirli", "government", "recaptured")}),
    ("Iraqi troops relieved Amirli on Sunday.", {("Amirli", "government", "recaptured")}),
    # a list of forces of two sides: the place is each side's (a joint operation), the first leading it
    ("Iraqi troops, Shi'ite militiamen and Kurdish peshmerga broke the siege of Amirli.",
     {("Amirli", "government", "recaptured"), ("Amirli", "kurdish", "recaptured")}),
    ("Kurdish forces and Iraqi troops retook Jalawla.",
     {("Jalawla", "kurdish", "recaptured"), ("Jalawla", "government", "recaptured")}),
    ("The village of Bashir was cleared of the jihadists by the Peshmerga and Shiite Hashd forces on Sunday.",
     {("Bashir", "kurdish", "recaptured"), ("Bashir", "government", "recaptured")}),
    # (not an ally that backs the force, nor a generic force with no name of its own)
    ("Iraqi troops, backed by Kurdish peshmerga, retook Zumar.", {("Zumar", "government", "recaptured")}),
    # a force the subject fought is not the subject of the verb after it
    ("Militants fought the army for hours and then seized Tal Afar.", {("Tal Afar", "isis", "captured")}),
    ("Insurgents clashed with soldiers before capturing the town of Rawa.", {("Rawa", "isis", "captured")}),
    ("The army clashed with militants and retook Tikrit.", {("Tikrit", "government", "recaptured")}),
    ("ISIS fighters drove out the Peshmerga and seized Sinjar.", {("Sinjar", "isis", "captured")}),
    ("The army struggled against the insurgents, who seized Rawa on Sunday.", {("Rawa", "isis", "captured")}),
    ("Peshmerga units moved to secure Jalawla as the army retreated.", {("Jalawla", "kurdish", "captured")}),
    ("Kurdish forces secured Kirkuk on Thursday.", {("Kirkuk", "kurdish", "captured")}),
    ("The army secured the road to Samarra.", set()),
    ("Police captured Ali Hassan in Baghdad.", set()),
    ("Troops captured ISIS commander Abu Omar near Samarra.", set()),
    ("The militants overran Camp Speicher outside Tikrit.", {("Camp Speicher", "isis", "captured")}),
    # a place set first ("In Kirkuk, ...") is the object "the city" stands for; a relative clause says more
    ("In Kirkuk, Kurdish peshmerga forces remained in control of the city, which they took last Thursday.",
     {("Kirkuk", "kurdish", "held"), ("Kirkuk", "kurdish", "captured")}),
    ("The Kurds now control Kirkuk, which they took on June 12.",
     {("Kirkuk", "kurdish", "held"), ("Kirkuk", "kurdish", "captured")}),
    ("In Baiji, residents said the town was quiet.", set()),
    ("The army took on ISIS in Tikrit.", set()),
    ("Kurdish forces said they had taken full control of the town of Jalawla.", {("Jalawla", "kurdish", "captured")}),
    ("Peshmerga commanders said their fighters also secured the town of Saadiya.",
     {("Sadiyah", "kurdish", "captured")}),
    ("Iraqi troops entered the besieged town of Amerli on Sunday.", {("Amirli", "government", "captured")}),
    # a besieged place is its defenders', under siege (a state of its own), not contested
    ("Food was dropped to the besieged town of Amerli.", {("Amirli", "government", "besieged")}),
    ("Police saw gunmen entering Al-Qaim, close to the frontier, at dusk.", {("Al-Qaim", "isis", "captured")}),
    ("Troops pushed militants out of villages on Friday, the military said, as an offensive aimed at Tikrit began.",
     set()),
    ("Sunni militants advanced to within 60 km of Baghdad, fighting government forces in the city of Baquba.",
     {("Baghdad", "isis", "threatened")}),
    ("Militants seized Dhuluiya, 90 km north of Baghdad.", {("Dhuluiya", "isis", "captured")}),
    ("The group still holds Mosul, Iraq's second city, which it seized in June last year.",
     {("Mosul", "isis", "held"), ("Mosul", "isis", "captured")}),
    ("The militants were ousted from Jurf al-Sakhar on Saturday.", {("Jurf al-Sakhar", "government", "recaptured")}),
    ("Iraqi forces ousted ISIS fighters from Jurf al-Sakhar.", {("Jurf al-Sakhar", "government", "recaptured")}),
    ("Heavy clashes erupted on Friday around Haditha.", {("Haditha", "contested", "contested")}),
    ("Sunni tribesmen opposed to ISIS have held out in Haditha.", {("Haditha", "government", "held")}),
    # a passive capture whose agent is a word that also follows an adjectival "captured" ("captured militants")
    ("Mosul was captured by militants.", {("Mosul", "isis", "captured")}),
    # "held" or "controlled" after a space is the subject's own verb ("IS-held" is an owner's word)
    ("Kurdish forces controlled Zumar after seizing Rabia.",
     {("Zumar", "kurdish", "held"), ("Rabia", "kurdish", "captured")}),
    ("Iraqi soldiers held up a flag after seizing Baiji on Monday.", {("Baiji", "government", "captured")}),
    ("The town of Tal Afar was seized by insurgents on Monday.", {("Tal Afar", "isis", "captured")}),
    ("Militants paraded captured soldiers in Tikrit.", set()),
    ("Control of Baiji has changed hands several times.", {("Baiji", "contested", "contested")}),
    ("The money changed hands in Baghdad.", set()),
    # "the town" as the object, in the sentence that named it or before another place
    ("ISIS militants blew up a Shiite shrine in Tal Afar after seizing the town.", {("Tal Afar", "isis", "captured")}),
    ("The militants seized the town before reaching Tikrit.", set()),
    # "it" in a later clause, for the place the sentence opens with as its subject (not for a thing named after it)
    ("Rutba has been shelled every week since government troops freed it in May.",
     {("Rutba", "government", "recaptured"), ("Rutba", "isis", "threatened")}),
    ("Anbar police found a weapons cache and the militants seized it.", set()),
    # a place after "in" with a possessive only says where the one before lies
    ("Police said the town of Haditha in Iraq's Anbar province had fallen to the militants.",
     {("Haditha", "isis", "captured")}),
    # a relative clause after a place named inside another's relative clause is the nearer place's
    ("Families fled Bartella, which lies 15 miles east of the city of Mosul, which the militants captured in June.",
     {("Mosul", "isis", "captured")}),
    ("They freed a soldier captured in Tikrit.", set()),
    # a town that only says where a smaller place lies: "the <town> village of <name>"
    ("Militia units freed the Hawija village of Zaghitun on Sunday.", {("Zaghitun", "government", "recaptured")}),
    ("Troops entered the Tahrir neighbourhood of Mosul.", {("Al-Tahrir (Mosul)", "government", "captured")}),
    # an "among them" list of names with a lower-case article
    ("Troops retook nine villages, among them al-Jadish, al-Deir and al-Khour.",
     {("al-Jadish", "government", "recaptured"), ("al-Deir", "government", "recaptured"),
      ("al-Khour", "government", "recaptured")}),
    ("Baghdad's forces swept into Kirkuk on Monday.", {("Kirkuk", "government", "captured")}),
    # a relative clause with a plural verb after a place that only locates is the plural noun's before it
    ("Peshmerga units reached hamlets near Mosul that were seized by the militants in 2014.", set()),
    ("Kurdish units took Bashiqa, near the extremist-held city of Mosul.",
     {("Bashiqa", "kurdish", "captured"), ("Mosul", "isis", "held")}),
    # a relative clause after a location set off by commas is the noun's before it, not the locating place's
    ("Kurdish units retook the big dam, some 50 km north of Mosul, which the jihadists had seized in August.", set()),
    ("The base, close to the town of Rawa that fell to the militants in May, was shelled.",
     {("Rawa", "isis", "captured")}),
    # "we" in a quote takes back a place for the speaker's side the sentence names
    ("\"We were able to push the jihadists out of Gwer,\" a Peshmerga commander told reporters.",
     {("Gwer", "kurdish", "recaptured")}),
    # a passive's agent named as the side whose operation it was
    ("The hamlets of Kharab and Tal Ward were wrested from the militants in a joint Peshmerga operation.",
     {("Kharab", "kurdish", "recaptured"), ("Tal Ward", "kurdish", "recaptured")}),
    # a subordinate clause's subject keeps its verb across the support named between them
    ("The jihadists briefly held Gwer in August before Kurdish forces, backed by US jets, regained the town.",
     {("Gwer", "isis", "held"), ("Gwer", "kurdish", "recaptured")}),
    # party-held parts of a place
    ("Dozens of families returned to Peshmerga-held areas in Sinjar.", {("Sinjar", "kurdish", "held")}),
    # whose it was, then a passive's news after an apposition
    ("Officials said the militant-held hamlet of Kocho, south of Sinjar, had been freed.",
     {("Kocho", "isis", "held"), ("Kocho", "government", "recaptured")}),
    # a relative clause whose subject takes a phrase set off by commas
    ("Crowds gathered at the Mosul Dam, which Kurdish units, with help from US jets, took back from the militants.",
     {("Mosul Dam", "kurdish", "recaptured")}),
    # a capital that speaks in a subordinate clause is the government, not a place taken
    ("Troops retook Makhmour from the Peshmerga on Monday, after Baghdad said it would reverse their gains.",
     {("Makhmur", "government", "recaptured")}),
    # a recapture with no side named: the side of the claim just before, when it takes places back
    ("Peshmerga units took Bashiqa on Monday. The villages of Tal Ward and Kharab were also freed.",
     {("Bashiqa", "kurdish", "captured"), ("Tal Ward", "kurdish", "recaptured"), ("Kharab", "kurdish", "recaptured")}),
    ("The militants seized Hit on Monday. Baghdadi was freed a week later.",
     {("Hit", "isis", "captured"), ("Al-Baghdadi", "government", "recaptured")}),
    # an absolute construction: the participle is the place's own, and governs nothing after the comma
    ("With Rutba retaken, the army turned to Ramadi.", {("Rutba", "government", "recaptured")}),
    ("With Tal Afar fully surrounded, the militia can now crush the pocket.", {("Tal Afar", "contested", "contested")}),
    # an attack repelled in a clause after "but": the defenders hold the place, no fight for it
    ("Militants attacked Kurdish positions in Ayadiya, but the Peshmerga repulsed them.",
     {("Ayadiya", "kurdish", "held")}),
    ("The jihadists attacked the town of Haditha on Sunday, but the assault was thwarted.",
     {("Haditha", "government", "held")}),
    # the names of an "along with" list share the clause's claim
    ("Qaim has been in militant hands since 2014, along with its towns of Rawa and Anah.",
     {("Al-Qaim", "isis", "held"), ("Rawa", "isis", "held"), ("Anah", "isis", "held")}),
    # forces of two sides with an auxiliary before their verb: the place is each side's
    ("Shiite militiamen and Kurdish fighters have taken control of Sulaiman Bek.",
     {("Sulaiman Bek", "government", "captured"), ("Sulaiman Bek", "kurdish", "captured")}),
    # a place said after a copula to be one a party-held adjective describes
    ("Anah is now the last IS-held town on the Euphrates.", {("Anah", "isis", "held")}),
    ("Baghdadi remained one of the few government-held towns in the west.", {("Al-Baghdadi", "government", "held")}),
    # a province named with a possessive before its kind is the object
    ("Jihadist units kept their hold on Iraq's far western province of Anbar.", {("Anbar", "isis", "held")}),
    # a second verb of the same subject after a conjunction: both claims
    ("Baiji fell to the jihadists in June but was later won back by the army in October.",
     {("Baiji", "isis", "captured"), ("Baiji", "government", "recaptured")}),
    ("Rutba was captured in 2014 and freed in 2016.",
     {("Rutba", "isis", "captured"), ("Rutba", "government", "recaptured")}),
    ("Baiji fell to the jihadists in June but Tikrit was retaken.",
     {("Baiji", "isis", "captured"), ("Tikrit", "government", "recaptured")}),
    # a relative clause after "large parts of which"
    ("Tribesmen took up arms in Anbar province, large parts of which had been overrun by the jihadists.",
     {("Anbar", "isis", "captured")}),
    # a list after a typed dash
    ("The militants seized three villages east of Ramadi -- Jarashi, Husaiba and Soufiya.",
     {("Jarashi", "isis", "captured"), ("Husaybah al-Sharqiya", "isis", "captured"),
      ("Al-Sufiya (Ramadi)", "isis", "captured")}),
    # "the N-year-old town" as the object, for the town named before
    ("The army said it had freed Hatra. The jihadists seized the 2,000-year-old town in 2015.",
     {("Hatra", "government", "recaptured"), ("Hatra", "isis", "captured")}),
    ("Baghdad’s forces swept into Kirkuk on Monday.", {("Kirkuk", "government", "captured")}),
    ("The army retook the city, Tikrit, on Monday.", {("Tikrit", "government", "recaptured")}),
    ("Mosul has been under the group's control since June 10, when government forces abandoned the city.",
     {("Mosul", "isis", "held"), ("Mosul", "isis", "withdrew")}),
    # a place left to the forces that came in
    ("Militants withdrew from Jalawla after Kurdish forces advanced.", {("Jalawla", "kurdish", "withdrew")}),
    ("ISIS fighters pulled out of Rabia on Saturday as the Peshmerga moved in.", {("Rabia", "kurdish", "withdrew")}),
    ("Troops withdrew from Tal Afar after the Kurds complained.", {("Tal Afar", "contested", "withdrew")}),
    ("In Haditha, the army and tribal fighters were holding off ISIS.", {("Haditha", "government", "held")}),
    ("The extremists stormed a prison in Mosul and freed hundreds of inmates.", set()),
    ("Militants overran two checkpoints near Samarra.", set()),
    ("The fall of Ramadi would be a major setback for the government.", set()),
    ("The fall of Mosul on June 10 shocked the world.", {("Mosul", "isis", "captured")}),
    ("The Islamic State took Tikrit in June 2014; Iraqi forces regained it in March 2015.",
     {("Tikrit", "isis", "captured"), ("Tikrit", "government", "recaptured")}),
    ("Police found weapons in Tikrit and seized it.", set()),
    # who drove whom out: the one driving takes the place
    ("Islamic State fighters drove Kurdish forces out of Sinjar on Sunday.", {("Sinjar", "isis", "recaptured")}),
    ("Kurdish forces were driven out of Sinjar by ISIS.", {("Sinjar", "isis", "recaptured")}),
    ("The militants were ousted from Jurf al-Sakhar by Shiite militias.",
     {("Jurf al-Sakhar", "government", "recaptured")}),
    ("Fighting continued around the Mosul Dam, which Kurdish forces said they had retaken.",
     {("Mosul Dam", "contested", "contested"), ("Mosul Dam", "kurdish", "recaptured")}),
    ("Kurdish fighters have secured the road between Erbil and Kirkuk.", set()),
    ("Militants seized the main highway to Baghdad.", set()),
    ("Militants shelled Samarra overnight.", {("Samarra", "isis", "threatened")}),
    ("The army shelled militant positions near Fallujah.", set()),
    # "Said Sadiq" is a town, not a speech verb
    ("The group swept into Qaratepe, Said Sadiq and Al-Mahzam.",
     {("Qara Tapa", "isis", "captured"), ("Sayid Sadiq", "isis", "captured"), ("Al-Mahzam", "isis", "captured")}),
    ("Baiji came under the control of the militants on Wednesday.", {("Baiji", "isis", "captured")}),
    ("Airstrikes hit the ISIS stronghold of Fallujah.", {("Fallujah", "isis", "held")}),
    ("The Peshmerga raised the Kurdish flag over Kirkuk.", {("Kirkuk", "kurdish", "captured")}),
    ("Militants entered Tal Afar at dawn. By midday they had raised their flag over the town hall.",
     {("Tal Afar", "isis", "captured")}),
    ("Officials denied that the militants had entered Baquba.", set()),
    ("The army rejected that it had withdrawn from Tal Afar.", set()),
    # units and militias by name
    ("Zeravani units retook Zumar.", {("Zumar", "kurdish", "recaptured")}),
    ("The Golden Division withdrew from Ramadi.", {("Ramadi", "contested", "withdrew")}),
    # each place its own time
    ("Militants seized Rawa on Saturday and Anah on Sunday.",
     {("Rawa", "isis", "captured"), ("Anah", "isis", "captured")}),
    # a defence in the passive: the attackers are the subject
    ("ISIS fighters were repelled from Samarra by troops and volunteers.", {("Samarra", "government", "held")}),
    ("Iraqi troops were repelled from Tikrit.", {("Tikrit", "isis", "held")}),
    ("The army said militants captured Tikrit.", {("Tikrit", "isis", "captured")}),
    ("The army lost its grip on Mosul.", {("Mosul", "isis", "captured")}),
    # fighting to take a place back is fighting for it (contested.fight_to_retake)
    ("Government troops were fighting to regain control of Tal Afar.",
     {("Tal Afar", "contested", "contested"), ("Tal Afar", "isis", "held")}),
    ("Al-Qaim and its border crossing are now held by ISIS.", {("Al-Qaim", "isis", "held")}),
    ("Sunni fighters are in control of most of Baiji.", {("Baiji", "isis", "held")}),
    ("Government forces launched an offensive to retake Tikrit.",
     {("Tikrit", "contested", "contested"), ("Tikrit", "isis", "held")}),
    ("Iraqi troops lost control of the Rabia border crossing.", {("Rabia border crossing", "isis", "captured")}),
    ("The militants, who already control Mosul, paraded in Sinjar on Sunday.", {("Mosul", "isis", "held")}),
    ("The group claimed to have taken the Mosul Dam.", {("Mosul Dam", "isis", "captured")}),
    ("Jihadists took the town of Zumar overnight.", {("Zumar", "isis", "captured")}),
    ("The advance brings the militants within striking distance of Erbil.", {("Erbil", "isis", "threatened")}),
    ("They met in the city of Kirkuk, which Kurdish forces have controlled since June.",
     {("Kirkuk", "kurdish", "held")}),
    ("The capital, Ramadi, has been split between militants and the army since January.",
     {("Ramadi", "contested", "contested")}),
    ("Peshmerga units pushed Islamic State fighters out of Batnaya.", {("Batnaya", "kurdish", "recaptured")}),
    ("Fighting continued around Bashiqa.", {("Bashiqa", "contested", "contested")}),
    # defence
    ("Government troops are still holding out in Haditha.", {("Haditha", "government", "held")}),
    ("Iraqi troops repelled an attack on Samarra.", {("Samarra", "government", "held")}),
    ("Kurdish forces beat back an assault on Makhmur.", {("Makhmur", "kurdish", "held")}),
    # the object of a capture named by a pronoun: the place the sentence before named
    ("Militants attacked Tal Afar on Sunday. They had seized it by Monday.",
     {("Tal Afar", "contested", "contested"), ("Tal Afar", "isis", "captured")}),
    ("Shelling hit Baiji for a week. Iraqi troops finally retook the town on Sunday.",
     {("Baiji", "government", "recaptured")}),
    ("Residents described panic in Sinjar. Kurdish forces pulled out of the town overnight.",
     {("Sinjar", "contested", "withdrew")}),
    # a pronoun subject right after a claim is that claim's party, not the last party named
    ("Militants overran Rawa after government troops fled. They then took Anah.",
     {("Rawa", "isis", "captured"), ("Anah", "isis", "captured")}),
    # a place located from another: only the first is the claim's
    ("Militants took the town of Barwana, across the river from Haditha.", {("Barwana", "isis", "captured")}),
    ("Gunmen seized a village opposite Samarra.", set()),
    ("Families fled to Sinjar, which remains under the control of Kurdish forces.", {("Sinjar", "kurdish", "held")}),
    # a trigger before the place that makes no claim (civilians fleeing) leaves it to the one after
    ("Half a million people had fled Mosul, which fell last week.", {("Mosul", "isis", "captured")}),
    # a threat before the place and a claim after it: both
    # what one side vows to take back, the other holds
    ("Maliki vowed to retake Mosul, which fell to ISIS on June 10.",
     {("Mosul", "isis", "held"), ("Mosul", "isis", "captured")}),
    ("Militants advanced on Samarra, which remains in government hands.",
     {("Samarra", "isis", "threatened"), ("Samarra", "government", "held")}),
    # "the fall of" is of the place right after it (or a list of them)
    ("The fall of Mosul leaves the road to Tikrit open.", {("Mosul", "isis", "captured")}),
    ("The fall of Mosul, Tikrit and Baiji stunned the government.",
     {("Mosul", "isis", "captured"), ("Tikrit", "isis", "captured"), ("Baiji", "isis", "captured")}),
    ("Militants captured the city of Mosul and the town of Tal Afar.",
     {("Mosul", "isis", "captured"), ("Tal Afar", "isis", "captured")}),
    ("Mosul, seized by ISIS in June, is Iraq's second city.", {("Mosul", "isis", "captured")}),
    ("Militants seized Samarra, officials said, rejecting claims of a retreat.", {("Samarra", "isis", "captured")}),
    ("- **al-Qaim** and its border crossing with Syria — captured on 21 June.", {("Al-Qaim", "isis", "captured")}),
    # an indented list item starts a sentence of its own, whatever the line before ends with
    ("Gunmen seized Qaraqosh this week\n  • Aid agencies say Erbil is calm", {("Qaraqosh", "isis", "captured")}),
    ("Militants overran the town of\n  - Erbil is calm", set()),
    # "although" starts a clause of its own
    ("Gunmen overran Baiji, although the Baiji refinery remained in government hands.",
     {("Baiji", "isis", "captured"), ("Baiji refinery", "government", "held")}),
    ("The army retains control of Samarra.", {("Samarra", "government", "held")}),
    ("Kurdish forces maintained control over Khanaqin.", {("Khanaqin", "kurdish", "held")}),
    ("Fighting continues in Jurf al-Sakhar.", {("Jurf al-Sakhar", "contested", "contested")}),
    ("The Peshmerga pushed back an attack on Gwer overnight.", {("Gwer", "kurdish", "held")}),
    ("ISIL took al-Qa'im on Saturday.", {("Al-Qaim", "isis", "captured")}),
    ("The Turkmen town of Amirli remains besieged by the militants.", {("Amirli", "government", "besieged")}),
    # the withdrawal goes to whoever the sentence says took the place
    ("Peshmerga forces took control of Kirkuk after Iraqi troops withdrew from the city.",
     {("Kirkuk", "kurdish", "captured"), ("Kirkuk", "kurdish", "withdrew")}),
    # a place after a passive verb is not its subject; nor is one a distance locates
    ("In Tal Afar, which fell to the militants in June, most families have left for Najaf and Karbala.",
     {("Tal Afar", "isis", "captured")}),
    ("Last week the gunmen overran Makhmour, 40 kilometres (25 miles) from Erbil.", {("Makhmur", "isis", "captured")}),
    ("Peshmerga units retook Daquq, south of the key oil city of Kirkuk.", {("Daquq", "kurdish", "recaptured")}),
    ("The army pushed the militants out of Qayyarah, south of their de facto capital Mosul.",
     {("Qayyarah", "government", "recaptured")}),
    # each item of a list keeps its own relative clause; a passive's "from" names who lost the place
    ("The district has three towns: Zumar, which is under control of the Kurdish forces, Rabia, which was freed "
     "from IS militants last week, and Sinjar, which is still under IS control.",
     {("Zumar", "kurdish", "held"), ("Rabia", "government", "recaptured"), ("Sinjar", "isis", "held")}),
    ("Kurdish commanders want the militia to give them Jalawla, which had been freed from Islamist fighters "
     "the day before.", {("Jalawla", "government", "recaptured")}),
    # a subordinate clause's subject is not the subject of the main clause's later verb
    ("Militants who overran Mosul as the army crumbled pushed on, seizing Tikrit.", {("Mosul", "isis", "captured"),
                                                                                     ("Tikrit", "isis", "captured")}),
    ("Gunmen who took Mosul as government forces fled in disarray extended their reach, pressing south towards "
     "Samarra.", {("Mosul", "isis", "captured"), ("Samarra", "isis", "threatened")}),
    # the force a participle follows, past an apposition
    ("Jets struck guns shelling Kurdish forces, known as Peshmerga, defending Makhmur.",
     {("Makhmur", "kurdish", "held")}),
    # who the ground was taken from is not who took the town after it
    ("Iraqi forces took ground from the militants, retaking the town of Rawa last month.",
     {("Rawa", "government", "recaptured")}),
    # a list's or an apposition's "where" only locates
    ("Troops broke into the districts of Gogjali and Bartella, all in eastern Mosul.",
     {("Gogjali", "government", "captured"), ("Bartella", "government", "captured")}),
    ("Reporters were kept from entering Gogjali, the east end of Mosul, which troops stormed on Tuesday.",
     {("Gogjali", "government", "captured")}),
    # a name that speaks is a source
    ("Soldiers took back the towns the insurgents seized last week, Al-Alam reports.", set()),
    # "the provincial capital of Mosul" names the city; "the capital of Anbar" locates it in the province
    ("Troops pushed into Nineveh's provincial capital of Mosul on Sunday.", {("Mosul", "government", "captured")}),
    ("Rawa, roughly 300 km northwest of the Iraqi capital of Baghdad, fell on Saturday.",
     {("Rawa", "isis", "captured")}),
    # villages taken in a town are part of it
    ("The army liberated two villages in the town of Qayyarah.", {("Qayyarah", "government", "recaptured")}),
    ("Gunmen attacked the nearby Shi'ite town of Balad overnight.",
     {("Balad", "contested", "contested")}),
    # an offensive to take a place back from a party: fought over, and that party's until then
    ("The army launched an offensive on Saturday to take back Tikrit from the militants.",
     {("Tikrit", "contested", "contested"), ("Tikrit", "isis", "held")}),
    # a verb coordinated with the trigger ends its object; a colon's list has subjects of its own
    ("IS already controls swathes of the north and has advanced south towards Samarra.", set()),
    ("The district holds the city of Tal Afar and two towns: Zumar, which is under control of the Kurdish "
     "forces, and Rabia.", {("Zumar", "kurdish", "held")}),
    # a place that locates another keeps its own apposition
    ("Qaraqosh lies between Mosul, the militants' main hub in the north, and Erbil.", {("Mosul", "isis", "held")}),
    # a capture of a place a party-held adjective describes: the news is the capture
    # (the adjective says whose it was until then: a claim of its own)
    ("Iraqi forces recaptured the IS-held town of Qayyarah on Thursday.",
     {("Qayyarah", "government", "recaptured"), ("Qayyarah", "isis", "held")}),
    ("Troops were advancing on the militant-held town of Hawija.",
     {("Hawija", "government", "threatened"), ("Hawija", "isis", "held")}),
    # losses, freedom, control set up or had, sieges by an agent
    ("The Anbar capital, Ramadi, was lost to ISIS in May.", {("Ramadi", "isis", "captured")}),
    ("The government lost control of Fallujah in January.", {("Fallujah", "isis", "captured")}),
    ("Iraqi forces declared that Dhuluiya was finally free of all ISIL fighters.",
     {("Dhuluiya", "government", "recaptured")}),
    ("Iraqi troops imposed full control on Saqlawiyah, a spokesman said.", {("Saqlawiyah", "government", "captured")}),
    ("Amerli had been encircled by the militants since mid-July.", {("Amirli", "government", "besieged")}),
    ("Iraqi troops and Shiite paramilitaries routed the insurgents from Baiji.",
     {("Baiji", "government", "recaptured")}),
    # a passive's object came before it; a party named as an owner is no subject
    ("After Ramadi was retaken, only Rutba and Fallujah remained under ISIS control.",
     {("Ramadi", "government", "recaptured"), ("Rutba", "isis", "held"), ("Fallujah", "isis", "held")}),
    ("Iraqi forces are inching closer to the IS stronghold of Mosul after retaking Qayyarah.",
     {("Mosul", "isis", "held"), ("Qayyarah", "government", "recaptured")}),
    # a speaker who is the only other party took it; allies are not the subject
    ("ISIS was ousted from Gwer on Sunday, Peshmerga officials said.", {("Gwer", "kurdish", "recaptured")}),
    ("Supported by US jets, Kurdish Peshmerga forces took Zumar early on Sunday.", {("Zumar", "kurdish", "captured")}),
    # flags: raised on top of a building in the town, or a party's flag flying over it
    ("Counter-terrorism units planted the national flag on top of the council building in Ramadi.",
     {("Ramadi", "government", "captured")}),
    ("On Friday the Iraqi flag flew over the mayor's office in Karmah.", {("Garma", "government", "captured")}),
    # a relative clause between a trigger and a place makes the place the clause's; people taken are no place
    ("Troops regained some territory in counterattacks, which eased pressure on officials in Baghdad.", set()),
    ("Prisons, including Badush in Nineveh, which held leaders, many of whom had been captured by troops, were "
     "emptied.", set()),
    # where people fled to is not what a defence after it held
    ("Families from Makhmur fled to Erbil, in spite of the fact that Peshmerga units repelled the attackers.",
     {("Makhmur", "kurdish", "held")}),
    # a relative clause with "that" and no comma says what happened to the place before
    ("The army retook Tikrit that militants had seized in June.",
     {("Tikrit", "government", "recaptured"), ("Tikrit", "isis", "captured")}),
    # "we" in a quote is the side of the speaker named after it
    ("'We have complete control over Tel Keppe,' the CTS commander told reporters.",
     {("Tel Keppe", "government", "held")}),
    # a reduced relative clause ("Rabia, freed in recent days,") is its place's, and a passive
    ("The district has three towns: Zumar, which Kurdish security forces control, Rabia, freed in recent days, "
     "and Sinjar, still under IS control.",
     {("Zumar", "kurdish", "held"), ("Rabia", "government", "recaptured"), ("Sinjar", "isis", "held")}),
    ("The militants reentered Baiji weeks later.", {("Baiji", "isis", "captured")}),
    # a passive's subject listed after it with "including"
    ("Several nearby towns were also recaptured from IS fighters, including Udhaim and Sulaiman Bek.",
     {("Udhaim", "government", "recaptured"), ("Sulaiman Bek", "government", "recaptured")}),
    # a generic force is the party its qualifier names as an owner, not the party "fighters" stands for
    ("Badr fighters cleared Sulaiman Bek on Monday.", {("Sulaiman Bek", "government", "recaptured")}),
    ("Residents said Shiite fighters took back Jurf al-Sakhar.", {("Jurf al-Sakhar", "government", "recaptured")}),
    ("Officials said Yazidi fighters retook Sinjar.", {("Sinjar", "kurdish", "recaptured")}),
    # a party-held adjective says who holds the place; the verb before it, that it is fought over
    ("Fighting broke out in IS-held Tikrit on Sunday.",
     {("Tikrit", "isis", "held"), ("Tikrit", "contested", "contested")}),
    ("Jihadists launched an attack on the Kurdish-controlled town of Makhmur.",
     {("Makhmur", "kurdish", "held"), ("Makhmur", "contested", "contested")}),
    # the force a verb acts on is not the subject of the verb coordinated with it
    ("Kurdish troops fended off the jihadists and kept control of Zumar.", {("Zumar", "kurdish", "held")}),

    ("The governor of Telafer, 60 km west of Mosul, said the army had been driven out of the town overnight.",
     {("Tal Afar", "isis", "recaptured")}),
    # a nominal capture's agent follows "by" or "to" with no comma between
    # (where a side pulls back to, it holds: held.fell_back_to)
    ("Iraqi troops withdrew to Samarra on Friday.", {("Samarra", "government", "held")}),
    ("After the takeover of Sinjar by gunmen on 3 August, Kurdish forces pulled back to Dohuk.",
     {("Sinjar", "isis", "captured"), ("Dohuk", "kurdish", "held")}),
    ("Kurds moved into Kirkuk after the seizure of Mosul, some 150 km to the north-west, by Kurdish fighters.",
     {("Kirkuk", "kurdish", "captured"), ("Mosul", "kurdish", "captured")}),
    # the place owns the event ("Mosul's fall"); another clause's subject is not who took it
    ("Residents of Erbil still talk about Mosul's fall on 10 June.", {("Mosul", "isis", "captured")}),
    # a passive's "by" agent comes before the next comma
    ("After Mosul was freed, Tal Afar became the last town held by IS in the province.",
     {("Mosul", "government", "recaptured"), ("Tal Afar", "isis", "held")}),
    ("Baghdad welcomed Tikrit's swift recapture by the army.", {("Tikrit", "government", "recaptured")}),
    ("The soldiers left their base on Monday, a day after Rutba fell.", {("Rutba", "isis", "captured")}),
    # "the town" with words between, after a time said first
    ("Shelling hit Tal Afar. By Monday morning the mainly Shiite Turkmen town was in the hands of the insurgents.",
     {("Tal Afar", "isis", "held")}),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_phrasing_families(text, expected, gaz):
    assert facts(claims_of(text, gaz)) == expected


@pytest.mark.parametrize("text", [
    "Forces hit back at the militants.",
    "Photos showed dozens of captured soldiers in Tikrit.",
    "Officers of the Nineveh Operations Command fled.",
    "Rebels captured Raqqa in Syria.",
    "The fall of the Anbar towns alarmed Washington.",
    "Iraqi soldiers abandoned Mosul residents to their fate.",
    "Thousands of families fled Qaraqosh overnight.",
    "Its capture would secure the pilgrim road to Karbala.",
    "Kurdish leaders said they would not withdraw from Kirkuk.",
    "The militants vowed to seize Samarra.",
    "Officials met in Samarra on Monday. It is worth listing what has fallen to the militants in two weeks.",
    # "it" is what was taken only right after the verb: here it is a weapons cache, and Tikrit is only
    # where the sentence before was set.
    "Police found a weapons cache in Tikrit. Militants said they had seized it from the army.",
    # where a retreat went is not what it gave up (the place it withdrew to it holds: held.fell_back_to)
    "The army retreated towards Baghdad.",
    "Soldiers pulled back into Tikrit overnight.",
    "Troops were pushed into Samarra by the fighting.",
    "Officials said the army would soon regain Tikrit.",
    "Officials were relieved that Samarra was calm.",
    # a capture after the place whose object is something else
    "Flights to Erbil were suspended after militants seized the airport road.",
    "Militants raided the consulate in Mosul, capturing 48 people.",
    # the place names something else
    "Militants captured Kirkuk's governor.",
    "Militants seized Mosul's main roads.",
    # people or things taken in a place
    "Militants captured dozens of soldiers in Tikrit and executed them.",
    "Iraqi troops captured an ISIS commander in Baghdad.",
    "The Baiji-Kirkuk pipeline was attacked.",
    # a report the sentence denies
    "Baiji's loss would cut the country's fuel supply.",
    # people moving, not a force
    "Families crossed into Syria and re-entered Iraq through the Rabia crossing.",
    "Thousands of displaced people entered Dohuk through the Faysh Khabur area.",
    # what may come
    "The group is threatening the takeover of more towns, including Samarra.",
    "Officials denied reports that militants had seized Samarra.",
    "Reports that Haditha had fallen were false, a police officer said.",
])
def test_no_claim(text, gaz):
    assert not [c for c in claims_of(text, gaz) if c.action in ("captured", "recaptured", "held")]


def test_more_of_the_same_news_is_dated_with_it(gaz):
    # "also", "even": the claim before's day, when the sentence names none of its own
    text = "Militants seized Rabia on June 20. The jihadists even took control of Zumar."
    got = {c.place: c for c in claims_of(text, gaz)}
    assert (got["Zumar"].date, got["Zumar"].date_phrase) == (D(2014, 6, 20), "even")


def test_dates_resolved_against_publication(gaz):
    text = ("Militants captured Tikrit on Sunday. Haditha fell late last night. Security forces retook "
            "Samarra on June 11. Fighters have held Fallujah since January. Militants seized Sinjar.")
    got = {c.place: c for c in claims_of(text, gaz)}
    assert (got["Tikrit"].date, got["Tikrit"].date_precision) == (D(2014, 6, 22), "day")
    assert got["Haditha"].date == D(2014, 6, 22)
    assert got["Samarra"].date == D(2014, 6, 11) and got["Samarra"].date_phrase
    assert (got["Fallujah"].date_start, got["Fallujah"].date_precision) == (D(2014, 1, 1), "month")
    # No time named: on or before publication.
    assert (got["Sinjar"].date, got["Sinjar"].date_precision) == (PUB, "range")


def test_month_phrases(gaz):
    got = {c.place: c for c in claims_of("The city of Ramadi was retaken by government forces in late December.", gaz)}
    assert (got["Ramadi"].date_start, got["Ramadi"].date_precision) == (D(2013, 12, 21), "range")
    got = {c.place: c for c in claims_of("Fallujah has been in militant hands since January.", gaz)}
    assert (got["Fallujah"].date, got["Fallujah"].date_precision) == (D(2014, 1, 1), "month")


def test_dates_across_year_end(gaz):
    got = {c.place: c for c in claims_of("Militants captured Sinjar on Wednesday.", gaz, D(2015, 1, 2))}
    assert got["Sinjar"].date == D(2014, 12, 31)


def test_hedged_claims_kept_with_lower_confidence(gaz):
    plain = claims_of("Troops retook Tal Afar.", gaz)
    hedged = claims_of("State TV claimed that troops had retaken Tal Afar.", gaz)
    assert facts(hedged) == facts(plain) == {("Tal Afar", "government", "recaptured")}
    assert hedged[0].hedge and hedged[0].confidence < plain[0].confidence
    doubt = claims_of("There were conflicting reports whether Haditha had fallen.", gaz)
    assert doubt and doubt[0].hedge and "conflicting" in doubt[0].hedge.lower()
    reported = claims_of("Fighters were reported to have taken the town of Jalawla overnight.", gaz)
    assert reported and reported[0].hedge == "were reported to"


def test_anaphora_the_town(gaz):
    text = "Tal Afar lies on the road west of Mosul. The town fell on Sunday after days of shelling."
    got = claims_of(text, gaz)
    assert ("Tal Afar", "isis", "captured") in facts(got)
    assert "Mosul" not in {c.place for c in got}


@pytest.mark.parametrize("text, expected", [
    # "it" is the place, not the force of the sentence before
    ("Iraqi troops retreated from Mosul. It fell within hours.",
     {("Mosul", "contested", "withdrew"), ("Mosul", "isis", "captured")}),
    ("Kurdish forces entered Kirkuk on Thursday. They now control the city.",
     {("Kirkuk", "kurdish", "captured"), ("Kirkuk", "kurdish", "held")}),
    ("Militants took Rawa on Saturday. They hold Fallujah too.",
     {("Rawa", "isis", "captured"), ("Fallujah", "isis", "held")}),
    # a passive's "which" is the place, not the force named before
    ("Kurdish forces hold Sinjar. Tal Afar, which fell in June, lies to the east.",
     {("Sinjar", "kurdish", "held"), ("Tal Afar", "isis", "captured")}),
    # "remains" between the subject and its verb
    ("Shelling was heard near Zumar and the Mosul Dam. The dam remains under the control of the Peshmerga.",
     {("Mosul Dam", "kurdish", "held")}),
    # "it" after a trigger stands for "the village" the same sentence named, and that for the place before
    ("Smoke rose over the farming village of Bashir. The militants wrecked the village after taking it over.",
     {("Bashir", "isis", "captured")}),
    ("Smoke rose over Bashir. Police found an arms cache in the ruins after militants had taken it away.", set()),
    # the only town named, though named where other places lie, is "the town" of the next sentence
    ("Yazidi volunteers freed two hamlets close to the town of Sinjar. The town first fell to the jihadists in 2014.",
     {("Sinjar", "isis", "captured")}),
    # "held by IS": a party, no verb of a clause after the place's apposition
    ("Rawa and Anah, far to the west of Ramadi, had been held by IS for three years.",
     {("Rawa", "isis", "held"), ("Anah", "isis", "held")}),
    # "the town" as an object before the sentence names other places: the sentence before's town
    ("Gunmen attacked the town of Baghdadi before dawn. Clashes were reported inside the town, which lies north of "
     "Hit.", {("Al-Baghdadi", "contested", "contested")}),
    # "the capture of X" with no agent, after a sentence that told who took X: that side's capture
    ("Hashd fighters said they had freed the area of Baaj. The capture of Baaj cuts a militant supply line.",
     {("Baaj", "government", "recaptured"), ("Baaj", "government", "captured")}),
    # "the dam" in reported speech, for the dam named before; "more than half of the city" as an object
    ("Kurdish forces attacked the Mosul Dam on Sunday. The militants said the dam was still under their control.",
     {("Mosul Dam", "contested", "contested"), ("Mosul Dam", "isis", "held")}),
    ("Kurdish units reached the edge of Sinjar. The jihadists still control more than half of the city.",
     {("Sinjar", "isis", "held")}),
    # "the area" as a capture's object stands for the place named before; "the area around X" is another area
    ("Peshmerga units retook Rabia from the jihadists, who had overrun the area in the summer.",
     {("Rabia", "kurdish", "recaptured"), ("Rabia", "isis", "captured")}),
    ("Gunmen attacked Samarra. Later they seized the area around the shrine.", {("Samarra", "contested", "contested")}),
    ("Kurdish units took Snuny and now also control the Dhola area.",
     {("Sinune", "kurdish", "captured"), ("Dhola", "kurdish", "held")}),
    # an apposition between "the town" and its verb
    ("Soldiers drove the jihadists from Rutba last week. The town, deep in the western desert, fell to them in 2014.",
     {("Rutba", "government", "recaptured"), ("Rutba", "isis", "captured")}),
    # a sentence naming no side goes on with the one recapture just told ("the freed villages include ...")
    ("Kurdish fighters regained six villages south of Kirkuk on Monday. The recovered villages include Tal Marqab "
     "and Khirbat Rais.", {("Tal Marqab", "kurdish", "recaptured"), ("Khirbat Rais", "kurdish", "recaptured")}),
    # ... but not one that names a side of its own, nor one after a capture
    ("Kurdish fighters regained two villages south of Kirkuk on Monday. Hawija was freed by the army in 2017.",
     {("Hawija", "government", "recaptured")}),
    ("The jihadists overran Zumar in June. Zumar was freed in the spring.",
     {("Zumar", "isis", "captured"), ("Zumar", "government", "recaptured")}),
    # as many places as were taken, listed as the next sentence's subject
    ("Peshmerga units seized two towns on Sunday. Zumar and Rabia, both close to the border, had been held by the "
     "militants since August.", {("Zumar", "kurdish", "captured"), ("Rabia", "kurdish", "captured"),
                                  ("Zumar", "isis", "held"), ("Rabia", "isis", "held")}),
    # "the town" with an apposition before a trigger that starts with its verb ("had been a stronghold for")
    ("Militiamen took control of Sulaiman Bek. The town, on the road to Tuz, had long been a main stronghold for "
     "the militants.", {("Sulaiman Bek", "government", "captured"), ("Sulaiman Bek", "isis", "held")}),
    # "the neighbourhood" is the quarter named before
    ("Troops entered Mosul's Zanjili district on Monday. Officers said the neighbourhood, next to the river, had "
     "been cleared of the militants.", {("Al-Zanjili (Mosul)", "government", "captured"),
                                          ("Al-Zanjili (Mosul)", "government", "recaptured")}),
    # "it" in a place's own relative clause is the place; a passive's party is never another clause's subject's
    ("Militiamen joined the fight for Tal Afar, which had a large Turkmen population before it fell to IS.",
     {("Tal Afar", "contested", "contested"), ("Tal Afar", "isis", "captured")}),
    ("Soldiers entered Zumar, which was quiet after it was retaken.",
     {("Zumar", "government", "captured"), ("Zumar", "government", "recaptured")}),
    # "the city" in a later clause, with no city before the sentence: the first city it named, not where people
    # went ("Refugees from Mosul reached Erbil after the city fell": Mosul fell, Erbil did not)
    ("Refugees from Mosul arrived in Erbil after the city fell.", {("Mosul", "isis", "captured")}),
    ("A commander arrived in Dhuluiya and announced that the town had been liberated.",
     {("Dhuluiya", "government", "recaptured")}),
    # "they" after a sentence whose later clause names another side as subject is that side
    ("The army declared victory in Mosul, but the jihadists are far from beaten. They still control Hawija.",
     {("Mosul", "government", "recaptured"), ("Hawija", "isis", "held")}),
    # ... not a list longer than that
    ("Peshmerga units seized two towns on Sunday. Zumar, Rabia and Sinjar were quiet on Monday.", set()),
])
def test_anaphora_across_sentences(text, expected, gaz):
    assert facts(claims_of(text, gaz)) == expected


def test_it_said_is_not_a_place(gaz):
    text = "Officials described the situation in Samarra. It said soldiers had recaptured two villages."
    assert not [c for c in claims_of(text, gaz) if c.place == "Samarra"]


def test_quote_and_offsets(gaz):
    text = "Residents fled. Militants captured Tikrit on Sunday, witnesses said."
    (claim,) = claims_of(text, gaz)
    assert claim.quote == "Militants captured Tikrit on Sunday, witnesses said."
    assert claim.hedge == "witnesses said"
    assert 0 < claim.confidence < 1


def test_user_party_without_code(tmp_path, gaz):
    cfg_text = (
        '[defaults]\ncapture_party = "isis"\n'
        '[parties.isis]\nname = "ISIS"\ncolor = "#000"\nterms = ["militants"]\nopponent = "government"\n'
        '[parties.government]\nname = "Government"\ncolor = "#d00"\nterms = ["troops"]\nopponent = "isis"\n'
        '[parties.tribes]\nname = "Tribal fighters"\ncolor = "#3a3"\nterms = ["tribal fighters", "tribesmen"]\n'
    )
    path = tmp_path / "parties.toml"
    path.write_text(cfg_text, encoding="utf-8")
    cfg = load_parties(path)
    got = claims_of("Tribesmen retook Haditha on Sunday.", gaz, cfg=cfg)
    assert facts(got) == {("Haditha", "tribes", "recaptured")}


def test_user_party_words_reach_units_and_regions_without_code(tmp_path, gaz):
    cfg_text = (
        '[defaults]\ncapture_party = "isis"\n'
        '[parties.isis]\nname = "ISIS"\ncolor = "#000"\nterms = ["militants"]\nopponent = "government"\n'
        '[parties.government]\nname = "Government"\ncolor = "#d00"\nterms = ["troops"]\nopponent = "isis"\n'
        '[parties.plains]\nname = "Plains guards"\ncolor = "#3a3"\nterms = ["plains guards"]\n'
        'owner_words = ["Assyrian"]\nregion_words = ["Assyria"]\nopponent = "isis"\n'
    )
    path = tmp_path / "parties.toml"
    path.write_text(cfg_text, encoding="utf-8")
    cfg = load_parties(path)
    # an owner word before a unit noun ("Assyrian units") is the party's force
    assert facts(claims_of("Assyrian units retook Bartella on Sunday.", gaz, cfg=cfg)) == {
        ("Bartella", "plains", "recaptured")}
    # a force "from" the party's region ("troops", the government's word, from the Assyria region) is the party's
    assert facts(claims_of("Troops from the Assyria region retook Bartella.", gaz, cfg=cfg)) == {
        ("Bartella", "plains", "recaptured")}


def test_dateline_place_is_not_the_claim(gaz):
    text = "IRBIL, June 16 (Wire) - The northern town of Tal Afar fell to militants on Monday."
    got = claims_of(text, gaz, D(2014, 6, 16))
    assert facts(got) == {("Tal Afar", "isis", "captured")}
    assert got[0].date == D(2014, 6, 16) and got[0].date_phrase == "on Monday"


def test_a_nearer_trigger_cuts_off_a_farther_one(gaz):
    text = ("Peshmerga forces took over Kirkuk on June 12 when the army abandoned its positions, "
            "setting up a confrontation with Baghdad.")
    got = claims_of(text, gaz)
    assert ("Kirkuk", "kurdish", "captured") in facts(got)
    assert "Baghdad" not in {c.place for c in got}


def test_threat_toward_a_city_is_not_a_recapture(gaz):
    text = "Peshmerga forces recaptured Makhmour on Sunday, days after militants swept toward Erbil."
    assert facts(claims_of(text, gaz)) == {("Makhmur", "kurdish", "recaptured"), ("Erbil", "isis", "threatened")}


def test_time_after_an_apposition(gaz):
    got = claims_of("Jihadists took Qaraqosh, the largest Christian town in the north, overnight.", gaz)
    assert [(c.place, c.date, c.date_precision) for c in got] == [("Qaraqosh", D(2014, 6, 22), "day")]


def test_agency_dateline_in_title_case_is_not_the_claim(gaz):
    text = "Baghdad (AFP) - Militants seized the northern town of Tal Afar on Monday, officials said."
    got = claims_of(text, gaz, D(2014, 6, 16))
    assert facts(got) == {("Tal Afar", "isis", "captured")}
    assert got[0].date == D(2014, 6, 16) and got[0].date_precision == "day"


# -- the fast paths read text exactly as the plain regular expressions do -----------------------

_PIECES = st.sampled_from(["ISIS", "IS", "Isis", "isil", "Kurdish", "Peshmerga", "fighters", "forces", "army",
                           "militants", "-", " ", "  ", ".", ", ", "\n", "\n\n", "Mr.", "U.S.", "“", "”", "(", ")",
                           "seized", "took", "Mosul", "the", "Iraqi", "government", "İ", "_", "1", "held", "control",
                           "fell to", "withdrew from", "under", "of", "Tikrit"])
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
@example("İ-IS")  # lower case longer than the text
def test_party_terms_as_the_regular_expression_finds_them(text):
    cfg = _claims.default_parties()
    ignoring_case = [(m.start(), m.end(), cfg.term_party[m.group(1).lower()]) for m in cfg.pattern.finditer(text)]
    exact = [(m.start(), m.end(), cfg.term_party["is"]) for m in re.finditer(r"\b(IS)\b", text)]
    # Before the qualifier merge, the automata's hits are the regexes' (text whose lower case is
    # longer, as with "İ", is left to the regex by _party_terms itself).
    lowered = text.lower()
    fast = _claims._whole_words(text, lowered, cfg.terms) if len(lowered) == len(text) else ignoring_case
    assert sorted(fast + _claims._whole_words(text, text, cfg.case_terms)) == sorted(ignoring_case + exact)


_ONE_PATTERN = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|(?<![,;])"
                          + "".join(f"(?<! {w})" for w in _claims._MID_PHRASE_WORDS) + r"\n(?=[A-Z\"“•*\-#|])")


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_sentence_ends_as_one_alternation_finds_them(text):
    assert [(m.start(), m.end()) for m in _ONE_PATTERN.finditer(text)] == [
        (end, following) for _, end, following in _claims._sentence_ends(text, 0, len(text))]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_the_word_filter_keeps_every_trigger_that_matches(text):
    possible = {id(p) for p, *_ in _claims._possible_triggers(text)}
    assert all(id(p) in possible for p, *_ in _claims.TRIGGERS if p.search(text))


def test_the_word_filter_keeps_every_trigger_in_the_sample_articles():
    samples = Path(__file__).resolve().parents[1] / "mapper" / "samples"
    matched = 0
    for path in sorted(samples.iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        for s, e in _claims.split_sentences(text, [(0, len(text))]):
            possible = {id(p) for p, *_ in _claims._possible_triggers(text[s:e])}
            for p, *_ in _claims.TRIGGERS:
                if p.search(text[s:e]):
                    matched += 1
                    assert id(p) in possible, (p.pattern, text[s:e])
    assert matched > 20


def test_a_claim_made_the_fast_way_is_the_claim():
    from mapper.claims import Claim

    values = ("Rawa", "rawa", "isis", "isis", "captured", dt.date(2014, 6, 21), "day", "q", 0.8, 34.5, 41.9, None,
              "on Saturday", None, 0, 10)
    fast, plain = Claim.from_values(values), Claim(*values)
    assert fast == plain and hash(fast) == hash(plain) and fast.to_dict() == plain.to_dict()


@pytest.mark.parametrize("text, dates", [
    # "a day later" belongs to the place it follows, counted from the time said before it
    ("Militants seized Rawa on June 21 and Anah a day later.", {"Rawa": D(2014, 6, 21), "Anah": D(2014, 6, 22)}),
    ("Militants seized Rawa on June 21, Anah a day later and Qaim two days later.",
     {"Rawa": D(2014, 6, 21), "Anah": D(2014, 6, 22), "Al-Qaim": D(2014, 6, 23)}),
    # across sentences, from the claim before
    ("Militants seized Rawa on Saturday. The next day they took Anah. The following day they took Qaim.",
     {"Rawa": D(2014, 6, 21), "Anah": D(2014, 6, 22), "Al-Qaim": D(2014, 6, 23)}),
    ("Militants took Rawa on June 20. A day later, Anah fell to them.",
     {"Rawa": D(2014, 6, 20), "Anah": D(2014, 6, 21)}),
    # after the verb, the phrase is every subject's, each counted from the sentence before
    ("Haditha was attacked on June 20. Rawa and Anah were seized by gunmen the following day.",
     {"Haditha": D(2014, 6, 20), "Rawa": D(2014, 6, 21), "Anah": D(2014, 6, 21)}),
    ("Militants stormed Tikrit on June 11. That same day they overran Baiji.",
     {"Tikrit": D(2014, 6, 11), "Baiji": D(2014, 6, 11)}),
    ("Militants stormed Tikrit on June 11 and rolled into Baiji later that day.",
     {"Tikrit": D(2014, 6, 11), "Baiji": D(2014, 6, 11)}),
    # "also" with no time of its own: the news of the claim before
    ("Gunmen seized Mosul on June 10. The insurgents also took control of Mosul airport.",
     {"Mosul": D(2014, 6, 10), "Mosul International Airport": D(2014, 6, 10)}),
])
def test_days_later(text, dates, gaz):
    got = {c.place: c for c in claims_of(text, gaz)}
    assert {place: got[place].date for place in dates} == dates
    assert all(got[place].date_precision == "day" for place in dates)


def test_days_later_with_nothing_before_it_is_not_a_date(gaz):
    (c,) = claims_of("A day later, militants took Anah.", gaz)
    assert (c.date, c.date_precision) == (PUB, "range")


def test_a_time_said_for_one_place_is_not_the_next_ones(gaz):
    got = {c.place: c for c in claims_of("ISIS, which seized Mosul on June 10, has since taken Tikrit and Baiji.", gaz)}
    assert got["Mosul"].date == D(2014, 6, 10)
    assert {(got[p].action, got[p].date, got[p].date_precision) for p in ("Tikrit", "Baiji")} == {
        ("captured", PUB, "range")}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="IRBLaeghd (),.-–:AFPJune16'’\n\t", max_size=60))
def test_dateline_lead_test_is_only_a_shortcut(sentence):
    assert _claims._may_lead(sentence) or not _claims._DATELINE_LEAD.match(sentence)


@pytest.mark.parametrize("text", [
    "In 2004, US Marines fought two battles for control of Fallujah.",
    "US forces captured Tikrit in April 2003.",
    "The Kurds captured Kirkuk during the 2003 invasion.",
    "Militants captured Mosul on June 10, 2009.",
    # forces of none of the parties
    "US forces captured Tikrit.",
    "Turkish troops entered Bashiqa on Sunday.",
    "Iraqi soldiers abandoned Kirkuk to US forces.",
])
def test_history_and_forces_of_no_party_make_no_claim(text, gaz):
    assert claims_of(text, gaz) == []


@pytest.mark.parametrize("text, date, precision, start", [
    ("Militants captured Mosul in June 2014.", D(2014, 6, 1), "month", D(2014, 6, 1)),
    ("Militants have held Fallujah since late 2013.", PUB, "range", D(2013, 9, 1)),
    ("Kurds have held Erbil since 1991.", PUB, "range", D(1991, 1, 1)),
    ("Militants have held Fallujah since late last year.", PUB, "range", D(2013, 9, 1)),
    ("Militants captured Ramadi in December last year.", D(2013, 12, 1), "month", D(2013, 12, 1)),
    # the comma of a date ends no clause: the year stays with its day
    ("Militants captured Mosul on June 10, 2014, and Tikrit a day later.", D(2014, 6, 10), "day", None),
])
def test_written_years(text, date, precision, start, gaz):
    c = claims_of(text, gaz)[0]
    assert (c.date, c.date_precision, c.date_start) == (date, precision, start)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="denidrpotsclamwfuyRDCN hatx.,;", max_size=80))
def test_denial_and_later_word_tests_are_only_shortcuts(sentence):
    m = _claims._DENIED_REPORT.search(sentence)
    assert _claims._denied(sentence, len(sentence) + 1) == (m is not None)
    assert _claims._may_say_later(sentence) or not _claims.find_later(sentence)


def test_a_table_of_who_holds_what_is_read_row_by_row(gaz):
    text = ("The picture, town by town:\n\n| Town | Who holds it | Notes |\n|---|---|---|\n"
            "| Tikrit | Islamic State | Held since 11 June |\n| Samarra | Government | Reinforced |\n"
            "| Dhuluiya | Contested | Fighting in the north |\n| Baiji | Quiet | Nothing to report |\n")
    claims = claims_of(text, gaz)
    assert facts(claims) == {("Tikrit", "isis", "held"), ("Samarra", "government", "held"),
                             ("Dhuluiya", "contested", "contested")}
    tikrit = next(c for c in claims if c.place == "Tikrit")
    assert tikrit.date == dt.date(2014, 6, 11) and tikrit.quote == "| Tikrit | Islamic State | Held since 11 June |"


@pytest.mark.parametrize("text, dates", [
    ("Militants seized Rawa on Saturday and Anah on Sunday.",
     {"Rawa": dt.date(2014, 6, 21), "Anah": dt.date(2014, 6, 22)}),
    ("Militants seized Rawa and Anah on Saturday.", {"Rawa": dt.date(2014, 6, 21), "Anah": dt.date(2014, 6, 21)}),
    ("On Saturday militants seized Rawa and Anah.", {"Rawa": dt.date(2014, 6, 21), "Anah": dt.date(2014, 6, 21)}),
])
def test_each_place_of_a_clause_keeps_its_own_time(text, dates, gaz):
    assert {c.place: c.date for c in claims_of(text, gaz)} == dates


@pytest.mark.parametrize("text, dates", [
    ("Militants seized the Turaibil crossing on Sunday, a day after taking the Walid crossing.",
     {"Turaibil border crossing": dt.date(2014, 6, 22), "Al-Walid border crossing": dt.date(2014, 6, 21)}),
    ("Tikrit fell on June 11, a day after the fall of Mosul.",
     {"Tikrit": dt.date(2014, 6, 11), "Mosul": dt.date(2014, 6, 10)}),
    ("Militants seized Rawa on June 21 and Anah a day later.",
     {"Rawa": dt.date(2014, 6, 21), "Anah": dt.date(2014, 6, 22)}),
])
def test_a_day_after_taking_a_place_dates_that_place_the_day_before(text, dates, gaz):
    assert {c.place: c.date for c in claims_of(text, gaz)} == dates


@pytest.mark.parametrize("text, place", [
    ("Militants seized several neighbourhoods of Samarra on Thursday.", "Samarra"),
    ("ISIS fighters control parts of Ramadi, police said.", "Ramadi"),
    ("Iraqi forces have retaken most of Baiji.", "Baiji"),
    ("Government troops now hold the eastern half of Mosul.", "Mosul"),
    ("Iraqi troops retook eastern Mosul on Monday.", "Mosul"),
    ("Militants overran Mosul's western districts on Monday.", "Mosul"),
    ("Gunmen stormed the centre of the town of Tikrit.", "Tikrit"),
    ("Fighters captured Tikrit on Monday. By Tuesday they held most of the city.", "Tikrit"),
])
def test_a_claim_about_part_of_a_place_is_partial(text, place, gaz):
    claims = [c for c in claims_of(text, gaz) if c.place == place]
    assert claims and claims[-1].extent == "partial" and claims[-1].to_dict()["extent"] == "partial"


@pytest.mark.parametrize("text", [
    "Militants seized the city of Tikrit on Monday.",
    "Militants seized the province of Anbar on Monday.",
    "The fighters took control of Mosul, the capital of Nineveh province.",
    "Troops retook Baiji, north of Tikrit, on Monday.",
])
def test_a_claim_about_the_whole_place_is_not_partial(text, gaz):
    claims = claims_of(text, gaz)
    assert claims and all(c.extent is None for c in claims)


@pytest.mark.parametrize("text, want", [
    # Where a source speaks from is not a place taken.
    ("Iraqi forces recaptured Tikrit on Friday, a police officer in Baghdad said.",
     {("Tikrit", "government", "recaptured")}),
    ("Militants captured Hit on Friday, an officer in Ramadi told reporters.", {("Hit", "isis", "captured")}),
    ("Six weeks ago Iraqi forces recaptured Tikrit, a victory officials in Baghdad hoped would last.",
     {("Tikrit", "government", "recaptured")}),
    # "held by" describes the place; it does not name who retook it.
    ("Iraqi forces retook Rawa, the last town in Iraq held by Islamic State, on Friday.",
     {("Rawa", "government", "recaptured")}),
    # A place left to the forces that came in, whoever they are.
    ("Kurdish forces withdrew from Khanaqin on Tuesday, and Iraqi troops moved in.",
     {("Khanaqin", "government", "withdrew")}),
    # Where they went is not what they left.
    ("ISIS fighters withdrew north toward Sharqat on Monday.", set()),
])
def test_sources_descriptions_and_destinations_are_not_claims(text, want, gaz):
    assert facts(claims_of(text, gaz)) == want


@pytest.mark.parametrize("text", [
    "There was no fighting in Kirkuk on Monday.",
    "There was little fighting in Kirkuk itself.",
    "Ramadi is not in government hands.",
    "Islamic State does not control Haditha.",
    "Militants never held Haditha.",
])
def test_a_denied_state_is_no_claim(text, gaz):
    assert claims_of(text, gaz) == []


def test_a_state_said_plainly_is_still_a_claim(gaz):
    assert facts(claims_of("Fighting raged in Baiji on Monday. ISIS still controls Mosul.", gaz)) == {
        ("Baiji", "contested", "contested"), ("Mosul", "isis", "held")}


# -- a time said at a sentence's edge, or as a chronology's entry label, dates its claims ---------------
@pytest.mark.parametrize("text, date", [
    ("Army officers said they seized the Haditha dam, which the militants had held, from the insurgents, "
     "on Saturday.", dt.date(2014, 6, 21)),
    ("On Saturday, a spokesman for the provincial council said that the army had retaken Baiji.",
     dt.date(2014, 6, 21)),
    ("June 11: Fighters push south, taking Tikrit and burning the police station.", dt.date(2014, 6, 11)),
])
def test_a_sentence_frame_dates_a_claim_with_no_time_of_its_own(gaz, text, date):
    found = [c for c in claims_of(text, gaz) if c.action in ("captured", "recaptured")]
    assert found and found[0].date == date, found


def test_a_province_named_as_the_setting_is_no_claim(gaz):
    assert not any(c.place == "Anbar" for c in claims_of("Militants seized Rawa, in Anbar province.", gaz))


def test_a_place_that_only_located_another_is_no_antecedent(gaz):
    text = "The village lies 20 km south of Kirkuk. Before the town fell to ISIS, families lived there."
    assert not any(c.place == "Kirkuk" and c.action == "captured" for c in claims_of(text, gaz))


def test_within_reach_of_the_city_of_is_a_threat(gaz):
    text = "The advance brought the militants within 60 kilometres of the city of Samarra."
    assert ("Samarra", "isis", "threatened") in facts(claims_of(text, gaz))


def test_what_a_side_failed_to_take_the_other_holds(gaz):
    assert facts(claims_of("Militants failed to capture Haditha.", gaz)) == {("Haditha", "government", "held")}


@pytest.mark.parametrize("text, place", [
    ("The capture of Haditha became Baghdad's biggest setback of the summer.", "Baghdad"),
    ("Iraqi troops retook most of Nineveh's Tal Afar.", "Nineveh"),
    ("The brigades freed two hamlets from the jihadists in the Mosul countryside.", "Mosul"),
    ("The jihadists still hold villages across the Nineveh Plains.", "Nineveh Plains"),
    ("Their attack on Samarra was beaten back, as the offensive that began in Mosul moved on.", "Mosul"),
])
def test_a_place_that_owns_something_else_is_no_claim(gaz, text, place):
    assert not any(c.place == place for c in claims_of(text, gaz))


def test_a_chronology_entry_dates_every_line_until_the_next_entry(gaz):
    text = ("June 12: Militants push south.\nThe army says it holds Samarra.\nFighters seize Dhuluiya.\n"
            "June 14: Troops retake Ishaqi.\n\nAnalysts said on Monday that Baiji had fallen.")
    got = {c.place: c.date for c in claims_of(text, gaz) if c.action in ("captured", "recaptured", "held")}
    assert got.get("Dhuluiya") == D(2014, 6, 12)
    assert got.get("Baiji") == D(2014, 6, 23)  # after a blank line the entry is over: "on Monday" counts


def test_the_fighters_are_the_force_named_before_them(gaz):
    text = "A Peshmerga officer told reporters that the fighters recaptured Zumar overnight."
    assert ("Zumar", "kurdish", "recaptured") in facts(claims_of(text, gaz))


def test_a_party_s_loss_of_a_place_is_its_opponent_s_gain(gaz):
    text = "The loss of Baiji was the group's worst setback, and ISIS's loss of Baiji stunned its fighters."
    assert ("Baiji", "government", "captured") in facts(claims_of(text, gaz))


@pytest.mark.parametrize("text, hedged", [
    ("The Kurds have long claimed Kirkuk, and Kurdish forces took Kirkuk in June.", False),
    ("The militants claimed they had taken Haditha.", True),
])
def test_claimed_is_a_hedge_only_as_speech(gaz, text, hedged):
    found = [c for c in claims_of(text, gaz) if c.action == "captured"]
    assert found and all((c.hedge is not None) == hedged for c in found)


def test_places_named_in_the_next_sentence_take_the_claim_about_them(gaz):
    text = ("Iraqi troops retook two villages on Monday. The villages, Zumar and Rabia, had been held by the "
            "militants since June 10.")
    got = facts(claims_of(text, gaz))
    assert {("Zumar", "government", "recaptured"), ("Rabia", "government", "recaptured")} <= got
    assert ("Zumar", "isis", "held") in got
    dates = {c.place: c.date for c in claims_of(text, gaz) if c.action == "recaptured"}
    assert dates == {"Zumar": D(2014, 6, 23), "Rabia": D(2014, 6, 23)}


def test_an_unnamed_object_is_not_carried_past_the_next_sentence(gaz):
    text = "Iraqi troops retook two villages on Monday. Aid arrived. The villages, Zumar and Rabia, are quiet."
    assert not any(c.action == "recaptured" for c in claims_of(text, gaz))


def test_a_subject_it_is_never_the_object_of_a_trigger_before_it(gaz):
    text = "Militants seized Tikrit. Troops retook the checkpoint after it was shelled."
    assert not any(c.place == "Tikrit" and c.action == "recaptured" for c in claims_of(text, gaz))


# Families added with the claim lexicon: each sentence gives (at least) its claim.
LEXICON_FAMILIES = [
    # a province as the subject of a passive, or as the area of a capture
    ("All of Nineveh province fell to the militants within two days.", ("Nineveh", "isis", "captured")),
    ("The jihadists seized territory in Diyala province on Sunday.", ("Diyala", "isis", "captured")),
    # "the town", "both towns" as a clause's subject refer to places named before
    ("Peshmerga fighters surrounded Jalawla and Sadiyah. On Sunday both towns were liberated by the Peshmerga.",
     ("Jalawla", "kurdish", "recaptured")),
    ("Troops entered Baiji on Monday. A day after the town was retaken, families began to return.",
     ("Baiji", "government", "recaptured")),
    # what a force managed to do, it did
    ("Iraqi troops managed to retake Baiji on Sunday.", ("Baiji", "government", "recaptured")),
    ("Peshmerga fighters were able to recapture Zumar after a day of fighting.", ("Zumar", "kurdish", "recaptured")),
    ("Peshmerga fighters were able today to liberate Zumar.", ("Zumar", "kurdish", "recaptured")),
    # a generic force a commander calls his own is his side's
    ("A Peshmerga commander said his fighters had completed their task of freeing Zumar.",
     ("Zumar", "kurdish", "recaptured")),
    # "both towns" with an apposition and "earlier" before its verb
    ("Soldiers retook Jalawla and Sadiyah on Monday. Both towns, some way north-east of the capital, had earlier "
     "been seized by the militants.", ("Sadiyah", "isis", "captured")),
    # a relative clause's state, then the main verb's news
    ("Rutba, which the jihadists had held since 2014, was retaken by the army on Thursday.",
     ("Rutba", "government", "recaptured")),
    ("Rutba, which the jihadists had held since 2014, was retaken by the army on Thursday.", ("Rutba", "isis", "held")),
    # a gerund after "after" has the clause's subject, not the object of the verb before it
    ("The jihadists executed captured soldiers after seizing Hit.", ("Hit", "isis", "captured")),
    ("A police officer said the jihadists executed soldiers after seizing Hit.", ("Hit", "isis", "captured")),
    ("The army dug in to stop further losses as the jihadists pressed on after seizing Hit.",
     ("Hit", "isis", "captured")),
    # ... and a participle after a comma the main clause's
    ("Peshmerga units completed the first stage of their push against the jihadists, capturing Wana on Sunday.",
     ("Wana", "kurdish", "captured")),
    ("Peshmerga units managed to recapture Wana from the jihadists.", ("Wana", "kurdish", "recaptured")),
    # a party-held adjective over a plural kind's list, an apposition, or a part
    ("Akashat lies south of the jihadist-held towns of Qaim, Rawa and Anah.", ("Anah", "isis", "held")),
    ("Troops neared the largest remaining IS-held town, Rawa, on Monday.", ("Rawa", "isis", "held")),
    ("Aid cannot reach IS-occupied parts of Tal Afar.", ("Tal Afar", "isis", "held")),
    # a plural apposition after a list that only locates: each place is what it says
    ("Fighting raged between Tikrit and Baiji, two key IS bastions.", ("Tikrit", "isis", "held")),
    # an offensive a named side opens to take a place back: fought over, and the other side's until then
    ("Kurdish forces opened an offensive to recapture the town of Zumar.", ("Zumar", "isis", "held")),
    ("Kurdish forces opened an offensive to recapture the town of Zumar.", ("Zumar", "contested", "contested")),
    # how long it took to retake a place says it was retaken
    ("It took the counter-terrorism troops two hours to retake Zumar.", ("Zumar", "government", "recaptured")),
    # a defence holds its object, never a place in a clause after it; "X's hometown of Y" names Y
    ("Their attack on Samarra was beaten back, as the offensive that began in Mosul moved on.",
     ("Samarra", "government", "held")),
    ("The militants had taken Saddam Hussein's hometown of Tikrit on Wednesday.", ("Tikrit", "isis", "captured")),
    ("Security forces took downtown Ramadi late last year.", ("Ramadi", "government", "captured")),
    # four or more names listed with a known village are villages too; a passive's loser named, the side the
    # sentence opens with took them
    ("In the Peshmerga push on Wana, Tal Marqab, Albu Shahab, Khirbat Rais and Zumar were freed from the jihadists.",
     ("Albu Shahab", "kurdish", "recaptured")),
    # a list after a colon, each item with its own location, split by semicolons
    ("The jihadists still hold three towns: Rawa, west of Haditha; Anah, on the river; and Qaim near the border.",
     ("Al-Qaim", "isis", "held")),
    # a mountain is held and fought over like a town
    ("Peshmerga units regained control of Mount Sinjar on Thursday.", ("Sinjar Mountains", "kurdish", "recaptured")),
    # a later name of a nominal's list, with its article and kind
    ("The minister hailed the recapture of Rabia and the whole Sinjar district.",
     ("Sinjar", "government", "recaptured")),
]


@pytest.mark.parametrize("text, fact", LEXICON_FAMILIES, ids=[c[0][:40] for c in LEXICON_FAMILIES])
def test_lexicon_families(gaz, text, fact):
    assert fact in facts(claims_of(text, gaz))


def test_an_offensive_is_dated_by_its_launch(gaz):
    text = "The push marks a milestone in the offensive to free Nineveh province, which was launched on 17 October."
    article = article_from_text(text, "t.txt")
    claims = find_claims(article, find_mentions(article.text, gaz, article.body_spans()), dt.date(2017, 1, 27))
    assert [(c.place, c.action, c.date) for c in claims] == [("Nineveh", "contested", dt.date(2016, 10, 17))]


def test_a_verb_after_its_place_says_its_own_time(gaz):
    text = ("Reporters were kept on Saturday from entering Gogjali, the first district in which the troops "
            "had fought last Tuesday, and which they stormed last Tuesday.")
    claims = claims_of(text, gaz, dt.date(2016, 11, 6))
    assert not [c for c in claims if c.action == "captured" and c.date == dt.date(2016, 11, 5)]


def test_kept_from_entering_is_no_capture(gaz):
    assert not claims_of("Journalists were barred on Saturday from entering Gogjali.", gaz)


def test_a_sentence_without_stops_is_read_in_pieces_cut_at_clause_edges():
    from mapper.claims.engine import MAX_SENTENCE_CHARS

    text = ", ".join(["Militants seized Rawa on Saturday and fighting continued in Anah"] * 400)
    pieces = _claims.split_sentences(text, [(0, len(text))])
    assert len(pieces) > 10 and all(e - s <= MAX_SENTENCE_CHARS for s, e in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # nothing lost between them
    assert all(text[e - 2:e] == ", " for _, e in pieces[:-1])  # cut after a comma, not inside a clause
    # a real sentence is one piece
    assert _claims.split_sentences("Militants seized Rawa on Saturday.", [(0, 34)]) == [(0, 34)]


def test_a_long_run_of_capitalised_words_is_read_in_one_pass(gaz):
    # (a pattern that can split such a run in many ways backtracks exponentially: forty names would never end)
    text = "In Mosul " + " ".join(["Alpha"] * 40) + ", and the army later took Rawa."
    assert {(c.place, c.party) for c in claims_of(text, gaz)} == {("Rawa", "government")}
