from django.urls import path

from accounts import two_step, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("signup/", views.signup, name="signup"),
    path("before-you-start/", views.precautions, name="precautions"),
    path("two-step/", two_step.two_step, name="two_step"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json_view, name="export_json"),
    path("import/", views.import_data, name="import"),
    path("delete/", views.delete, name="delete"),
]
