"""Where page models hand over to the rooms above the calendar.

An event page's sub-URLs (register, volunteer for a shift), a campaign's toolkit, an index's
month view, and the context a page shows from bookings and sharing are composed in
``events.routes``, which sits above every room. The calendar must never import upwards, so
it does not import ``events.routes``: the events app hands that module over here when it is
ready (``EventsConfig.ready``), and page models call ``handover.routes.<name>(...)``.
"""

routes = None


def provide(module):
    """Called once from ``EventsConfig.ready`` with ``events.routes``."""
    global routes
    routes = module
