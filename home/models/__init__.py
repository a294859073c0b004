"""The home app's models, re-exported here for migrations, string references and imports."""

from home.models.comments import Comment, approved_comment_count
from home.models.pages import ContentPage, HomePage
from home.models.rich_text import INTRO_FEATURES
from home.models.site_settings import SiteSettings
from home.models.site_wording import SiteWording, worded_settings
from home.models.snippets import Author, StoryCategory
from home.models.stories import (
    ArticlePage,
    ArticlePageTag,
    BaseStoryPage,
    StoryIndexPage,
    StoryPage,
    StoryPageTag,
)
from home.models.submissions import StorySubmission

__all__ = [
    "INTRO_FEATURES",
    "ArticlePage",
    "ArticlePageTag",
    "Author",
    "BaseStoryPage",
    "Comment",
    "ContentPage",
    "HomePage",
    "SiteSettings",
    "SiteWording",
    "StoryCategory",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
    "StorySubmission",
    "approved_comment_count",
    "worded_settings",
]
