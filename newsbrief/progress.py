"""Progress of long work, told to whoever shows it (the CLI draws a bar on a terminal).

Stages call a ``Progress`` with what they do, how much is done and the total; they never print.
"""

from __future__ import annotations

from collections.abc import Callable

# (what is being done, how much is done, the total or None when it is not known yet)
Progress = Callable[[str, int, int | None], None]
