from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# In development, background tasks run in the request so no worker is needed.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
