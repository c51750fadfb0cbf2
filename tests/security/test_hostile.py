"""The hostile-input suite: the corpus in `hostile.yaml`, fired at a live server.

One live server (Django's own test server in a thread, on the real PostgreSQL,
Elasticsearch and memcached) and one fixture world (`world.py`) serve the whole module;
each entry of the corpus is its own test, named by its `id` (and its role, when it
names several). The import entries run `import_complaints` in-process.

What every HTTP entry must show, whatever it says:
  * an answer below 500 (a 5xx fails the test, with the server's traceback);
  * nothing stored: the rows of the tables in `TABLES` are counted before and after,
    and none may change except those the entry lists under `stores`;
  * no leak: no answer (body or headers) to a role contains a marker token that role
    may not see (other parties' private text, contact log, file names, e-mail
    addresses, user names; text of complaints that are not public; see
    `World.forbidden`), inside a zip answer's members too.

The data format of `hostile.yaml`
---------------------------------
`entries:` is a list of mappings. HTTP entries:

    - id: search-api-q-too-long         # unique; the test id
      why: a query longer than the form allows   # one line, what it attacks
      as: anonymous                      # a role, or a list of roles (one test each):
                                         # anonymous consumer_a consumer_b rep_x rep_y
                                         # moderator editor
      method: GET                        # default GET
      path: /api/v2/complaints/search/   # ${name} takes a value from the world
      query: {q: "x", status: [a, b]}    # query string; a list repeats the key
      data: {part: upload}               # form fields (urlencoded, or multipart with files)
      files: {upload-file: {name: a.png, payload: png}}   # payloads.py makes the bytes
      body: '{"raw": true}'              # a raw body instead of data ({payload: name} too)
      headers: {Host: evil.example}      # request headers
      csrf: false                        # leave out the CSRF token (default: sent)
      repeat: 6                          # send it this often; the last answer is checked
      before: [{data: {password: fout}, times: 8}]   # requests sent first: the entry
                                         # with these keys replaced, `times` each
      timeout: 10                        # seconds to wait for the answer (default 30)
      expect: 404                        # status: a number, a list, or per role:
                                         #   {anonymous: 302, other: 404}
      contains: ["Ongeldige"]            # must be in the body
      not_contains: ["<script>alert"]    # must not be in the body
      not_matches: ['(?m)^"?=']          # regular expressions that must not match the body
      header: {Cache-Control: no-store}  # response header must contain this text
      no_header: [Set-Cookie]            # response headers that must be absent
      location_not: ["evil.example"]     # a redirect must not point there
      keeps: [a_public.live, b_draft.status]   # fields of world complaints, unchanged
      stores: [sessions]                 # tables that may change (default: none)
      needs: uploads                     # see below

`keeps` paths start at a world complaint and follow attributes
(`a_draft.private_details.details`); a step ending in `()` is called
(`a_offered.offers.first().status`). The role lists at the top of the file (`*not_a`,
...) are YAML anchors. Do not send a marker token as input to a page that shows its
input back: the leak check cannot tell that echo from a leak.

Import entries have `import:` instead of a request, and `refused:`; the command must
exit with 1, refuse line 1 with a reason containing that text (never an "onverwachte
fout", the importer's word for a bug), and store nothing:

      import: {merge: {status: hacked}}  # the valid `import_base` line, keys replaced
                                         # (a null value removes the key)
      import: {line: 'not json'}         # the line as text
      import: {payload: deep_json}       # a generated line (payloads.py)

Values may be `{repeat: "a", times: 201}` (a long text) or `{payload: name}`; strings
may hold `${name}` placeholders for the world's ids, UUIDs and URLs (`World.values`).

`needs: <area>` marks an entry whose correct expectation (issue 11) is being
implemented elsewhere right now; while the field is present the entry runs as
xfail(strict=True), so it must still fail. Remove the field when the area lands and the
entry must pass. Areas: `doors` (logins, lock-outs, client IP, rate limits), `uploads`
(upload bombs, request-size caps, attachment access by status), `editors` (what
Editors see in the admin), `csv` (formulas in the CSV export), `headers`
(Cache-Control and the other header and form limits of issue 11's last point).

Run it alone with `pytest tests/security` (about a minute).
"""

import io
import json
import re
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

import pytest
import requests
import yaml
from django.core.management import call_command

from tests.security import world as world_module
from tests.security.payloads import payload

CORPUS = Path(__file__).with_name("hostile.yaml")
SPEC = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
CSRF_SECRET = "hostilehostilehostilehostile0123"  # 32 characters, as Django's secrets

