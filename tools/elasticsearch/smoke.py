"""Smoke check for the test Elasticsearch node (a script, not a pytest test).

Usage:
    eval "$(tools/elasticsearch/es.sh start)"   # sets ELASTICSEARCH_URL
    .venv/bin/python tools/elasticsearch/smoke.py
    tools/elasticsearch/es.sh stop

Checks Dutch stemming with the built-in ``dutch`` analyzer, a synonym filter, a terms
aggregation and an atomic alias swap. Exits non-zero on the first failed check.
"""

from __future__ import annotations

import os
import sys

from elasticsearch import Elasticsearch

PREFIX = "smoke_doorbraak"
ALIAS = f"{PREFIX}_pages"

INDEX_BODY = {
    "settings": {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "filter": {
                "nl_synonyms": {"type": "synonym_graph", "synonyms": ["pw, participatiewet"]},
                "nl_stemmer": {"type": "stemmer", "language": "dutch"},
            },
            "analyzer": {
                "nl_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "nl_synonyms", "nl_stemmer"],
                },
            },
        },
    },
    "mappings": {
        "properties": {
            "title": {"type": "text", "analyzer": "dutch"},
            "body": {
                "type": "text",
                "analyzer": "dutch",
                "fields": {"syn": {"type": "text", "analyzer": "nl_search"}},
            },
            "theme": {"type": "keyword"},
        }
    },
}

DOCS = [
    {
        "title": "Grip op schuld",
        "body": "Een gezin met een schuld bij de gemeente.",
        "theme": "geld",
    },
    {"title": "Wonen", "body": "Zoeken naar een betaalbare woning in de wijk.", "theme": "wonen"},
    {"title": "Bijstand", "body": "De Participatiewet regelt de bijstand.", "theme": "geld"},
]


def check(label: str, condition: bool, detail: object = "") -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {label} {detail}")
    if not condition:
        raise SystemExit(1)


def titles(es: Elasticsearch, index: str, field: str, text: str) -> list[str]:
    hits = es.search(index=index, query={"match": {field: text}})["hits"]["hits"]
    return sorted(hit["_source"]["title"] for hit in hits)


def main() -> int:
    url = os.environ.get("ELASTICSEARCH_URL") or (sys.argv[1] if len(sys.argv) > 1 else "")
    if not url:
        print('set ELASTICSEARCH_URL (eval "$(tools/elasticsearch/es.sh start)")', file=sys.stderr)
        return 2
    es = Elasticsearch(url, request_timeout=30)
    version = es.info()["version"]["number"]
    check("server is Elasticsearch 8", version.startswith("8."), version)
    es.indices.delete(index=f"{PREFIX}_*", ignore_unavailable=True, allow_no_indices=True)

    v1, v2 = f"{PREFIX}_v1", f"{PREFIX}_v2"
    es.indices.create(index=v1, aliases={ALIAS: {}}, **INDEX_BODY)
    for number, doc in enumerate(DOCS):
        es.index(index=ALIAS, id=str(number), document=doc)
    es.indices.refresh(index=v1)

    tokens = es.indices.analyze(index=v1, analyzer="dutch", text="schulden woningen")["tokens"]
    check("dutch analyzer stems", [t["token"] for t in tokens] == ["schuld", "woning"], tokens)
    check("schulden finds schuld", titles(es, ALIAS, "body", "schulden") == ["Grip op schuld"])
    check("woningen finds woning", titles(es, ALIAS, "body", "woningen") == ["Wonen"])
    check("pw finds Participatiewet", titles(es, ALIAS, "body.syn", "pw") == ["Bijstand"])

    aggs = es.search(index=ALIAS, size=0, aggs={"themes": {"terms": {"field": "theme"}}})
    buckets = {b["key"]: b["doc_count"] for b in aggs["aggregations"]["themes"]["buckets"]}
    check("terms aggregation", buckets == {"geld": 2, "wonen": 1}, buckets)

    es.indices.create(index=v2, **INDEX_BODY)
    es.index(
        index=v2, id="new", document={"title": "Nieuw", "body": "Nieuwe schulden.", "theme": "geld"}
    )
    es.indices.refresh(index=v2)
    es.indices.update_aliases(
        actions=[
            {"remove": {"index": v1, "alias": ALIAS}},
            {"add": {"index": v2, "alias": ALIAS}},
        ]
    )
    check("alias points to v2 only", sorted(es.indices.get_alias(name=ALIAS)) == [v2])
    check("alias search reads v2", titles(es, ALIAS, "body", "schuld") == ["Nieuw"])

    es.indices.delete(index=f"{PREFIX}_*")
    print("smoke: all checks passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
