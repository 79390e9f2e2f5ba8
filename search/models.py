"""The database backend's storage.

A faceted index (search.faceted; the portal has one, the casebook's cases): one
denormalised row per visible document, whose columns are the index's single-valued
facets and sort fields (region, phase, outcome, year, costs prevented, title), plus one
row per (facet, value) of its multi-valued facets (problem domains, laws, articles) and
one row per distinct stem of its text (the inverted index free text is matched on).
The model keeps its historical name, CaseDocument: renaming it would rename its tables.

Facet counts are then a handful of GROUP BY queries, whatever the number of documents.
The rows are written by `search.indexing` from the documents of the registered index
definition; nothing else writes them, and a rebuild can always recreate them.

`IndexOperation` is the outbox of an external engine (Elasticsearch, OpenSearch): the
writes still to be applied there (`search.outbox`).
"""

from django.db import models
from django.utils import timezone

#: Why the guard leaves the index's fields alone (see the guard_exempt declarations).
INDEX_COPY = "a copy the search index makes of texts the guard checked on their page"


class CaseDocument(models.Model):
    # The anonymisation guard's policy (portal/anonymisation/policy.py): copies of texts
    # the guard already checked on the case page, made by the search index.
    guard_exempt = dict.fromkeys(
        (
            "title",
            "url",
            "household",
            "summary",
            "title_stems",
            "text_stems",
            "phase",
            "outcome",
            "region",
            "data",
        ),
        INDEX_COPY,
    )
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
            # Covers what a search reads of a matched document (its facet and sort
            # columns): the row itself is wide (texts, JSON) and its facet columns sit
            # after the texts, so reading them from the table costs overflow pages.
            models.Index(
                fields=["page", "year", "region", "phase", "outcome", "prevented_total", "title"],
                name="search_casedoc_facets",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CaseDocumentTerm(models.Model):
    """One value of a multi-valued facet of a case document."""

    guard_exempt = dict.fromkeys(("facet", "value"), INDEX_COPY)

    document = models.ForeignKey(CaseDocument, on_delete=models.CASCADE, related_name="terms")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "value"], name="search_unique_case_term"
            )
        ]
        indexes = [
            # Covers "which documents have these values" without reading the table.
            models.Index(fields=["facet", "value", "document"], name="search_caseterm_value_doc")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class CaseDocumentStem(models.Model):
    """The inverted index of the free text: one row per distinct stem of a case document
    (search.text.stem_weights), with the stem's relevance for that document. Matching a
    query reads the index on (stem, document, weight) instead of every document's text."""

    guard_exempt = {"stem": INDEX_COPY}

    document = models.ForeignKey(CaseDocument, on_delete=models.CASCADE, related_name="stems")
    stem = models.CharField(max_length=100)
    weight = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["stem", "document", "weight"], name="search_casestem_stem_doc")
        ]

    def __str__(self) -> str:
        return self.stem


class SiteDocument(models.Model):
    """The database backend's site index: one denormalised row per visible page of a
    registered type (see `search.indexes.site`), written only by `search.indexing`."""

    guard_exempt = dict.fromkeys(
        ("key", "type", "title", "title_words", "url", "text", "title_stems", "text_stems"),
        INDEX_COPY,
    )

    #: "<app_label>.<model>:<pk>", e.g. "home.contentpage:12".
    key = models.CharField(max_length=120, primary_key=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    type = models.CharField(max_length=30, db_index=True)
    title = models.CharField(max_length=255)
    #: The title lower case without diacritics, padded (" word word "), for autocomplete.
    title_words = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=2048, blank=True)
    #: Plain text the snippets are cut from.
    text = models.TextField(blank=True)
    title_stems = models.TextField(blank=True)
    text_stems = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["type", "title"], name="search_sitedoc_type_title")]

    def __str__(self) -> str:
        return self.title


class Synonym(models.Model):
    """Words that mean the same to a searcher, kept by editors: an abbreviation and what
    it stands for ("PW" = "Participatiewet", "bijzondere bijstand"). Applied at query
    time in both directions on every engine."""

    guard_exempt = dict.fromkeys(
        ("term", "synonyms"), "search vocabulary written by editors: words, not people"
    )

    term = models.CharField(
        "Term",
        max_length=100,
        unique=True,
        help_text="Het woord of de afkorting, bijvoorbeeld ‘PW’ of ‘Wmo’.",
    )
    synonyms = models.TextField(
        "Synoniemen",
        max_length=1000,
        help_text="Wat hetzelfde betekent, gescheiden door komma's, bijvoorbeeld "
        "‘Participatiewet, bijzondere bijstand’. Zoeken op een van deze woorden vindt "
        "ook de andere.",
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "Synoniem"
        verbose_name_plural = "Synoniemen"

    def __str__(self) -> str:
        return f"{self.term} = {self.synonyms}"

    @property
    def synonym_list(self) -> list[str]:
        return [part.strip() for part in self.synonyms.split(",") if part.strip()]


class IndexOperation(models.Model):
    """One pending write to the external search engine: the outbox (`search.outbox`).

    Recorded in the same transaction as the change it stands for, only when an external
    engine (Elasticsearch, OpenSearch) is configured; the database index is written after
    the commit as before. The row names what changed, not how: applying it re-reads the
    object's current state, so applying it twice, or late, is harmless. An applied
    operation is deleted, so the table holds the backlog only (nothing to prune).
    """

    guard_exempt = {
        "index": "the name of a search index, written by the code",
        "key": "an object id or a site-index key, written by the code",
        "last_error": "an error message of the search engine, written by the code",
    }

    #: A faceted index's name (e.g. "cases") or "site".
    index = models.CharField(max_length=50)
    #: The object's id for a faceted index, "<app_label>.<model>:<pk>" for the site index.
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    #: Failed tries so far.
    attempts = models.PositiveIntegerField(default=0)
    #: Not tried before this time (the backoff after a failure).
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    #: Held by a drain until this time (a drain that dies lets go when it passes).
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "Zoekindex-opdracht"
        verbose_name_plural = "Zoekindex-opdrachten"
        indexes = [
            models.Index(fields=["next_attempt_at", "id"], name="search_indexop_due"),
            models.Index(fields=["index", "key"], name="search_indexop_key"),
            models.Index(fields=["created_at"], name="search_indexop_created"),
        ]

    def __str__(self) -> str:
        return f"{self.index}:{self.key}"
