"""A large admin upload is checked and written by a django-tasks task, with a progress page
that only the user who started the job may see.

The test settings run tasks with the ImmediateBackend; the task is enqueued when the upload's
transaction commits, so each upload and confirmation runs its on-commit callbacks.
"""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued
from wagtail.users.models import UserProfile

from seutu_crm.importers import jobs, organisations
from seutu_crm.importers.organisations import import_organisations
from seutu_crm.importers.reports import ReportPreview
from seutu_crm.models import ImportJob, JobPhase, JobState, Organisation, Role
from seutu_crm.services.roles import BUSINESS_DEVELOPERS
from seutu_crm.validators import make_business_id
from tests.crm.admin_users import (  # noqa: F401  (fixtures)
    business_developer,
    groups,
    superuser,
    town,
    viewer,
)
from tests.factories import TownFactory, TownMembershipFactory, UserFactory

from .import_files import csv_bytes, row

pytestmark = pytest.mark.django_db

URL = reverse("seutu_crm_import_organisations")
BACKGROUND_ROWS = 5
REFRESH = '<meta http-equiv="refresh" content="2">'


@pytest.fixture(autouse=True)
def raahe():
    return TownFactory(code="678", name_fi="Raahe")


@pytest.fixture(autouse=True)
def background_above_five_rows(settings):
    settings.SEUTU_CRM = {"IMPORT_BACKGROUND_ROWS": BACKGROUND_ROWS}


