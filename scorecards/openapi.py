"""The OpenAPI description of the monthly scores (open data, CC0), handed to the API's
description through core.openapi. The schema's fields come from opendata.MONTHLY_FIELDS,
the same list that names the CSV's columns and the rows' keys."""

from scorecards.opendata import LICENCE, MONTHLY_FIELDS


def monthly_score_schema() -> dict:
    return {
        "type": "object",
        "description": "Cijfers van één bedrijf over de openbare klachten die in één maand "
        "gepubliceerd zijn, met 95%-intervallen (Wilson voor aandelen, t voor het gemiddelde "
        f"cijfer; leeg/null als er te weinig gegevens zijn). Licentie: {LICENCE}.",
        "required": list(MONTHLY_FIELDS),
        "additionalProperties": False,
        "properties": {name: dict(schema) for name, schema in MONTHLY_FIELDS.items()},
    }


_LICENCE_HEADERS = {
    "X-License": {"schema": {"type": "string", "const": LICENCE}},
    "Link": {"schema": {"type": "string"}, "description": 'De licentie, rel="license".'},
}


def _download(summary: str, description: str, response: str, media_type: str) -> dict:
    return {
        "get": {
            "summary": summary,
            "description": description,
            "responses": {
                "200": {
                    "description": response,
                    "headers": _LICENCE_HEADERS,
                    "content": {media_type: {}},
                },
                "429": {"description": "Te veel verzoeken"},
            },
        }
    }


def parts() -> dict:
    return {
        "paths": {
            "/api/v2/scores/monthly.csv": _download(
                "Bedrijfscijfers per maand als CSV (open data, CC0)",
                "Eén regel per bedrijf per maand van publicatie; de kolommen van het schema "
                "MonthlyScore, in die volgorde. Alleen openbare klachten.",
                "CSV",
                "text/csv",
            ),
            "/api/v2/scores/monthly.jsonl": _download(
                "Bedrijfscijfers per maand als JSON Lines (open data, CC0)",
                "Eén MonthlyScore-object per regel. Alleen openbare klachten.",
                "Eén JSON-object per regel",
                "application/x-ndjson",
            ),
        },
        "schemas": {"MonthlyScore": monthly_score_schema()},
    }
