import pytest

from worker.dead_letters import DeadLetterLimit, DeadLetterLimitExceeded


def test_does_not_trip_before_the_window_is_full():
    limit = DeadLetterLimit(window=10, max_ratio=0.5)
    for _ in range(9):
        limit.record(invalid=True)
    assert limit.invalid_in_window == 9


def test_trips_when_the_share_exceeds_the_limit():
    limit = DeadLetterLimit(window=10, max_ratio=0.5)
    for _ in range(4):
        limit.record(invalid=False)
    for _ in range(5):
        limit.record(invalid=True)
    with pytest.raises(DeadLetterLimitExceeded, match="6 of the last 10"):
        limit.record(invalid=True)


def test_window_slides():
    limit = DeadLetterLimit(window=4, max_ratio=0.5)
    for invalid in (True, True, False, False, False, False, True, True):
        limit.record(invalid=invalid)
    assert limit.invalid_in_window == 2


def test_ratio_one_never_trips():
    limit = DeadLetterLimit(window=3, max_ratio=1.0)
    for _ in range(10):
        limit.record(invalid=True)
    assert limit.invalid_in_window == 3


@pytest.mark.parametrize(("window", "ratio"), [(0, 0.5), (5, 0.0), (5, 1.5)])
def test_rejects_nonsense(window: int, ratio: float):
    with pytest.raises(ValueError):
        DeadLetterLimit(window, ratio)
