#!/usr/bin/env python3
"""The project's two commands, with nothing but Python 3.11 installed.

    python3 dev.py run    # venv, install, migrate, demo data, serve on 127.0.0.1:8000
    python3 dev.py test   # venv, install, the whole test suite (extra args go to pytest)
    python3 dev.py install  # only the venv and the install (CI, before two runs share it)

The virtual environment lives in .venv and is reused; it is reinstalled only when
pyproject.toml changed since the last install.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("SEUTU_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".seutu-installed"


def sh(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs).returncode


def ensure_venv():
    if sys.version_info < (3, 11):
        sys.exit("Seutu needs Python 3.11 or newer.")
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    pip = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if sh(*pip, "--upgrade", "pip") or sh(*pip, "-e", ".[dev]"):
        sys.exit("Installing the dependencies failed; see the messages above.")
    STAMP.write_text(wanted)


def manage(*args, env=None):
    return sh(PYTHON, "example_site/manage.py", *args, env=env)


def run(extra):
    ensure_venv()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "example_site.settings.dev"}
    os.chdir(ROOT)
    if manage("migrate", "--noinput", env=env):
        sys.exit("Migrating the database failed.")
    if manage("seutu_demo", "--if-empty", env=env):
        sys.exit("Loading the demo data failed.")
    if manage("seutu_pipeline_demo", "--if-empty", env=env):
        sys.exit("Loading the demo pipeline failed.")
    if manage("seutu_pages_demo", env=env):  # idempotent: adds only what is missing
        sys.exit("Building the demo public site failed.")
    if manage("seutu_search_rebuild", "--no-progress", env=env):
        sys.exit("Building the search index failed.")
    manage("seutu_demo_logins", env=env)
    print("\nThe site: http://127.0.0.1:8000/fi/  The admin: http://127.0.0.1:8000/admin/\n")
    return manage("runserver", "127.0.0.1:8000", *extra, env=env)


def test(extra):
    ensure_venv()
    code = sh(PYTHON, "-m", "pytest", *extra)
    if code == 5:
        print("pytest collected no tests: nothing to run is not a pass.", file=sys.stderr)
    return code


def install(extra):
    ensure_venv()
    return 0


COMMANDS = {"run": run, "test": test, "install": install}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
