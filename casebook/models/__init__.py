"""Casebook models: the taxonomies editors keep, and the example cases."""

from .cases import (
    CaseCost,
    CaseIndexPage,
    CaseLegalBasis,
    CasePage,
    CostDomain,
    Outcome,
    Phase,
)
from .impact import ImpactPage
from .saved_searches import AlertFrequency, SavedSearch
from .taxonomy import Law, LawArticle, ProblemDomain, Region

__all__ = [
    "AlertFrequency",
    "CaseCost",
    "CaseIndexPage",
    "CaseLegalBasis",
    "CasePage",
    "CostDomain",
    "ImpactPage",
    "Law",
    "LawArticle",
    "Outcome",
    "Phase",
    "ProblemDomain",
    "Region",
    "SavedSearch",
]
