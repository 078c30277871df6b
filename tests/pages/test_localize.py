"""Editors translate pages with wagtail-localize: the translation is a page of its own locale."""

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from tests.factories import CompetenceFactory, TownFactory

from .page_factories import make_story, make_story_index, translate


def test_a_story_translated_with_wagtail_localize_is_published_in_english(
    client, home, django_capture_on_commit_callbacks
):
    town = TownFactory()
    index = make_story_index(home)
    story = make_story(
        index,
        title="Menestystarina",
        summary="Yritys kasvoi.",
        towns=[town],
        body=[{"type": "paragraph", "value": "<p>Kasvua osaamisesta.</p>"}],
    )
    story.competences.set([CompetenceFactory()])
    story.tags.add("kasvu")
    story.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    translate(home, "en", title="Regional towns")
    translate(index, "en", title="Stories", slug="stories")

    source, _created = TranslationSource.get_or_create_from_instance(story)
    for segment in source.stringsegment_set.select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            data={
                "Menestystarina": "Success story",
                "Yritys kasvoi.": "The company grew.",
                "Kasvua osaamisesta.": "Growth from competence.",
            }.get(segment.string.data, segment.string.data),
        )
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        source.create_or_update_translation(english, publish=True)

    translated = story.get_translation(english)
    html = client.get(translated.url).content.decode()
    assert translated.live
    assert '<html lang="en">' in html
    assert "Success story" in html and "Growth from competence." in html
    assert list(translated.specific.towns.all()) == [town]
