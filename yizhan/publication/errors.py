"""Publication error codes."""

from __future__ import annotations

from yizhan.core.errors import ErrorCode


class PublicationError(ErrorCode):
    NOT_EFFECTIVE = ("document_not_effective", "裁判文书尚未生效，不能生成公开稿。", 409)
    ALREADY_DRAFTED = ("already_drafted", "该裁判文书已生成公开稿。", 409)
    WRONG_STATE = ("wrong_state", "当前状态下不能进行此操作。", 409)
    REASON_REQUIRED = ("reason_required", "请填写理由。", 422)
    BAD_GROUND = ("bad_ground", "不公开理由须为第四条所列情形之一。", 422)
    TEXT_REQUIRED = ("text_required", "更正后的文本不能为空。", 422)
    BAD_POLICY = ("bad_policy", "隐名规则只能是 2016 或 all_parties。", 422)
    TEXT_TOO_LONG = ("text_too_long", "文本过长。", 422)
