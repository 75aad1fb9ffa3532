from __future__ import annotations

import base64
import time
from collections.abc import Callable
from functools import partial
from typing import Any, cast

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.generic import FormView

from borderzone.access.actors import SYSTEM_USERNAME, Actor, client_ip, request_actor
from borderzone.access.pages import form_page
from borderzone.access.permissions import is_admin
from borderzone.access.requests import AuthedRequest
from borderzone.accounts import second_factor, services
from borderzone.accounts.forms import CodeForm, EnrolForm, LoginForm, PasswordChangeForm, PasswordSetForm, UserForm
from borderzone.accounts.models import User
from borderzone.core.forms import form_status

_PENDING = "bz_signin_pending"


def _actor(request: HttpRequest, user: User | None = None) -> Actor:
    return Actor(user=user, via="web", ip_address=client_ip(request))


class LoginView(auth_views.LoginView):
    """Username and password; for an account with a second factor, the code step follows before any sign-in."""

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if second_factor.asks_for_code(user):
            # Nobody is signed in yet: the session only remembers whose password was right, for a while.
            self.request.session.cycle_key()
            self.request.session[_PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "hash": user.get_session_auth_hash(),
                "at": time.time(),
                "next": self.get_success_url(),
            }
            if second_factor.is_enrolled(user):
                return redirect("accounts:login-code")
            return redirect("accounts:login-enrol")
        response = super().form_valid(form)
        services.sign_in_recorded(user=user, actor=_actor(self.request, user))
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = (self.request.POST.get("username") or "").strip()
        if username and self.request.POST.get("password"):
            locked = getattr(self.request, "axes_locked_out", False)
            services.sign_in_refused(
                username=username[:150], actor=_actor(self.request), note="locked out" if locked else "password"
            )
        return super().form_invalid(form)


def _pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    """The account whose password was just right, while the code step may still follow it."""
    pending = request.session.get(_PENDING)
    if (
        not isinstance(pending, dict)
        or time.time() - float(pending.get("at", 0)) > settings.SECOND_FACTOR_PENDING_SECONDS
    ):
        request.session.pop(_PENDING, None)
        return None
    user = User.objects.filter(pk=int(pending.get("user") or 0), is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), pending.get("hash", "")):
        request.session.pop(_PENDING, None)
        return None
    return user, pending


def _finish_sign_in(request: HttpRequest, user: User, pending: dict[str, Any], note: str) -> None:
    request.session.pop(_PENDING, None)
    login(request, user, backend=pending["backend"])
    services.sign_in_recorded(user=user, actor=_actor(request, user), note=note)


def _expired(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("Your sign-in has expired. Please enter your username and password again."))
    return redirect("accounts:login")


def login_code(request: HttpRequest) -> HttpResponse:
    """Second step: a code from the authenticator app or a recovery code."""
    found = _pending_user(request)
    if found is None:
        return _expired(request)
    user, pending = found
    if not second_factor.is_enrolled(user):
        return redirect("accounts:login-enrol")
    form = CodeForm(request.POST or None)
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return lockout_response(request, credentials)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify(user=user, token=form.cleaned_data["code"])
        if device is not None:
            recovery = device.name != "authenticator"
            _finish_sign_in(request, user, pending, "recovery code" if recovery else "authenticator")
            if recovery:
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(count)d left. Make new ones in Account security.")
                    % {"count": second_factor.recovery_codes_left(user)},
                )
            return redirect(pending["next"])
        services.sign_in_refused(username=user.get_username(), actor=_actor(request), note="second factor")
        # A wrong code counts towards the lockout of the account, as a wrong password does.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.add_error(
            "code",
            _("This code is not correct or was already used. After a wrong code, wait a few seconds before the next."),
        )
    return render(request, "accounts/login_code.html", {"form": form}, status=form_status(form))


