"""The database backend's case index: one denormalised row per visible case, plus one
row per (facet, value) of its multi-valued facets (problem domains, laws, articles).

Facet counts are then a handful of GROUP BY queries, whatever the number of cases. The
rows are written by `search.indexing` from the documents of `search.indexes.cases`;
nothing else writes them, and a rebuild can always recreate them from the pages.
"""

from django.db import models


class CaseDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=2048, blank=True)
    household = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    #: Stems of the title, space separated and padded (" stem stem ").
    title_stems = models.TextField(blank=True)
    #: Stems of every indexed text field, title included.
    text_stems = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    phase = models.CharField(max_length=20, db_index=True)
    outcome = models.CharField(max_length=20, db_index=True)
    region = models.CharField(max_length=100, db_index=True)
    prevented_total = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    #: The plain document (domains, legal bases, ...) as the search results show it.
    data = models.JSONField(default=dict)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["-prevented_total"], name="search_casedoc_prevented"),
            models.Index(fields=["-year", "title"], name="search_casedoc_year_title"),
        ]

    def __str__(self) -> str:
        return self.title


class CaseDocumentTerm(models.Model):
    """One value of a multi-valued facet of a case document."""

    document = models.ForeignKey(CaseDocument, on_delete=models.CASCADE, related_name="terms")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "value"], name="search_unique_case_term"
            )
        ]
        indexes = [models.Index(fields=["facet", "value"], name="search_caseterm_facet_value")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
