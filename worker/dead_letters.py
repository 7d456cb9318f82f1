"""When to stop instead of dead-lettering: a misconfigured producer must not drain a topic.

A sliding window over the most recent messages; once it is full, a share of invalid messages
above the limit stops the worker with a clear error. Restarting re-reads the same messages
(their offsets were not committed), so the topic is not drained while someone looks.
"""

from __future__ import annotations

from collections import deque


class DeadLetterLimitExceeded(RuntimeError):
    """Too many invalid messages in a row: stop the worker."""


class DeadLetterLimit:
    def __init__(self, window: int, max_ratio: float) -> None:
        if window < 1:
            raise ValueError("window must be at least 1")
        if not 0.0 < max_ratio <= 1.0:
            raise ValueError("max_ratio must be in (0, 1]")
        self.window = window
        self.max_ratio = max_ratio
        self._outcomes: deque[bool] = deque(maxlen=window)
        self._invalid = 0

    @property
    def invalid_in_window(self) -> int:
        return self._invalid

    def record(self, *, invalid: bool) -> None:
        """Count one message; raise when the full window holds too many invalid ones."""
        if len(self._outcomes) == self.window and self._outcomes[0]:
            self._invalid -= 1
        self._outcomes.append(invalid)
        if invalid:
            self._invalid += 1
        if len(self._outcomes) == self.window and self._invalid > self.max_ratio * self.window:
            raise DeadLetterLimitExceeded(
                f"{self._invalid} of the last {self.window} messages were invalid "
                f"(limit {self.max_ratio:.0%}); stopping instead of draining the topic into "
                "the dead-letter queue. Check the producer, then restart the worker."
            )
