"""The answer to a session sent by a browser's outbox (static/js/outbox_core.js): JSON, not a
page, so that the browser knows whether to forget the session or show why it was refused."""

import uuid

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _

from logbook import services
from logbook.forms import ENTRY_PREFIX, EntryFormSet, SessionForm
from logbook.models import Session

# Marks a post from the outbox of sessions logged offline.
OUTBOX_HEADER = "X-Backcare-Outbox"


def outbox_post(request):
    """A session this browser kept while it had no connection (static/js/outbox_core.js), sent
    now. The answer is JSON: the session's address once it is saved (now, or by an earlier try
    with the same token), or why the form refuses it, for the person to fix or discard."""
    token = _uuid_or_none(request.POST.get("submission_token"))
    saved = token and Session.objects.filter(user=request.user, submission_token=token).first()
    if saved:
        return JsonResponse({"url": saved.get_absolute_url(), "created": False})
    form = SessionForm(request.POST, user=request.user)
    formset = EntryFormSet(request.POST, prefix=ENTRY_PREFIX)
    if form.is_valid() and formset.is_valid():
        try:
            session, created = services.session_create(
                user=request.user,
                fields=form.cleaned_data,
                entries=[entry_form.cleaned_data for entry_form in formset],
                submission_token=form.cleaned_data.get("submission_token"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return JsonResponse(
                {"url": session.get_absolute_url(), "created": created},
                status=201 if created else 200,
            )
    return JsonResponse({"errors": _form_reasons(form, formset)}, status=422)


def _form_reasons(form, formset) -> list[str]:
    """Each error of a session form in a sentence that names its field (and exercise)."""
    reasons = [str(error) for error in form.non_field_errors()]
    reasons += [str(error) for error in formset.non_form_errors()]
    for name, errors in form.errors.items():
        if name != "__all__":
            label = form[name].label
            reasons += [_("%(field)s: %(error)s") % {"field": label, "error": e} for e in errors]
    for number, entry_form in enumerate(formset, start=1):
        for name, errors in entry_form.errors.items():
            where = {"number": number, "field": ""}
            if name in entry_form.fields:
                where["field"] = entry_form[name].label
                words = _("Exercise %(number)d, %(field)s: %(error)s")
            else:
                words = _("Exercise %(number)d: %(error)s")
            reasons += [words % {**where, "error": error} for error in errors]
    return reasons


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
