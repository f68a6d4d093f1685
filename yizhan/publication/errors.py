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
    BAD_NAME = ("bad_name", "补充隐名的名称须为 2 至 30 个字，且不含标点或空白。", 422)
    NAME_NOT_IN_TEXT = ("name_not_in_text", "裁判文书中没有该名称。", 422)
    NOT_MASKABLE = ("not_maskable", "该名称不能隐名（审判人员姓名、案号等不隐去）。", 422)
    NOT_KEEPABLE = ("not_keepable", "该名称不能单独取消隐名。", 422)
    NOT_MASKED = ("not_masked", "只能对已隐名的人名或单位名称取消隐名。", 422)
    PARTY_NAME_KEPT = (
        "party_name_kept",
        "当事人姓名、名称（或含有、属于当事人姓名的名称）不能取消隐名。",
        422,
    )
    NAME_CONFLICT = ("name_conflict", "同一名称不能既补充隐名又取消隐名。", 422)
    TOO_MANY_NAMES = ("too_many_names", "名称过多（每项最多 200 个）。", 422)
    TEXT_EDITED = (
        "text_edited",
        "公开文本已人工修改，不能再按隐名调整重新生成，请使用更正功能。",
        409,
    )
    WOULD_UNMASK = ("would_unmask", "重新脱敏将公开原已隐名或删除的内容，请补充隐名后再提交。", 409)
