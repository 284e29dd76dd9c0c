"""The argument finder alone: who did what to whom around one trigger word, sentence by sentence.

Each case names the trigger word and the head words expected as agents (the doers), patients
(targets and victims) and instruments (the devices and the blasts, which are not sides).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.actors.arguments import ArgumentFinder, Arguments
from dateline.actors.roles import ActorTagger, argument_span
from dateline.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp(pipeline: Pipeline) -> Language:
    return pipeline.resources.nlp


@pytest.fixture(scope="module")
def finder(pipeline: Pipeline) -> ArgumentFinder:
    tagger = next(s for s in pipeline.stages if isinstance(s, ActorTagger))
    return tagger.finder


def _find(nlp: Language, finder: ArgumentFinder, sentence: str, trigger: str) -> Arguments:
    doc = nlp(sentence)
    words = trigger.split()
    for tok in doc:
        if [t.text for t in doc[tok.i : tok.i + len(words)]] == words:
            phrase = doc[tok.i : tok.i + len(words)]
            return finder(phrase.root, [t.i for t in phrase if t.i != phrase.root.i])
    raise AssertionError(f"{trigger!r} not in {sentence!r}")


def heads(toks: tuple) -> list[str]:
    return [t.text for t in toks]


CASES = [
    # voice
    ("Soldiers killed four militants near the border on Sunday.", "killed", ["Soldiers"], ["militants"]),
    ("Four policemen were killed by gunmen in the north.", "killed", ["gunmen"], ["policemen"]),
    ("Rebels ambushed an army convoy outside the town.", "ambushed", ["Rebels"], ["convoy"]),
    # the subject of "die" is the victim
    ("Two farmers died when their truck was shelled.", "died", [], ["farmers"]),
    ("Scores of prisoners perished in the fire at the jail.", "perished", [], ["Scores"]),
    # explosions: a device, not a doer; an animate subject is a doer
    ("A car bomb exploded outside the ministry on Tuesday.", "exploded", [], []),
    ("A suicide bomber detonated his vest at a checkpoint.", "detonated", ["bomber"], []),
    ("Insurgents blew up a bridge on the main highway.", "blew", ["Insurgents"], ["bridge"]),
    # devices and blasts as subjects and by-agents are instruments, not sides
    ("The blast wounded 14 shoppers in the market.", "wounded", [], ["shoppers"]),
    ("Three soldiers were killed by a roadside bomb.", "killed", [], ["soldiers"]),
    # ... but the side named on the weapon is the doer
    ("Israeli tank fire killed two fishermen on the beach.", "killed", ["Israeli"], ["fishermen"]),
    # chained verbs inherit a subject only when it can act
    ("Gunmen stormed the hotel, killing twelve guests.", "killing", ["Gunmen"], ["guests"]),
    # a participle the parser hangs on the main verb tells what the explosion before it did
    (
        "French police are hunting a suspect believed to have left a bag containing a device that "
        "exploded on Friday, wounding 13 people on a busy street in Lyon.",
        "wounding",
        [],
        ["people"],
    ),
    ("Two bombs went off near the stadium, killing five spectators.", "killing", [], ["spectators"]),
    # coordination
    (
        "Fighters and snipers attacked the police station at dawn.",
        "attacked",
        ["Fighters", "snipers"],
        ["station"],
    ),
    ("The strike killed a teacher, two nurses and a driver.", "killed", [], ["teacher", "nurses", "driver"]),
    ("They shot and killed the district governor.", "shot", ["They"], ["governor"]),
    # nominal triggers
    ("A coalition raid on the compound left three dead.", "raid", ["coalition"], ["compound"]),
    ("The killing of six aid workers drew condemnation.", "killing", [], ["workers"]),
    ("Clashes between the army and the militia continued overnight.", "Clashes", ["army"], ["militia"]),
    ("His death was confirmed by the hospital.", "death", [], ["His"]),
    ("The ghastly attack shocked the country.", "attack", [], []),
    ("The Kabul bombing was the worst in years.", "bombing", [], []),
    ("A Turkish drone strike hit a car in the village.", "strike", ["Turkish"], ["car"]),
    # light verbs, claims and aims
    ("The group launched a wave of attacks on army posts.", "attacks", ["group"], ["posts"]),
    ("The militia claimed responsibility for the ambush.", "ambush", ["militia"], []),
    ("The explosion targeted a police bus.", "explosion", [], ["bus"]),
    ("A series of bombings aimed at the security forces shook the city.", "bombings", [], ["forces"]),
    ("Nobody was involved in the attack, the minister said.", "attack", ["Nobody"], []),
    # adjectives
    ("A journalist was shot dead by unknown gunmen.", "dead", ["gunmen"], ["journalist"]),
    ("Seven villagers were dead after the raid.", "dead", [], ["villagers"]),
    # the event named in a phrase gives the killer
    ("Nine soldiers were killed in a rebel attack on Monday.", "killed", ["rebel"], ["soldiers"]),
    # times are never sides
    ("The bomb exploded on a busy Saturday morning.", "exploded", [], []),
    # "no group" is nobody
    ("No group has claimed the bombing.", "bombing", [], []),
]


@pytest.mark.parametrize(("sentence", "trigger", "agents", "patients"), CASES)
def test_arguments(
    nlp: Language, finder: ArgumentFinder, sentence: str, trigger: str, agents: list[str], patients: list[str]
) -> None:
    args = _find(nlp, finder, sentence, trigger)
    assert (heads(args.agents), heads(args.patients)) == (agents, patients)


def test_devices_are_kept_as_instruments(nlp: Language, finder: ArgumentFinder) -> None:
    args = _find(nlp, finder, "A car bomb exploded outside the ministry on Tuesday.", "exploded")
    assert heads(args.instruments) == ["bomb"]
    args = _find(nlp, finder, "Three soldiers were killed by a roadside bomb.", "killed")
    assert heads(args.instruments) == ["bomb"]


def test_argument_span_keeps_the_apposition(nlp: Language, finder: ArgumentFinder) -> None:
    text = "The suspect, Karim Haddad, was shot dead by police in the port."
    doc = nlp(text)
    args = finder(next(t for t in doc if t.text == "dead"))
    assert [argument_span(p, text).text for p in args.patients] == ["The suspect, Karim Haddad"]
    assert heads(args.agents) == ["police"]
