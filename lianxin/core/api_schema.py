"""The API's schema says what the API does (security review point 7): a client generated from
/api/schema/ must work, and schemathesis checks in the suite that it does
(core/tests/test_api_schema.py).

What drf-spectacular does not do by itself:
- every operation documents the errors every operation can answer: 400 (field errors, or
  `detail` from a refused service — `call_service` in core/api.py), 401 (no or a dead token),
  403 (the role lacks the action), 404 (out of scope, or a page past the end) and 429 (rate
  limited, by the platform or the gateway in front of it);
- every query parameter may be sent empty (`?year=`), which means the same as leaving it out:
  that is how django-filter and DRF's pages read them (core/api_query.py);
- a read-only choice field still lists "" when its model field allows blank (DRF drops
  `allow_blank` from read-only fields, so the enum lost the value rows actually hold).
"""

import copy

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from rest_framework import serializers

from lianxin.core.personal import personal_fields

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "中文说明"}},
    "required": ["detail"],
}
STRINGS = {"type": "array", "items": {"type": "string"}}
VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "字段名 → 该字段的错误（中文）；列表或嵌套字段的错误按下标或键嵌套。"
        "不属于某个字段的错误在 detail 或 non_field_errors 下。"
    ),
    "properties": {
        "detail": {"oneOf": [{"type": "string"}, STRINGS]},
        "non_field_errors": STRINGS,
    },
    "additionalProperties": {"oneOf": [{"type": "array"}, {"type": "object"}]},
}
ERRORS = {
    "400": ("请求有误：参数或数据不合规则，或业务规则不允许", "ValidationError"),
    "401": ("未登录，或接口令牌已过期、已失效", "Error"),
    "403": ("没有该操作的权限", "Error"),
    "404": ("对象不存在或不在您的数据范围内；页码超出范围", "Error"),
    "429": ("请求过于频繁，请稍后再试", "Error"),
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["ValidationError"] = VALIDATION_ERROR
    for operations in result["paths"].values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, (description, component) in ERRORS.items():
                if code == "400" and not _may_be_malformed(method, operation):
                    continue
                responses.setdefault(
                    code,
                    {
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
                        "description": description,
                    },
                )
    return result


def allow_empty_query_values(result, generator, request, public):
    """drf-spectacular postprocessing hook: `allowEmptyValue` on every query parameter."""
    for operations in result["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
    return result


def _may_be_malformed(method: str, operation: dict) -> bool:
    """A write may break a rule; a read only when it takes query parameters."""
    return method != "get" or any(p.get("in") == "query" for p in operation.get("parameters", []))


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if _lost_its_blank(field):
            field = copy.copy(field)
            field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _map_basic_serializer(self, serializer, direction):
        result = super()._map_basic_serializer(serializer, direction)
        if direction == "response":
            # Personal data goes out masked (PersonalDataSerializerMixin): "138****0001" fits no
            # mobile pattern, so its response schema is a plain string.
            for name, field in serializer.fields.items():
                if name in result.get("properties", {}) and _is_personal(field):
                    old = result["properties"][name]
                    result["properties"][name] = {
                        "type": "string",
                        **{k: old[k] for k in ("title", "readOnly") if k in old},
                    }
        return result


def _is_personal(field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    return model is not None and field.source in personal_fields(model)


def _lost_its_blank(field) -> bool:
    if not isinstance(field, serializers.ChoiceField) or not field.read_only or field.allow_blank:
        return False
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False
