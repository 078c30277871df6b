"""The apps install into any Wagtail 8 site, exactly as the README says, with clean migrations."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
OUR_APPS = ["seutu_crm", "seutu_pages", "seutu_search"]


@pytest.mark.django_db
def test_our_migrations_match_our_models():
    out = StringIO()
    try:
        call_command("makemigrations", *OUR_APPS, check=True, dry_run=True, stdout=out)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")


def readme_install_blocks():
    """The README's install section as (apps block, settings block, urls block)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Installing into your own Wagtail 8 site", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 3, "the install section shows apps, settings and URLs in python blocks"
    return blocks


def run(args, cwd, env):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(map(str, args))}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def new_site(tmp_path_factory):
    """A brand-new ``wagtail start`` project with the apps added as the README says."""
    apps_block, settings_block, urls_block = readme_install_blocks()
    directory = tmp_path_factory.mktemp("newsite")
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    # The checkout under test, whatever is installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    run([bin_dir / "wagtail", "start", "newsite", str(directory)], directory, env)

    settings = directory / "newsite" / "settings" / "base.py"
    text = settings.read_text()
    apps = re.findall(r'^\s*"([\w.]+)",', apps_block, flags=re.M)
    listed = "".join(f'    "{app}",\n' for app in apps)
    text = text.replace("INSTALLED_APPS = [\n", "INSTALLED_APPS = [\n" + listed, 1)
    settings.write_text(text + "\n" + settings_block)

    urls = directory / "newsite" / "urls.py"
    urls.write_text(urls.read_text() + "\n" + urls_block)
    return directory, env


@pytest.mark.slow
def test_apps_install_into_a_new_wagtail_project(new_site):
    directory, env = new_site
    manage = [sys.executable, "manage.py"]
    run([*manage, "check"], directory, env)
    out = run([*manage, "makemigrations", "--check", "--dry-run"], directory, env)
    assert "No changes detected" in out
    run([*manage, "migrate", "--noinput"], directory, env)
    run([*manage, "seutu_demo", "--size", "20"], directory, env)
    # The admin of the new site serves the CRM.
    out = run(
        [
            *manage,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model\n"
            "from django.test import Client\n"
            "from django.test.utils import setup_test_environment\n"
            "setup_test_environment()\n"
            "user = get_user_model().objects.create_superuser('installer', 'i@example.fi', 'x')\n"
            "client = Client()\n"
            "client.force_login(user)\n"
            "response = client.get('/admin/snippets/seutu_crm/organisation/')\n"
            "print('listing', response.status_code, response.context['paginator'].count)\n",
        ],
        directory,
        env,
    )
    assert "listing 200 23" in out  # 20 generated and the hydrogen story's three
