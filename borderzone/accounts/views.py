from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from borderzone.access.actors import SYSTEM_USERNAME, request_actor
from borderzone.access.permissions import is_admin
from borderzone.accounts import services
from borderzone.accounts.forms import LoginForm, UserForm
from borderzone.accounts.models import User
from borderzone.core.forms import apply_validation_error, form_status


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule); lands on the public home page."""


def lockout_response(request: HttpRequest, credentials: Any, *args: Any, **kwargs: Any) -> HttpResponse:
    """What a locked-out sign-in sees: the same page for known and unknown usernames."""
    form = LoginForm(request)
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "locked_out": True,
            "lockout_message": _("Too many failed attempts. Try again in %(minutes)d minutes.")
            % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        },
        status=429,
    )


def _admin_only(request: HttpRequest) -> None:
    # Account management is for administrators; to anyone else it does not exist.
    if not is_admin(request.user):
        raise Http404


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    users = User.objects.exclude(username=SYSTEM_USERNAME).prefetch_related("zones").order_by("username")
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    form = UserForm(request.POST or None, creating=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                username=data["username"],
                password=data["password"],
                role=data["role"],
                zones=data["zones"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                actor=request_actor(request),
            )
            if not data["is_active"]:
                services.user_update(user=user, is_active=False, actor=request_actor(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Account %(name)s created.") % {"name": user.username})
            return redirect("accounts:user-list")
    return render(
        request, "accounts/user_form.html", {"form": form, "title": _("New account")}, status=form_status(form)
    )


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    user = get_object_or_404(User.objects.exclude(username=SYSTEM_USERNAME), pk=pk)
    initial = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "zones": list(user.zones.all()),
        "is_active": user.is_active,
    }
    form = UserForm(request.POST or None, creating=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(
                user=user,
                role=data["role"],
                zones=data["zones"],
                is_active=data["is_active"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                actor=request_actor(request),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Account %(name)s saved.") % {"name": user.username})
            return redirect("accounts:user-list")
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "title": _("Account %(name)s") % {"name": user.username}, "account": user},
        status=form_status(form),
    )
