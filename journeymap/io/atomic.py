"""Writing files so that a crash, a kill or a bad path never leaves a half-written file behind.

Everything journeymap writes goes to a temporary file in the destination's folder first and is
renamed into place only when complete (``os.replace`` is atomic on one file system). Three promises:

- **A failure names the output, not the temporary file.** Any :class:`OSError` while writing (a folder
  where a file was expected, a name too long, a full disk, no permission) is raised again as the same
  class with ``filename`` set to the path asked for; :func:`write_failure` words it on one line.
- **A terminated run cleans up.** Temporary files being written are registered; :func:`cleanup_on_termination`
  (used by the command line) removes them when SIGTERM or SIGHUP arrives, before the process exits.
- **A killed run is cleaned up by the next one.** A temporary file is named
  ``.<name>.<pid>.<token>.journeymap-tmp<suffix>``; before writing into a folder, those left there by a
  process that no longer runs (``kill -9``, a power cut) are removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

__all__ = ["MARKER", "atomic_path", "cleanup_on_termination", "pending", "write_bytes", "write_failure", "write_text"]

MARKER = ".journeymap-tmp"
"""What every temporary file's name carries, so that a stale one is recognised."""

_STALE = re.compile(r"^\..*\.(\d+)\.[0-9a-f]{8}" + re.escape(MARKER))
_NAME_BYTES = 255
"""The longest file name most file systems take (ext4, APFS, NTFS)."""

_PENDING: set[Path] = set()
_LOCK = threading.Lock()


def pending() -> frozenset[Path]:
    """The temporary files being written right now (removed if the process is terminated)."""
    with _LOCK:
        return frozenset(_PENDING)


def _temporary_name(target: Path) -> str:
    """``.<name>.<pid>.<token>.journeymap-tmp<suffix>``, the name shortened to fit the file system."""
    tail = f".{os.getpid()}.{secrets.token_hex(4)}{MARKER}{target.suffix}"
    room = _NAME_BYTES - len(tail.encode("utf-8")) - 1
    name = target.name.encode("utf-8")[: max(room, 1)].decode("utf-8", errors="ignore")
    return f".{name}{tail}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave its files alone
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files in ``folder`` left by journeymap processes that no longer run."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _STALE.match(entry.name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _as_output_error(exc: OSError, target: Path) -> OSError:
    """The same kind of error, about ``target`` rather than the temporary file, marked as a failure to
    write (``error.output`` is true)."""
    code = exc.errno if exc.errno is not None else errno.EIO
    try:
        error = type(exc)(code, exc.strerror or str(exc), os.fspath(target))
    except TypeError:  # an OSError subclass with a constructor of its own
        error = OSError(code, exc.strerror or str(exc), os.fspath(target))
    error.output = True  # type: ignore[attr-defined]
    return error


def _make_folder(target: Path) -> None:
    """The folder ``target`` goes in, created when missing; a file in the way is a clear error."""
    for folder in (target.parent, *target.parent.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, f"{folder} is a file, not a folder", os.fspath(target))
            break
    target.parent.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed onto ``path`` only if the block succeeds.

    For libraries that insist on a file name (matplotlib, openpyxl)::

        with atomic_path("plan.xlsx") as tmp:
            workbook.save(tmp)

    Raises the :class:`OSError` met while writing with ``filename`` set to ``path``.
    """
    target = Path(path)
    tmp: Path | None = None
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory, expected a file name", os.fspath(target))
        _make_folder(target)
        remove_stale(target.parent)
        tmp = target.parent / _temporary_name(target)
        with _LOCK:
            _PENDING.add(tmp)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise _as_output_error(exc, target) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            with _LOCK:
                _PENDING.discard(tmp)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns the path."""
    return write_bytes(path, text.encode("utf-8"))


def write_failure(exc: OSError) -> str:
    """One line saying which file could not be written (or read) and why: ``cannot write out.svg: No space
    left on device``; an error without a file name is its own message."""
    reason = exc.strerror or (exc.args[0] if exc.args else type(exc).__name__)
    if exc.filename is None:
        return str(reason)
    name = os.fsdecode(exc.filename)
    return f"cannot write {name}: {reason}" if getattr(exc, "output", False) else f"{name}: {reason}"


def _remove_pending() -> None:
    with _LOCK:
        paths = list(_PENDING)
    for tmp in paths:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def cleanup_on_termination() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP remove the temporary files being written and end the
    process with status 128 + the signal's number (the shell's convention). Outside the main thread
    (where Python cannot handle signals) the block runs unchanged."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]

    def handler(signum: int, frame: FrameType | None) -> Any:
        _remove_pending()
        raise SystemExit(128 + signum)

    previous = {s: signal.signal(s, handler) for s in wanted}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
