"""Checks behind /healthz: each returns a dict with at least {"ok": bool}.

The checks of services that belong to a higher app (Elasticsearch: search) are
registered by that app in its AppConfig.ready(), so core imports none of them.

Three questions, three answers:
- /healthz/live: the process answers (no check at all): restart it when it does not.
- /healthz/ready: this node can serve pages, i.e. its database answers: what a load
  balancer asks. Services that every node shares and the site can do without for a
  while (Elasticsearch: the search page falls back to the newest complaints; memcached:
  reads go on, writes are refused) do not take nodes out, or an outage of one of them
  would take out every node at once.
- /healthz: the state of everything. 503 when a critical check fails (database,
  Elasticsearch, task cluster); "degraded" (still 200) when only a non-critical one does
  (the rate-limit counters).
"""

import logging

from django.db import connection
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.status import Stat

logger = logging.getLogger(__name__)


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the reason goes to the log
        logger.warning("health: database unreachable: %s", exc)
        return {"ok": False, "error": "database unreachable"}
    return {"ok": True, "vendor": connection.vendor}


def check_task_cluster() -> dict:
    """A django-q2 cluster reports itself in the shared cache every guard cycle."""
    try:
        stats = Stat.get_all(broker=get_broker())
    except Exception as exc:
        logger.warning("health: task cluster status unavailable: %s", exc)
        return {"ok": False, "error": "task cluster status unavailable"}
    # A cluster's entry expires a few seconds after its last report, so any entry that
    # does not say "stopped" is a live cluster.
    running = [s for s in stats if str(s.status) != str(Conf.STOPPED)]
    return {"ok": bool(running), "clusters": len(running)}


def check_rate_limit_cache() -> dict:
    """The rate-limit counters' cache (memcached): unreachable, the read limits stay
    open and the writes are refused (core.ratelimit)."""
    from django.core.cache import caches

    cache = caches["ratelimit"]
    try:
        cache.set("healthz", "ok", 10)
        ok = cache.get("healthz") == "ok"
    except Exception as exc:
        logger.warning("health: rate-limit cache unreachable: %s", exc)
        ok = False
    if not ok:
        return {"ok": False, "error": "rate-limit cache unreachable"}
    return {"ok": True, "backend": type(cache).__name__}


CHECKS = {
    "database": check_database,
    "tasks": check_task_cluster,
    "ratelimit_cache": check_rate_limit_cache,
}
# Checks whose failure does not make /healthz answer 503 (reported as "degraded").
NON_CRITICAL = {"ratelimit_cache"}
# What /healthz/ready runs: the node cannot serve a page without its database.
READINESS = ("database",)


def register(name: str, check, *, after: str | None = None, critical: bool = True) -> None:
    """Add (or replace) a check; `after` places it behind that check in the answer."""
    items = [(n, c) for n, c in CHECKS.items() if n != name]
    position = next((i + 1 for i, (n, _c) in enumerate(items) if n == after), len(items))
    items.insert(position, (name, check))
    CHECKS.clear()
    CHECKS.update(items)
    if critical:
        NON_CRITICAL.discard(name)
    else:
        NON_CRITICAL.add(name)


def run_checks(names=None) -> tuple[str, dict]:
    """("ok" | "degraded" | "unavailable", {name: result}) for the given checks (all)."""
    results = {name: check() for name, check in CHECKS.items() if names is None or name in names}
    failed = {name for name, result in results.items() if not result["ok"]}
    if failed - NON_CRITICAL:
        return "unavailable", results
    return ("degraded" if failed else "ok"), results


def without_detail(results: dict) -> dict:
    """Only whether each check passed: the rest (vendor, node count, cache class,
    error text) is for staff and internal addresses."""
    return {name: {"ok": result["ok"]} for name, result in results.items()}
