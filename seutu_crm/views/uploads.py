"""An uploaded file kept between an import's preview and its confirmation.

The file waits in a private temporary folder under a random token that only the uploader's
session knows; a file left there for a day is removed on the next upload.
"""

import secrets
import tempfile
import time
from pathlib import Path

UPLOAD_DIR = Path(tempfile.gettempdir()) / "seutu-imports"
STALE_UPLOAD_SECONDS = 24 * 3600


class PendingUpload:
    """The upload of one kind of import, known to the session under ``session_key``."""

    def __init__(self, session_key):
        self.session_key = session_key

    def store(self, request, data, **details):
        """Keep ``data`` under a new token (one per session and kind); returns the token."""
        self.discard(request)
        remove_stale_uploads()
        UPLOAD_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        token = secrets.token_urlsafe(24)
        upload_path(token).write_bytes(data)
        request.session[self.session_key] = {"token": token, **details}
        return token

    def read(self, request, token):
        """``(data, details)`` when ``token`` is this session's upload, else None."""
        pending = dict(request.session.get(self.session_key) or {})
        stored = str(pending.pop("token", ""))
        if not token or not stored or not secrets.compare_digest(stored, str(token)):
            return None
        try:
            return upload_path(stored).read_bytes(), pending
        except OSError:
            return None

    def discard(self, request):
        pending = request.session.pop(self.session_key, None)
        if pending:
            upload_path(pending["token"]).unlink(missing_ok=True)


def upload_path(token):
    return UPLOAD_DIR / f"{token}.upload"


def remove_stale_uploads():
    if not UPLOAD_DIR.exists():
        return
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for stale in UPLOAD_DIR.glob("*.upload"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            pass  # another request removed it first
