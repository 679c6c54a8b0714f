"""bench/run's own rules (issue 19 item 1): growth per 10× data, the unreliable flag, the Redis
clean-up that removes only what the run added, and the sweep that resets only its own database."""

import importlib.util
import uuid
from argparse import Namespace
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import redis_url


def _load_run():
    path = Path(__file__).resolve().parents[2] / "bench" / "run.py"
    spec = importlib.util.spec_from_file_location("bench_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


run = _load_run()


def test_growth_is_expressed_per_tenfold_data():
    assert run.growth(10.0, 13.0, 0.1, 1.0) == pytest.approx(1.3)
    # 1.69× over 100× data is 1.3× per 10×; the sweep's limit does not depend on its steps.
    assert run.growth(10.0, 16.9, 0.1, 10.0) == pytest.approx(1.3)
    assert run.growth(10.0, 10.0, 0.1, 1.0) == pytest.approx(1.0)


def test_a_run_above_the_core_count_is_flagged_unreliable():
    watch = run.LoadWatch()
    watch.samples = [0.5, watch.cores - 0.1]
    assert watch.reliable
    watch.samples.append(watch.cores + 0.5)
    assert not watch.reliable


def test_a_burst_of_load_that_slows_page_and_floor_alike_leaves_the_ratio_alone():
    page = [30.0, 31.0, 29.0, 300.0, 30.0]
    floor = [10.0, 10.0, 10.0, 100.0, 10.0]  # the fourth round ran while the machine was busy
    figures = run.summarise(page, floor)
    assert figures["ratio"] == pytest.approx(3.0)
    assert figures["ratio_p10"] == pytest.approx(2.94)
    assert figures["ratio_p90"] == pytest.approx(3.06)
    # The p50s of separate phases would have said otherwise had the burst hit one phase only.
    assert figures["p50"] == pytest.approx(30.0)


@pytest.mark.redis
def test_the_redis_clean_up_removes_only_what_the_run_added():
    import redis

    client = redis.Redis.from_url(redis_url())
    prefix = f"bench-test-{uuid.uuid4().hex}"
    kept, queue, added = f"{prefix}:kept", f"{prefix}:queue", f"{prefix}:added"
    try:
        client.set(kept, "someone else's")
        client.lpush(queue, "older message")
        keys = run.RedisKeys(redis_url())
        client.set(added, "the run's")
        client.lpush(queue, "the run's message")
        keys.clean()
        assert client.get(kept) == b"someone else's"
        assert client.lrange(queue, 0, -1) == [b"older message"]
        assert not client.exists(added)
    finally:
        client.delete(kept, queue, added)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_sweep_refuses_a_database_it_did_not_create():
    settings = connection.settings_dict
    args = Namespace(
        pg_host=settings["HOST"] or "127.0.0.1",
        pg_port=int(settings["PORT"] or 5432),
        sweep_db=settings["NAME"],  # the test database: made by Django, not by bench/run
    )
    with pytest.raises(SystemExit, match="not created by bench/run"):
        run.ensure_sweep_database(args)
