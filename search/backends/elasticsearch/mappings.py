"""Elasticsearch index definitions (elasticsearch.dsl): one per faceted index, built from
its definition (search.faceted.FacetedIndex), and the site index.

Elasticsearch analyses the raw text itself:

- `nl_index`: standard tokenizer, lowercase, asciifolding ("cliënt" = "client"), Dutch
  stop words and the Dutch Snowball stemmer ("schulden" = "schuld").
- `nl_search`: the same plus the editors' synonyms (synonym_graph, search time only, so
  a changed synonym works after the next `search_index --rebuild` without reindexing
  anything else).
- `title.autocomplete`: edge n-grams of the title words for type-ahead.

Facet fields are keywords (integers for whole-number facets), so terms aggregations
count them exactly. An index name carries a timestamp (`<prefix><name>-<timestamp>`);
readers use the alias `<prefix><name>`, which a rebuild moves in one atomic step.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import Date, Index, Integer, Keyword, Long, Mapping, Object, Text

from ...synonyms import synonym_rules
from ...text import MAX_PART, MIN_COMPOUND_WORD, MIN_PART, STOPWORDS, compound_dictionary
from .client import MAX_RESULT_WINDOW

if TYPE_CHECKING:
    from ...faceted import FacetedIndex
    from ...indexes.site import SiteDocumentData

logger = logging.getLogger(__name__)

#: Most values a facet aggregation returns (the database backend returns all of them).
FACET_SIZE = 2000
#: Document keys that only the database backend uses.
DATABASE_ONLY_KEYS = ("title_stems", "text_stems")
SITE_INDEX_NAME = "site"


def index_prefix() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "doorbraak_")


def alias_for(name: str) -> str:
    """The name readers and updates use for the index `name` ("cases", "site")."""
    return f"{index_prefix()}{name}"


def pattern_for(name: str) -> str:
    """Every concrete index behind the alias of `name` (old and new), for clean-up."""
    return f"{alias_for(name)}-*"


def new_index_name(name: str) -> str:
    return f"{alias_for(name)}-{timezone.now():%Y%m%d%H%M%S%f}"


def site_alias() -> str:
    return alias_for(SITE_INDEX_NAME)


def _synonym_rules() -> list[str]:
    """The editors' synonyms in Solr format ("pw, participatiewet")."""
    try:
        return [rule for rule in synonym_rules() if rule.strip()]
    except Exception:  # a broken table must not stop indexing: search without synonyms
        logger.exception("Could not read the synonyms; indexing without them")
        return []


#: The tokenizer of the Dutch analyzers: runs of letters, digits and "_", as
#: search.text cuts words (`\\w+`), so "auto's" is "auto" and "s" on every engine.
WORD_PATTERN = r"[^\p{L}\p{N}_]+"