def speaking(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


@pytest.fixture
def importer(client, business_developer, raahe):
    # The files' rows are in Raahe: the importer keeps Raahe's register.
    TownMembershipFactory(user=business_developer, town=raahe, role=Role.BUSINESS_DEVELOPER)
    client.force_login(speaking(business_developer, "en"))
    return business_developer


@pytest.fixture
def enqueued():
    names = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "run_import_job":  # not the search outbox's drains
            names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def actors(count, *, bad=()):
    """A CSV of ``count`` actors; the rows numbered in ``bad`` carry a wrong business ID."""
    return SimpleUploadedFile("actors.csv", csv_bytes([
        row(name=f"Toimija {i} Oy", actor_type="company", town_code="678",
            business_id="1572860-1" if i + 2 in bad else "")
        for i in range(count)
    ], delimiter=";"))


def job_url(job):
    return reverse("seutu_crm_import_job", kwargs={"pk": job.pk})


def upload(client, file, capture):
    with capture(execute=True):
        response = client.post(URL, {"file": file})
    return response


def confirm(client, job, capture):
    with capture(execute=True):
        return client.post(job_url(job))


def test_a_large_upload_is_checked_by_a_task_and_its_page_shows_the_preview(
    client, importer, django_capture_on_commit_callbacks, enqueued
):
    response = upload(client, actors(12), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job_url(job)
    assert enqueued == ["run_import_job"]
    assert (job.user, job.phase, job.state) == (importer, JobPhase.CHECK, JobState.DONE)
    assert job.rows_done == job.rows_total == 12
    page = client.get(job_url(job))
    html = page.content.decode()
    assert "12 rows: 12 would be created, 0 updated, 0 unchanged, 0 rejected." in html
    assert f'action="{job_url(job)}"' in html and "Confirm import" in html
    assert REFRESH not in html
    assert not Organisation.objects.exists()


def test_confirming_writes_the_file_in_a_task_once(
    client, importer, django_capture_on_commit_callbacks, enqueued
):
    upload(client, actors(12), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    response = confirm(client, job, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == job_url(job)
    assert Organisation.objects.count() == 12
    job.refresh_from_db()
    assert (job.phase, job.state, bytes(job.data)) == (JobPhase.WRITE, JobState.DONE, b"")
    html = client.get(job_url(job)).content.decode()
    assert "Imported 12 rows: 12 organisations created, 0 updated, 0 unchanged." in html
    assert "Confirm import" not in html
    again = confirm(client, job, django_capture_on_commit_callbacks)
    assert again.status_code == 302
    assert enqueued == ["run_import_job", "run_import_job"]  # the second click ran nothing
    assert Organisation.objects.count() == 12


def test_a_small_upload_is_still_checked_within_the_request(client, importer):
    response = client.post(URL, {"file": actors(BACKGROUND_ROWS)})
    assert response.status_code == 200
    assert response.context["report"].ok and response.context["token"]
    assert not ImportJob.objects.exists()


def test_the_page_refreshes_itself_and_shows_how_far_the_check_has_got(
    client, importer, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(URL, {"file": actors(12)})
    job = ImportJob.objects.get()
    waiting = client.get(job_url(job)).content.decode()
    assert REFRESH in waiting and "Waiting to start" in waiting

    pages = []
    record_progress = jobs._record_progress

    def record_and_look(*args):
        record_progress(*args)
        pages.append(client.get(job_url(job)).content.decode())

    monkeypatch.setattr(organisations, "PROGRESS_EVERY", 5)
    monkeypatch.setattr(jobs, "_record_progress", record_and_look)
    for callback in callbacks:
        callback()  # the task runs now, while the test looks at the page
    assert all(REFRESH in page for page in pages)
    assert "Checking the file: 5 of about 12 rows." in pages[0]
    assert "Checking the file: 10 of about 12 rows." in pages[1]
    assert '<progress max="12" value="10"' in pages[1]
    done = client.get(job_url(job)).content.decode()
    assert REFRESH not in done and "12 rows: 12 would be created" in done


def test_no_other_user_may_see_or_confirm_a_job(
    client, importer, superuser, town, django_capture_on_commit_callbacks
):
    upload(client, actors(12), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    colleague = UserFactory(username="bd2")  # a business developer of the same town
    colleague.groups.add(importer.groups.get(name=BUSINESS_DEVELOPERS))
    TownMembershipFactory(user=colleague, town=town, role=Role.BUSINESS_DEVELOPER)
    for other in (colleague, superuser):
        client.force_login(other)
        assert client.get(job_url(job)).status_code == 404
        assert confirm(client, job, django_capture_on_commit_callbacks).status_code == 404
    assert not Organisation.objects.exists()
    client.force_login(importer)
    assert client.get(job_url(job)).status_code == 200


def test_a_user_who_may_not_import_may_not_open_a_job_page(
    client, importer, viewer, django_capture_on_commit_callbacks
):
    upload(client, actors(12), django_capture_on_commit_callbacks)
    client.force_login(viewer)
    assert client.get(job_url(ImportJob.objects.get())).status_code == 403


def test_a_background_check_lists_every_bad_row_and_cannot_be_confirmed(
    client, importer, django_capture_on_commit_callbacks
):
    upload(client, actors(12, bad=(4, 9)), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    page = client.get(job_url(job))
    preview = page.context["preview"]
    assert [(e.row, e.column) for e in preview.errors] == [(4, "business_id"), (9, "business_id")]
    html = page.content.decode()
    assert "data-import-errors" in html and "Confirm import" not in html
    assert bytes(ImportJob.objects.get().data) == b""  # nothing to wait for
    confirm(client, job, django_capture_on_commit_callbacks)
    assert not Organisation.objects.exists()


def test_a_job_speaks_the_language_of_the_user_who_started_it(
    client, importer, django_capture_on_commit_callbacks
):
    client.force_login(speaking(importer, "fi"))
    upload(client, actors(12, bad=(3,)), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.language == "fi"
    [error] = client.get(job_url(job)).context["preview"].errors
    assert "Y-tunnus" in error.message


def test_a_job_whose_task_fails_says_so_and_writes_nothing(
    client, importer, django_capture_on_commit_callbacks, monkeypatch
):
    upload(client, actors(12), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()

    def disk_full(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "import_organisations", disk_full)
    confirm(client, job, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and bytes(job.data) == b""
    html = client.get(job_url(job)).content.decode()
    assert "nothing was imported" in html and REFRESH not in html
    assert not Organisation.objects.exists()


def test_starting_a_job_deletes_the_jobs_of_a_day_ago(importer):
    old = jobs.start_job(importer, b"old", "old.csv", "en")
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    new = jobs.start_job(importer, b"new", "new.csv", "en")
    assert list(ImportJob.objects.all()) == [new]


def test_a_preview_kept_as_json_reads_back_the_same():
    data = csv_bytes([
        row(name="A Oy", actor_type="company", town_code="678",
            business_id=make_business_id("1572860")),
        row(name="B Oy", actor_type="spaceship", town_code="678"),
    ])
    preview = ReportPreview.of(import_organisations(data, dry_run=True))
    kept = json.loads(json.dumps(preview.to_json()))
    assert ReportPreview.from_json(kept) == preview
    assert (preview.counts.created, preview.counts.rejected, preview.error_count) == (1, 1, 1)
