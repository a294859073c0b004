from events.submissions.models.submissions import Submission

__all__ = ["Submission"]
