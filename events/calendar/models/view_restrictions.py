"""A page's view restrictions, read once per page object.

Wagtail's serve hook reads the restrictions of the page it serves; the head's social tags
and the share card then ask the same page object again (two queries each time). The
hook's queryset, once evaluated, is kept on the instance and answers those later asks. A
page object lives for one request, and a queryset nobody has evaluated yet is asked
afresh, so an answer is never older than the read that served the page.
"""


class RestrictionsReadOnce:
    def get_view_restrictions(self):
        kept = self.__dict__.get("_tapestry_view_restrictions")
        if kept is not None and kept._result_cache is not None:
            return kept
        kept = super().get_view_restrictions()
        self.__dict__["_tapestry_view_restrictions"] = kept
        return kept
