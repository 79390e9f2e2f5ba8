"""What the casebook registers with the search app: the case index (faceted), the case
page type of the site search, and the signals that keep the case index up to date."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from search.evaluation import relevance_corpus_register
from search.faceted import faceted_index_register
from search.indexes.site import SiteType, site_type_register

from ..models import CaseLegalBasis, CasePage
from . import signals
from .evaluation import relevance_corpus_store
from .index import CASE_INDEX, case_labels, case_text_parts


def _case_text(page: CasePage) -> list[str]:
    """The same searchable text as the case index's (search.synonyms.query_groups then
    finds the same cases in both): the situation first, so a result without a match in
    its text shows how it starts; the labels last."""
    return [*case_text_parts(page), case_labels(page)]


def register_case_search() -> None:
    faceted_index_register(CASE_INDEX)
    relevance_corpus_register(CASE_INDEX.name, relevance_corpus_store)
    site_type_register(
        SiteType(
            name="case",
            label=_("Casus"),
            plural=_("Casussen"),
            model="casebook.CasePage",
            text=_case_text,
            date=lambda page: page.last_published_at,
            # What _case_text reads, in a fixed number of queries per chunk.
            filter=lambda queryset: queryset.select_related("region").prefetch_related(
                "problem_domains",
                Prefetch(
                    "legal_bases",
                    queryset=CaseLegalBasis.objects.select_related("law", "article").order_by(
                        "sort_order", "pk"
                    ),
                ),
            ),
        )
    )
    signals.connect()
