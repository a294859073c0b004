"""Short-hands for writing the demo's stream-field content (stories and trust pages)."""


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def key_points(points, heading=""):
    return {"type": "key_points", "value": {"heading": heading, "points": points}}


def resource(name, url, description):
    return {
        "type": "resource",
        "value": {"name": name, "url": url, "description": description, "phone": ""},
    }