TABLES = {
    "users": "auth.User",
    "email_addresses": "account.EmailAddress",
    "sessions": "sessions.Session",
    "pages": "wagtailcore.Page",
    "revisions": "wagtailcore.Revision",
    "companies": "companies.CompanyPage",
    "company_requests": "companies.CompanyRequest",
    "representatives": "companies.CompanyRepresentative",
    "sectors": "companies.Sector",
    "topics": "complaints.Topic",
    "complaints": "complaints.ComplaintPage",
    "events": "complaints.ComplaintEvent",
    "private_details": "complaints.ComplaintPrivateDetails",
    "contact_log": "complaints.ContactLogEntry",
    "attachments": "complaints.Attachment",
    "reactions": "complaints.Reaction",
    "reports": "complaints.ReactionReport",
    "ratings": "complaints.Rating",
    "outbox": "complaints.OutboxMessage",
    "offers": "complaints.SettlementOffer",
    "claims": "companies.CompanyClaim",
    "contact_addresses": "companies.CompanyContactAddress",
    "reply_templates": "companies.ReplyTemplate",
    "invitations": "companies.ColleagueInvitation",
    "subscriptions": "alerts.Subscription",
    "representative_alerts": "alerts.RepresentativeAlert",
}


def _expand(entries):
    seen = set()
    for entry in entries:
        assert entry["id"] not in seen, f"duplicate id {entry['id']}"
        seen.add(entry["id"])
        roles = entry.get("as", "anonymous")
        roles = roles if isinstance(roles, list) else [roles]
        for role in roles:
            assert role in world_module.ROLES, f"{entry['id']}: unknown role {role}"
            test_id = entry["id"] if len(roles) == 1 else f"{entry['id']}[{role}]"
            marks = []
            if entry.get("needs"):
                marks.append(pytest.mark.xfail(strict=True, reason=f"needs: {entry['needs']}"))
            yield pytest.param(entry, role, id=test_id, marks=marks)


CASES = list(_expand(SPEC["entries"]))


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 200


# The world and the server ---------------------------------------------------------------


class Live:
    def __init__(self, url, world, errors):
        self.url, self.world, self.errors = url, world, errors


@pytest.fixture(scope="module")
def live(django_db_setup, django_db_blocker):
    """One world and one live server for the module.

    The world is committed (the server thread has its own database connection), so the
    module leaves the database as Django's serialized rollback does: its content is
    saved before and put back after. Elasticsearch gets an index prefix of its own.
    """
    import uuid

    from django.core.signals import got_request_exception
    from django.db import connection
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    from search.client import get_client
    from search.indexing import alias

    errors: list[str] = []

    def record(sender, request=None, **kwargs):
        errors.append("".join(traceback.format_exception(*sys.exc_info())))

    prefix = f"kk-test-hostile-{uuid.uuid4().hex[:8]}"
    overrides = override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix)
    with django_db_blocker.unblock():
        saved = connection.creation.serialize_db_to_string()
        overrides.enable()
        got_request_exception.connect(record)
        try:
            built = world_module.build()
            world_module.log_in_all(built)
            get_client().indices.refresh(index=alias())
            server = LiveServer("127.0.0.1:0")
            try:
                yield Live(server.url, built, errors)
            finally:
                server.stop()
        finally:
            got_request_exception.disconnect(record)
            _remove_attachment_files()
            # As TransactionTestCase does: the sequences go on, above the restored ids.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(saved)
            get_client().options(ignore_status=404).indices.delete(index=f"{prefix}-*")
            overrides.disable()


def _remove_attachment_files():
    from complaints.models import Attachment

    for attachment in Attachment.objects.all():
        attachment.file.storage.delete(attachment.file.name)


# Building and firing a request ------------------------------------------------------------

PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def _value(value, values):
    if isinstance(value, dict):
        if "repeat" in value:
            return str(value["repeat"]) * int(value["times"])
        if "payload" in value:
            return payload(value["payload"])
        raise AssertionError(f"unknown value {value}")
    if isinstance(value, list):
        return [_value(v, values) for v in value]
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: values[m.group(1)], value)
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def _fields(mapping, values):
    return {key: _value(value, values) for key, value in (mapping or {}).items()}


def _session(live, role):
    session = requests.Session()
    session.cookies.set("csrftoken", CSRF_SECRET, domain="127.0.0.1")
    if role != "anonymous":
        session.cookies.set("sessionid", live.world.sessions[role], domain="127.0.0.1")
    return session


def _fire(live, entry, role):
    values = live.world.values
    method = entry.get("method", "GET").upper()
    headers = _fields(entry.get("headers"), values)
    if method not in ("GET", "HEAD", "OPTIONS", "TRACE") and entry.get("csrf", True):
        headers.setdefault("X-CSRFToken", CSRF_SECRET)
    files = {
        name: (_value(spec["name"], values), payload(spec["payload"]))
        for name, spec in (entry.get("files") or {}).items()
    }
    body = entry.get("body")
    request = requests.Request(
        method,
        live.url + _value(entry["path"], values),
        params=_fields(entry.get("query"), values),
        data=_value(body, values) if body is not None else _fields(entry.get("data"), values),
        files=files or None,
        headers=headers,
    )
    # One connection per request, closed after it: a server thread kept waiting on an
    # idle keep-alive connection holds a database connection of its own, and hundreds
    # of them would exhaust the server's.
    headers.setdefault("Connection", "close")
    with _session(live, role) as session:
        prepared = session.prepare_request(request)
        for name, value in headers.items():  # e.g. a Content-Length that lies
            prepared.headers[name] = value
        return session.send(prepared, allow_redirects=False, timeout=entry.get("timeout", 30))


