"""The engines analyse text as search.text does for the database engine: the same words,
stop words, compound parts (the shipped list, `dictionary_decompounder`) and stems, so
one query matches the same documents everywhere."""

from __future__ import annotations

import pytest

from search.backends.elasticsearch import engine_client
from search.backends.elasticsearch.mappings import analysis_settings
from search.text import tokens, word_stems
from tests.search.conftest import es_test_prefix

pytestmark = pytest.mark.django_db

TEXT = (
    "Energieschuld en een huurachterstand: de kinderen van Anika's gezin slapen bij oma. "
    "Cliënt's auto's, zo'n 1.250,00 euro, Wmo-2015 artikel 35 lid 1, schuldhulpverlening, "
    "verblijfsstatus, zorgverzekeraar, bijstandsuitkering, naïef, Middelengebruik in Zwolle."
)


def test_the_engine_analyses_like_the_database_engine(engine_name):
    client = engine_client(engine_name)
    index = f"{es_test_prefix()}analysis"
    settings = {"analysis": analysis_settings()}
    analyze = {"analyzer": "nl_index", "text": TEXT}
    if engine_name == "opensearch":  # its client takes request bodies
        client.indices.create(index=index, body={"settings": settings})
        response = client.indices.analyze(index=index, body=analyze)
    else:
        client.indices.create(index=index, settings=settings)
        response = client.indices.analyze(index=index, **analyze)
    engine = {token["token"] for token in response["tokens"]}
    database = {stem for word in tokens(TEXT) for stem in word_stems(word)}

    assert engine == database
    assert {"schuld", "kind", "energie", "hur", "status"} <= engine
