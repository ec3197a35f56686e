"""The JSON Schema of the draft file, generated from ``wagedesk.model`` and tidied for readers:
nullable fields become ``"type": [..., "null"]`` instead of an ``anyOf`` (free text is then a
plain string), coded values keep their ``enum`` and gain their Chinese labels
(``x-enum-labels``), dates carry ``format: date``, the USCC its ``pattern`` and money and
percentages a decimal-string ``pattern``. What ``wagedesk schema`` prints.
"""
from __future__ import annotations

from enum import Enum
from typing import Any

from wagedesk import model
from wagedesk.model import FORMAT, LABELS, SCHEMA_VERSION, Draft


def draft_json_schema() -> dict[str, Any]:
    """The draft file's JSON Schema (draft 2020-12), a fresh dict on every call."""
    schema = Draft.model_json_schema()
    schema = _tidy(schema)
    for name, definition in schema.get("$defs", {}).items():
        enum_type = getattr(model, name, None)
        if isinstance(enum_type, type) and issubclass(enum_type, Enum) and "enum" in definition:
            definition["x-enum-labels"] = {m.value: LABELS[m] for m in enum_type}
            definition["description"] = "、".join(f"{m.value}＝{LABELS[m]}" for m in enum_type)
    props = schema["properties"]
    props["format"].update(title="文件格式", description=f"固定为 \"{FORMAT}\"")
    props["schema_version"].update(title="格式版本", description=f"本程序写出版本 {SCHEMA_VERSION}",
                                   minimum=1, maximum=SCHEMA_VERSION)
    props["status"].update(title="草案状态", description="起草、待审查、退回修改、审查通过、已签订、已报送")
    schema["required"] = ["format", "schema_version"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://wagedesk.invalid/draft.schema.json", **schema}


def _tidy(node: Any) -> Any:
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tidy(value) for key, value in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options and len(options) == 2:
        other = next(o for o in options if o != {"type": "null"})
        if "type" in other and "$ref" not in other:
            del node["anyOf"]
            kind = other.pop("type")
            kinds = kind if isinstance(kind, list) else [kind]
            node = {**other, **node, "type": [*kinds, "null"]}
    elif "$ref" in node and node.get("default", 0) is None:
        del node["default"]  # a required code (e.g. a ladder row's level) has no null default
    return node
