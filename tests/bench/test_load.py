"""bench/load.py's locust users, checked without running a load: they import, and every
path they request reaches the view it is meant for."""

import json
import subprocess
import sys

from django.urls import resolve

from bench.load import MIX, ROOT, parse_args

SAMPLES = {"fmt": "csv", "company": 1, "draft": 2, "pk": 3}

# Importing locust patches the standard library for gevent, so the users are loaded in a
# child process and reported as JSON.
LIST_USERS = """
import json, sys
sys.path.insert(0, {root!r})
from bench import locustfile
from locust import User
classes = [n for n, c in vars(locustfile).items()
           if isinstance(c, type) and issubclass(c, User) and not c.__dict__.get("abstract")
           and c.__module__ == locustfile.__name__]
print(json.dumps({{"classes": classes, "routes": locustfile.ROUTES, "mix": locustfile.MIX}}))
"""


def locust_users() -> dict:
    result = subprocess.run(
        [sys.executable, "-c", LIST_USERS.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"LOAD_TARGETS": "", "LOAD_USERS": "8", "PATH": "/usr/bin:/bin"},
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_the_locust_users_import_and_their_paths_reach_the_right_views():
    users = locust_users()
    # The mix bench/load.py asks for is what the locustfile defines.
    assert users["mix"] == MIX
    assert set(MIX) | {"PublicPages", "BareView", "SearchApi", "RawSearch"} <= set(users["classes"])
    for path, view_name in users["routes"].items():
        match = resolve(path.format(**SAMPLES))
        assert match.url_name == view_name, (path, match.url_name)


def test_the_phases_are_flags_and_the_data_size_has_a_small_default():
    args = parse_args(["--load", "--soak", "--minutes", "2", "--es-port", "9490"])
    assert (args.load, args.soak, args.find_max, args.faults) == (True, True, False, False)
    assert args.minutes == 2 and args.es_port == 9490
    assert args.n == 20_000
