"""Image renditions made once per run for the same picture and filter, not once per test.

A page with a picture asks for each of its ``{% picture %}`` sizes in three formats, and
with each test's database rolled back none of those renditions is there for the next
test: the same plain test picture was decoded, resized and encoded to AVIF, WebP and JPEG
again in every test that showed it (about a twentieth of the fast suite's time). What
Wagtail's ``Filter.run`` makes depends only on the original file's bytes, the image's
focal point and the filter's spec, so its output is kept under those and written again
for the next test that asks. Wagtail still creates every rendition row and file as
usual: only the pixel work is shared.
"""

import hashlib
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

from wagtail.images.models import Filter


def _original_digest(image, source):
    if source is not None:
        position = source.tell()
        source.seek(0)
        digest = hashlib.sha256(source.read()).hexdigest()
        source.seek(position)
        return digest
    with image.open_file() as original:
        return hashlib.sha256(original.read()).hexdigest()


class _MadeOnce:
    def __init__(self, run):
        self.run = run
        self.made = {}
        self.hits = 0

    def key(self, spec, image, source):
        focal = (image.focal_point_x, image.focal_point_y)
        focal += (image.focal_point_width, image.focal_point_height)
        return (_original_digest(image, source), focal, spec)

    def __call__(self, filter_, image, output, source=None):
        key = self.key(filter_.spec, image, source)
        if key in self.made:
            self.hits += 1
            format_name, data = self.made[key]
            output.write(data)
            return SimpleNamespace(f=output, format_name=format_name)
        made = self.run(filter_, image, output, source=source)
        made.f.seek(0)
        self.made[key] = (made.format_name, made.f.read())
        return made


@contextmanager
def renditions_made_once():
    memo = _MadeOnce(Filter.run)

    def run(filter_, image, output, source=None):
        return memo(filter_, image, output, source=source)

    with mock.patch.object(Filter, "run", run):
        yield memo
