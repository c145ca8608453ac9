import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")

application = get_asgi_application()

# Serving requests without a real key would sign sessions with nothing: refuse to start.
from backcare.settings import require_secret_key  # noqa: E402

require_secret_key()
