"""The one path converter for numeric ids in every URL (``<id:name>``).

Django's ``int`` converter accepts any length of digits; a number past what a 64-bit
database column holds then overflows in the query (SQLite raises) and the page is a 500.
Ids here are at most 2**63 - 1, and anything longer or larger is simply no match: a 404.
Registered once, when this module is first imported (each urls module imports it).
"""

from django.urls import register_converter

BIGGEST_ID = 2**63 - 1


class BoundedIntConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > BIGGEST_ID:
            raise ValueError("too large for an id")  # the resolver then tries no match
        return number

    def to_url(self, value):
        return str(int(value))


register_converter(BoundedIntConverter, "id")
