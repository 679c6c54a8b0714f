"""Settings for bench/run (issue 9): production-like, plus the floor view at /bench/floor/.

Never used in production: the floor view's URL exists only when PARAFEER_BENCH_FLOOR is on, which
only this module sets.
"""

from .base import *  # noqa: F403

DEBUG = False
PARAFEER_BENCH_FLOOR = True
# The bench serves plain HTTP on 127.0.0.1; request logging would measure the terminal.
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]  # noqa: F405