def analysis_settings() -> dict:
    """Analyzers of an index, with the synonym rules of this moment. `nl_index` analyses
    as search.text does for the database engine: the same words, stop words, compound
    parts (the shipped list) and Snowball stems, so a query matches the same documents
    on every engine."""
    base_filters = ["lowercase", "asciifolding"]
    filters: dict[str, dict] = {
        "nl_stop": {"type": "stop", "stopwords": sorted(STOPWORDS)},
        "nl_decompound": {
            "type": "dictionary_decompounder",
            "word_list": sorted(compound_dictionary()),
            "min_word_size": MIN_COMPOUND_WORD,
            "min_subword_size": MIN_PART,
            "max_subword_size": MAX_PART,
            "only_longest_match": False,
        },
        "nl_stemmer": {"type": "stemmer", "language": "dutch"},
        "nl_autocomplete": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    }
    synonym_filters = []
    if rules := _synonym_rules():
        filters["nl_synonyms"] = {"type": "synonym_graph", "synonyms": rules}
        synonym_filters = ["nl_synonyms"]
    return {
        "tokenizer": {"nl_words": {"type": "pattern", "pattern": WORD_PATTERN}},
        "filter": filters,
        "analyzer": {
            "nl_index": {
                "type": "custom",
                "tokenizer": "nl_words",
                "filter": [*base_filters, "nl_stop", "nl_decompound", "nl_stemmer"],
            },
            # Free text is matched on stems that search.synonyms.query_groups made (the
            # same groups on every engine); a stemmed phrase is cut on spaces only.
            "nl_stems": {"type": "custom", "tokenizer": "whitespace"},
            "nl_search": {
                "type": "custom",
                "tokenizer": "nl_words",
                "filter": [
                    *base_filters,
                    *synonym_filters,
                    "nl_stop",
                    "nl_decompound",
                    "nl_stemmer",
                ],
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


def _dutch_text(**kwargs: Any) -> Text:
    return Text(analyzer="nl_index", search_analyzer="nl_search", **kwargs)


def _title() -> Text:
    return _dutch_text(
        fields={
            "raw": Keyword(),
            "autocomplete": Text(
                analyzer="nl_autocomplete", search_analyzer="nl_autocomplete_search"
            ),
        }
    )


def _new_index(name: str) -> Index:
    index = Index(name)
    index.settings(
        number_of_shards=getattr(settings, "ELASTICSEARCH_SHARDS", 1),
        number_of_replicas=getattr(settings, "ELASTICSEARCH_REPLICAS", 0),
        max_result_window=MAX_RESULT_WINDOW,
        analysis=analysis_settings(),
    )
    return index


#: Field types of a definition's `sort_fields`. Money is stored as a whole number of
#: cents (`long`): exact, and the same on every engine without a plugin (Elasticsearch's
#: `scaled_float` lives in its mapper-extras module). `faceted_source` writes cents and
#: `document_from_source` reads them back as euros.
_SORT_TYPES = {"int": Integer, "money": Long, "keyword": Keyword}
CENTS = Decimal(100)


def faceted_mapping(definition: FacetedIndex) -> dict[str, Any]:
    """Field name -> mapping field of a faceted index: the title and text in Dutch, the
    facets as keywords (eager global ordinals: built at refresh, not by the first search
    after it), the sort fields typed, the stored fields kept but not searched."""
    fields: dict[str, Any] = {"id": Integer(), "title": _title(), "text": _dutch_text()}
    for name in definition.weighted_fields:
        fields.setdefault(name, _dutch_text())
    for name, kind in definition.stored_fields.items():
        fields[name] = Object(enabled=False) if kind == "object" else Keyword(index=False)
    for facet in definition.facets:
        if facet.value_type == "int":
            fields[facet.field] = Integer()
        else:
            fields[facet.field] = Keyword(eager_global_ordinals=True)
    for name, kind in definition.sort_fields.items():
        if name not in fields:
            fields[name] = _SORT_TYPES[kind]()
    return fields


def faceted_index(definition: FacetedIndex, name: str) -> Index:
    """The definition of one concrete index called `name` for a faceted index."""
    index = _new_index(name)
    index.mapping(_mapping_of(faceted_mapping(definition)))
    return index


def _money_fields(definition: FacetedIndex) -> set[str]:
    return {name for name, kind in definition.sort_fields.items() if kind == "money"}


def faceted_source(definition: FacetedIndex, document: dict) -> dict:
    """What the engine stores of a document: without the database engine's stems, money
    fields in whole cents, other amounts as text (exact)."""
    money = _money_fields(definition)
    source = {}
    for key, value in document.items():
        if key in DATABASE_ONLY_KEYS:
            continue
        if key in money and value is not None:
            value = int((Decimal(value) * CENTS).to_integral_value())
        elif isinstance(value, Decimal):
            value = str(value)
        source[key] = value
    return source


def document_from_source(definition: FacetedIndex, source: dict) -> dict:
    """A stored document as the database engine gives it: money back in euros."""
    document = dict(source)
    for key in _money_fields(definition) & document.keys():
        if document[key] is not None:
            document[key] = (Decimal(document[key]) / CENTS).quantize(Decimal("0.01"))
    return document


def site_index(name: str) -> Index:
    """The definition of one concrete site index called `name`: one document per visible
    page of a registered type (search.indexes.site), id = its key."""
    index = _new_index(name)
    index.mapping(
        _mapping_of(
            {
                "key": Keyword(),
                "type": Keyword(eager_global_ordinals=True),
                "title": _title(),
                "text": _dutch_text(),
                "url": Keyword(index=False),
                "date": Date(),
                "page_id": Integer(),
            }
        )
    )
    return index


def site_source(document: SiteDocumentData) -> dict:
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


def _mapping_of(fields: dict[str, Any]) -> Mapping:
    mapping = Mapping()
    for name, field in fields.items():
        mapping.field(name, field)
    return mapping
