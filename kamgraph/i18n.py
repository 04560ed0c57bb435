"""Marking text for translation outside a request: the base layer's half of gettext.

Services, rules and models know no request and no language, so they mark their words with
`N_` (or `NP_` with a context) and hand them on in English; the web app translates them
when a page shows them (kamgraph/web_i18n.py), and the command line prints them as they are.
`pybabel extract` (scripts/i18n.sh) collects both markers into the catalogues.

A message with values keeps them apart, `N_("due %(day)s")` with `day=...`, so a
translation can put them where its grammar wants them; `KamgraphError` carries them so
(kamgraph/errors.py).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is translated when shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark `message` for the catalogue under `context`; it is translated when shown."""
    del context
    return message


class Message(str):
    """English text that remembers how it was made, so that a page can say it in the
    reader's language: `Message(N_("%(value)s is not a date"), value="'31.2.'")` is the str
    "'31.2.' is not a date" everywhere (the command line, the log, a test), and the web
    app's `said` filter translates its `template` and fills in its `values`."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        made = super().__new__(cls, template % values if values else template)
        made.template = template
        made.values = values
        return made
