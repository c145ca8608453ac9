from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbookConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "logbook"
    verbose_name = _("Logbook")
