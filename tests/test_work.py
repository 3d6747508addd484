"""The units of work the task queue runs, in-process: each does its work once."""

from __future__ import annotations

import scripts
from test_llm import brief, model_env

from newsbrief import config, work
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

__all__ = ["model_env"]  # fixture


def test_stories_written_ahead_are_what_the_briefing_shows_without_asking_again(model_env):
    server = model_env(scripts.answer)
    home = model_env.home
    with Store(home / "newsbrief.db") as store:
        process(store)
        settings = config.load(home)
        stories = [s.id for s in store.stories()]
        assert all(work.write_story(store, settings, story) for story in stories)
        assert not work.write_story(store, settings, "no-such-story")
    assert server.tasks() == ["writeup"] * len(stories) == ["writeup"] * 3
    data, _ = brief(home)
    # The write-ups come from the cache; only the briefing's own overview is asked for.
    assert server.tasks()[3:] == ["overview"]
    assert data["writer"]["stories_written"] == 3 and data["writer"]["cached"] == 3
