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
