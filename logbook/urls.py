from django.urls import path

from logbook import views

app_name = "logbook"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("progress/", views.progress_view, name="progress"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_update, name="session_update"),
    path("sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("sessions/<int:pk>/again/", views.session_repeat, name="session_repeat"),
    path(
        "sessions/<int:pk>/next-morning/", views.session_next_morning, name="session_next_morning"
    ),
]
