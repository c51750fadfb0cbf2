"""A task worker killed with SIGKILL while it delivers mail: every message still reaches
a real SMTP server exactly once.

Production-like on purpose: the real `manage.py qcluster` under the production settings,
Redis as its broker (the suite's Redis on REDIS_PORT, which `make test` starts; a Redis
database of the test's own), an aiosmtpd server on a free port that holds the first message
it is given before answering, and a claim of a few seconds (OUTBOX_CLAIM_SECONDS). The
worker in that conversation is killed; the cluster's sentinel starts a new one, the
Redis broker does not hand the dead worker's task out again, and the message comes back
when its claim runs out, at the next run of deliver_outbox (here a kick; in production
the every-minute schedule at the latest).

What this does not cover, because SMTP cannot: a kill after the server's 250 but before
the row is marked sent. That message goes out twice, with the same Message-ID
(complaints.outbox.message_id), which receivers use to drop the repeat.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import redis
from django.db import connection

from complaints import outbox, services
from complaints.models import OutboxMessage
from complaints.notifications import kick_delivery
from tests.processes import descendants

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 20
CLAIM_SECONDS = 3
REDIS_DB = 13  # the test's own; the site and `make prod` use 0
# One key on both sides: django-q2 signs the tasks it queues with it, and the production
# settings refuse the test settings' weak one.
SECRET_KEY = "exactly-once-" + "k7Qx2" * 10
STALL_LIMIT = 30  # seconds the sink holds a message before it gives up (a failed test)


class StallingSink:
    """An SMTP server's handler that records the Message-ID of each message it accepts
    (answers 250 to), and holds the first one without answering until its client goes
    away. aiosmtpd cancels the handler when the connection is lost, so a message whose
    sender died before the answer is never recorded, as a real server would not
    deliver it."""

    def __init__(self):
        self.accepted: list[str] = []
        self.stalled = threading.Event()
        self.stalled_peer: tuple[str, int] | None = None
        self.stalled_id = ""
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        if not self.stalled.is_set():
            self.stalled_peer, self.stalled_id = session.peer, message["Message-ID"]
            self.stalled.set()
            await asyncio.sleep(STALL_LIMIT)
            return "451 held too long"
        with self._lock:
            self.accepted.append(message["Message-ID"])
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_holding(local_port: int, remote_port: int, among: set[int]) -> int:
    """The process whose TCP socket runs from local_port to remote_port (from /proc)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == local_port and int(remote.split(":")[1], 16) == (
            remote_port
        ):
            inode = fields[9]
    assert inode, f"no TCP connection from port {local_port} to {remote_port}"
    for pid in among:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        if f"socket:[{inode}]" in links:
            return pid
    raise AssertionError("no process of the cluster holds the SMTP connection")


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {seconds} s"
        time.sleep(0.2)


@pytest.fixture
def redis_url(monkeypatch):
    """The suite's Redis, in a database no one else uses (the queue's key is the same
    for every cluster named klachtenkompas). Kicks from this process go where
    production's go: onto that broker (django-q2 reads its settings once, at import)."""
    from django_q.conf import Conf

    url = f"redis://127.0.0.1:{os.environ.get('REDIS_PORT', '6390')}/{REDIS_DB}"
    server = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        server.flushdb()
    except redis.RedisError as exc:
        pytest.fail(f"the suite's Redis at {url} does not answer ({exc}); `make test` starts it")
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "REDIS", url)
    monkeypatch.setattr(Conf, "SECRET_KEY", SECRET_KEY)
    yield url
    server.flushdb()


@pytest.fixture
def sink():
    from aiosmtpd.controller import Controller

    handler = StallingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def start_cluster(redis_url: str, smtp_port: int) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "ELASTICSEARCH_URL": os.environ.get(
            "ELASTICSEARCH_URL", f"http://127.0.0.1:{os.environ.get('ELASTICSEARCH_PORT', 9200)}"
        ),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "REDIS_URL": redis_url,
        "Q_WORKERS": "2",
        "OUTBOX_CLAIM_SECONDS": str(CLAIM_SECONDS),
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own group, so the clean-up reaches every process
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_conversation_leaves_every_message_delivered_exactly_once(
    make_complaint, consumer, redis_url, sink
):
    handler, smtp_port = sink
    OutboxMessage.objects.all().delete()
    # Through the one door: each submission writes its message and kicks the cluster.
    for _ in range(MESSAGES):
        services.transition(make_complaint(status="draft"), "submit", actor=consumer)
    rows = list(OutboxMessage.objects.all())
    assert len(rows) == MESSAGES
    expected = {outbox.message_id(row) for row in rows}

    cluster = start_cluster(redis_url, smtp_port)
    try:
        assert handler.stalled.wait(40), "no worker reached the SMTP server"
        stalled_at = time.monotonic()
        worker = process_holding(handler.stalled_peer[1], smtp_port, descendants(cluster.pid))
        os.kill(worker, signal.SIGKILL)

        # The other messages go out meanwhile (the cluster's other worker and the new
        # one); the one in flight is held by its claim, then sent by the next run: one
        # of the kicks still queued, or this one, as the schedule would.
        wait_for(
            lambda: OutboxMessage.objects.filter(status="sent").count() >= MESSAGES - 1,
            20,
            "delivery of the other messages",
        )
        assert cluster.poll() is None, "the cluster died with its worker"
        time.sleep(max(0.0, stalled_at + CLAIM_SECONDS + 0.5 - time.monotonic()))
        kick_delivery()
        wait_for(
            lambda: OutboxMessage.objects.filter(status="sent").count() == MESSAGES,
            20,
            "delivery of the message the dead worker held",
        )
    except AssertionError as failure:
        os.killpg(cluster.pid, signal.SIGKILL)
        sent = OutboxMessage.objects.filter(status="sent").count()
        raise AssertionError(
            f"{failure} ({sent} sent)\n--- qcluster said:\n{cluster.stdout.read()}"
        ) from None
    finally:
        if cluster.poll() is None:
            os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait(10)

    counts = Counter(handler.accepted)
    assert set(counts) == expected, "a message was lost or unknown"
    assert max(counts.values()) == 1, f"delivered twice: {[m for m, n in counts.items() if n > 1]}"
    # The message in flight was tried twice: once by the dead worker, once after.
    stalled = OutboxMessage.objects.get(pk=int(handler.stalled_id.split("-")[1].split(".")[0]))
    assert outbox.message_id(stalled) == handler.stalled_id
    assert (stalled.status, stalled.attempts) == ("sent", 2)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
