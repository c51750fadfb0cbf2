"""The OpenAPI 3.1 description of the project's own JSON endpoints (not Wagtail's)."""

from complaints.states import PUBLIC_STATUSES
from core.openapi import contributed_parts

FACET = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["key", "label", "count"],
        "properties": {
            "key": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer"},
        },
    },
}
REF = {
    "type": ["object", "null"],
    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
}
FILTERS = [
    {
        "name": "q",
        "in": "query",
        "schema": {"type": "string", "maxLength": 200},
        "description": "Vrije tekst.",
    },
    *(
        {
            "name": name,
            "in": "query",
            "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form",
            "explode": True,
            "description": f"Slug(s) van {label}; herhaal of scheid met komma's.",
        }
        for name, label in [
            ("company", "bedrijven"),
            ("topic", "onderwerpen"),
            ("sector", "sectoren"),
        ]
    ),
    {
        "name": "status",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string", "enum": sorted(PUBLIC_STATUSES)}},
        "style": "form",
        "explode": True,
    },
    *(
        {
            "name": name,
            "in": "query",
            # Empty is what the search page's form sends for "no limit".
            "schema": {"type": "string", "anyOf": [{"format": "date"}, {"maxLength": 0}]},
            "description": f"{label} (JJJJ-MM-DD); leeg: geen grens.",
        }
        for name, label in [("date_from", "Vanaf deze datum"), ("date_to", "Tot en met deze datum")]
    ),
]
ERROR = {
    "description": "Ongeldige invoer",
    "content": {"application/json": {"schema": {"type": "object"}}},
}

# The manifest opendata.dump writes (opendata is a higher layer: described here, checked
# against a real dump by tests/opendata/test_openapi.py).
OPEN_DATA_MANIFEST = {
    "type": "object",
    "required": ["generated_at", "licence", "licence_url", "files"],
    "properties": {
        "generated_at": {"type": "string", "format": "date-time"},
        "licence": {"const": "CC0-1.0"},
        "licence_url": {"type": "string", "format": "uri"},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "dataset", "format", "compression", "rows", "size", "sha256"],
                "properties": {
                    "name": {"type": "string"},
                    "dataset": {"type": "string", "enum": ["klachten", "bedrijfsscores"]},
                    "format": {"type": "string", "enum": ["jsonl", "csv"]},
                    "compression": {"const": "gzip"},
                    "rows": {"type": "integer", "minimum": 0},
                    "size": {"type": "integer", "minimum": 0},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                },
            },
        },
    },
}


