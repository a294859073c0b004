"""Share links as plain URLs: no buttons from other sites, no scripts, nothing that tracks.

Each service gets the page address (and title, and image where it asks for one) in its
documented "share" URL. Nothing is sent anywhere until the reader follows a link.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    href: str


def page_url(request, page):
    return request.build_absolute_uri(page.url) if request else page.full_url


def share_links(request, page, image_url=""):
    url = page_url(request, page)
    title = page.title
    summary = getattr(page, "intro", "") or page.search_description
    image = image_url
    links = [
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        ShareLink(
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ShareLink(
            "threads",
            "Threads",
            "https://www.threads.net/intent/post?" + urlencode({"text": f"{title} {url}"}),
        ),
    ]
    if image:
        links.append(
            ShareLink(
                "pinterest",
                "Pinterest",
                "https://www.pinterest.com/pin/create/button/?"
                + urlencode({"url": url, "media": image, "description": title}),
            )
        )
    links.append(
        ShareLink(
            "email",
            "Email",
            # mailto: needs %20 for spaces; a "+" would show up literally in mail programs.
            "mailto:?"
            + urlencode({"subject": title, "body": f"{summary}\n\n{url}".strip()}, quote_via=quote),
        )
    )
    links.append(ShareLink("print", "Print", f"{page.url}?view=print"))
    return links
