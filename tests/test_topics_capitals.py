"""In English a capital says "name" only where style does not put it: not at a sentence's
start, not in a headline written in capitals or with every word capitalised."""

from __future__ import annotations

from newsbrief.models import Article
from newsbrief.summarize.keyphrases import entities


def _reports(title: str, text: str, n: int = 3) -> list[Article]:
    return [Article(id=f"r{i}", title=title, text=text) for i in range(n)]


def test_a_word_capitalised_only_where_a_sentence_starts_is_no_name():
    text = (
        "Sixty firefighters fought a fire at the Waitrose store in Banstead, in France's "
        "neighbour, for six hours on Friday, its owner said (LSE: WTR).\n"
        "Half the roof fell in. Numerous shoppers were led out of the store."
    )
    found = entities(_reports("Fire destroys Waitrose store in Banstead", text))
    assert not {"Sixty", "Half", "Numerous"} & set(found), found
    # A capital inside a sentence, a possessive and an acronym after a colon are names.
    assert {"Waitrose", "France", "WTR"} <= set(found), found


def test_a_shouted_headline_gives_no_names_of_everyday_words():
    text = (
        "According to international media\n"
        "THREE PEOPLE HAVE DIED IN A BLAZE that broke out at MARFIN EGNATIA BANK, on "
        "Stadiou Street, downtown Athens.\nThe fire started when demonstrators hurled "
        "petrol bombs at the bank. The people who died were bank employees."
    )
    found = entities(_reports("BREAKING NEWS-3 DEAD due to fire at Athens bank", text))
    assert "MARFIN EGNATIA BANK" in found and "Athens" in found, found
    assert not {"PEOPLE HAVE DIED", "NEWS-3 DEAD", "BREAKING NEWS-3 DEAD"} & set(found), found


def test_a_title_case_headline_gives_no_names_its_reports_write_in_lower_case():
    text = (
        "Armed robbers took watches and jewels worth $2.6 million from a jewelry store on "
        "the Place Vendome in Paris on Thursday. The thieves fled in a car after the raid, "
        "police said. It was the third heist at a store near the Place Vendome this year."
    )
    found = entities(_reports("Paris Store Hit by $2.6 Million Jewelry Heist", text))
    assert "Place Vendome" in found, found
    assert not {"Paris Store Hit", "Jewelry Heist", "Million Jewelry Heist"} & set(found), found
    # A headline in sentence case is read as before: its capitals are names.
    plain = entities(_reports("Robbers hit Harry Winston store in Paris", text))
    assert "Harry Winston" in plain, plain
