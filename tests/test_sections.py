"""Which section a sentence goes to: tense and time, the lead, the reader addressed, roundups."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.summarize.candidates import Candidate
from newsbrief.summarize.sections import classify

REPORTED = datetime(2013, 9, 9, tzinfo=UTC)


def section(text: str, position: int = 5, when: datetime | None = REPORTED) -> str:
    return classify(Candidate(text=text, cites=["a"], doc=0, position=position, when=when))


def test_tense_and_time_decide_background_and_next():
    assert section("Two years ago, the club won a special award for its programme.") == (
        "beyond_the_headlines"
    )
    assert section("The rule change was made last December by the previous government.") == (
        "beyond_the_headlines"
    )
    assert section("Microsoft usually releases patches on a set schedule.") == (
        "beyond_the_headlines"
    )
    assert section("Police said they will release more details on Wednesday.") == "whats_next"
    assert section("The team is not likely to play him before the playoffs.") == "whats_next"
    # Reported speech and the event's own sequence are not background.
    assert (
        section(
            "Coach Sean Payton announced it on Wednesday, revealing through the team's account "
            "that Thomas had been placed on injured reserve."
        )
        == "what_is_happening"
    )
    assert (
        section("He had been dropped off by helicopter and was walking to a hut when he fell.")
        == "what_is_happening"
    )


def test_a_year_in_an_undated_article_is_read_from_the_tense():
    assert section("Police said they had recovered most of the haul in 2009.", when=None) == (
        "beyond_the_headlines"
    )
    assert section("The museum will reopen in 2015 after the repairs.", when=None) == "whats_next"


def test_the_reader_addressed_is_not_what_comes_next():
    assert section("You will need some mason jars and a ladle.") == "what_is_happening"
    assert section("The city will vote on the plan next month.") == "whats_next"


def test_the_lead_reports_the_news():
    text = (
        "Microsoft released a security patch on Wednesday for a flaw that could affect "
        "Internet Explorer users."
    )
    assert section(text, position=1) == "what_is_happening"
    assert section(text, position=6) == "why_it_matters"


def test_roundup_lines_get_no_section():
    for line in (
        "More: Markets fall as rates rise | Storm hits the coast | Election results are due",
        "Also on the blog: why the deadline matters and what the risks will be next year.",
        "Read more: the biggest risks to the economy in the coming years.",
        "Also read: Why the deadline matters for the economy next year",
        "Previously: Critics warned the plan would raise the risk of floods.",
        "Don't miss: the biggest risks to the economy in the coming years.",
    ):
        assert section(line) == "what_is_happening", line


def test_eval_sections_prints_accuracy_per_section_and_refuses_a_bad_set(tmp_path):
    runner = CliRunner()
    shown = runner.invoke(cli, ["eval", "sections"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("all: accuracy ")
    for name in ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines"):
        assert name in shown.output
    assert "check: accuracy" in shown.output and "dev: accuracy" in shown.output

    own = tmp_path / "own.jsonl"
    rows = [
        {"text": "The museum will reopen next year after the repairs.", "section": "whats_next"},
        {"text": "Thieves took jewels worth $2 million on Monday.", "section": "what_is_happening"},
    ]
    own.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = json.loads(runner.invoke(cli, ["eval", "sections", str(own), "--json"]).output)
    assert report["all"]["sentences"] == 2 and report["all"]["accuracy"] == 1.0
    assert report["all"]["sections"]["whats_next"] == {
        "sentences": 1, "recall": 1.0, "precision": 1.0,
    }  # fmt: skip

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Something happened.", "section": "news"}\n', encoding="utf-8")
    assert "\n  misplaced" not in runner.invoke(cli, ["eval", "sections", str(own)]).output
    refused = runner.invoke(cli, ["eval", "sections", str(bad)])
    assert refused.exit_code == 2
    assert "bad.jsonl:1: section must be one of" in refused.output


def test_eval_sections_counts_the_misplaced_and_lists_one_splits_errors(tmp_path):
    rows = [
        {"text": "The museum will reopen next year.", "section": "whats_next", "split": "dev"},
        {"text": "Thieves took jewels on Monday.", "section": "whats_next", "split": "dev"},
        {"text": "The mayor opened the bridge on Monday.", "section": "whats_next", "split": "x"},
        {"text": "Police arrested two men on Friday.", "section": "what_is_happening"},
    ]
    own = tmp_path / "own.jsonl"
    own.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    runner = CliRunner()
    report = json.loads(runner.invoke(cli, ["eval", "sections", str(own), "--json"]).output)
    assert report["all"]["matrix"]["whats_next"] == {
        "what_is_happening": 2, "why_it_matters": 0, "whats_next": 1, "beyond_the_headlines": 0,
    }  # fmt: skip
    assert report["dev"]["matrix"]["whats_next"]["what_is_happening"] == 1
    shown = runner.invoke(cli, ["eval", "sections", str(own), "--errors", "--split", "dev"])
    assert "all: accuracy 0.500 over 4 sentences" in shown.output
    assert "misplaced (gold -> put in): whats_next -> what_is_happening 2" in shown.output
    listed = [line for line in shown.output.splitlines() if "\t" in line]
    assert listed == ["dev\twhats_next -> what_is_happening\tThieves took jewels on Monday."]
    refused = runner.invoke(cli, ["eval", "sections", str(own), "--errors", "--split", "check"])
    assert refused.exit_code == 2 and "no split named 'check'" in refused.output


def test_a_lead_that_opens_on_what_is_to_come_is_whats_next():
    assert section("The striker will miss the final two games with a knee injury.", 1) == (
        "whats_next"
    )
    # An event or an announcement first: the lead reports it.
    assert (
        section("Producers announced Friday that the comedian would return next year to host.", 1)
        == "what_is_happening"
    )
    assert (
        section("The singer has checked into a clinic and will stay there for now.", 1)
        == "what_is_happening"
    )


def test_a_warning_about_the_future_is_why_it_matters():
    text = "Residents near the plant will be at a higher risk of flooding."
    assert section(text) == "why_it_matters"


def test_a_speakers_own_past_perfect_is_not_background():
    assert section('"Now I wish I had called the police," she said.') == "what_is_happening"
    assert section("The club had signed him from a rival in 2004.", when=None) == (
        "beyond_the_headlines"
    )


def test_how_things_stand_now_is_not_a_definition():
    assert section("Smith is the only healthy goalkeeper on the roster right now.") == (
        "what_is_happening"
    )
    assert section("Acme is a maker of industrial robots based in Ohio.") == (
        "beyond_the_headlines"
    )


def test_records_centuries_and_work_under_way():
    assert section("He ranks third in rebounds all-time.") == "beyond_the_headlines"
    assert section("In the 14th century the plague killed a third of the town.") == (
        "beyond_the_headlines"
    )
    assert section("Engineers are working to restore power to the district.") == "whats_next"
    assert section("The problem is that the team has no other kicker.") == "why_it_matters"


def test_how_things_are_or_work_is_background():
    assert section("The disease is highly contagious and spreads through droplets.") == (
        "beyond_the_headlines"
    )
    assert section("Elections take place by secret ballot in every district.") == (
        "beyond_the_headlines"
    )
    # The news's own present is not: figures of the day, what is going on, what a source says.
    assert section("Sales are down 2.6 percent in the region.") == "what_is_happening"
    assert section("The patient is recovering in hospital.") == "what_is_happening"
    assert section("The virus is contagious, health officials said.") == "what_is_happening"


def test_an_undated_past_told_by_its_month_is_an_earlier_event():
    assert section("He was arrested in April for the calls to her office.", when=None) == (
        "beyond_the_headlines"
    )
    assert section("Police arrested him on Tuesday for the calls to her office.", when=None) == (
        "what_is_happening"
    )
    assert section("He was arrested in April, police told reporters.", when=None) == (
        "what_is_happening"
    )


def test_a_passive_future_looks_ahead():
    assert section("A memo showed that 400 jobs would be cut across three divisions.") == (
        "whats_next"
    )
    assert section(
        "Having bought the house, the state will invite architects to redesign it.", 1
    ) == ("whats_next")


def test_a_schedule_and_this_weeks_present_are_not_background():
    assert section("The band reported that the tour stops in Cleveland on July 22.", when=None) == (
        "what_is_happening"
    )
    assert section(
        "The podcast is sponsored by a bank, which runs the finals in November.", when=None
    ) == ("what_is_happening")
    assert section("The harbour is also a central theme of this edition.") == "what_is_happening"


def test_how_often_names_runs_and_expectations_are_background():
    assert section("It is not uncommon for bands to sell the rights to their songs.") == (
        "beyond_the_headlines"
    )
    assert section("It was the third straight season that the club missed the playoffs.") == (
        "beyond_the_headlines"
    )
    assert section("Analysts had expected a profit of 40 cents a share.") == (
        "beyond_the_headlines"
    )
    assert section("When the dust comes from hay, the illness is called farmer's lung.") == (
        "beyond_the_headlines"
    )
    # The same words about the news itself are not.
    assert section("The club missed the playoffs after losing to the Rams on Sunday.") == (
        "what_is_happening"
    )


def test_the_setting_of_the_news_is_background_only_as_the_main_clause():
    text = "This comes at a time of growing anger over the impact of the recession on jobs."
    assert section(text) == "beyond_the_headlines"
    lead = (
        "The company released a patch on Wednesday, a move that comes amid attacks exploiting "
        "the flaw."
    )
    assert section(lead, 0) == "what_is_happening"


def test_a_past_perfect_that_goes_on_in_the_past_and_this_is_are_the_news():
    assert section("He had refused a breath test and was given a blood test instead.") == (
        "what_is_happening"
    )
    assert section("This is something the coach said he knew before the season.") == (
        "what_is_happening"
    )


def test_a_month_before_the_reports_date_is_an_earlier_statement_not_a_plan():
    december = datetime(2019, 12, 5, tzinfo=UTC)
    said = "Officials said in March they would expand the program to every county."
    assert section(said, when=december) == "beyond_the_headlines"
    assert section(said, when=datetime(2019, 3, 20, tzinfo=UTC)) != "beyond_the_headlines"
    assert section("He was arrested in October after the raid on the depot.", when=december) == (
        "beyond_the_headlines"
    )
    # So is a day of a month two or more before the report; a day of this month is the news.
    assert section("He was arrested on Oct. 19 after the raid.", when=december) == (
        "beyond_the_headlines"
    )
    assert section("He was arrested on Dec. 1 after the raid.", when=december) == (
        "what_is_happening"
    )
    # The month of a plan, or of this week's news, is not when something was said.
    assert section("The council voted to close the plant in March.", when=december) == (
        "what_is_happening"
    )
    assert section("The council voted on Tuesday to shut the plant in March.", when=december) == (
        "what_is_happening"
    )


def test_a_summary_opens_with_the_news_not_with_background():
    from newsbrief.models import Article
    from newsbrief.summarize.extractive import ExtractiveSummarizer, summary_order

    when = datetime(2013, 1, 10, tzinfo=UTC)
    award = Candidate("The actor had won an Academy Award in 1998 for the film.", ["a"], 0, 3, when)
    arrest = Candidate(
        "Police said the actor was arrested on Tuesday in Los Angeles.", ["b"], 1, 4, when
    )
    lead = Candidate("An actor was arrested in Los Angeles.", ["b"], 1, 1, when)
    assert summary_order([award, arrest]) == [arrest, award]
    assert summary_order([arrest, lead, award]) == [lead, arrest, award]  # else reading order

    # The whole write-up: a report that opens on background no longer opens the summary.
    text = (
        "The actor had won an Academy Award in 1998 for the film about the war. "
        "Fans gathered outside the court in Los Angeles on Thursday morning. "
        "Police said the actor was arrested on Tuesday in Los Angeles after a crash. "
    )
    articles = [
        Article(
            id=f"a{i}",
            title=f"Actor arrested in Los Angeles {i}",
            text=text,
            source=f"s{i}",
            published=when,
        )
        for i in range(2)
    ]
    summary = ExtractiveSummarizer().write(articles).summary
    labels = [classify(Candidate(s.text, s.cites, 0, 2, when)) for s in summary]
    # The news fills the summary: the award, background, is left to its own section.
    assert len(labels) >= 2 and "beyond_the_headlines" not in labels
    assert classify(Candidate(text.split(". ")[0] + ".", ["a0"], 0, 2, when)) == (
        "beyond_the_headlines"
    )


def test_who_judges_and_what_a_change_does_to_others_weigh_the_news():
    assert section("Critics say the referendum is a sham meant to please donors.", 1) == (
        "why_it_matters"
    )
    assert section("Analysts saw the merger as necessary to survive the downturn.") == (
        "why_it_matters"
    )
    assert section("Smith's injury leaves the team without a starting goalkeeper.") == (
        "why_it_matters"
    )
    assert section("Customers should change their passwords at once.") == "why_it_matters"
    assert section("She faces up to ten years in prison.") == "whats_next"
    # The outlook's own auxiliary is not an event told before it.
    assert section("The council was considering whether to close the bridge.", 0) == "whats_next"
    assert section("Police arrested the driver on Tuesday in Ohio.", 0) == "what_is_happening"


def test_a_participle_is_no_past_tense_and_a_named_source_keeps_a_fact_general():
    assert section("Measles is highly contagious, spreading via infected droplets.") == (
        "beyond_the_headlines"
    )
    assert section("According to health officials, the disease is treatable with drugs.") == (
        "beyond_the_headlines"
    )
    assert section('"The disease is treatable," the doctor said.') == "what_is_happening"


def test_words_that_only_end_like_a_past_tense_are_not_one():
    # "need", "hundred", a compound's "-led" and "are already used" are not verbs in the past:
    # the sentences say how things are.
    assert section("Low-acid foods need a pressure canner, which is the only safe method.") == (
        "beyond_the_headlines"
    )
    assert section("Such methods are already used in field hospitals.") == ("beyond_the_headlines")
    assert section("The committee holds its mission within an American-led order.") == (
        "beyond_the_headlines"
    )
    assert section("The port employs a hundred pilots.") == "beyond_the_headlines"
    # A real past tense still counts, "agreed" and "freed" among them.
    assert section("He agreed to pay the fine in 2005.", when=None) == "beyond_the_headlines"
    assert section("The court freed the two men in 2004.", when=None) == "beyond_the_headlines"
    assert section("Such methods were widely used in field hospitals.") == "what_is_happening"


def test_what_a_speaker_notes_or_explains_is_read_as_the_clause_alone():
    assert section("She noted that similar methods are already used to save trauma victims.") == (
        "beyond_the_headlines"
    )
    assert section("The expert explained that the disease is spread through droplets.") == (
        "beyond_the_headlines"
    )
    # Said, or quoted, it stays a statement about the news.
    assert section("She said that similar methods are used to save victims.") == (
        "what_is_happening"
    )
    assert section('She noted that "similar methods are used to save victims."') == (
        "what_is_happening"
    )


def test_a_teams_record_of_wins_is_a_tally_not_a_record_broken():
    # A tally and what had been expected of the team are how things stand (the set's label of
    # "The 76ers have a record of 9-14 and had been expected to be a playoff team").
    assert section("The Sixers have a record of 9-14 and had been expected to contend.") == (
        "what_is_happening"
    )
    assert section("The city saw a record number of visitors.") == "why_it_matters"
    assert section("Shares closed at a record after the report.") == "why_it_matters"


def test_thanks_and_appeals_weigh_nothing():
    # A police statement that thanks those who helped the people affected is not why it matters.
    assert section(
        "Surrey Police would particularly like to thank the local community and those who have "
        "worked to look after the welfare of members of the community affected."
    ) == ("what_is_happening")
    assert section("Anyone with information about the fire is asked to call police.") == (
        "what_is_happening"
    )
    assert section("The company regrets any inconvenience caused to residents affected.") == (
        "what_is_happening"
    )
    assert section("Our thoughts are with the families of those at risk, the mayor said.") == (
        "what_is_happening"
    )
    # Advice to those affected still weighs the news.
    assert section("Windows users should install the update to avoid the risk.") == (
        "why_it_matters"
    )


def test_where_a_thing_began_is_background_and_a_drawn_reason_weighs_the_news():
    assert section(
        "The rule change has its origins in an announcement by the Interior Department that "
        "listed the polar bear as threatened because global warming is melting its habitat.",
        when=None,
    ) == ("beyond_the_headlines")
    # "promise to" is a noun here; the writer's "that is why" draws a conclusion.
    assert section(
        "He does everything but standup comedy, and that is why the first-time host fulfills "
        "the academy's promise to shake up the show."
    ) == ("why_it_matters")
    assert section("She grew up in Ohio and served as a nurse in the Army.") == (
        "beyond_the_headlines"
    )
    assert section("This past offseason, the team signed a new centre.") == ("beyond_the_headlines")


def test_an_announcement_told_last_is_the_news_in_a_lead():
    text = "Hugh Jackman will host the Oscars next year, the Academy announced on Friday."
    assert section(text, position=1) == "what_is_happening"
    assert section("Bush will miss the last two games of the season.", position=1) == ("whats_next")


def test_a_lead_whose_opening_phrase_only_sets_the_time_reports_its_main_clause():
    # "remaining" in a phrase that frames the time does not make the lead an outlook.
    text = (
        "With just over a month remaining in office, the Bush administration loosened federal "
        "protection of plant and animal species threatened with extinction."
    )
    assert section(text, position=0, when=None) == "what_is_happening"
    assert section(text, position=6, when=None) == "what_is_happening"
    # An outlook in the main clause still looks ahead.
    text = "With a month remaining in office, the administration will loosen the protections."
    assert section(text, position=0, when=None) == "whats_next"


def test_cues_that_describe_the_event_need_another_to_weigh_it():
    # A superlative, a severity or a cause alone describes the event; with another cue it weighs.
    assert section("The robbers carried out the biggest heist in French history on Thursday.") == (
        "what_is_happening"
    )
    assert section("The chief was in critical condition at a hospital in Portland.") == (
        "what_is_happening"
    )
    assert section("The game was delayed because the lights failed.") == "what_is_happening"
    assert section("The blast was the deadliest attack in years, a blow to tourism.") == (
        "why_it_matters"
    )
    assert section("Police went to check on a telephoned bomb threat at the bank branch.") == (
        "what_is_happening"
    )
    assert section("The flaw is a threat to millions of computers.") == "why_it_matters"
    assert section("Shortly after, the bank received a call with a similar warning.") == (
        "what_is_happening"
    )
    assert section("Experts warned that the flaw leaves many computers open.") == "why_it_matters"
    # A former office and the word history do not date the sentence.
    assert section("The former point guard was told of his dismissal on Saturday.") == (
        "what_is_happening"
    )


def test_a_past_perfect_alone_is_the_events_sequence_and_an_earlier_year_dates_it():
    assert section("The fire had started in the roof space of the store.") == "what_is_happening"
    assert section("The actor had won an Academy Award in 1998 for the film.", position=1) == (
        "beyond_the_headlines"
    )
    # A count within a span up to now is rarity, not a look back.
    assert section("It was the second quake to hit the island in the past 24 hours.") == (
        "why_it_matters"
    )
    assert section("The island has been hit by quakes in the past.") == "beyond_the_headlines"


def test_an_outlook_joined_after_an_event_follows_the_main_clause():
    # The first of two joined clauses is the main one: the event, not the outlook after it.
    text = (
        "Fire crews brought the blaze under control within the store late last night, but it "
        "is expected to continue burning for some hours yet."
    )
    assert section(text, when=None) == "what_is_happening"
    # A speaker's words about what comes next, and an outlook in the first clause, look ahead.
    text = "The sheriff said the area will remain closed through the weekend, and urged calm."
    assert section(text, when=None) == "whats_next"
    text = "Roads are expected to remain closed for hours, and police urged people to stay away."
    assert section(text, when=None) == "whats_next"


def test_a_speakers_own_refusal_is_a_stance_not_a_plan():
    # The guide's case: a first-person "will not" takes a stance now; it plans nothing.
    assert section('"We will not accept threats against our fishermen," the minister said.') == (
        "what_is_happening"
    )
    assert section('"I won\'t let this town down," the new mayor told supporters.') == (
        "what_is_happening"
    )
    assert section('"We\'ll never forget what they did for us," she said.') == "what_is_happening"
    # A first-person plan, and a refusal told of others, still look ahead.
    assert section('"We will open two more clinics in the spring," the director said.') == (
        "whats_next"
    )
    assert section("The union will not accept the offer at Tuesday's vote, its leader said.") == (
        "whats_next"
    )


def test_a_pattern_is_skipped_only_when_no_match_could_hold_its_pieces():
    """The cheap test before a pattern must never hide a match: on every labelled sentence (as
    written, upper-cased and title-cased), a pattern that matches finds one of its pieces."""
    from pathlib import Path

    from newsbrief.summarize import sections as s

    checks = [
        (s._BACK_MORE, s._BACK_MORE_PIECES),
        (s._BACK_STRONG, s._BACK_STRONG_PIECES),
        (s._COURTESY, s._COURTESY_PIECES),
        (s._AGO, s._AGO_PIECES),
        (s._DATE, s._DATE_PIECES),
    ]
    labelled = Path(s.__file__).parents[1] / "data" / "sections-labelled.jsonl"
    texts = [json.loads(line)["text"] for line in labelled.read_text().splitlines() if line]
    texts += [
        "He usually wins; the 1990s were his best years, and he was 10-2 in a row.",
        "Police thanked the public and anyone with information is asked to call.",
        "It was founded in 1998, two decades ago, on Sept. 4.",
    ]
    matched = 0
    for text in texts:
        for variant in (text, text.upper(), text.title()):
            for pattern, pieces in checks:
                if pattern.search(variant):
                    matched += 1
                    assert s._may_match(variant, pieces), (pattern.pattern[:40], variant)
            if s._YEAR.search(variant) or s._OWN_YEAR.search(variant):
                assert s._YEAR_DIGITS.search(variant), variant
    assert matched > 100
    # Other letters are always searched: a long s matches an "s" when case is ignored.
    assert s._may_match("ſince", ("since",))