def _enrol_page(request: HttpRequest, user: User, on_success: Callable[[list[str]], HttpResponse]) -> HttpResponse:
    device = second_factor.authenticator_start(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.authenticator_confirm(
            device=device, token=form.cleaned_data["code"], actor=_actor(request, user)
        )
        if codes is not None:
            return on_success(codes)
        form.add_error("code", _("This code is not correct. Check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": user.needs_second_factor,
        },
        status=form_status(form),
    )


def _recovery_codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    response = render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
    response["Cache-Control"] = "no-store"
    return response


def login_enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of staff without a second factor: set up the authenticator app, then get recovery codes."""
    found = _pending_user(request)
    if found is None:
        return _expired(request)
    user, pending = found
    if second_factor.is_enrolled(user):
        return redirect("accounts:login-code")

    def done(codes: list[str]) -> HttpResponse:
        _finish_sign_in(request, user, pending, "authenticator, just enrolled")
        return _recovery_codes_page(request, codes, pending["next"])

    return _enrol_page(request, user, done)


@login_required
def security(request: AuthedRequest) -> HttpResponse:
    """Account security: the password and the second factor of the signed-in user."""
    user = request.user
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.recovery_codes_renew(
            user=user, token=form.cleaned_data["code"], actor=request_actor(request)
        )
        if codes is not None:
            return _recovery_codes_page(request, codes, reverse("accounts:security"))
        form.add_error(
            "code",
            _("This code is not correct or was already used. After a wrong code, wait a few seconds before the next."),
        )
    return render(
        request,
        "accounts/security.html",
        {
            "form": form,
            "enrolled": second_factor.is_enrolled(user),
            "codes_left": second_factor.recovery_codes_left(user),
        },
        status=form_status(form),
    )


@login_required
def security_enrol(request: AuthedRequest) -> HttpResponse:
    """Set up (or replace) the authenticator app of the signed-in user."""
    user = request.user
    return _enrol_page(request, user, lambda codes: _recovery_codes_page(request, codes, reverse("accounts:security")))


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule); lands on the public home page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            services.sign_out_recorded(user=request.user, actor=request_actor(request))
        return super().post(request, *args, **kwargs)


class _Unprocessable(FormView[Any]):
    """A refused form answers 422, as the other forms do (core.forms.form_status)."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class PasswordChangeView(_Unprocessable, auth_views.PasswordChangeView):
    """A new password: this session stays, every other session of the account ends."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:security")

    def get_form(self, form_class: Any = None) -> PasswordChangeForm:
        form = cast(PasswordChangeForm, super().get_form(form_class))
        form.actor = request_actor(self.request)
        return form

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed. Your other sessions were ended."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for the e-mail address; the same answer whether an account has it or not."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        # Links in e-mails use the configured address of the site, never the Host header of the request.
        self.extra_email_context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(reset_minutes=settings.PASSWORD_RESET_TIMEOUT // 60, **kwargs)


class PasswordResetConfirmView(_Unprocessable, auth_views.PasswordResetConfirmView):
    """The link from the e-mail: works once and for PASSWORD_RESET_TIMEOUT; signs nobody in."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = PasswordSetForm
    success_url = reverse_lazy("accounts:password-reset-complete")

    def get_form(self, form_class: Any = None) -> PasswordSetForm:
        form = cast(PasswordSetForm, super().get_form(form_class))
        form.actor = _actor(self.request, self.user)
        return form


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def lockout_response(request: HttpRequest, credentials: Any, *args: Any, **kwargs: Any) -> HttpResponse:
    """What a locked-out sign-in sees: the same page for known and unknown usernames."""
    request.session.pop(_PENDING, None)
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


def _account_saved(message: str) -> Callable[[HttpRequest, User], None]:
    def done(request: HttpRequest, user: User) -> None:
        messages.success(request, message % {"name": user.username})

    return done


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    return form_page(
        request,
        partial(UserForm, creating=True),
        services.user_create,
        template="accounts/user_form.html",
        done=_account_saved(_("Account %(name)s created.")),
        back=reverse("accounts:user-list"),
        context={"title": _("New account")},
    )


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    user = get_object_or_404(User.objects.exclude(username=SYSTEM_USERNAME), pk=pk)
    if request.method == "POST" and "reset_second_factor" in request.POST:
        second_factor.second_factor_reset(user=user, actor=request_actor(request))
        messages.success(
            request,
            _("The second factor of %(name)s was removed and their sessions ended; they set it up at next sign-in.")
            % {"name": user.username},
        )
        return redirect("accounts:user-edit", pk=user.pk)
    initial = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "zones": list(user.zones.all()),
        "is_active": user.is_active,
    }

    def save(*, actor: Actor, username: str, **fields: Any) -> User:
        # The username is shown (disabled), never changed.
        return services.user_update(user=user, actor=actor, **fields)

    return form_page(
        request,
        partial(UserForm, creating=False, initial=initial),
        save,
        template="accounts/user_form.html",
        done=_account_saved(_("Account %(name)s saved.")),
        back=reverse("accounts:user-list"),
        context={
            "title": _("Account %(name)s") % {"name": user.username},
            "account": user,
            "second_factor_enrolled": second_factor.is_enrolled(user),
        },
    )
