"""The request budget counts time spent waiting on Redis, not the skill's own work."""

from __future__ import annotations

from skill.episodes.store.deadline import Budget


class StepClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_skills_own_work_does_not_spend_the_budget() -> None:
    clock = StepClock()
    budget = Budget(1.5, clock=clock)
    clock.now += 5.0  # a slow sentence match on a loaded machine, outside any Redis call
    assert budget.allows_attempt()
    assert budget.remaining() == 1.5


def test_time_in_redis_spends_it_live_and_nested_calls_are_charged_once() -> None:
    clock = StepClock()
    budget = Budget(1.5, clock=clock)
    with budget.waiting():
        with budget.waiting():  # a store call and the attempt inside it
            clock.now += 1.0
        assert budget.remaining() == 0.5
        clock.now += 1.0
        assert not budget.allows_attempt()  # read while the call is still under way
    assert budget.spent == 2.0
    clock.now += 10.0
    assert budget.remaining() == -0.5


def test_a_failed_redis_stops_further_attempts_whatever_time_is_left() -> None:
    budget = Budget(1.5)
    budget.give_up()
    assert not budget.allows_attempt()


def test_a_redis_call_that_fails_is_charged_and_ends_its_block() -> None:
    clock = StepClock()
    budget = Budget(1.5, clock=clock)
    try:
        with budget.waiting():
            clock.now += 1.0
            raise TimeoutError("a hung read")
    except TimeoutError:
        pass
    assert budget.spent == 1.0
    clock.now += 5.0  # back in the skill's own work: not charged
    assert budget.remaining() == 0.5
