"""Which readability formulas psychoed has for which language: a language is measured with formulas made for
it (:mod:`psychoed.writing.readability` for English, :mod:`psychoed.writing.spanish` for Spanish), or reported
as not measured; never scored with another language's.
"""

from __future__ import annotations

FORMULAS = {"en": "Flesch-Kincaid and SMOG", "es": "Szigriszt-Pazos (INFLESZ) and Fernández-Huerta"}
"""The languages psychoed can measure, by the first part of their code, and the formulas it uses."""


def formula_for(language: str) -> str | None:
    """The formulas for ``language`` (``es-MX`` is measured as ``es``), or None when there are none."""
    return FORMULAS.get(language.split("-")[0].lower())
