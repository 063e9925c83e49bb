"""The batch runners: chunks of articles analyzed together, failures pinned on their own input."""

import threading
import time

import pytest

from newsan.analysis import pipeline
from newsan.analysis.pipeline import Options, analyze_source, analyze_sources
from newsan.errors import IngestError
from newsan.model import Source
from newsan.output.schema import article_to_dict
from newsan.runners import batch

TEXTS = [
    "قال الرئيس الأمريكي جورج بوش في واشنطن إن الأمم المتحدة ستجتمع غدا.",
    "وأضاف وزير الخارجية الفرنسي برنار كوشنير: «لن نقبل بذلك».",
    "زار محمد بيروت والقاهرة أمس، وقال إن شركة سامسونج ستفتح مكتبا في سيول.",
    "",
]


def test_articles_analyzed_together_as_if_alone():
    sources = [Source(f"a{i}", text) for i, text in enumerate(TEXTS * 3)]
    options = Options(ner="builtin")
    together = [article_to_dict(a) for a in analyze_sources(sources, options)]
    assert together == [article_to_dict(analyze_source(s, options)) for s in sources]
    assert analyze_sources([], options) == []


def test_chunks_keep_order_and_close_on_errors_and_size():
    error = IngestError("bad", "cannot be read")
    items = [Source(f"s{i}", "x") for i in range(5)] + [error] + [Source("big", "y" * 10), Source("z", "z")]
    out = list(batch.chunks(items, max_items=3, max_size=10))
    assert [e if isinstance(e, IngestError) else [s.path for s in e] for e in out] == [
        ["s0", "s1", "s2"], ["s3", "s4"], error, ["big"], ["z"]]


def test_a_failing_article_is_pinned_on_its_own_input(monkeypatch):
    real = pipeline.segment

    def segment_or_fail(text, *args):
        if "BOOM" in text:
            raise ValueError("cannot segment this")
        return real(text, *args)

    monkeypatch.setattr(pipeline, "segment", segment_or_fail)
    sources = [Source("good1", TEXTS[0]), Source("bad", "BOOM " + TEXTS[1]), Source("good2", TEXTS[2])]
    outcomes = list(batch.analyze_serially(sources, Options(ner="rules")))
    assert [o.path for o in outcomes] == ["good1", "bad", "good2"]
    assert outcomes[0].result and outcomes[2].result and outcomes[1].result is None
    assert outcomes[1].error == "bad: analysis failed: ValueError: cannot segment this"


@pytest.mark.parametrize("jobs, ordered", [(1, True), (2, True), (2, False)])
def test_a_slow_producer_gets_each_result_before_its_next_input(jobs, ordered):
    """Paths piped in as files arrive: a result must not wait for a full chunk of inputs."""
    delivered = threading.Event()

    def producer():
        for index in range(3):
            yield Source(f"s{index}", TEXTS[index])
            assert delivered.wait(20), f"no result for s{index} before the next input"
            delivered.clear()

    if jobs == 1:
        outcomes = batch.analyze_serially(producer(), Options(ner="rules"))
    else:
        outcomes = batch.analyze_in_parallel(producer(), Options(ner="rules"), jobs=jobs, ordered=ordered)
    paths = []
    for outcome in outcomes:
        assert outcome.error is None, outcome.error
        paths.append(outcome.path)
        delivered.set()
    assert paths == ["s0", "s1", "s2"]


def test_a_failing_producer_raises_to_the_consumer():
    def producer():
        yield Source("s0", TEXTS[0])
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="the disk went away"):
        list(batch.analyze_serially(producer(), Options(ner="rules")))


def test_read_ahead_is_bounded_by_items_and_characters():
    produced = []

    def producer(count, size):
        for index in range(count):
            produced.append(index)
            yield Source(f"s{index}", "x" * size)

    for count, size, max_items, max_size, most in ((50, 10, 3, 10_000, 1 + 3 + 1), (50, 60, 10, 100, 1 + 1 + 1),
                                                   (5, 1_000, 10, 100, 1 + 1 + 1)):
        produced.clear()
        reader = iter(batch.ReadAhead(producer(count, size), max_items=max_items, max_size=max_size))
        first = next(item for item in reader if item is not batch.IDLE)
        time.sleep(0.2)  # time for the reader to run ahead as far as it may
        assert first.path == "s0" and len(produced) <= most  # in hand, in the buffer, waiting to go in
        rest = [item.path for item in reader if item is not batch.IDLE]
        assert rest == [f"s{index}" for index in range(1, count)]


def test_collections_are_fewer_during_a_run_and_as_before_after():
    import gc

    before = gc.get_threshold()
    seen = []

    def producer():
        seen.append(gc.get_threshold()[0])
        yield Source("s0", TEXTS[0])

    assert [o.path for o in batch.analyze_serially(producer(), Options(ner="rules"))] == ["s0"]
    assert seen == [batch.GC_THRESHOLD] and gc.get_threshold() == before


def test_overlapping_runs_restore_the_threshold_once_all_are_done():
    import gc

    before = gc.get_threshold()
    first = batch.analyze_serially(iter([Source("a", TEXTS[0]), Source("b", TEXTS[1])]), Options(ner="rules"))
    second = batch.analyze_serially(iter([Source("c", TEXTS[2])]), Options(ner="rules"))
    next(first)
    assert [o.path for o in second] == ["c"]  # ends while the first is still running
    assert gc.get_threshold()[0] == batch.GC_THRESHOLD
    assert [o.path for o in first] == ["b"]
    assert gc.get_threshold() == before