def _counts():
    from django.apps import apps
    from django.db import connection

    tables = [apps.get_model(label)._meta.db_table for label in TABLES.values()]
    sql = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(TABLES, cursor.fetchone(), strict=True))


def _kept(live, paths):
    from complaints.models import ComplaintPage

    result = {}
    for path in paths:
        key, *attributes = path.split(".")
        value = ComplaintPage.objects.get(pk=live.world.complaints[key].page.pk)
        for attribute in attributes:
            # "first()" calls: a complaint's offers.first().status
            call = attribute.endswith("()")
            value = getattr(value, attribute.removesuffix("()"))
            value = value() if call else value
        result[path] = value
    return result


def _expected(entry, role):
    expect = entry["expect"]
    if isinstance(expect, dict):
        expect = expect.get(role, expect.get("other"))
        assert expect is not None, f"{entry['id']}: no expectation for {role}"
    return expect if isinstance(expect, list) else [expect]


def _unzipped(content: bytes) -> str:
    """The members of a zip answer (the personal-data download), as text: compressed,
    a leak would pass the check unseen."""
    if not content.startswith(b"PK\x03\x04"):
        return ""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(
            name + "\n" + archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
        )


def _leaks(live, role, response) -> list[str]:
    forbidden = live.world.forbidden(role)
    text = response.content.decode("utf-8", "replace").lower()
    text += "\n" + _unzipped(response.content).lower()
    text += "\n" + "\n".join(f"{k}: {v}" for k, v in response.headers.items()).lower()
    return sorted(token for token in forbidden if token.lower() in text)


# Marked as database tests so that pytest-django runs them with the other database
# tests, before any transactional test has emptied the database; each runs in a
# transaction of its own (on the test's connection, not the server's), rolled back after.
@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "role"), [c for c in CASES if "import" not in c.values[0]])
def test_hostile_request(live, entry, role):
    expected = _expected(entry, role)
    assert all(status < 500 for status in expected), "an entry never expects a 5xx"
    keeps = entry.get("keeps", [])
    before, kept = _counts(), _kept(live, keeps)
    live.errors.clear()

    requests_to_send = [
        {**entry, **step} for step in entry.get("before", []) for _ in range(step["times"])
    ] + [entry] * entry.get("repeat", 1)
    answers = []
    for request in requests_to_send:
        response = _fire(live, request, role)
        answers.append(response.status_code)
        assert response.status_code < 500, f"{response.status_code} from the server:\n" + "\n".join(
            live.errors
        )
    body = response.content.decode("utf-8", "replace")

    assert response.status_code in expected, (
        f"answered {answers} (expected {expected}); body: {body[:600]}"
    )
    assert not _leaks(live, role, response), f"leaked to {role}: {_leaks(live, role, response)}"
    for text in entry.get("contains", []):
        assert _value(text, live.world.values) in body
    for text in entry.get("not_contains", []):
        assert _value(text, live.world.values) not in body
    for pattern in entry.get("not_matches", []):
        assert not re.search(pattern, body), re.search(pattern, body).group(0)
    for name, text in (entry.get("header") or {}).items():
        assert text in response.headers.get(name, ""), f"{name}: {response.headers.get(name)}"
    for name in entry.get("no_header", []):
        assert name not in response.headers
    location = response.headers.get("Location", "")
    for text in entry.get("location_not", []):
        assert text not in location, location
    after = _counts()
    changed = {t: (before[t], after[t]) for t in TABLES if before[t] != after[t]}
    allowed = set(entry.get("stores", []))
    assert not set(changed) - allowed, f"stored: {changed}"
    assert _kept(live, keeps) == kept


# Import entries ---------------------------------------------------------------------------


def _resolve(value):
    """{repeat, times} anywhere inside an import line's value."""
    if isinstance(value, dict):
        if set(value) == {"repeat", "times"}:
            return str(value["repeat"]) * int(value["times"])
        return {key: _resolve(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item) for item in value]
    return value


def _import_line(entry) -> bytes:
    spec = entry["import"]
    if "merge" in spec:
        line = json.loads(json.dumps(SPEC["import_base"]))
        for key, value in spec["merge"].items():
            if value is None:
                line.pop(key, None)
            else:
                line[key] = _resolve(value)
        return json.dumps(line, ensure_ascii=False).encode()
    if "line" in spec:
        return spec["line"].encode("utf-8", "surrogatepass")
    made = payload(spec["payload"])
    return made if isinstance(made, bytes) else made.encode()


@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "role"), [c for c in CASES if "import" in c.values[0]])
def test_hostile_import_line(live, entry, role):
    before = _counts()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(_import_line(entry) + b"\n")
        handle.flush()
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(SystemExit) as exited:
            call_command("import_complaints", handle.name, stdout=out, stderr=err)

    assert exited.value.code == 1, out.getvalue() + err.getvalue()
    refusal = err.getvalue()
    assert refusal.startswith("regel 1: "), refusal
    assert "onverwachte fout" not in refusal, refusal
    assert entry["refused"] in refusal, refusal
    assert _counts() == before
