from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from accounts.export import export_json, write_csv
from accounts.forms import (
    AccountDeleteForm,
    AccountForm,
    ImportForm,
    PrecautionsForm,
    SignupForm,
)
from accounts.services import account_delete
from exercises.precautions import Precaution


def forget_browser_storage(response):
    """Ask the browser to drop what this site stored in it: a guided session in progress keeps
    pain ratings in localStorage until it is saved."""
    response["Clear-Site-Data"] = '"storage"'
    return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        return forget_browser_storage(super().post(request, *args, **kwargs))


def signup(request):
    if request.user.is_authenticated:
        return redirect("logbook:session_list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Signed up reading another language than English: e-mails sent without a browser to
        # ask (reminders) are written in it too. Changeable on the account page.
        if translation.get_language() != settings.LANGUAGE_CODE:
            form.instance.language = translation.get_language()
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Backcare. One question before you start."))
        return redirect("accounts:precautions")
    return render(request, "accounts/signup.html", {"form": form})


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch (a cookie, then back to the page). A visitor's pages carry no
    CSRF token for it, so they stay cacheable: for them it changes only a cookie in their own
    browser. A signed-in person's choice is also saved on their account, for e-mails sent
    without a browser (reminders); that write is checked for its token like every other."""
    if request.user.is_authenticated:
        return _set_saved_language(request)
    return i18n.set_language(request)


@csrf_protect
def _set_saved_language(request):
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER, "")
    if language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@login_required
def account(request):
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if "language" in form.changed_data:
            translation.activate(user.language or translation.get_language_from_request(request))
        messages.success(request, _("Your account is updated."))
        response = redirect("accounts:account")
        # The browser keeps the choice too, for the pages seen after logging out.
        if user.language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        else:
            response.delete_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
            )
        return response
    labels = dict(Precaution.choices)
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "precaution_labels": [labels[p] for p in request.user.precautions if p in labels],
        },
    )


@login_required
def precautions(request):
    """Before you start: conditions that call for a professional's word first. Asked after
    sign-up, changeable from the account page; exercise pages then show what concerns them."""
    first_time = request.user.precautions_answered_at is None
    form = PrecautionsForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.precautions_answered_at = timezone.now()
        user.save(update_fields=["precautions", "precautions_answered_at"])
        if user.precautions:
            messages.info(
                request,
                _(
                    "Thank you. Please check with a health professional before you start: "
                    "the exercises it concerns will remind you."
                ),
            )
        else:
            messages.success(request, _("Thank you. Your logbook is ready."))
        # The first time, on to the home page: today, and making a plan.
        return redirect("home" if first_time else "accounts:account")
    return render(request, "accounts/precautions.html", {"form": form, "first_time": first_time})


def _download_name(request, extension: str) -> str:
    return f"backcare-{request.user.get_username()}-{request.user.today().isoformat()}.{extension}"


@login_required
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, _download_name(request, "csv")
    )
    write_csv(request.user, response)
    return response


@login_required
def export_json_view(request):
    response = JsonResponse(export_json(request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = content_disposition_header(
        True, _download_name(request, "json")
    )
    return response


# Room for the form's envelope around the file (boundaries, headers, the CSRF token).
UPLOAD_ENVELOPE_BYTES = 64 * 1024


@login_required
@csrf_exempt  # checked in _import_upload: the size comes first, before the upload is read
def import_data(request):
    """Import a JSON export. A post larger than the limit is refused from its Content-Length,
    before Django reads it (and stores it on disk), as Django's upload documentation advises."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if request.method == "POST" and length > settings.IMPORT_MAX_BYTES + UPLOAD_ENVELOPE_BYTES:
        from accounts.importer import too_large_message

        return _import_page(request, ImportForm(), [too_large_message(length)])
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    if request.method != "POST":
        return _import_page(request, ImportForm(), [])
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form, form.errors.get("file", []))
    # The importer (and jsonschema) is loaded by the first import, not by every worker at start.
    from accounts.importer import import_document

    try:
        result = import_document(user=request.user, data=form.cleaned_data["file"].read())
    except ValidationError as error:
        return _import_page(request, form, error.messages)
    messages.success(request, result.summary)
    return redirect("accounts:account")


def _import_page(request, form, problems):
    return render(
        request,
        "accounts/account_import.html",
        {"form": form, "problems": problems, "max_bytes": settings.IMPORT_MAX_BYTES},
        status=400 if problems else 200,
    )


@login_required
def delete(request):
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account and everything in it has been deleted."))
        return forget_browser_storage(redirect("home"))
    return render(request, "accounts/account_confirm_delete.html", {"form": form})
