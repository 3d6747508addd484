"""Hindi (and the other languages written in Devanagari) ends a sentence with the danda "।":
a Hindi text was one sentence, so its write-up could cite no sentence of it and a Hindi story
was summarised by its headline alone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from conftest import write_jsonl

from newsbrief.text.sentences import split_sentences

TEXT = (
    "प्रधानमंत्री ने सोमवार को मुंबई में नई मेट्रो लाइन का उद्घाटन किया। इस परियोजना की लागत "
    "5,000 करोड़ रुपये है और इससे रोज़ दो लाख यात्रियों को लाभ होगा। अधिकारियों ने कहा कि अगले "
    "साल शहर में दूसरी लाइन भी खोली जाएगी।"
)


def test_the_danda_ends_a_sentence():
    assert split_sentences(TEXT) == [
        "प्रधानमंत्री ने सोमवार को मुंबई में नई मेट्रो लाइन का उद्घाटन किया।",
        "इस परियोजना की लागत 5,000 करोड़ रुपये है और इससे रोज़ दो लाख यात्रियों को लाभ होगा।",
        "अधिकारियों ने कहा कि अगले साल शहर में दूसरी लाइन भी खोली जाएगी।",
    ]
    # Urdu's full stop too; English is read as before.
    assert len(split_sentences("وزیر اعظم نے منصوبے کا افتتاح کیا۔ اس پر لاگت آئی۔")) == 2
    assert split_sentences("The U.S. economy grew. It was fast.") == [
        "The U.S. economy grew.",
        "It was fast.",
    ]


def test_a_hindi_story_is_summarised_by_its_sentences(run, tmp_path):
    published = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    report = {"id": "hi1", "title": "मुंबई में नई मेट्रो लाइन का उद्घाटन", "text": TEXT,
              "published": published, "source": "example.in"}  # fmt: skip
    assert run("import", str(write_jsonl(tmp_path / "hi.jsonl", [report]))).exit_code == 0
    shown = json.loads(run("brief", "--format", "json", "--no-record").output)
    (story,) = shown["stories"]
    summary = [s["text"] for s in story["summary"]]
    assert len(summary) >= 2 and all(s.endswith("।") for s in summary)
    assert all(s in TEXT for s in summary)
