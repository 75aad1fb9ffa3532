"""Money: a Decimal amount with its currency. Never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Self

CURRENCIES = ("VND", "USD")


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money amounts are Decimal, not " + type(self.amount).__name__)
        if self.currency not in CURRENCIES:
            raise ValueError(f"Unknown currency {self.currency!r}")

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Self:
        try:
            value = Decimal(amount)
        except InvalidOperation:
            raise ValueError(f"Not an amount: {amount!r}") from None
        return cls(value, currency)

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"Cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)

    def to_vnd(self, rate: Decimal) -> Money:
        """Converted at `rate` VND per unit; the caller keeps the rate and its date beside it."""
        if self.currency == "VND":
            return self
        return Money((self.amount * rate).quantize(Decimal(1)), "VND")


def vnd(amount: Decimal | int | str) -> Money:
    return Money.of(amount, "VND")


def usd(amount: Decimal | int | str) -> Money:
    return Money.of(amount, "USD")
