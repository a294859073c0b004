"""PostgreSQL backstop for seats: a deferred constraint trigger that counts active bookings.

The check constraint on ``events_bookable.seats_taken`` guards only the counter; this
trigger counts the bookings that hold a seat (pending, offered, confirmed) against the
capacity when a transaction commits, whatever the counter says. It locks the bookable row
first, so two commits cannot both see room for the last seat. PostgreSQL only (SQLite
serialises every write transaction already); see docs/locking.md.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION events_bookable_within_capacity(bookable bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    seats integer;
    held integer;
BEGIN
    -- The same row lock the booking service takes: commits touching one bookable queue
    -- here, and each count below then sees the bookings committed before it.
    SELECT capacity INTO seats FROM events_bookable WHERE id = bookable FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT count(*) INTO held FROM events_booking
        WHERE bookable_id = bookable AND status IN ('pending', 'offered', 'confirmed');
    IF held > seats THEN
        RAISE EXCEPTION 'booking_within_capacity: bookable % has % bookings holding a seat '
            'but capacity %', bookable, held, seats
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_within_capacity';
    END IF;
END;
$$;

CREATE OR REPLACE FUNCTION events_booking_within_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM events_bookable_within_capacity(NEW.bookable_id);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION events_bookable_capacity_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM events_bookable_within_capacity(NEW.id);
    RETURN NULL;
END;
$$;

-- Checked at commit (deferred): a transaction may pass through a state with one seat too
-- many (offer a seat, then cancel another) as long as it ends within capacity.
CREATE CONSTRAINT TRIGGER booking_within_capacity
    AFTER INSERT OR UPDATE OF status, bookable_id ON events_booking
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.status IN ('pending', 'offered', 'confirmed'))
    EXECUTE FUNCTION events_booking_within_capacity();

CREATE CONSTRAINT TRIGGER bookable_capacity_kept
    AFTER UPDATE OF capacity ON events_bookable
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.capacity < OLD.capacity)
    EXECUTE FUNCTION events_bookable_capacity_kept();
"""

DROP = """
DROP TRIGGER IF EXISTS bookable_capacity_kept ON events_bookable;
DROP TRIGGER IF EXISTS booking_within_capacity ON events_booking;
DROP FUNCTION IF EXISTS events_bookable_capacity_kept();
DROP FUNCTION IF EXISTS events_booking_within_capacity();
DROP FUNCTION IF EXISTS events_bookable_within_capacity(bigint);
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters, so the "%" of RAISE's format string stays as it is.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ('events', '0013_finding_volunteeringpage'),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
