"""Loads the story index, its stories and article, their snippets, image and comments."""

from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Site

from campaign.demo_loading import differs
from events.demo_images import demo_image
from home.blocks import StoryBodyBlock
from home.demo.changes import strip_ids
from home.demo.story_content import (
    ARTICLE,
    AUTHOR,
    CATEGORIES,
    COMMENTS,
    DEMO_IMAGE_DESCRIPTION,
    DEMO_IMAGE_TITLE,
    INDEX,
    STORIES,
    STORY_SCENES,
    STORY_SETTINGS,
)
from home.models import (
    ArticlePage,
    Author,
    Comment,
    SiteSettings,
    StoryCategory,
    StoryIndexPage,
    StoryPage,
)
from home.services.comments import fingerprint as comment_fingerprint


def _resolve_pages(body, pages):
    """Fill in page references (written as names such as "HOME") with page ids."""
    resolved = []
    for block in body:
        value = block["value"]
        if block["type"] == "call_to_action":
            value = {**value, "page": pages[value["page"]].pk}
        resolved.append({"type": block["type"], "value": value})
    return resolved


def load_story_snippets(log):
    categories = {}
    for name, slug, description in CATEGORIES:
        category, created = StoryCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            log(f"Created the category {name!r}.")
        elif (category.name, category.description) != (name, description):
            category.name, category.description = name, description
            category.save()
            log(f"Updated the category {name!r}.")
        categories[slug] = category

    author = Author.objects.filter(name=AUTHOR["name"]).first()
    if author is None:
        author = Author.objects.create(**AUTHOR)
        log(f"Created the author {author.name!r}.")
    elif differs(author, AUTHOR):
        for field, value in AUTHOR.items():
            setattr(author, field, value)
        author.save()
        log(f"Updated the author {author.name!r}.")
    return categories, author


def load_demo_image(log):
    """An original, generated picture, so that cards and social previews have an image."""
    image = Image.objects.filter(title=DEMO_IMAGE_TITLE).first()
    if image is None:
        picture = PILImage.linear_gradient("L").resize((1600, 900))
        green = PILImage.new("RGB", picture.size, (47, 102, 82))
        blue = PILImage.new("RGB", picture.size, (197, 224, 230))
        buffer = BytesIO()
        PILImage.composite(green, blue, picture).save(buffer, "PNG")
        image = Image.objects.create(
            title=DEMO_IMAGE_TITLE,
            description=DEMO_IMAGE_DESCRIPTION,
            file=ImageFile(buffer, name="demo-gradient.png"),
        )
        log("Created the demo image.")
    return image


def _save_story_page(parent, model, spec, extra, log):
    """Create or update one story/article page; publish a revision only when it changed."""
    fields = {
        "title": spec["title"],
        "intro": spec["intro"],
        **{k: spec[k] for k in ("storyteller_name",) if k in spec},
        **extra,
    }
    body = spec["body"]
    page = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    categories = {c.slug for c in spec["categories_objects"]}
    tags = set(spec["tags"])
    if page is None:
        page = model(slug=spec["slug"], live=False, **fields)
        page.body = StoryBodyBlock().to_python(body)
        parent.add_child(instance=page)
        page.categories.set(spec["categories_objects"])
        page.tags.set(list(tags))
        page.save_revision().publish()
        log(f"Created {page._meta.verbose_name} {page.title!r}.")
        return page
    same_body = strip_ids(page.body.get_prep_value()) == strip_ids(
        StoryBodyBlock().get_prep_value(StoryBodyBlock().to_python(body))
    )
    same_categories = {c.slug for c in page.categories.all()} == categories
    same_tags = {t.name for t in page.tags.all()} == tags
    if differs(page, fields) or not (same_body and same_categories and same_tags) or not page.live:
        for field, value in fields.items():
            setattr(page, field, value)
        if not same_body:
            page.body = StoryBodyBlock().to_python(body)
        page.categories.set(spec["categories_objects"])
        page.tags.set(list(tags))
        page.save_revision().publish()
        log(f"Updated {page._meta.verbose_name} {page.title!r}.")
    return page


def load_comments(pages, log):
    for slug, name, body, status in COMMENTS:
        page = pages[slug]
        fingerprint = comment_fingerprint(page.pk, "demo", body)
        comment = Comment.objects.filter(page=page, fingerprint=fingerprint).first()
        if comment is None:
            Comment.objects.create(
                page=page,
                name=name,
                body=body,
                status=status,
                fingerprint=fingerprint,
                # Demo comments are not news to anyone: no notice mail for them.
                moderators_notified_at=timezone.now(),
            )
            log(f"Created a comment by {name} ({status}).")
        elif (comment.name, comment.status) != (name, status):
            comment.name, comment.status = name, status
            comment.save()
            log(f"Updated the comment by {name}.")


@transaction.atomic
def load_stories(log=print):
    """The story index, an advocacy article, two personal stories and some comments."""
    site = Site.objects.get(is_default_site=True)
    story_settings = SiteSettings.for_site(site)
    if differs(story_settings, STORY_SETTINGS):
        for field, value in STORY_SETTINGS.items():
            setattr(story_settings, field, value)
        story_settings.save()
        log("Wrote the story settings (disclaimer, crisis banner).")

    home = site.root_page.specific
    index = StoryIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    fields = {k: v for k, v in INDEX.items() if k != "slug"}
    if index is None:
        index = StoryIndexPage(slug=INDEX["slug"], live=False, **fields)
        home.add_child(instance=index)
        index.save_revision().publish()
        log("Created the story index.")
    elif differs(index, fields):
        for field, value in fields.items():
            setattr(index, field, value)
        index.save_revision().publish()
        log("Updated the story index.")

    categories, author = load_story_snippets(log)
    image = load_demo_image(log)
    pages = {"HOME": home}
    for spec in STORIES:
        spec = {**spec, "categories_objects": [categories[s] for s in spec["categories"]]}
        scene = (
            demo_image(STORY_SCENES[spec["slug"]], log) if spec["slug"] in STORY_SCENES else image
        )
        pages[spec["slug"]] = _save_story_page(index, StoryPage, spec, {"image": scene}, log)
    article = {
        **ARTICLE,
        "body": _resolve_pages(ARTICLE["body"], pages),
        "categories_objects": [categories[s] for s in ARTICLE["categories"]],
    }
    pages[ARTICLE["slug"]] = _save_story_page(
        index, ArticlePage, article, {"author": author, "image": demo_image("tea-table", log)}, log
    )
    load_comments(pages, log)
    return index
