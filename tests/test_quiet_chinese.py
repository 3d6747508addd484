"""Reading Chinese prints nothing but the result: wordfreq cuts Chinese with jieba, whose notices
of building its dictionary reached stderr (twice, through the log too) when a store's copies of
a Chinese report were compared."""

from __future__ import annotations

import pytest
from conftest import engine_env, run_process, write_jsonl

pytestmark = pytest.mark.engines

REPORTS = [
    {
        "id": "zh1",
        "title": "上海发布新的电动汽车补贴政策",
        "source": "xinhua",
        "url": "https://xinhua.example/z1",
        "published": "2026-12-07T09:00:00+08:00",
        "text": "上海市政府周一发布新的电动汽车补贴政策，总额达50亿元。"
        "市长表示，该政策将于明年1月1日生效。",
    },
    {
        "id": "zh2",
        "title": "上海推出50亿元电动汽车补贴",
        "source": "people",
        "url": "https://people.example/z2",
        "published": "2026-12-07T10:00:00+08:00",
        "text": "上海周一推出总额50亿元的电动汽车补贴政策。该政策将于明年1月1日起实施。",
    },
]


def test_listing_chinese_stories_writes_nothing_on_stderr(home, tmp_path):
    pytest.importorskip("jieba")
    path = write_jsonl(tmp_path / "zh.jsonl", REPORTS)
    env = engine_env(home)
    imported = run_process("--home", str(home), "import", str(path), env=env)
    assert imported.returncode == 0, imported.stderr
    # The first listing clusters the store; the second, over a settled store, only reads the
    # copies for the headline (the first reader of Chinese in that process).
    for _ in range(2):
        listed = run_process("--home", str(home), "stories", "--since", "3650d", env=env)
        assert listed.returncode == 0 and "上海" in listed.stdout
        assert listed.stderr == ""
