"""The embedded broker forgets delivered messages: kombu's SQLAlchemy transport keeps them
for ever, so without the tidy the file only grows. Real kombu, a real SQLite file."""

import sqlalchemy
from kombu import Connection

from campaign import broker_tidy
from campaign.celery import app


def broker_url(tmp_path):
    return f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"


def stored_rows(url):
    engine = sqlalchemy.create_engine(url.removeprefix("sqla+"))
    with engine.connect() as connection:
        rows = connection.execute(sqlalchemy.text("SELECT visible FROM kombu_message")).all()
    engine.dispose()
    return sorted(bool(visible) for (visible,) in rows)


def publish_and_take(url, *, sent, taken):
    with Connection(url) as connection:
        queue = connection.SimpleQueue("tidy-test")
        for number in range(sent):
            queue.put({"n": number})
        received = []
        for _ in range(taken):
            message = queue.get(timeout=5)
            message.ack()
            received.append(message.payload["n"])
        queue.close()
    return received


def test_delivered_messages_are_deleted_and_waiting_ones_kept(tmp_path):
    url = broker_url(tmp_path)
    assert publish_and_take(url, sent=5, taken=3) == [0, 1, 2]
    # The control: the transport itself keeps all five rows, three marked delivered.
    assert stored_rows(url) == [False, False, False, True, True]

    assert broker_tidy.delete_delivered(url) == 3

    assert stored_rows(url) == [True, True]
    # What was still waiting is delivered afterwards, in order.
    assert publish_and_take(url, sent=0, taken=2) == [3, 4]


def test_tidy_leaves_other_brokers_and_a_fresh_file_alone(tmp_path):
    assert broker_tidy.delete_delivered("redis://127.0.0.1:6379/0") == 0
    assert broker_tidy.delete_delivered("memory://") == 0
    assert broker_tidy.delete_delivered(broker_url(tmp_path)) == 0


def test_the_task_is_registered_under_its_name():
    assert "campaign.celery.tidy_embedded_broker" in app.tasks
