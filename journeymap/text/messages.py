"""Keeping the catalogues in step with the code: Babel extracts the message ids, each ``.po`` is updated.

``make messages`` runs ``python -m journeymap.text.messages``: it reads every ``gettext``, ``ngettext``,
``pgettext``, ``npgettext`` and ``N_`` call in ``journeymap/`` and merges them into each language's
catalogue. New messages arrive untranslated, changed ones as *fuzzy* guesses, removed ones as
*obsolete* (``#~``) entries: translate the first, check the second (then delete the ``#, fuzzy``
line) and delete the third (``--drop-obsolete`` does it). The test suite fails until that is done.

Message ids are literal English strings in the call, never f-strings: put variable parts in
``{placeholders}`` and pass them as keyword arguments (a translation may reorder them). A comment
starting with ``Translators:`` just above a call reaches the translator.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from journeymap.text.catalogue import DOMAIN, catalogue_path
from journeymap.text.languages import DEFAULT_LANGUAGE, LANGUAGES

__all__ = ["KEYWORDS", "SOURCE", "extract", "is_translated", "read", "update"]

SOURCE = Path(__file__).resolve().parents[1]
"""The package whose code holds the message ids (``journeymap/``)."""

KEYWORDS = {name: DEFAULT_KEYWORDS[name] for name in ("gettext", "ngettext", "pgettext", "npgettext", "N_")}
"""The calls whose string arguments are message ids (Babel's specification of their arguments)."""


def extract(source: Path = SOURCE) -> Catalog:
    """Every message id used in the Python code under ``source``, with the files that use it."""
    template = Catalog(domain=DOMAIN, project="journeymap", msgid_bugs_address="", fuzzy=False)
    found = extract_from_dir(str(source), method_map=[("**.py", "python")], keywords=KEYWORDS,
                             comment_tags=("Translators:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        where = (Path(source.name, filename).as_posix(), lineno)
        template.add(message, None, [where], auto_comments=comments, context=context)
    return template


def is_translated(message: Message) -> bool:
    """Whether ``message`` has its translation (every plural form of it)."""
    forms = message.string if isinstance(message.string, list | tuple) else [message.string]
    return bool(forms) and all(forms)


def read(language: str, path: Path | None = None) -> Catalog:
    """The catalogue of ``language`` as it is on disk (fuzzy and obsolete entries included)."""
    with (path or catalogue_path(language)).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def update(language: str, *, drop_obsolete: bool = False, source: Path = SOURCE, path: Path | None = None) -> Path:
    """Merge the message ids of the code under ``source`` into ``language``'s catalogue (at ``path``,
    by default the package's own; created when missing) and write it."""
    path = path or catalogue_path(language)
    catalog = read(language, path) if path.exists() else Catalog(locale=language, domain=DOMAIN,
                                                                  project="journeymap", msgid_bugs_address="")
    created = catalog.creation_date
    catalog.update(extract(source), update_header_comment=False)
    catalog.creation_date = created  # the header changes only when a translator edits it
    for message in catalog:
        if not message.fuzzy:  # the "#| msgid" hint is for a fuzzy guess, not for a checked translation
            message.previous_id = ()  # (Babel reads such hints back as "# | msgid" comments: drop those too)
            message.user_comments = [c for c in message.user_comments if not c.startswith("| msg")]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, include_lineno=False, ignore_obsolete=drop_obsolete,
                 include_previous=True)
    return path


def main(argv: list[str] | None = None) -> None:
    """``python -m journeymap.text.messages [--drop-obsolete] [LANGUAGE ...]``: update the catalogues."""
    parser = argparse.ArgumentParser(prog="python -m journeymap.text.messages", description=main.__doc__)
    others = [language for language in LANGUAGES if language != DEFAULT_LANGUAGE]
    parser.add_argument("languages", nargs="*", choices=[*others, []], metavar="LANGUAGE",
                        help=f"the catalogues to update (default: {', '.join(others)})")
    parser.add_argument("--drop-obsolete", action="store_true", help="delete messages the code no longer uses")
    args = parser.parse_args(argv)
    for language in args.languages or others:
        catalog = read(language) if catalogue_path(language).exists() else None
        path = update(language, drop_obsolete=args.drop_obsolete)
        after = read(language)
        missing = sum(1 for message in after if message.id and not is_translated(message))
        fuzzy = sum(1 for message in after if message.id and message.fuzzy)
        print(f"{path}: {len(after)} messages ({len(after) - len(catalog or [])} new), {missing} to translate, "
              f"{fuzzy} fuzzy, {len(after.obsolete)} obsolete")


if __name__ == "__main__":
    main()
