"""Dutch number notation for key figures (379.614; 124%; +175%), via Babel.

Babel already comes with Sphinx; the locale follows the project's ``language``.
"""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent


def number(value: float, locale: str) -> str:
    return format_decimal(value, locale=locale)


def with_unit(value: float, unit: str | None, locale: str) -> str:
    text = number(value, locale)
    if not unit:
        return text
    # A percent sign sits against the number in Dutch notation ("124%").
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def growth(before: float, after: float) -> float | None:
    """Relative change from before to after; None when before is zero."""
    if before == 0:
        return None
    return (after - before) / before


def signed_percent(fraction: float, locale: str) -> str:
    text = format_percent(fraction, locale=locale)
    return f"+{text}" if fraction > 0 else text
