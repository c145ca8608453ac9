"""The clinician report: the page, its PDF, and the read-only share links to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from logbook import services
from logbook.cached import user_figures
from logbook.models import MAX_LIVE_LINKS, REPORT_WEEKS, ShareLink
from logbook.report import clinician_report, note_choices, report_weeks
from logbook.views.transactions import atomic_writes

NEW_SHARE_LINK = "backcare_share_link"


BIGGEST_ID = 2**63 - 1  # a database integer; a larger number in a query is an error, not a miss


def _numbers(values) -> list[int]:
    """The plain whole numbers among the values (not "²" or "٣", which isdigit() allows) that
    can name a row."""
    numbers = (int(value) for value in values if value.isascii() and value.isdigit())
    return [number for number in numbers if number <= BIGGEST_ID]


def _chosen_notes(request, choices) -> list[int]:
    """The ids of the sessions whose notes the person ticked, among those they may tick."""
    allowed = {session.pk for session in choices}
    return sorted(set(_numbers(request.GET.getlist("note"))) & allowed)


def _asked_for(request):
    """The report for the period and notes in the address, with the notes that could be
    chosen and those that were; the page and its PDF are the same report."""
    today = request.user.today()
    figures = user_figures(request.user, today=today)
    weeks = report_weeks(request.GET.get("weeks"))
    choices = note_choices(request.user, weeks=weeks, today=today, figures=figures)
    chosen = _chosen_notes(request, choices)
    report = clinician_report(
        request.user, weeks=weeks, today=today, note_sessions=chosen, figures=figures
    )
    return report, choices, chosen


@login_required
@atomic_writes
def report_view(request):
    report, choices, chosen = _asked_for(request)
    weeks = report.weeks
    links = list(ShareLink.objects.filter(user=request.user, revoked_at__isnull=True))
    query = urlencode({"weeks": weeks, "note": chosen}, doseq=True)
    return render(
        request,
        "logbook/report.html",
        {
            "report": report,
            "period_choices": REPORT_WEEKS,
            "note_choices": choices,
            "chosen_notes": chosen,
            "pdf_url": f"{reverse('logbook:report_pdf')}?{query}",
            "links": [link for link in links if link.is_live],
            "new_link": request.session.pop(NEW_SHARE_LINK, None),
            "link_days": ShareLink.Lasts.choices,
            "max_links": MAX_LIVE_LINKS,
        },
    )


@login_required
def report_pdf_view(request):
    report, _choices, _chosen = _asked_for(request)
    # reportlab is loaded by the first PDF asked for, not by every worker at start (memory).
    from logbook.report_pdf import report_pdf

    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"backcare-report-{report.end.isoformat()}.pdf"
    )
    return response


@login_required
@require_POST
def share_create(request):
    weeks = report_weeks(request.POST.get("weeks"))
    days = _numbers([request.POST.get("days", "")])
    notes = _numbers(request.POST.getlist("note"))
    try:
        token = services.share_link_create(
            user=request.user, weeks=weeks, days=days[0] if days else 0, note_sessions=notes
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        request.session[NEW_SHARE_LINK] = request.build_absolute_uri(
            reverse("logbook:shared_report", kwargs={"token": token})
        )
    query = urlencode({"weeks": weeks, "note": notes}, doseq=True)
    return redirect(f"{reverse('logbook:report')}?{query}#share")


@login_required
@require_POST
def share_revoke(request, pk):
    link = get_object_or_404(ShareLink, pk=pk, user=request.user)
    services.share_link_revoke(link=link)
    messages.success(request, _("The link is revoked: it no longer opens the report."))
    return redirect(reverse("logbook:report") + "#share")


def shared_report(request, token):
    """The report behind a share link, for someone without an account: read-only, no way into
    the app, not indexed, not stored. Unknown, expired and revoked links are the same 404."""
    link = services.share_link_open(token)
    if link is None:
        raise Http404
    owner = link.user
    with timezone.override(owner.zone):
        report = clinician_report(
            owner, weeks=link.weeks, today=owner.today(), note_sessions=link.note_sessions
        )
        response = render(request, "logbook/report_shared.html", {"report": report, "link": link})
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
