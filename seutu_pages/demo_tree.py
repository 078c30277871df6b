"""Two steps every demo builder takes in the page tree: a child page made once, and a
translation made once. Running a builder again finds what it made and creates nothing."""


def child(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``, created (and published) when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def translate(page, locale, fields):
    """The translation of ``page`` into ``locale``, created with ``fields`` when missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation, True
