"""Small iCal feeds written line by line for the import tests."""

DEFAULTS = {
    "DTSTAMP": "20261101T090000Z",
    "DTSTART;TZID=Europe/London": "20270302T183000",
    "DTEND;TZID=Europe/London": "20270302T200000",
    "SEQUENCE": "0",
}


def vevent(uid, summary="Peer support circle", extra=None, **replace):
    """One VEVENT's lines. ``extra`` maps full property names (with parameters) to values
    and replaces a default of the same property; ``replace`` does the same by plain name
    (``location="..."``, ``status="CANCELLED"``); a value of None drops the property."""
    props = dict(DEFAULTS)
    given = dict(extra or {})
    given.update({name.upper().replace("_", "-"): value for name, value in replace.items()})
    for name, value in given.items():
        base = name.split(";")[0]
        props = {k: v for k, v in props.items() if k.split(";")[0] != base}
        if value is not None:
            props[name] = value
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{summary}"]
    lines += [f"{name}:{value}" for name, value in props.items()]
    lines.append("END:VEVENT")
    return lines


def feed(*events):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tapestry tests//EN"]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()
