"""What the demo loaders of every app share: they save only what differs from the stored
rows, so loading the demo twice writes nothing the second time."""


def differs(obj, values):
    return any(getattr(obj, field) != value for field, value in values.items())


def publish_translation(source, locale, fields, log, *, language_name, extra=None):
    """Create or update ``source``'s page in ``locale`` with ``fields`` set, publishing a
    revision only when something changed. ``extra(page)``, if given, returns a function
    that applies further changes (a body), or None when there are none."""
    page = source.get_translation_or_none(locale)
    created = page is None
    if created:
        # Loaders translate parents before children, so nothing else is copied.
        page = source.copy_for_translation(locale, copy_parents=True)
    page = page.specific
    apply_extra = extra(page) if extra else None
    if not (created or differs(page, fields) or apply_extra or not page.live):
        return page
    for field, value in fields.items():
        setattr(page, field, value)
    if apply_extra:
        apply_extra(page)
    page.save_revision().publish()
    page.refresh_from_db()
    verb = "Created" if created else "Updated"
    log(f"{verb} the {language_name} page {page.title!r} ({source.title!r}).")
    return page
