"""Uploaded files: checked by content, limited in size, stored by sha256, never overwritten.

Files are content-addressed under ``MEDIA_ROOT/blobs/ab/cd/<sha256>``. Writing goes to a
temporary file in the same folder, is flushed to disk, then renamed into place; a file that
already exists with that hash is left untouched (the same bytes), so nothing is ever lost or
overwritten.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class UploadRejected(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason  # "too_large" | "empty" | "bad_type" | "corrupt"
        self.detail = detail


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    content_type: str


def sniff(head: bytes, tail: bytes) -> str:
    """The content type judged by the bytes, not the name. Raises UploadRejected."""
    if head.startswith(b"%PDF-"):
        if b"%%EOF" not in tail:
            raise UploadRejected("corrupt", "PDF 文件不完整（缺少结束标记）")
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        if head[12:16] != b"IHDR" or b"IEND" not in tail:
            raise UploadRejected("corrupt", "PNG 文件不完整")
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        if b"\xff\xd9" not in tail[-64:]:
            raise UploadRejected("corrupt", "JPEG 文件不完整")
        return "image/jpeg"
    raise UploadRejected("bad_type")


def _size_label(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n} 字节"


def blob_path(sha256: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "blobs" / sha256[:2] / sha256[2:4] / sha256


def store(chunks: Iterable[bytes], *, max_bytes: int | None = None) -> StoredBlob:
    limit = max_bytes if max_bytes is not None else settings.MAX_UPLOAD_BYTES
    digest = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    tmp_dir = Path(settings.MEDIA_ROOT) / "blobs" / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise UploadRejected("too_large", f"超过 {_size_label(limit)} 上限")
                if len(head) < 64:
                    head = (head + chunk)[:64]
                tail = (tail + chunk)[-1024:]
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise UploadRejected("empty")
        content_type = sniff(head, tail)
        sha = digest.hexdigest()
        final = blob_path(sha)
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists():
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, final)
        return StoredBlob(sha256=sha, size=size, content_type=content_type)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise


def blob_response(sha256: str, content_type: str, *, suffix: str = "") -> FileResponse:
    """Serve a stored file inline, named by its hash, never cached by shared caches (the
    files hold personal data)."""
    response = FileResponse(open(blob_path(sha256), "rb"), content_type=content_type)  # noqa: SIM115
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{sha256[:12]}{suffix}"
    response["X-Content-SHA256"] = sha256
    response["Cache-Control"] = "private, no-store"
    return response
