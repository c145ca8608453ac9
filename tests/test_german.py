"""German: advice, form errors, the PDF report and the reminder e-mail come out in German when
German is the active language, from the committed catalogue in locale/de."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from accounts.forms import SignupForm
from logbook.care import care_prompts
from logbook.forms import SessionForm
from logbook.report import clinician_report
from logbook.report_pdf import report_pdf
from tests.factories import ExerciseEntryFactory, ExerciseFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module", autouse=True)
def german_catalogue(tmp_path_factory):
    """The German .po compiled (msgfmt --check-format, as compilemessages runs it) into a
    directory of its own, so parallel test workers never write the same .mo; changing
    LOCALE_PATHS makes Django drop the catalogues it has already loaded."""
    locale = tmp_path_factory.mktemp("locale")
    folder = locale / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = settings.BASE_DIR / "locale" / "de" / "LC_MESSAGES" / "django.po"
    shutil.copy(source, folder / "django.po")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", folder / "django.mo", folder / "django.po"],
        check=True,
    )
    with override_settings(LOCALE_PATHS=[locale]):
        yield


def test_the_rising_pain_prompt_reads_in_german_with_a_decimal_comma():
    user = UserFactory()
    for days_ago, pain in ((20, 3), (14, 3), (3, 5), (0, 6)):
        SessionFactory(user=user, date=TODAY - datetime.timedelta(days=days_ago), pain_before=pain)
    with translation.override("de"):
        (prompt,) = care_prompts(user, TODAY)
        assert prompt.title == "Dein Schmerz ist gestiegen"
        assert prompt.why == (
            "Dein Schmerz vor den Einheiten lag diese Woche im Schnitt bei 5,5 von 10, "
            "vor zwei Wochen noch bei 3,0."
        )
        assert "Es ist kein Notfall." in prompt.what


def test_a_session_form_error_reads_in_german():
    data = {"date": "2026-11-23", "pain_before": "11", "pain_after": "", "effort": "right"}
    with translation.override("de"):
        form = SessionForm(data, user=UserFactory())
        assert not form.is_valid()
        assert form.errors["pain_before"] == [
            "Schmerz wird von 0 (kein Schmerz) bis 10 (stärkster vorstellbarer Schmerz) bewertet."
        ]
        assert form.errors["pain_after"] == [
            "Wähle eine Zahl von 0 (kein Schmerz) bis 10 (stärkster vorstellbarer Schmerz)."
        ]


def test_the_pdf_report_reads_in_german(frozen_now):
    frozen_now(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC))
    alice = UserFactory(username="alice", time_zone="Europe/London")
    session = SessionFactory(user=alice, date=datetime.date(2026, 11, 9), pain_after=3)
    ExerciseEntryFactory(
        session=session, exercise=ExerciseFactory(name="Bridge"), sharp_pain=True, pain_during=7
    )
    with translation.override("de"):
        pdf = report_pdf(clinician_report(alice, weeks=4, today=TODAY))
    page_text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    text = " ".join(page_text.split())
    for expected in (
        "Übungsbericht: alice",
        "Dieser Bericht ist keine Diagnose.",
        "Schmerz vor und nach den Einheiten",
        "Markierte Übungen",
        "stechender Schmerz, 7/10 währenddessen",
    ):
        assert expected in text, expected
    assert "Exercise report" not in text


def test_the_reminder_e_mail_reads_in_german():
    context = {
        "routine_name": "Sanfter Start",
        "minutes": 12,
        "play_url": "https://example.org/play",
        "flare_url": "https://example.org/flare",
        "stop_url": "https://example.org/stop",
    }
    with translation.override("de"):
        subject = render_to_string("logbook/email/reminder_subject.txt", context).strip()
        body = render_to_string("logbook/email/reminder.txt", context)
    assert subject == "Backcare: heute Sanfter Start"
    assert body.startswith("Heute ist einer deiner geplanten Tage: Sanfter Start, etwa 12 Minuten.")
    assert "Um diese E-Mails abzubestellen: https://example.org/stop" in body


def test_the_time_zone_regions_read_in_german():
    with translation.override("de"):
        html = str(SignupForm()["time_zone"])
    groups = re.findall(r'<optgroup label="([^"]+)">', html)
    assert groups[0] == "Häufige Zeitzonen"
    assert "Europa" in groups
    assert "Indischer Ozean" in groups
    # The zone itself keeps its IANA name, which the browser reports and the finder matches.
    assert '<option value="Europe/Berlin">Berlin</option>' in html
