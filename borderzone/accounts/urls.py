from django.urls import path

from borderzone.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/login/code/", views.login_code, name="login-code"),
    path("accounts/login/enrol/", views.login_enrol, name="login-enrol"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/security/", views.security, name="security"),
    path("accounts/security/authenticator/", views.security_enrol, name="security-enrol"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("accounts/password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("accounts/password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password/reset/complete/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"
    ),
    path("staff/users/", views.user_list, name="user-list"),
    path("staff/users/new/", views.user_create, name="user-create"),
    path("staff/users/<int:pk>/", views.user_edit, name="user-edit"),
]
