from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryKind(models.TextChoices):
    SUCCESS_STORY = "success_story", _("Success story")
    GOOD_PRACTICE = "good_practice", _("Good practice from elsewhere")
    NEWS = "news", _("News")
