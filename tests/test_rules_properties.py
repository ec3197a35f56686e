"""Property tests: ``check`` — the command's whole path, parse → draft_from_object → rules —
never raises on any JSON value, and its exit code is always 0, 1 or 2."""
from __future__ import annotations

import io
import json
import sys
import typing
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from decimal import Decimal
from enum import Enum
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from wagedesk import draftfile
from wagedesk.cli import main
from wagedesk.errors import UnreadableFileError
from wagedesk.model import Draft
from wagedesk.rules import check, computed_dates

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30)

# Objects that look like drafts: the right envelope with random sections and fields.
draft_keys = st.sampled_from(list(Draft.model_fields) + ["level", "total", "uscc", "members"])
draftish = st.fixed_dictionaries(
    {"format": st.just("wagedesk.draft"), "schema_version": st.sampled_from([1, 1, 0, 2, True, "1"])},
    optional={k: json_values for k in Draft.model_fields if k not in ("format", "schema_version")})

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _strategy_for(tp: typing.Any) -> st.SearchStrategy:
    """Random values of a model field's type: structurally valid, semantically anything."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        return _strategy_for(args[0])
    if origin is typing.Union:
        return st.one_of([_strategy_for(a) for a in args])
    if origin is list:
        return st.lists(_strategy_for(args[0]), max_size=12)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if tp is type(None):
        return st.none()
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return st.builds(tp, **{n: _strategy_for(f.annotation) for n, f in tp.model_fields.items()
                                if n not in ("format", "schema_version")})
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    return {bool: st.booleans(), str: st.text(max_size=20),
            int: st.integers(-10**6, 10**6) | st.integers(), date: st.dates(),
            Decimal: st.decimals(allow_nan=False, allow_infinity=False)
            | st.decimals(min_value=-10**6, max_value=10**6, places=3)}[tp]


drafts = _strategy_for(Draft)


def _run_cli(raw: bytes, *args: str) -> int:
    stdin = io.TextIOWrapper(io.BytesIO(raw))
    with mock.patch.object(sys, "stdin", stdin), redirect_stdout(io.StringIO()), \
            redirect_stderr(io.StringIO()):
        return main(["check", *args, "-"])


@PROPERTY
@given(value=json_values | draftish)
def test_check_never_raises_on_any_json_value(value):
    text = json.dumps(value)
    try:
        draft = draftfile.loads(text)
    except UnreadableFileError as err:
        assert err.exit_code == 2 and err.message
        return
    check(draft)
    check(draft, for_signing=True)


@PROPERTY
@given(value=json_values | draftish, for_signing=st.booleans(), as_json=st.booleans())
def test_check_command_exits_0_1_or_2_on_any_json_value(value, for_signing, as_json):
    args = (["--for-signing"] if for_signing else []) + (["--json"] if as_json else [])
    assert _run_cli(json.dumps(value).encode(), *args) in (0, 1, 2)


@PROPERTY
@given(draft=drafts, for_signing=st.booleans())
def test_rules_never_raise_on_structurally_valid_drafts(draft, for_signing):
    findings = check(draft, for_signing=for_signing)
    assert all(f.severity in ("error", "warning") and f.message and f.basis for f in findings)
    computed_dates(draft)


@PROPERTY
@given(draft=drafts, for_signing=st.booleans())
def test_check_command_on_random_drafts_exits_0_or_1(draft, for_signing):
    raw = draftfile.dumps(draft).encode()
    assert _run_cli(raw, *(["--for-signing"] if for_signing else [])) in (0, 1)


@PROPERTY
@given(raw=st.binary(max_size=200))
def test_check_command_on_any_bytes_exits_0_1_or_2(raw):
    assert _run_cli(raw) in (0, 1, 2)
