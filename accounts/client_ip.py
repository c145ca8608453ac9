"""Which address a request comes from, for log-in throttling (django-axes)."""

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's own address.

    Behind a reverse proxy (BEHIND_PROXY=true) every connection comes from the proxy, so the
    address the proxy puts in X-Real-IP is used; otherwise the connection's own address. The
    header is trusted only then: a client could send it directly to an exposed app server.
    """
    if settings.BEHIND_PROXY and (forwarded := request.META.get("HTTP_X_REAL_IP", "").strip()):
        return forwarded
    return request.META.get("REMOTE_ADDR", "")
