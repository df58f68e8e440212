"""Schemathesis against the explorer's OpenAPI schema, in process (ASGI): generated and
boundary parameters for every /api operation must never give a server error, and every
response must match the schema and status codes the schema documents. Bounded: 25
examples per operation, a few seconds in all.

The app is made at import (schemathesis reads its schema when the module is collected)
over a database path that the fixture fills before the first request: create_app opens
the database only per request.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from blocs.web import create_app
from test_web_fixtures import reference_db

HERE = Path(tempfile.mkdtemp(prefix="blocs-web-schema-"))
atexit.register(shutil.rmtree, HERE, ignore_errors=True)
DB = HERE / "blocs.duckdb"
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(DB))


@pytest.fixture(scope="module", autouse=True)
def database(tmp_path_factory, nlp):
    shutil.copy(reference_db(tmp_path_factory, nlp), DB)
    return DB


@pytest.mark.model
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_has_no_server_error(case):
    case.call_and_validate()
