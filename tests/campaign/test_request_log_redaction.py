import logging

TOKEN = "WyJjMGMwZWI1YS1hYzU0LTRiMjMtOWIwZS03ZTA5NzU2ODJmZTkiLDFd:1xYFOd:do6u_vXts6xG36RfXt6jpbDod"


def emitted(logger_name, message, *args):
    """What the configured handlers of ``logger_name`` would write for one record."""
    logger = logging.getLogger(logger_name)
    record = logger.makeRecord(logger_name, logging.INFO, __file__, 1, message, args, None)
    handlers = logger.handlers if not logger.propagate else logging.getLogger().handlers
    assert handlers, f"{logger_name} has no handler"
    lines = []
    for handler in handlers:
        if handler.filter(record):
            lines.append(handler.format(record))
    return lines


def test_runserver_request_lines_show_no_booking_token():
    # The shape of the development server's request line (django.server).
    lines = emitted("django.server", '"%s" %s %s', f"GET /my-bookings/{TOKEN}/ HTTP/1.1", 200, 6633)

    assert lines
    for line in lines:
        assert TOKEN not in line
        assert "/my-bookings/[token]/" in line
