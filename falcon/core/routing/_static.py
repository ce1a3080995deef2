"""Static routes: serve the files below a directory under a URL prefix.

Rules: the part of the request path after the prefix is checked before it touches the file
system. Control characters, characters reserved on common file systems, backslashes,
``'//'``, surrounding whitespace, trailing dots, overlong names and anything that
normalises to a path outside the directory all answer 404 Not Found; the joined path is
checked once more against the directory as a last guard.

Links are resolved on every request: unless the route was made with ``follow_symlinks=True``,
a file is served only when its real path lies inside the real path of the directory, and
a link that leads out answers the same 404 as a missing file. The file is then opened
component by component below the real directory without following links (where the
platform offers ``dir_fd``), so a link swapped in between the check and the open is a 404
too. Files are opened non-blocking and only regular files are served: directories, FIFOs,
sockets and devices answer 404 without ever being read.

The route answers conditional requests (``If-None-Match`` takes precedence over
``If-Modified-Since``, RFC 9110 section 13.2.2) with 304 Not Modified, and single
``Range: bytes=`` requests with 206 Partial Content or 416 Range Not Satisfiable. The body
is the open file object (wrapped to bound reads for ranges); the adapters stream it. This
module only uses ``os`` for files, so it stays in the sans-I/O core.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from falcon.core._errors import HTTPForbidden, HTTPNotFound, HTTPRangeNotSatisfiable

__all__ = ['StaticRoute', 'StaticRouteAsync']

_DISALLOWED_CHARS = re.compile('[\x00-\x1f\x7f-\x9f\ufffd~?<>:*|\'"]')
"""Control characters and characters reserved on common file systems."""

_DISALLOWED_NORMALIZED_PREFIXES = ('..', '/', '\\')

_MAX_NON_PREFIXED_LEN = 512
"""Longest path accepted below the prefix."""


class _BoundedFile:
    """A read-only view of the next *length* bytes of an open file."""

    __slots__ = ('_fh', '_remaining')

    def __init__(self, fh: IO[bytes], length: int) -> None:
        self._fh = fh
        self._remaining = length

    def read(self, size: int | None = -1) -> bytes:
        """Read up to *size* bytes (all remaining bytes when *size* is negative or None)."""
        if size is None or size < 0 or size > self._remaining:
            size = self._remaining
        data = self._fh.read(size)
        self._remaining -= len(data)
        return data

    def close(self) -> None:
        """Close the underlying file."""
        self._fh.close()


_NONBLOCK = getattr(os, 'O_NONBLOCK', 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, 'O_BINARY', 0) | _NONBLOCK
"""Open without blocking: opening a FIFO for reading would otherwise wait for a writer."""

_NOFOLLOW = getattr(os, 'O_NOFOLLOW', 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, 'O_DIRECTORY', 0) | _NOFOLLOW
_WALK_BENEATH = bool(_NOFOLLOW) and os.open in os.supports_dir_fd


def _is_inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(os.path.join(directory, ''))


def _open_fd(file_path: str) -> int:
    return os.open(file_path, _OPEN_FLAGS)


def _open_fd_beneath(directory: str, relative: str) -> int:
    """Open *relative* below *directory*, refusing a link at any step (``ELOOP``)."""
    parts = [part for part in relative.split(os.sep) if part]
    if not parts:
        return os.open(directory, _OPEN_FLAGS)
    dir_fd = os.open(directory, _DIR_FLAGS)
    try:
        for part in parts[:-1]:
            next_fd = os.open(part, _DIR_FLAGS, dir_fd=dir_fd)
            os.close(dir_fd)
            dir_fd = next_fd
        return os.open(parts[-1], _OPEN_FLAGS | _NOFOLLOW, dir_fd=dir_fd)
    finally:
        os.close(dir_fd)


def _open_file(file_path: str, directory: str | None = None) -> tuple[IO[bytes], os.stat_result]:
    """Open a regular file for reading.

    With *directory*, the file's real path must lie inside the real path of *directory*;
    otherwise links are followed.
    """
    fd = -1
    try:
        if directory is None:
            fd = _open_fd(file_path)
        else:
            real_directory = os.path.realpath(directory)
            real_path = os.path.realpath(file_path)
            if not _is_inside(real_path, real_directory):
                raise HTTPNotFound()
            if _WALK_BENEATH:
                fd = _open_fd_beneath(real_directory, os.path.relpath(real_path, real_directory))
            else:
                fd = _open_fd(real_path)
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise HTTPNotFound()
        if _NONBLOCK:
            os.set_blocking(fd, True)
        fh = os.fdopen(fd, 'rb')
    except PermissionError:
        if fd >= 0:
            os.close(fd)
        raise HTTPForbidden() from None
    except (OSError, ValueError, HTTPNotFound):
        if fd >= 0:
            os.close(fd)
        raise HTTPNotFound() from None
    return fh, st


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def _is_not_modified(req: Any, etag: str, last_modified: datetime) -> bool:
    if_none_match = req.if_none_match
    if if_none_match is not None:
        # Weak comparison (RFC 9110 section 8.8.3.2): opaque tags are compared as strings.
        return any(tag == '*' or str(tag) == etag for tag in if_none_match)
    if_modified_since = req.if_modified_since
    if if_modified_since is not None:
        return last_modified <= _as_utc(if_modified_since)
    return False


def _select_range(
    fh: IO[bytes], size: int, req_range: tuple[int, int] | None
) -> tuple[Any, int, tuple[int, int, int] | None]:
    """Return (body, length, content_range) for the requested range."""
    if req_range is None or size == 0:
        # A zero-byte file cannot be described by Content-Range; serve it whole.
        return fh, size, None
    start, end = req_range
    if start < 0:
        # Suffix range ('bytes=-N'): the last N bytes.
        length = min(-start, size)
        fh.seek(size - length)
        return _BoundedFile(fh, length), length, (size - length, size - 1, size)
    if start >= size:
        fh.close()
        raise HTTPRangeNotSatisfiable(size)
    fh.seek(start)
    last = size - 1 if end < 0 else min(end, size - 1)
    length = last - start + 1
    return _BoundedFile(fh, length), length, (start, last, size)


class StaticRoute:
    """Serve the files of a directory under a URL path prefix.

    Args:
        prefix: The URL prefix, e.g. ``'/static'``; it must start with ``'/'``. A trailing
            ``'/'`` is added when missing, so that only whole segments match.
        directory: The directory to serve; it must be an absolute path.
        downloadable: Set ``Content-Disposition`` so that browsers download the files.
        fallback_filename: A file, relative to *directory*, served when the requested one
            does not exist (e.g. ``'index.html'`` for single-page apps). An absolute path
            names a file anywhere, chosen by the operator, and is served as named.
        follow_symlinks: Serve files whose links lead out of *directory* (off by default:
            such a file answers 404 Not Found, like a missing one).

    Raises:
        ValueError: The prefix does not start with ``'/'``, the directory is not absolute,
            or the fallback file does not exist (or, for a relative fallback without
            *follow_symlinks*, its real path lies outside the directory).
    """

    def __init__(
        self,
        prefix: str,
        directory: str | Path,
        downloadable: bool = False,
        fallback_filename: str | None = None,
        *,
        follow_symlinks: bool = False,
    ) -> None:
        if not prefix.startswith('/'):
            raise ValueError("prefix must start with '/'")
        directory = os.path.normpath(os.fspath(directory))
        if not os.path.isabs(directory):
            raise ValueError('directory must be an absolute path')
        self._directory = directory
        self._follow_symlinks = follow_symlinks

        self._fallback_filename: str | None = None
        self._fallback_base: str | None = None
        if fallback_filename is not None:
            fallback_path = os.path.normpath(os.path.join(directory, fallback_filename))
            if not os.path.isfile(fallback_path):
                raise ValueError('fallback_filename is not a file')
            if not (follow_symlinks or os.path.isabs(fallback_filename)):
                if not _is_inside(os.path.realpath(fallback_path), os.path.realpath(directory)):
                    raise ValueError('fallback_filename leads out of the directory')
                self._fallback_base = directory
            self._fallback_filename = fallback_path

        if not prefix.endswith('/'):
            prefix += '/'
        self._prefix = prefix
        self._downloadable = downloadable

    def match(self, path: str) -> bool:
        """Return whether *path* falls under this route's prefix.

        Args:
            path: The request path.

        Returns:
            ``True`` when the path starts with the prefix, or, with a fallback file, when
            it equals the prefix without its trailing slash.
        """
        if path.startswith(self._prefix):
            return True
        return self._fallback_filename is not None and path == self._prefix[:-1]

    def __call__(self, req: Any, resp: Any, **kw: Any) -> None:
        """Serve the file the request path names.

        Args:
            req: The request.
            resp: The response.
            **kw: Unused.

        Raises:
            HTTPNotFound: The path is unsafe or names no regular file.
            HTTPForbidden: The file may not be read.
            HTTPRangeNotSatisfiable: The requested range starts past the end of the file.
        """
        if req.method == 'OPTIONS':
            # Most likely a CORS preflight.
            resp.set_header('Allow', 'GET')
            resp.set_header('Content-Length', '0')
            return

        file_path = self._file_path(req.path)
        base = None if self._follow_symlinks else self._directory
        if self._fallback_filename is None:
            fh, st = _open_file(file_path, base)
        else:
            try:
                fh, st = _open_file(file_path, base)
            except HTTPNotFound:
                fh, st = _open_file(self._fallback_filename, self._fallback_base)
                file_path = self._fallback_filename

        etag = f'{int(st.st_mtime):x}-{st.st_size:x}'
        # HTTP dates have whole seconds; drop microseconds so If-Modified-Since compares.
        last_modified = datetime.fromtimestamp(int(st.st_mtime), timezone.utc)
        resp.etag = etag
        resp.last_modified = last_modified
        if _is_not_modified(req, etag, last_modified):
            fh.close()
            resp.status = '304 Not Modified'
            return

        req_range = req.range if req.range_unit == 'bytes' else None
        try:
            body, length, content_range = _select_range(fh, st.st_size, req_range)
        except OSError:
            fh.close()
            raise HTTPNotFound() from None

        resp.set_stream(body, length)
        suffix = os.path.splitext(file_path)[1]
        resp.content_type = resp.options.static_media_types.get(suffix, 'application/octet-stream')
        resp.accept_ranges = 'bytes'
        if self._downloadable:
            resp.downloadable_as = os.path.basename(file_path)
        if content_range is not None:
            resp.status = '206 Partial Content'
            resp.content_range = content_range

    def _file_path(self, path: str) -> str:
        without_prefix = path[len(self._prefix) :]
        if (
            not (without_prefix or self._fallback_filename is not None)
            or len(without_prefix) > _MAX_NON_PREFIXED_LEN
            or without_prefix.strip().rstrip('.') != without_prefix
            or '\\' in without_prefix
            or '//' in without_prefix
            or _DISALLOWED_CHARS.search(without_prefix)
        ):
            raise HTTPNotFound()
        normalized = os.path.normpath(without_prefix)
        if normalized.startswith(_DISALLOWED_NORMALIZED_PREFIXES):
            raise HTTPNotFound()
        file_path = os.path.join(self._directory, normalized)
        if '..' in file_path.split(os.sep) or not file_path.startswith(
            os.path.join(self._directory, '')
        ):
            raise HTTPNotFound()
        return file_path


class StaticRouteAsync(StaticRoute):
    """The :class:`StaticRoute` of ASGI apps.

    The response body is the same plain file object; the ASGI adapter reads it off the
    event loop while streaming.
    """

    async def __call__(  # type: ignore[override]
        self, req: Any, resp: Any, ws: Any = None, **kw: Any
    ) -> None:
        """Serve the file the request path names; close a WebSocket connection.

        Args:
            req: The request.
            resp: The response.
            ws: The WebSocket, when the route is reached by a WebSocket handshake.
            **kw: Unused.
        """
        if ws is not None:
            await ws.close()
            return
        super().__call__(req, resp, **kw)
