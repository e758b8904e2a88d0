"""Printing the report as a PDF with a headless Chromium (or Google Chrome), when one is installed.

The browser is found as ``$JOURNEYMAP_CHROMIUM``, else the first of :data:`BROWSERS` on the ``PATH``.
It prints the HTML file to PDF with the page size its print style sheet asks for (A4), no header or
footer of its own, and no network (the report asks for nothing anyway). Without a browser,
:func:`find_chromium` raises :class:`~journeymap.errors.RenderError` saying how to get one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from journeymap.errors import RenderError
from journeymap.text import N_, translator

__all__ = ["BROWSERS", "HOW_TO_GET_CHROMIUM", "find_chromium", "print_pdf"]

BROWSERS: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
"""The executables looked for on the ``PATH``, in order."""

HOW_TO_GET_CHROMIUM = N_(
    "printing the report as PDF needs Chromium or Google Chrome: install it (Debian/Ubuntu: "
    "sudo apt-get install chromium; Fedora: sudo dnf install chromium; macOS: brew install --cask chromium; "
    "Windows: install Google Chrome), or set JOURNEYMAP_CHROMIUM to the browser's executable (for example the "
    "one `python -m playwright install chromium` downloads); or open the HTML report in any browser and print "
    "it to PDF"
)
"""What to do without a browser (a message id: :func:`find_chromium` says it in the reader's language)."""

_NOT_EXECUTABLE = N_("JOURNEYMAP_CHROMIUM names '{given}', which is not an executable file; {how}")


def find_chromium(language: str = "en") -> str:
    """The path of the browser that prints PDFs; :class:`RenderError` saying how to get one
    (:data:`HOW_TO_GET_CHROMIUM`, in ``language``) when there is none."""
    words = translator(language)
    given = os.environ.get("JOURNEYMAP_CHROMIUM")
    if given:
        if Path(given).is_file() and os.access(given, os.X_OK):
            return given
        raise RenderError(words.gettext(_NOT_EXECUTABLE, given=given, how=words.gettext(HOW_TO_GET_CHROMIUM)))
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(words.gettext(HOW_TO_GET_CHROMIUM))


def print_pdf(html: str, *, browser: str | None = None, timeout: float = 120.0, language: str = "en") -> bytes:
    """The PDF a headless Chromium prints of the HTML document ``html`` (``language``: that of the error
    when there is no browser)."""
    executable = browser or find_chromium(language)
    with tempfile.TemporaryDirectory(prefix="journeymap-report-") as folder:
        page, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={Path(folder) / 'profile'}", "--no-pdf-header-footer", "--print-to-pdf-no-header",
            f"--print-to-pdf={pdf}", page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RenderError(f"Chromium ('{executable}') could not print the report: {exc}") from exc
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            said = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-3:]
            raise RenderError(f"Chromium ('{executable}') did not print the report (exit {done.returncode}): "
                              + " / ".join(said))
        return pdf.read_bytes()
