"""The training app's addresses. The paths are the ones people have bookmarked: the logbook under
/logbook/ and routines under /routines/, although both are one app now (one namespace)."""

from django.urls import path

from logbook.views import (
    flare,
    function,
    learn,
    plan,
    player,
    progress,
    report,
    routine_editor,
    routines,
    sessions,
)

app_name = "logbook"

urlpatterns = [
    path("logbook/", sessions.session_list, name="session_list"),
    path("logbook/progress/", progress.progress_view, name="progress"),
    path("logbook/flare-up/", flare.flare, name="flare"),
    path("logbook/report/", report.report_view, name="report"),
    path("logbook/report.pdf", report.report_pdf_view, name="report_pdf"),
    path("logbook/report/share/", report.share_create, name="share_create"),
    path("logbook/report/share/<int:pk>/revoke/", report.share_revoke, name="share_revoke"),
    path("shared/<str:token>/", report.shared_report, name="shared_report"),
    path("logbook/plan/", plan.plan_detail, name="plan"),
    path("logbook/plan/new/", plan.plan_create, name="plan_create"),
    path("logbook/plan/step/", plan.plan_step, name="plan_step"),
    path("logbook/plan/calendar/", plan.plan_calendar_link, name="plan_calendar_link"),
    path("logbook/activities/", function.function_check, name="function_check"),
    path("logbook/activities/not-now/", function.function_skip, name="function_skip"),
    path("learn/", learn.lesson_list, name="lesson_list"),
    path("learn/<slug:slug>/", learn.lesson_detail, name="lesson_detail"),
    path("calendar/<str:token>.ics", plan.calendar_feed, name="calendar_feed"),
    path("reminders/stop/<str:token>/", plan.reminders_stop, name="reminders_stop"),
    path("logbook/sessions/new/", sessions.session_create, name="session_create"),
    path("logbook/sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("logbook/sessions/<int:pk>/edit/", sessions.session_update, name="session_update"),
    path("logbook/sessions/<int:pk>/delete/", sessions.session_delete, name="session_delete"),
    path("logbook/sessions/<int:pk>/again/", sessions.session_repeat, name="session_repeat"),
    path(
        "logbook/sessions/<int:pk>/next-morning/",
        sessions.session_next_morning,
        name="session_next_morning",
    ),
    path("routines/", routines.routine_list, name="routine_list"),
    path("routines/new/", routines.routine_create, name="routine_create"),
    path("routines/<int:pk>/", routines.routine_detail, name="routine_detail"),
    path("routines/<int:pk>/edit/", routine_editor.routine_update, name="routine_update"),
    path("routines/<int:pk>/delete/", routines.routine_delete, name="routine_delete"),
    path("routines/<int:pk>/copy/", routines.routine_copy, name="routine_copy"),
    path("routines/<int:pk>/play/", player.routine_play, name="routine_play"),
    path(
        "routines/<int:pk>/items/<int:item_pk>/accept/",
        routines.suggestion_accept,
        name="routine_suggestion_accept",
    ),
]
