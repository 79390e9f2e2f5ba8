"""Smoke check for the test OpenSearch node (a script, not a pytest test).

Usage:
    eval "$(tools/opensearch/os.sh start)"   # sets OPENSEARCH_URL
    .venv/bin/python tools/opensearch/smoke.py "$OPENSEARCH_URL"
    tools/opensearch/os.sh stop

Proves that the node runs OpenSearch's genuine modules, not stand-ins: analysis-common (the
``dutch`` analyzer; ``stemmer`` with language dutch, ``asciifolding``, ``elision``,
``synonym_graph`` and ``dictionary_decompounder`` in custom analyzers) and mapper-extras
(``scaled_float``). Plain HTTP with the standard library only, so it runs before any client
package is installed. Prints one summary line; on the first failed check it prints what
went wrong and exits 1. The throwaway index is deleted on every way out.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request

INDEX = "smoke_doorbraak_opensearch"

# The genuine modules, by module name (a distribution) or plugin class (os.sh's class path).
MODULES = {
    "analysis-common": "org.opensearch.analysis.common.CommonAnalysisPlugin",
    "mapper-extras": "org.opensearch.index.mapper.MapperExtrasPlugin",
    "transport-netty4": "org.opensearch.transport.Netty4Plugin",
}

INDEX_BODY = {
    "settings": {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "filter": {
                "nl_stemmer": {"type": "stemmer", "language": "dutch"},
                "nl_synonyms": {"type": "synonym_graph", "synonyms": ["pw, participatiewet"]},
                "nl_compounds": {
                    "type": "dictionary_decompounder",
                    "word_list": ["energie", "schuld", "hulp"],
                },
                "nl_elision": {"type": "elision", "articles": ["l", "d"]},
            },
            "analyzer": {
                "nl_index": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "nl_elision",
                        "nl_compounds",
                        "nl_stemmer",
                    ],
                },
                "nl_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "nl_elision",
                        "nl_synonyms",
                        "nl_stemmer",
                    ],
                },
            },
        },
    },
    "mappings": {
        "properties": {
            "title": {"type": "text", "analyzer": "dutch"},
            "body": {"type": "text", "analyzer": "nl_index", "search_analyzer": "nl_search"},
            "name": {"type": "keyword"},
            "amount": {"type": "scaled_float", "scaling_factor": 100},
        }
    },
}

DOCS = {
    "a": {
        "name": "a",
        "title": "Kinderen en schulden",
        "body": "Een gezin met energieschulden volgens de Participatiewet.",
        "amount": 1234.56,
    },
    "b": {"name": "b", "title": "Wonen", "body": "Een betaalbare woning.", "amount": 7.777},
}


class SmokeError(Exception):
    pass


def request(base: str, method: str, path: str, body: object = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(  # noqa: S310 (the URL is the caller's test node)
        base.rstrip("/") + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as response:  # noqa: S310
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        detail = error.read().decode(errors="replace")[:500]
        raise SmokeError(f"{method} {path}: HTTP {error.code}: {detail}") from None
    except (urllib.error.URLError, OSError) as error:
        raise SmokeError(f"{method} {path}: {error}") from None


def check(label: str, condition: bool, detail: object = "") -> str:
    if not condition:
        raise SmokeError(f"{label}: {detail}")
    return label


def tokens(base: str, analyzer: str, text: str) -> list[str]:
    body = {"analyzer": analyzer, "text": text}
    return [t["token"] for t in request(base, "POST", f"/{INDEX}/_analyze", body)["tokens"]]


def ids(base: str, field: str, text: str) -> list[str]:
    body = {"query": {"match": {field: text}}}
    hits = request(base, "POST", f"/{INDEX}/_search", body)["hits"]["hits"]
    return sorted(hit["_id"] for hit in hits)


def loaded_modules(base: str) -> list[str]:
    nodes = request(base, "GET", "/_nodes/plugins")["nodes"]
    loaded = set()
    for node in nodes.values():
        for entry in node.get("modules", []) + node.get("plugins", []):
            loaded.update({entry.get("name"), entry.get("classname")})
    return [name for name, classname in MODULES.items() if {name, classname} & loaded]


def run(base: str) -> str:
    passed = []
    version = request(base, "GET", "/")["version"]
    label = f"OpenSearch {version['number']}"
    passed.append(
        check(
            "server is OpenSearch 2",
            version.get("distribution") == "opensearch" and version["number"].startswith("2."),
            version,
        )
    )
    modules = loaded_modules(base)
    passed.append(check("genuine modules loaded", modules == list(MODULES), modules))

    request(base, "PUT", f"/{INDEX}", INDEX_BODY)
    for doc_id, doc in DOCS.items():
        request(base, "PUT", f"/{INDEX}/_doc/{doc_id}", doc)
    request(base, "POST", f"/{INDEX}/_refresh")

    dutch = tokens(base, "dutch", "kinderen kind")
    passed.append(check("dutch analyzer: kinderen ~ kind", dutch[0] == dutch[1], dutch))
    stems = tokens(base, "nl_search", "schulden schuld woningen woning")
    passed.append(check("stemmer dutch", stems == ["schuld", "schuld", "woning", "woning"], stems))
    compound = tokens(base, "nl_index", "energieschuld")
    passed.append(
        check(
            "dictionary_decompounder: energieschuld > schuld",
            "schuld" in compound and "energie" in compound,
            compound,
        )
    )
    synonyms = tokens(base, "nl_search", "pw")
    passed.append(
        check("synonym_graph: pw > participatiewet", "participatiewet" in synonyms, synonyms)
    )
    folded = tokens(base, "nl_search", "cliënt")
    passed.append(check("asciifolding: cliënt > client", folded == ["client"], folded))
    elided = tokens(base, "nl_search", "l'ambassade")
    passed.append(check("elision: l'ambassade", "l" not in elided and len(elided) == 1, elided))

    for name, field, text in [
        ("search: schuld finds energieschulden", "body", "schuld"),
        ("search: pw finds Participatiewet", "body", "pw"),
        ("search: kind finds Kinderen", "title", "kind"),
    ]:
        found = ids(base, field, text)
        passed.append(check(name, found == ["a"], found))

    aggs = {
        "doc_a": {
            "filter": {"term": {"name": "a"}},
            "aggs": {"total": {"sum": {"field": "amount"}}},
        },
        "smallest": {"min": {"field": "amount"}},
    }
    result = request(base, "POST", f"/{INDEX}/_search", {"size": 0, "aggs": aggs})["aggregations"]
    total = result["doc_a"]["total"]["value"]
    passed.append(check("scaled_float: sum is exact", total == 1234.56, total))
    smallest = result["smallest"]["value"]
    passed.append(check("scaled_float: 7.777 stored as 7.78", smallest == 7.78, smallest))

    return f"{label}, modules {', '.join(modules)}: {len(passed)} checks passed"


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OPENSEARCH_URL", "")
    if not base:
        print('usage: smoke.py URL (or eval "$(tools/opensearch/os.sh start)")', file=sys.stderr)
        return 2
    try:
        request(base, "DELETE", f"/{INDEX}?ignore_unavailable=true")  # a leftover of a crash
    except SmokeError as error:
        print(f"smoke: FAILED: {error}", file=sys.stderr)
        return 1
    try:
        summary = run(base)
    except SmokeError as error:
        print(f"smoke: FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        try:
            request(base, "DELETE", f"/{INDEX}?ignore_unavailable=true")
        except SmokeError as error:
            print(f"smoke: could not delete {INDEX}: {error}", file=sys.stderr)
    print(f"smoke: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
