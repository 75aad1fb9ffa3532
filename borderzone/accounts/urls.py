from django.urls import path

from borderzone.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("staff/users/", views.user_list, name="user-list"),
    path("staff/users/new/", views.user_create, name="user-create"),
    path("staff/users/<int:pk>/", views.user_edit, name="user-edit"),
]
