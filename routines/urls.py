from django.urls import path

from routines import views

app_name = "routines"

urlpatterns = [
    path("", views.routine_list, name="list"),
    path("new/", views.routine_create, name="create"),
    path("<int:pk>/", views.routine_detail, name="detail"),
    path("<int:pk>/edit/", views.routine_update, name="update"),
    path("<int:pk>/delete/", views.routine_delete, name="delete"),
    path("<int:pk>/copy/", views.routine_copy, name="copy"),
    path("<int:pk>/play/", views.routine_play, name="play"),
    path("<int:pk>/items/add/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/", views.item_update, name="item_update"),
    path("<int:pk>/items/<int:item_pk>/move/", views.item_move, name="item_move"),
    path("<int:pk>/items/<int:item_pk>/remove/", views.item_remove, name="item_remove"),
    path("<int:pk>/items/<int:item_pk>/accept/", views.suggestion_accept, name="suggestion_accept"),
]
