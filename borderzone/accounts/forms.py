from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from borderzone.access.actors import Actor
from borderzone.accounts.models import Role, User
from borderzone.accounts.services import user_set_password
from borderzone.zones.models import EconomicZone


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        # One message for a wrong password and an unknown user alike.
        "invalid_login": _("The username or password is not correct."),
        "inactive": _("The username or password is not correct."),
    }


class UserForm(forms.Form):
    """An account as an administrator edits it; the password only when creating."""

    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Letters, digits and @ . + - _ only.")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    # A new account starts with the least powerful role; the administrator raises it deliberately.
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.INVESTOR)
    zones = forms.ModelMultipleChoiceField(
        label=_("Zones"), queryset=EconomicZone.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label=_("May sign in"), required=False, initial=True)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not common, not only digits, not like the username."),
    )

    def __init__(self, *args: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        if creating:
            self.fields["password"].required = True
        else:
            del self.fields["password"]
            self.fields["username"].disabled = True

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        role = data.get("role")
        if role in (Role.SPECIALIST, Role.LEADER) and not data.get("zones"):
            self.add_error("zones", _("Specialists and leaders work in at least one zone."))
        return data


class CodeForm(forms.Form):
    """The second step of a sign-in: a code from the authenticator app, or one recovery code."""

    code = forms.CharField(
        label=_("One-time code"),
        max_length=24,
        help_text=_("The 6 digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("After adding the account in the app, type the 6 digits it shows."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class _ServicePasswordMixin:
    """Django's password forms, saving through the audited service (which ends the other sessions)."""

    actor: Actor
    user: User
    cleaned_data: dict[str, Any]

    def save(self, commit: bool = True) -> User:
        return user_set_password(user=self.user, password=self.cleaned_data["new_password1"], actor=self.actor)


class PasswordChangeForm(_ServicePasswordMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordSetForm(_ServicePasswordMixin, auth_forms.SetPasswordForm[User]):
    pass
