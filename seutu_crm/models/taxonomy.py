from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin, TranslatableMixin
from wagtail.search import index

from .localised import localised


class Industry(models.Model):
    """A class of TOL 2008 (the Finnish edition of NACE Rev. 2): a section A–U or a finer code."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=255)
    name_sv = models.CharField(_("name in Swedish"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        return localised(self, "name")

    @property
    def section(self):
        """The TOL section letter this class belongs to."""
        node = self
        while node.parent_id:
            node = node.parent
        return node.code


class Competence(TranslatableMixin, RevisionMixin, index.Indexed, models.Model):
    """A node of the competence taxonomy: what actors know and what towns lack.

    Translated with wagtail-localize: each locale has its own row sharing ``translation_key``;
    organisations link to the default-locale row.
    """

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, allow_unicode=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader competence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_("Other words people use for this competence, one per line or comma-separated."),
    )
    description = models.TextField(_("description"), blank=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("synonyms"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self):
        return self.name

    @property
    def synonym_list(self):
        return [s.strip() for s in self.synonyms.replace(",", "\n").splitlines() if s.strip()]
