"""Django's log-in and password addresses (the names of django.contrib.auth.urls), with
Backcare's guarded views for changing and resetting a password."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import passwords, two_step, views

urlpatterns = [
    path("login/", two_step.LoginView.as_view(), name="login"),
    path("login/code/", two_step.login_code, name="login_code"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password_change/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password_reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
