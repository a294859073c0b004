"""Which campaign an event belongs to by where the editor placed it in the page tree.

The page tree is the editor's intent: an event created under a campaign page is part of
that campaign unless the editor says otherwise, and a choice that disagrees with the tree
is shown to the editor as a warning (it still saves: the editor may mean it).
"""

from django.utils.translation import gettext as _

from events.calendar.models.campaign_pages import CampaignPage

# Where a page instance keeps the campaign found above it, with the path it was found for.
_FOUND = "_campaign_in_tree"


def campaign_in_tree(page, parent=None):
    """The nearest campaign page above ``page`` (or at/above ``parent`` for a new page).

    Creating and publishing a page saves the same instance more than once, each save asking
    again: the answer is kept on the instance with the path it was found for. The pages
    above a path stay where they are (moving one moves the pages below it, to new paths)
    and keep their type, so a page at the same path has the same campaign above it; a
    page that moves has a new path and is looked up afresh."""
    if parent is not None:
        return _deepest(CampaignPage.objects.ancestor_of(parent, inclusive=True))
    if not page.path or page.depth is None or page.depth < 2:
        return None
    found = page.__dict__.get(_FOUND)
    if found is not None and found[0] == page.path:
        return found[1]
    campaign = _deepest(CampaignPage.objects.ancestor_of(page))
    page.__dict__[_FOUND] = (page.path, campaign)
    return campaign


def _deepest(campaigns):
    """The deepest of ``campaigns``, or None. Its id is found first: most pages have no
    campaign above them, and a query for one column is a fraction of the work of one for
    every column of a campaign page."""
    found = campaigns.order_by("-depth").values_list("pk", flat=True).first()
    return None if found is None else CampaignPage.objects.filter(pk=found).first()


def default_campaign(page):
    """Fill an empty campaign from the tree; returns True when it changed."""
    if page.campaign_id is not None:
        return False
    campaign = campaign_in_tree(page)
    if campaign is None:
        return False
    page.campaign = campaign
    return True


def disagreement(page, parent=None):
    """A sentence for the editor when the chosen campaign is not the one above the page."""
    campaign = campaign_in_tree(page, parent)
    if campaign is None or page.campaign_id in (None, campaign.pk):
        return None
    return _(
        "“%(page)s” sits under the campaign page “%(tree)s” but is set to be "
        "part of “%(chosen)s”. It is listed with “%(chosen)s”; "
        "choose “%(tree)s” or move the page if that is not what you meant."
    ) % {"page": page.title, "tree": campaign.title, "chosen": page.campaign.title}
