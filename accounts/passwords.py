"""Changing and resetting a password, guarded like the log-in.

A wrong old password on the change form counts as a wrong log-in (accounts/throttle.py). Reset
e-mails are limited per address and per e-mail (accounts/ratelimit.py), and written and sent
after the response: a slow mail server cannot delay the page, and the timing that remains (a
token made for an address with an account) is a fraction of a millisecond.
"""

import datetime
import logging
from concurrent.futures import Future, ThreadPoolExecutor

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.signals import user_login_failed
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import get_language

from accounts import ratelimit
from accounts.client_ip import client_ip
from accounts.throttle import lockout_response

logger = logging.getLogger(__name__)

HOUR = datetime.timedelta(hours=1)
RESETS_PER_ADDRESS = 10  # an hour: a household or an office asks from one address
RESETS_PER_EMAIL = 3  # an hour

_executor: ThreadPoolExecutor | None = None
_pending: set[Future] = set()


def send_later(build) -> None:
    """Build and send an e-mail on a worker thread, once the request's transaction commits:
    ``build`` returns the message, so even its templates are rendered off the request."""

    def submit() -> None:
        global _executor
        if _executor is None:  # made in each server process, after gunicorn forks
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backcare-mail")
        future = _executor.submit(_send, build)
        _pending.add(future)
        future.add_done_callback(_pending.discard)

    transaction.on_commit(submit)


def _send(build) -> None:
    try:
        build().send()
    except Exception:  # a mail server that is down must not take the worker with it
        logger.exception("A password-reset e-mail could not be sent")


def wait_for_outgoing_mail(timeout: float = 10) -> None:
    """Block until every queued e-mail has been handed to the mail backend (for tests, or for a
    process that wants to finish its mail before it stops)."""
    for future in list(_pending):
        future.result(timeout=timeout)


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The person's own language if they chose one, else the one the reset was asked in.
        language = context["user"].language or get_language()

        def build() -> EmailMultiAlternatives:
            with translation.override(language):
                subject = loader.render_to_string(subject_template_name, context)
                body = loader.render_to_string(email_template_name, context)
                message = EmailMultiAlternatives(
                    "".join(subject.splitlines()), body, from_email, [to_email]
                )
                if html_email_template_name is not None:
                    message.attach_alternative(
                        loader.render_to_string(html_email_template_name, context), "text/html"
                    )
            return message

        send_later(build)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        address, email = client_ip(self.request), form.cleaned_data["email"]
        wait = max(
            ratelimit.seconds_until_allowed(
                "reset-address", address, limit=RESETS_PER_ADDRESS, window=HOUR
            ),
            ratelimit.seconds_until_allowed(
                "reset-email", email, limit=RESETS_PER_EMAIL, window=HOUR
            ),
        )
        if wait:
            response = render(
                self.request,
                "registration/password_reset_paused.html",
                {"minutes": max(1, -(-wait // 60))},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        ratelimit.record("reset-address", address)
        ratelimit.record("reset-email", email)
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    def post(self, request, *args, **kwargs):
        credentials = {"username": request.user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, None, credentials)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("old_password", "password_incorrect"):
            # django-axes counts it; at the limit its middleware answers with the pause page.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.request.user.get_username()},
                request=self.request,
            )
        return super().form_invalid(form)
