"""Which page of a story's approved comments a reader sees, read without the rest.

Page 1 holds the newest comments, so a comment approved a moment ago shows on the page
readers land on; "older comments" go back in time. Each page keeps the reading order of a
conversation (oldest at the top). Only the count and the rows of the page shown are read,
so a story with a thousand comments costs what one with twenty does.
"""

from dataclasses import dataclass
from math import ceil

from events.core.services import editorial_stamp
from home.models import Comment

PER_PAGE = 20
# The query parameter naming the page (?comments=2#comments).
PARAM = "comments"


@dataclass(frozen=True)
class CommentPage:
    comments: list  # this page's comments, oldest first
    number: int  # 1 is the newest page
    count: int  # every approved comment on the story
    per_page: int = PER_PAGE

    @property
    def num_pages(self):
        return max(1, ceil(self.count / self.per_page))

    @property
    def has_newer(self):
        return self.number > 1

    @property
    def has_older(self):
        return self.number < self.num_pages

    @property
    def newer_number(self):
        return self.number - 1

    @property
    def older_number(self):
        return self.number + 1

    @property
    def first_ordinal(self):
        """The place of this page's first comment in the whole thread (oldest is 1)."""
        return max(1, self.count - self.number * self.per_page + 1)

    def kept_values(self):
        """What the kept (cached) rendering of this page shows: its key."""
        return (
            self.number,
            self.count,
            *((c.pk, c.name, c.body, c.created_at) for c in self.comments),
        )


def requested_number(value):
    """The page a query value asks for: a positive whole number, else the first page."""
    try:
        number = int(str(value or "").strip())
    except ValueError:
        return 1
    return max(number, 1)


def comment_page(page_id, value, per_page=PER_PAGE):
    """Page ``value`` (a raw query value) of the approved comments on page ``page_id``.

    Anything that is not a page number shows the first (newest) page; a number past the
    end shows the last (oldest) one.
    """
    approved = Comment.objects.filter(page_id=page_id, status=Comment.Status.APPROVED)
    count = approved.count()
    if not count:
        return CommentPage([], 1, 0, per_page)
    number = min(requested_number(value), ceil(count / per_page))
    start = (number - 1) * per_page
    newest_first = approved.only("pk", "name", "body", "created_at").order_by("-created_at", "-pk")
    rows = list(newest_first[start : start + per_page])
    rows.reverse()
    return CommentPage(rows, number, count, per_page)


def kept_comment_page(page_id, value, per_page=PER_PAGE):
    """``comment_page``, kept in the process under the comments stamp (which moderating,
    editing or deleting a comment replaces) per story and page asked for: a story's view
    then asks the database nothing about its comments."""
    number = requested_number(value)
    return editorial_stamp.kept_here(
        f"comment-page:{page_id}:{number}:{per_page}",
        lambda: comment_page(page_id, number, per_page),
        room="pages",
        also=("comments",),
    )
