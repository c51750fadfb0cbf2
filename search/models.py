"""Synonym groups that editors manage in the Wagtail admin (see search.synonyms)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.synonyms import MAX_TERM_LENGTH, MAX_TERMS, fold, is_valid_term, words_of

_SEPARATORS = re.compile(r"[,\n\r]+")


def parse_terms(text: str) -> list[str]:
    """Comma-separated or one per line; lowercase, single spaces, no repeats."""
    terms: dict[str, str] = {}
    for raw in _SEPARATORS.split(text or ""):
        term = " ".join(words_of(raw)).lower()
        if term:
            terms.setdefault(fold(term), term)
    return list(terms.values())


class SynonymGroup(models.Model):
    terms = models.TextField(
        _("woorden"),
        help_text=_(
            "Woorden die een zoeker als hetzelfde bedoelt, gescheiden door komma's of één "
            "per regel, bv. 'pakket, zending'. Een woord mag uit meer woorden bestaan "
            "('contract beëindigen'). Vervoegingen hoef je niet op te nemen."
        ),
    )
    note = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Waarom deze woorden bij elkaar horen (alleen voor redacteuren)."),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synoniemgroep")
        verbose_name_plural = _("synoniemen")

    def __str__(self) -> str:
        return ", ".join(self.term_list())

    def term_list(self) -> list[str]:
        return parse_terms(self.terms)

    def clean(self) -> None:
        terms = parse_terms(self.terms)
        errors = []
        for term in terms:
            if len(term) > MAX_TERM_LENGTH:
                errors.append(
                    _("'%(term)s…' is te lang: een woord mag hoogstens %(max)s tekens hebben.")
                    % {"term": term[:20], "max": MAX_TERM_LENGTH}
                )
            elif not is_valid_term(term):
                errors.append(
                    _(
                        "'%(term)s' bevat een leesteken. Gebruik alleen letters, cijfers en "
                        'spaties: tekens als " - + | * ( ) hebben in de zoekvraag een '
                        "eigen betekenis."
                    )
                    % {"term": term}
                )
        if len(terms) < 2:
            errors.append(_("Geef minstens twee woorden op die hetzelfde betekenen."))
        if len(terms) > MAX_TERMS:
            errors.append(
                _("Geef hoogstens %(max)s woorden op; splits een grotere groep.")
                % {"max": MAX_TERMS}
            )
        if errors:
            raise ValidationError({"terms": errors})
        self.terms = "\n".join(terms)
