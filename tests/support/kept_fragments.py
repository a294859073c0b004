"""Counting and watching what kept fragments render afresh (not taken from the cache)."""

from events.core.services import fragments


def count_fresh_renders(monkeypatch, name):
    """A list that gets, for each ``fragments.render_each`` call for pieces named ``name``,
    how many of them were not in the cache and so were rendered."""
    counted = []
    original = fragments.render_each

    def counting(piece_name, template_name, pieces):
        if piece_name == name:
            keys = [fragments.key_for(piece_name, values) for _context, values in pieces]
            counted.append(len(pieces) - len(fragments.cache.get_many(keys)))
        return original(piece_name, template_name, pieces)

    monkeypatch.setattr(fragments, "render_each", counting)
    return counted


def watch_renders(monkeypatch, template_name, pick):
    """A list that gets ``pick(context)`` each time ``template_name`` is drawn afresh for
    a kept piece (``fragments.render_kept``; a piece served from the cache adds nothing)."""
    seen = []
    original = fragments.render_to_string

    def watching(name, context=None, *args, **kwargs):
        if name == template_name:
            seen.append(pick(context))
        return original(name, context, *args, **kwargs)

    monkeypatch.setattr(fragments, "render_to_string", watching)
    return seen


def watch_calls(monkeypatch, owner, name):
    """A list that gets the positional arguments of each call to ``owner.name`` (a module's
    or a class's), which still runs: which kept pieces were drawn afresh."""
    calls = []
    original = getattr(owner, name)

    def watching(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, watching)
    return calls


def drew(response, template_name):
    """Whether the request drew ``template_name`` (rather than using a kept piece)."""
    return template_name in {template.name for template in response.templates}
