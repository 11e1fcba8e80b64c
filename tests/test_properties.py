"""Property tests: the counter and the parser never raise, counts are never negative, and counts add up."""
import string
from hypothesis import given, settings, strategies as st, HealthCheck
from lgtm575.syllables import count, explain, readings, cmu, guessed
from lgtm575.form import check, parse_haiku

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Arbitrary Unicode, plus text biased towards what reviews contain: identifiers, numbers, symbols.
code_ish = st.text(alphabet=string.ascii_letters + string.digits + "_-./\\:=!<>+&|%#@'\"`()[]{},;?*^~$ \n\t", max_size=80)
any_text = st.one_of(st.text(max_size=200), code_ish)
plain_word = st.one_of(st.from_regex(r"[A-Za-z]{1,14}", fullmatch=True),
                       st.sampled_from(sorted(w for w in cmu() if w.isalpha())))


@SETTINGS
@given(any_text)
def test_counter_never_raises_and_is_non_negative(text):
    n = count(text)
    assert isinstance(n, int) and n >= 0
    assert all(p.count >= 0 and all(c >= 0 for c in p.counts) for p in explain(text))
    assert n == sum(p.count for p in explain(text))
    r = readings(text)
    assert r and min(r) >= 0
    guessed(text)


@SETTINGS
@given(any_text)
def test_parser_and_checker_never_raise(text):
    lines, how = parse_haiku(text)
    assert lines is None or (len(lines) == 3 and all(l.strip() for l in lines)), (lines, how)
    r = check(text)
    assert isinstance(r.valid, bool) and r.feedback
    assert all(c >= 0 for c in r.counts)
    if r.valid: assert r.counts == [5, 7, 5]


@SETTINGS
@given(plain_word, plain_word)
def test_plain_words_add_up(a, b):
    assert count(a + " " + b) == count(a) + count(b)


@SETTINGS
@given(any_text, any_text)
def test_any_text_adds_up_across_white_space(a, b):
    assert count(a + " " + b) == count(a) + count(b)
