"""The Elasticsearch check behind /healthz (registered with core.health in apps.py)."""

import logging

from search.client import ping as ping_elasticsearch

logger = logging.getLogger(__name__)


def check_elasticsearch() -> dict:
    try:
        health = ping_elasticsearch()
    except Exception as exc:
        logger.warning("health: elasticsearch unreachable: %s", exc)
        return {"ok": False, "error": "elasticsearch unreachable"}
    return {"ok": health["status"] in ("green", "yellow"), **health}
