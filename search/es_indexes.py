"""Elasticsearch index definitions (elasticsearch.dsl): the case index and the site index.

The documents are the plain dicts of `search.indexes.cases.CaseIndex.document()`, so
both engines index the same data. Elasticsearch analyses the raw text itself:

- `nl_index`: standard tokenizer, lowercase, asciifolding ("cliënt" = "client"), Dutch
  stop words and the Dutch Snowball stemmer ("schulden" = "schuld").
- `nl_search`: the same plus the editors' synonyms (synonym_graph, search time only, so
  a changed synonym works after the next `search_index --rebuild` without reindexing
  anything else).
- `title.autocomplete`: edge n-grams of the title words for type-ahead.

Facet fields are keywords (the year an integer), so terms aggregations count them exactly.
The index name carries a timestamp (`<prefix>cases-<timestamp>`); readers use the alias
`<prefix>cases`, which a rebuild moves in one atomic step. The site index
(`<prefix>site`, documents of search.indexes.site) uses the same analyzers and the same
alias swap.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import (
    Date,
    Document,
    Double,
    Index,
    Integer,
    Keyword,
    Object,
    Text,
)

if TYPE_CHECKING:
    from .indexes.site import SiteDocumentData

logger = logging.getLogger(__name__)

CASE_INDEX_NAME = "cases"
#: Most values a facet aggregation returns (the database backend returns all of them).
FACET_SIZE = 2000
#: Deepest result a page may reach (from + size).
MAX_RESULT_WINDOW = 100_000
#: Document keys that only the database backend uses.
DATABASE_ONLY_KEYS = ("title_stems", "text_stems")


def index_prefix() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "doorbraak_")


def case_alias() -> str:
    """The name readers and after-commit updates use."""
    return f"{index_prefix()}{CASE_INDEX_NAME}"


def case_index_pattern() -> str:
    """Every concrete case index (old and new), for clean-up after a swap."""
    return f"{case_alias()}-*"


def new_case_index_name() -> str:
    return f"{case_alias()}-{timezone.now():%Y%m%d%H%M%S%f}"


def synonym_rules() -> list[str]:
    """The editors' synonyms in Solr format ("pw, participatiewet"), once
    search.synonyms exists; none before."""
    try:
        from search.synonyms import synonym_rules as rules  # noqa: PLC0415
    except ImportError:
        return []
    try:
        return [rule for rule in rules() if rule.strip()]
    except Exception:  # a broken table must not stop indexing: search without synonyms
        logger.exception("Could not read the synonyms; indexing without them")
        return []


def analysis_settings() -> dict:
    """Analyzers of the index, with the synonym rules of this moment."""
    base_filters = ["lowercase", "asciifolding"]
    filters: dict[str, dict] = {
        "nl_stop": {"type": "stop", "stopwords": "_dutch_"},
        "nl_stemmer": {"type": "stemmer", "language": "dutch"},
        "nl_autocomplete": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    }
    synonym_filters = []
    if rules := synonym_rules():
        filters["nl_synonyms"] = {"type": "synonym_graph", "synonyms": rules}
        synonym_filters = ["nl_synonyms"]
    return {
        "filter": filters,
        "analyzer": {
            "nl_index": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*base_filters, "nl_stop", "nl_stemmer"],
            },
            "nl_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*base_filters, *synonym_filters, "nl_stop", "nl_stemmer"],
            },
            "nl_autocomplete": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*base_filters, "nl_autocomplete"],
            },
            "nl_autocomplete_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": base_filters,
            },
        },
    }


def _dutch_text(**kwargs) -> Text:
    return Text(analyzer="nl_index", search_analyzer="nl_search", **kwargs)


def _facet_keyword() -> Keyword:
    return Keyword(eager_global_ordinals=True)


class CaseEsDocument(Document):
    """The mapping of the case index (one document per live, public case; id = page id)."""

    id = Integer()
    title = _dutch_text(
        fields={
            "raw": Keyword(),
            "autocomplete": Text(
                analyzer="nl_autocomplete", search_analyzer="nl_autocomplete_search"
            ),
        }
    )
    text = _dutch_text()
    url = Keyword(index=False)
    household = Keyword(index=False)
    summary = Keyword(index=False)
    # Facets: global ordinals are built at refresh, not by the first search after it.
    domains = _facet_keyword()
    laws = _facet_keyword()
    articles = _facet_keyword()
    region = _facet_keyword()
    phase = _facet_keyword()
    outcome = _facet_keyword()
    year = Integer()
    prevented_total = Double()  # scaled_float lives in a module the test node lacks
    legal_bases = Object(enabled=False)


def case_index(name: str) -> Index:
    """The definition of one concrete case index called `name`."""
    index = Index(name)
    index.settings(
        number_of_shards=getattr(settings, "ELASTICSEARCH_SHARDS", 1),
        number_of_replicas=getattr(settings, "ELASTICSEARCH_REPLICAS", 0),
        max_result_window=MAX_RESULT_WINDOW,
        analysis=analysis_settings(),
    )
    index.document(CaseEsDocument)
    return index


def es_source(document: dict) -> dict:
    """What Elasticsearch stores of a document built by the case index definition."""
    source = {key: value for key, value in document.items() if key not in DATABASE_ONLY_KEYS}
    source["prevented_total"] = str(document.get("prevented_total", "0"))
    return source


# -- the site index ----------------------------------------------------------------------
SITE_INDEX_NAME = "site"


def site_alias() -> str:
    """The name site search and after-commit updates use."""
    return f"{index_prefix()}{SITE_INDEX_NAME}"


def site_index_pattern() -> str:
    """Every concrete site index (old and new), for clean-up after a swap."""
    return f"{site_alias()}-*"


def new_site_index_name() -> str:
    return f"{site_alias()}-{timezone.now():%Y%m%d%H%M%S%f}"


class SiteEsDocument(Document):
    """The mapping of the site index: one document per visible page of a registered type
    (search.indexes.site), id = its key ("standards.standardpage:12")."""

    key = Keyword()
    type = _facet_keyword()
    title = _dutch_text(
        fields={
            "raw": Keyword(),
            "autocomplete": Text(
                analyzer="nl_autocomplete", search_analyzer="nl_autocomplete_search"
            ),
        }
    )
    text = _dutch_text()
    url = Keyword(index=False)
    date = Date()
    page_id = Integer()


def site_index(name: str) -> Index:
    """The definition of one concrete site index called `name`."""
    index = Index(name)
    index.settings(
        number_of_shards=getattr(settings, "ELASTICSEARCH_SHARDS", 1),
        number_of_replicas=getattr(settings, "ELASTICSEARCH_REPLICAS", 0),
        max_result_window=MAX_RESULT_WINDOW,
        analysis=analysis_settings(),
    )
    index.document(SiteEsDocument)
    return index


def site_es_source(document: SiteDocumentData) -> dict:
    """What Elasticsearch stores of a site document (the same fields the database
    backend's SiteDocument row holds, without the stems: Elasticsearch stems itself)."""
    return {
        "key": document.key,
        "type": document.type,
        "title": document.title,
        "text": document.text,
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
        "page_id": document.page_id,
    }
