"""Housekeeping for the embedded broker (kombu's SQLAlchemy transport on a SQLite file).

That transport marks a delivered message invisible and never deletes it, so under beat's
steady traffic (a few tasks a minute) the file grows by megabytes a day and every read
scans more rows. Delivered rows are finished with from the broker's point of view (this
transport acknowledges on read), so they can go.
"""

import sqlalchemy

EMBEDDED_PREFIX = "sqla+"


def is_embedded(broker_url):
    return broker_url.startswith(EMBEDDED_PREFIX + "sqlite")


def delete_delivered(broker_url):
    """Delete the delivered messages of the embedded broker at ``broker_url``; return how many.

    Does nothing (0) for any other broker, or before the transport has made its tables."""
    if not is_embedded(broker_url):
        return 0
    engine = sqlalchemy.create_engine(
        broker_url.removeprefix(EMBEDDED_PREFIX), connect_args={"timeout": 30}
    )
    try:
        with engine.begin() as connection:
            if not sqlalchemy.inspect(connection).has_table("kombu_message"):
                return 0
            result = connection.execute(
                sqlalchemy.text("DELETE FROM kombu_message WHERE visible = 0")
            )
            return result.rowcount
    finally:
        engine.dispose()
