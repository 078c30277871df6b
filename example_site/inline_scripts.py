"""Wagtail's inline initialisers, moved out of the way of our Content Security Policy.

Wagtail 8's admin (and wagtail-localize) still write a few inline ``<script>`` elements: chooser
widgets (``new SnippetChooser("id_town", {...});``), date and time pickers, InlinePanel and
MultipleChooserPanel, and two small scripts of wagtail-localize (upstream: wagtail#1288,
wagtail#12940). Our script-src has no ``'unsafe-inline'``, so the browser refuses them and the
widgets stay dead.

:func:`defuse` recognises exactly those initialisers and rewrites each into an inert data block,
``<script type="application/json" data-seutu-init>{"call": ..., "args": [...]}</script>``, which
the static ``seutu_admin/inline-init.js`` runs, calling only the names it allows. Any other inline
script is left as it is and stays blocked, so an injected script gains nothing from this. When
Wagtail drops an initialiser, its pattern here simply stops matching.
"""

import json
import re
from typing import NamedTuple

from django.templatetags.static import static

RUNNER = "seutu_admin/inline-init.js"

# Wagtail writes its initialisers as attribute-less <script> elements; wagtail-localize adds a
# type. An inline script cannot contain "</script>", so the lazy match ends at its own end tag.
SCRIPT = re.compile(r'<script(?: type="text/javascript")?>(.*?)</script>', re.S)

CONSTRUCTOR = re.compile(
    r"new (Chooser|PageChooser|SnippetChooser|ImageChooser|DocumentChooser)\((.*)\);", re.S
)
FUNCTION = re.compile(r"(initDateChooser|initTimeChooser|initDateTimeChooser)\((.*)\);", re.S)
PANEL = re.compile(
    r'\(function\(\) \{\s*var panel = new (InlinePanel|MultipleChooserPanel)'
    r'\(JSON\.parse\(("(?:[^"\\]|\\.)*")\)\);\s*\}\)\(\);',
    re.S,
)
LOCALIZE_CHOOSER_URLS = re.compile(
    r'if \(typeof window\.chooserUrls === "undefined"\) \{\s*window\.chooserUrls = \{\s*'
    r'imageChooser: ("[^"]*"),\s*documentChooser: ("[^"]*"),\s*pageChooser: ("[^"]*"),\s*\}\s*\}',
    re.S,
)
# wagtail-localize's "select all locales" box on its submit page, word for word.
LOCALIZE_SELECT_ALL = " ".join(
    """
    document.addEventListener('DOMContentLoaded', function() {
        var selectAll = document.querySelector('[name="select_all"]');
        var locales = document.querySelectorAll('[name="locales"]');

        selectAll.addEventListener('change', function() {
            for (var i = 0; i < locales.length; i++) {
                locales[i].checked = selectAll.checked;
            }
        });
    });
    """.split()
)


class Initialiser(NamedTuple):
    """One initialiser call: the allowed name inline-init.js calls, and its JSON arguments."""

    call: str
    args: list


def recognise(body):
    """The :class:`Initialiser` an inline script's text is, or None for any other script."""
    body = body.strip()
    try:
        if match := CONSTRUCTOR.fullmatch(body) or FUNCTION.fullmatch(body):
            return Initialiser(match[1], json.loads(f"[{match[2]}]"))
        if match := PANEL.fullmatch(body):
            # The options are JSON inside a JavaScript string written with escapejs, whose
            # \uXXXX escapes JSON reads alike.
            return Initialiser(match[1], [json.loads(json.loads(match[2]))])
        if match := LOCALIZE_CHOOSER_URLS.fullmatch(body):
            image, document, page = (json.loads(url) for url in match.groups())
            urls = {"imageChooser": image, "documentChooser": document, "pageChooser": page}
            return Initialiser("setChooserUrls", [urls])
    except ValueError:  # arguments that are not plain JSON: not one of Wagtail's
        return None
    if " ".join(body.split()) == LOCALIZE_SELECT_ALL:
        return Initialiser("selectAllLocales", [])
    return None


def data_block(initialiser):
    """The inert element that carries ``initialiser``, safe inside HTML as json_script is."""
    text = json.dumps(initialiser._asdict()).translate(
        {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
    )
    return f'<script type="application/json" data-seutu-init>{text}</script>'


def defuse(html):
    """``html`` with Wagtail's inline initialisers as data blocks, and the runner loaded in the
    head when there were any; unchanged when there were none."""
    changed = False

    def replace(match):
        nonlocal changed
        initialiser = recognise(match[1])
        if initialiser is None:
            return match[0]
        changed = True
        return data_block(initialiser)

    html = SCRIPT.sub(replace, html)
    if changed:
        runner = f'<script src="{static(RUNNER)}"></script>'
        html = html.replace("</head>", runner + "</head>", 1)
    return html
