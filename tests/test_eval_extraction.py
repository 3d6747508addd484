from newsbrief.eval.extraction import match, scores


def test_shingle_metric_matches_its_definition():
    gold = "one two three four five six"
    assert match(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = match(gold, "one two three four seven eight")
    # gold shingles: 3; predicted: 3; one in common.
    assert (tp, fp, fn) == (0.2, 0.4, 0.4)
    result = scores([match(gold, gold), (tp, fp, fn)])
    assert round(result["precision"], 3) == round((1 + 1 / 3) / 2, 3)
    assert 0 < result["f1"] < 1
