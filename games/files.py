"""Writing files without endangering the user's own files.

Every file govgames writes (game files, the HTML report, figures) goes through
:func:`write_file`:

* the data is first written to a fresh temporary file created exclusively (``O_EXCL``, a random
  name) in the target folder, so a file or symbolic link the user placed there, whatever its
  name, is never opened, followed or deleted;
* the temporary file is then renamed onto the target in one atomic step: readers see the old
  file or the new one, never half of one; without ``overwrite`` the rename is a hard link that
  fails if the target appeared meanwhile, so a user's file is never replaced without
  ``--force``;
* :func:`folder_lock` takes a lock file created exclusively in the output folder, so two runs
  writing into one folder do not both succeed silently: the second is refused with a message.

References
----------
The Open Group (2018), *POSIX.1-2017*, ``open`` (``O_CREAT | O_EXCL``), ``link`` and
``rename``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from .errors import InputError

__all__ = ["write_file", "folder_lock", "check_new_file"]

LOCK_NAME = ".govgames.lock"


def check_new_file(path, overwrite: bool, *, flag: str = "overwrite=True") -> Path:
    """Check that ``path`` may be written: its folder exists, it is not a folder, and it does
    not exist unless ``overwrite``.

    >>> check_new_file("no/such/folder/g.json", False)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: no/such/folder/g.json: the folder 'no/such/folder' does not exist
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory")
        if (path.exists() or path.is_symlink()) and not overwrite:
            raise InputError(f"{path}: file exists; pass {flag} to replace it")
        if not path.parent.is_dir():
            raise InputError(f"{path}: the folder {str(path.parent)!r} does not exist")
    except OSError as exc:  # e.g. a name longer than the system allows
        raise InputError(f"{str(path)[:80]}: cannot write here ({exc.strerror or exc})") from None
    return path


def write_file(path, data, *, overwrite: bool = False, flag: str = "overwrite=True") -> Path:
    """Write ``data`` (str as UTF-8, or bytes) to ``path`` atomically, never touching other files.

    Parameters
    ----------
    path : str or Path
        The target; its folder must exist.
    data : str or bytes
    overwrite : bool
        Replace an existing file (or symbolic link: the link is replaced, its target is not
        written). Without it an existing ``path`` is an error, also when it appears while
        writing.
    flag : str
        How the user asks to overwrite (``"--force"`` on the command line), for the message.

    Returns
    -------
    Path

    Raises
    ------
    InputError
        The target exists (without ``overwrite``), is a folder, or cannot be written.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> p = write_file(os.path.join(d, "a.txt"), "one")
    >>> write_file(p, "two")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: ...a.txt: file exists; pass overwrite=True to replace it
    >>> _ = write_file(p, "two", overwrite=True); p.read_text()
    'two'
    """
    path = check_new_file(path, overwrite, flag=flag)
    blob = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    folder = path.parent
    tmp = None
    try:
        for _ in range(100):
            candidate = folder / f".{path.name[:100]}.{secrets.token_hex(8)}.tmp"
            try:
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_NOFOLLOW", 0), 0o644)
            except FileExistsError:
                continue
            tmp = candidate
            break
        else:  # pragma: no cover
            raise InputError(f"{folder}: cannot create a temporary file")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise InputError(f"{path}: file exists; pass {flag} to replace it") from None
            except OSError:  # no hard links on this file system: check, then rename
                if path.exists() or path.is_symlink():
                    raise InputError(f"{path}: file exists; pass {flag} to replace it") from None
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
        tmp = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write the file ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:  # only ever the temporary file this call created
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's process
        return True
    return True


@contextlib.contextmanager
def folder_lock(folder):
    """Hold ``folder/.govgames.lock`` (created exclusively) while writing into ``folder``.

    A second run writing into the same folder is refused with a message naming the folder and
    the process holding the lock; a lock left by a process that no longer runs is taken over.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> with folder_lock(d):
    ...     with folder_lock(d):
    ...         pass  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: ...: another govgames run (process ...) is writing into this folder; wait for it, or remove ... if no such run exists
    """
    folder = Path(folder)
    lock = folder / LOCK_NAME
    for attempt in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_NOFOLLOW", 0), 0o644)
            break
        except FileExistsError:
            try:
                pid = int(lock.read_text(encoding="ascii").strip() or 0)
            except (OSError, ValueError):
                pid = 0
            if attempt == 0 and pid > 0 and not _pid_alive(pid) and not lock.is_symlink():
                with contextlib.suppress(OSError):
                    os.unlink(lock)  # a stale lock of ours: its process is gone
                continue
            raise InputError(f"{folder}: another govgames run (process {pid or 'unknown'}) is "
                             f"writing into this folder; wait for it, or remove {lock} if no "
                             "such run exists") from None
        except OSError as exc:
            raise InputError(f"{folder}: cannot write here ({exc.strerror or exc})") from None
    with os.fdopen(fd, "w") as fh:
        fh.write(str(os.getpid()))
    try:
        yield lock
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
