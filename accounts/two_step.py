"""Optional two-step log-in: after the password, a code from an authenticator app (TOTP, with
django-otp) or one of ten single-use recovery codes.

Until the code is given the person is not signed in: the password's success is kept in the
session for five minutes, and every wrong code counts as a wrong password (accounts/throttle.py)
on top of django-otp's own growing delays.
"""

import base64
import time

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.throttle import lockout_response, password_guess

PENDING = "backcare_two_step"
PENDING_SECONDS = 5 * 60
RECOVERY_CODES = 10


def app_device(user, *, confirmed=True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        help_text=gettext_lazy("The 6 digits your authenticator app shows, or a recovery code."),
    )


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        if not password_guess(self.request, self.request.user, self.cleaned_data["password"]):
            raise forms.ValidationError(_("That is not your password."))
        return self.cleaned_data["password"]


def verified_device(user, code: str):
    """The device that accepts the code (the app's, or a recovery code, used up), or None."""
    code = code.replace(" ", "").replace("-", "").lower()
    app = app_device(user)
    if app is not None and code.isdigit() and app.verify_token(code):
        return app
    # A recovery code is used up by deleting it; the row lock makes two posts of one code at
    # the same moment find it only once.
    token = (
        StaticToken.objects.select_for_update()
        .select_related("device")
        .filter(device__user=user, device__confirmed=True, token=code)
        .first()
    )
    if token is None:
        return None
    token.delete()
    return token.device


class LoginView(auth_views.LoginView):
    """Django's log-in; with two-step log-in on, the password leads to the code page instead."""

    def form_valid(self, form):
        user = form.get_user()
        if app_device(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "since": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login_code")


def login_code(request):
    pending = request.session.get(PENDING)
    user = None
    if pending and time.time() - pending["since"] <= PENDING_SECONDS:
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Please log in again."))
        return redirect("login")
    credentials = {"username": user.get_username()}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return lockout_response(request, None, credentials)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        with transaction.atomic():
            device = verified_device(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(left)s are left.")
                    % {"left": recovery_codes_left(user)},
                )
            return redirect(pending["next"])
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.add_error(
            "code", _("That code is not right. Check your app's code, or use a recovery code.")
        )
    return render(request, "registration/login_code.html", {"form": form})


def _qr_code(device: TOTPDevice) -> str:
    return mark_safe(  # only path data and our own title: no text from a person
        segno.make(device.config_url, error="m").svg_inline(
            scale=5, border=2, title=_("QR code for your authenticator app")
        )
    )


def _secret(device: TOTPDevice) -> str:
    """The key to type in by hand, in groups of four letters."""
    text = base64.b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@login_required
def two_step(request):
    """Turn two-step log-in on (scan, then confirm a code), make new recovery codes, or turn it
    off; each asks for the password."""
    user, action = request.user, request.POST.get("action")
    if request.method == "POST" and action == "start":
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        return redirect("accounts:two_step")
    setup = app_device(user, confirmed=False)
    code_form = CodeForm(request.POST if action == "confirm" else None)
    password_form = PasswordForm(
        request.POST if action in {"confirm", "codes", "off"} else None, request=request
    )
    # Every change asks for the password: a borrowed session must not lock its owner out.
    password_ok = action in {"confirm", "codes", "off"} and password_form.is_valid()
    if action == "confirm" and setup is not None and code_form.is_valid() and password_ok:
        if setup.verify_token(code_form.cleaned_data["code"].replace(" ", "")):
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            setup.confirmed = True
            setup.save(update_fields=["confirmed"])
            return render(
                request, "accounts/recovery_codes.html", {"codes": _new_recovery_codes(user)}
            )
        code_form.add_error("code", _("That code is not right: try the newest one your app shows."))
    if action in {"codes", "off"} and password_ok:
        if action == "codes":
            return render(
                request, "accounts/recovery_codes.html", {"codes": _new_recovery_codes(user)}
            )
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        messages.success(request, _("Two-step log-in is off."))
        return redirect("accounts:account")
    return render(
        request,
        "accounts/two_step.html",
        {
            "device": app_device(user),
            "setup": setup,
            "qr_code": _qr_code(setup) if setup else "",
            "secret": _secret(setup) if setup else "",
            "codes_left": recovery_codes_left(user),
            "code_form": code_form,
            "password_form": password_form,
        },
    )
