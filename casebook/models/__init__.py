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
from .taxonomy import Law, LawArticle, ProblemDomain, Region

__all__ = [
    "CaseCost",
    "CaseIndexPage",
    "CaseLegalBasis",
    "CasePage",
    "CostDomain",
    "Law",
    "LawArticle",
    "Outcome",
    "Phase",
    "ProblemDomain",
    "Region",
]