def spec() -> dict:
    # The monthly scores (scorecards) and any other app's endpoints describe themselves.
    contributed_paths, contributed_schemas = contributed_parts()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Klachtenkompas API",
            "version": "2",
            "description": "Openbare klachten zoeken, exporteren, bedrijfsnamen aanvullen, "
            "zoeksuggesties geven en de problemen tonen die bij een bedrijf vaker terugkomen. "
            "Alleen openbare velden van openbare klachten. De pagina-API van Wagtail staat onder /api/v2/pages/.",
        },
        "paths": {
            "/api/v2/complaints/search/": {
                "get": {
                    "summary": "Klachten zoeken",
                    "parameters": [
                        *FILTERS,
                        {
                            "name": "sort",
                            "in": "query",
                            # Empty: the default, relevance.
                            "schema": {"type": "string", "enum": ["relevance", "newest", ""]},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Resultaten en facetten",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/SearchResult"}
                                }
                            },
                        },
                        "400": ERROR,
                        "429": {"description": "Te veel verzoeken"},
                        "503": {"description": "Zoeken tijdelijk niet beschikbaar"},
                    },
                }
            },
            "/api/v2/complaints/export.csv": {
                "get": {
                    "summary": "Open data als CSV",
                    "parameters": FILTERS,
                    "responses": {
                        "200": {"description": "CSV", "content": {"text/csv": {}}},
                        "400": ERROR,
                    },
                }
            },
            "/api/v2/complaints/export.jsonl": {
                "get": {
                    "summary": "Open data als JSON Lines",
                    "parameters": FILTERS,
                    "responses": {
                        "200": {
                            "description": "Eén JSON-object per regel",
                            "content": {"application/x-ndjson": {}},
                        },
                        "400": ERROR,
                    },
                }
            },
            "/open-data/manifest.json": {
                "get": {
                    "summary": "Manifest van de nachtelijke open-data-export",
                    "description": "De bestanden van de laatste export (CC0) met grootte, "
                    "aantal rijen en SHA-256; elk bestand staat onder /open-data/<name>.",
                    "responses": {
                        "200": {
                            "description": "Het manifest",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/OpenDataManifest"}
                                }
                            },
                        },
                        "404": {
                            "description": "Nog geen export (de eerste volgt na de nachtelijke run)",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                    },
                }
            },
            "/api/v2/companies/autocomplete/": {
                "get": {
                    "summary": "Bedrijfsnamen aanvullen",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "Begin van de naam; zonder: een lege lijst.",
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Bedrijven",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/CompanyRef"},
                                    }
                                }
                            },
                        },
                        "400": ERROR,
                    },
                }
            },
            **contributed_paths,
            "/api/v2/companies/{slug}/problems/": {
                "get": {
                    "summary": "Problemen die vaker terugkomen bij een bedrijf",
                    "description": "Woorden die de openbare klachten over dit bedrijf veel "
                    "vaker gebruiken dan alle openbare klachten, elk in minstens "
                    "RECURRING_PROBLEMS_MIN klachten (van de nieuwste 500), met de "
                    "zoekpagina gefilterd op het bedrijf en het woord.",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                            "description": "De slug van het bedrijf, zoals in /bedrijven/<slug>/.",
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Hooguit 8 woorden, het opvallendste eerst; "
                            "een lege lijst als er geen zijn",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "maxItems": 8,
                                        "items": {"$ref": "#/components/schemas/Problem"},
                                    }
                                }
                            },
                        },
                        "404": {
                            "description": "Onbekend of niet openbaar bedrijf",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "429": {"description": "Te veel verzoeken"},
                        "503": {"description": "Zoeken tijdelijk niet beschikbaar"},
                    },
                }
            },
            "/api/v2/search/suggest/": {
                "get": {
                    "summary": "Suggesties voor het zoekvak: bedrijven en klachttitels",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "Wat er tot nu toe getypt is; het laatste woord "
                            "mag onaf zijn. Zonder: twee lege lijsten.",
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Hooguit 5 bedrijven en 5 recente openbare klachten",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Suggestions"}
                                }
                            },
                        },
                        "400": ERROR,
                        "429": {"description": "Te veel verzoeken"},
                    },
                }
            },
        },
        "components": {
            "schemas": {
                **contributed_schemas,
                "OpenDataManifest": OPEN_DATA_MANIFEST,
                "Suggestions": {
                    "type": "object",
                    "required": ["companies", "complaints"],
                    "properties": {
                        "companies": {
                            "type": "array",
                            "maxItems": 5,
                            "items": {"$ref": "#/components/schemas/CompanyRef"},
                        },
                        "complaints": {
                            "type": "array",
                            "maxItems": 5,
                            "items": {
                                "type": "object",
                                "required": ["title", "url", "company"],
                                "additionalProperties": False,
                                "properties": {
                                    "title": {"type": "string"},
                                    "url": {"type": "string"},
                                    "company": {
                                        "type": "object",
                                        "required": ["slug", "name"],
                                        "properties": {
                                            "slug": {"type": "string"},
                                            "name": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
                "Problem": {
                    "type": "object",
                    "required": ["term", "label", "count", "url"],
                    "additionalProperties": False,
                    "properties": {
                        "term": {"type": "string", "description": "Het woord, zonder accenten"},
                        "label": {"type": "string", "description": "Het woord om te tonen"},
                        "count": {
                            "type": "integer",
                            "minimum": 1,
                            "description": "Aantal klachten met het woord",
                        },
                        "url": {
                            "type": "string",
                            "description": "De zoekpagina, gefilterd op het bedrijf en het woord",
                        },
                    },
                },
                "CompanyRef": {
                    "type": "object",
                    "required": ["slug", "name", "url"],
                    "properties": {
                        "slug": {"type": "string"},
                        "name": {"type": "string"},
                        "url": {"type": "string"},
                    },
                },
                "SearchResult": {
                    "type": "object",
                    "required": ["count", "results", "facets"],
                    "properties": {
                        "count": {"type": "integer"},
                        "results": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": [
                                    "id",
                                    "title",
                                    "url",
                                    "company",
                                    "topic",
                                    "status",
                                    "published_at",
                                    "highlight",
                                ],
                                "properties": {
                                    "id": {"type": "integer"},
                                    "title": {"type": "string"},
                                    "url": {"type": "string"},
                                    "company": REF,
                                    "topic": REF,
                                    "status": {"type": "string", "enum": sorted(PUBLIC_STATUSES)},
                                    "published_at": {
                                        "type": ["string", "null"],
                                        "format": "date-time",
                                    },
                                    "highlight": {
                                        "type": "string",
                                        "description": "HTML met <mark>; tekst is ge-escaped",
                                    },
                                },
                            },
                        },
                        "facets": {
                            "type": "object",
                            "properties": dict.fromkeys(
                                ["company", "topic", "sector", "status"], FACET
                            ),
                        },
                    },
                },
            }
        },
    }
