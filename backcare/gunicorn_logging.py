"""gunicorn's access log without secrets: a password-reset link's token is replaced before the
line is written (make serve passes --logger-class backcare.gunicorn_logging.RedactingLogger)."""

import re

from gunicorn.glogging import Logger

# /accounts/reset/<uidb64>/<token>/: the token is a password for the next few days.
RESET_TOKEN = re.compile(r"(/accounts/reset/[^/\s?]+/)(?!set-password/)[^/\s?]+")
REDACTED = r"\1[redacted]"


def redact(value):
    return RESET_TOKEN.sub(REDACTED, value) if isinstance(value, str) else value


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact(value) for name, value in atoms.items()}
