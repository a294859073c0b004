"""A story's or article's page, its article and head kept rendered.

What a story page shows above its share links is the editor's: the title, intro, byline,
picture, body, disclaimer, author card, categories and tags, and in the head its canonical
address, feed links and structured data. It is kept under the editorial stamp (a publish,
a renamed category, tag or author replaces it), per address and print view. The one thing
readers change in it, the number of approved comments, is in the key: an approval draws
it afresh. The share links, the comments and their form stay live.
"""

from events.core.services import fragments

PARTS = ("head", "article")


def sections(request, page, context):
    """{"head", "article"}: the page's kept HTML, drawn with ``context`` on a miss."""
    values = (page.pk, request.path, context["print_view"], context["comment_page"].count)
    return fragments.kept_for_request(
        "story-page",
        request,
        values,
        lambda: fragments.render_parts("home/includes/story_", PARTS, context, request),
    )
