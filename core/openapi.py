"""The OpenAPI description is put together by search (search.openapi), but some of the
endpoints it describes belong to apps beside it (scorecards' open data), which it may
not import (layers: CONVENTIONS.md). Those apps describe their own endpoints and hand
them in through this Wagtail hook, so each description lives next to what it describes."""

from wagtail import hooks

# fn() -> {"paths": {...}, "schemas": {...}}: OpenAPI path items and component schemas.
OPENAPI_PARTS = "openapi_parts"


def contributed_parts() -> tuple[dict, dict]:
    """The paths and schemas every registered hook contributes."""
    paths, schemas = {}, {}
    for part in hooks.get_hooks(OPENAPI_PARTS):
        answer = part()
        paths.update(answer.get("paths", {}))
        schemas.update(answer.get("schemas", {}))
    return paths, schemas
