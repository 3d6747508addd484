"""Reader feedback and what newsbrief learns from it.

Feedback is stored with its time and profile. "More like this", "useful", "less like this",
"not useful" and "hide" also update, online, a weight per term and entity of the story for that
reader (a perceptron-style step split over the story's features); ranking adds those weights
up, so the next briefing changes. Follow and mute change the profile itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.models import Article, Profile
from newsbrief.store import Store, feedback
from newsbrief.summarize.keyphrases import entities, keyphrases
from newsbrief.text.tokens import stem
from newsbrief.timeutil import now

KINDS = ("useful", "not-useful", "more", "less", "hide", "follow", "mute")
NEEDS_TARGET = ("follow", "mute")
STEP = {"more": 1.0, "useful": 0.5, "less": -1.0, "not-useful": -0.5, "hide": -1.0}
FEATURES = 12
LIMIT = 4.0  # learned weights stay within [-LIMIT, LIMIT]
MAX_TARGET = 100


class FeedbackError(ValueError):
    """Feedback that cannot be recorded; the message says why."""


@dataclass
class Recorded:
    kind: str
    story_id: str | None
    target: str | None
    message: str


MESSAGES = {
    "useful": "Thanks: marked useful.",
    "not-useful": "Thanks: marked not useful.",
    "more": "Noted: more stories like this one.",
    "less": "Noted: fewer stories like this one.",
    "hide": "Hidden: this story will not be shown again.",
    "follow": "Following {target}: its stories will rank higher.",
    "mute": "Muted {target}: its stories leave your briefing.",
}


def features_of(articles: Sequence[Article]) -> list[str]:
    """What a story is about, for learning and for telling stories apart: its names (as
    ``@name``) and content keyphrases, the same the story is tagged with. Calendar words,
    abbreviations, figures and the story's ordinary words ("head", "said") are no feature, so
    "less like this" on a match played on Saturday does not sink every story of a Saturday.
    """
    return list(feature_labels(articles))


def feature_labels(articles: Sequence[Article]) -> dict[str, str]:
    """The story's features (see ``features_of``), in order, each with the words the reports
    write it in: "@internet explor" is "Internet Explorer", "endang speci" "endangered species"."""
    found = entities(articles, limit=FEATURES)
    out = [("@" + _key(name), name) for name in found]
    for phrase in keyphrases(articles, limit=FEATURES, exclude=found):
        if len(out) >= FEATURES:
            break
        out.append((_key(phrase), phrase))
    labels: dict[str, str] = {}
    for key, label in out:
        labels.setdefault(key, label)
    return dict(list(labels.items())[:FEATURES])


def _key(words: str) -> str:
    return " ".join(stem(w) for w in words.lower().split())


def learned_labels(store: Store, profile: str, stories: int = 30) -> dict[str, str]:
    """The written words of the features the profile's latest feedback taught (the weights are
    kept by stem); a feature of a story no longer in the store has none."""
    labels: dict[str, str] = {}
    for story_id in feedback.feedback_stories(store, profile, stories):
        for key, label in feature_labels(story_features_articles(store, story_id)).items():
            labels.setdefault(key, label)
    return labels


def story_features_articles(store: Store, story_id: str) -> list[Article]:
    return store.get_articles(feedback.story_article_ids(store, story_id))


def story_features(store: Store, story_id: str) -> list[str]:
    return features_of(story_features_articles(store, story_id))


def learned_weights(store: Store, profile: str) -> dict[str, float]:
    return feedback.learned_weights(store, profile)


def learned_score(weights: dict[str, float], features: list[str]) -> float:
    if not weights or not features:
        return 0.0
    return sum(weights.get(f, 0.0) for f in features) / math.sqrt(len(features))


def _learn(store: Store, profile: str, features: list[str], step: float) -> None:
    if not features:
        return
    share = step / math.sqrt(len(features))
    current = learned_weights(store, profile)
    updated = {f: max(-LIMIT, min(LIMIT, current.get(f, 0.0) + share)) for f in features}
    feedback.save_weights(store, profile, updated, now())


def hidden_stories(store: Store, profile: str) -> set[str]:
    return feedback.hidden_stories(store, profile)


def give_feedback(
    store: Store, profile: Profile, story_id: str | None, kind: str, target: str | None = None
) -> Recorded:
    """Record feedback on a story (or, with no story, on a whole briefing) and learn from it."""
    if kind not in KINDS:
        raise FeedbackError(f"feedback {kind!r}: use one of {', '.join(KINDS)}")
    target = " ".join((target or "").split()) or None
    if kind in NEEDS_TARGET:
        if not target:
            raise FeedbackError(f"feedback {kind!r}: name what to {kind}")
        if len(target) > MAX_TARGET:
            raise FeedbackError(f"feedback {kind!r}: at most {MAX_TARGET} characters")
    else:
        target = None
    if story_id is not None and not feedback.story_exists(store, story_id):
        raise FeedbackError(f"no story {story_id!r}")
    if story_id is None and kind not in ("useful", "not-useful", *NEEDS_TARGET):
        raise FeedbackError(f"feedback {kind!r} needs a story")
    store.add_feedback(profile.name, kind, story_id=story_id, target=target)
    if kind in STEP and story_id is not None:
        _learn(store, profile.name, story_features(store, story_id), STEP[kind])
    if kind in NEEDS_TARGET and target:
        _add_to_profile(store, profile, kind, target)
    return Recorded(kind, story_id, target, MESSAGES[kind].format(target=target))


def _add_to_profile(store: Store, profile: Profile, kind: str, target: str) -> None:
    """Follow or mute: the entity joins one list and leaves the other."""
    fresh = store.get_profile(profile.name) or profile
    adding, removing = (
        (fresh.follow, fresh.mute) if kind == "follow" else (fresh.mute, fresh.follow)
    )
    lowered = target.lower()
    removing[:] = [x for x in removing if x.lower() != lowered]
    if lowered not in (x.lower() for x in adding):
        adding.append(target)
    store.save_profile(fresh)


def reset_learning(store: Store, profile: str) -> int:
    """Forget what feedback taught (the feedback log itself is kept); returns weights dropped."""
    return feedback.reset_weights(store, profile, now())
