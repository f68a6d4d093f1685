"""Error codes of hearings (排期、延期开庭、在线庭审) and serial cases (系列案)."""

from __future__ import annotations

from yizhan.core.errors import ErrorCode


class HearingError(ErrorCode):
    CONFLICTS = (
        "hearing_conflicts",
        "排期冲突：法庭、法官、合议庭成员或代理律师在该时段已有庭审。",
        409,
    )
    OVERRIDE_CHIEF_ONLY = (
        "override_chief_only",
        "只有本院庭长或院长可以在存在冲突时强制排期，并须说明理由。",
        403,
    )
    BAD_TIMES = (
        "hearing_bad_times",
        "开庭时间不正确：结束时间须晚于开始时间，且不能早于当前时间。",
        422,
    )
    COURTROOM_INVALID = ("courtroom_invalid", "所选法庭不属于本院或不支持在线庭审。", 422)
    ONLINE_OBJECTED = (
        "online_objected",
        "当事人不同意在线庭审（双方均不同意，或一方有正当理由不同意），不能在线开庭"
        "（《人民法院在线诉讼规则》第二十一条）。",
        409,
    )
    ADJOURNMENT_LIMIT = (
        "adjournment_limit",
        "已达到延期开庭次数上限：普通程序不超过两次，简易程序和小额诉讼程序不超过一次"
        "（《最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定》第三条）。",
        409,
    )
    ADJOURNMENT_GAP = (
        "adjournment_gap",
        "再次开庭时间距延期的庭审不得超过一个月，因不可抗力或当事人同意的除外"
        "（延长审限和延期开庭规定第五条）。",
        409,
    )
    NOT_SCHEDULED = ("hearing_not_scheduled", "该庭审不是待开庭状态。", 409)
    NOT_STARTED = ("hearing_not_started", "庭审尚未开始，不能记录开庭情况。", 409)
    NOT_A_PARTY = ("not_a_party", "该当事人不是本案当事人。", 422)
    SERIAL_TOO_FEW = ("serial_too_few", "系列案至少包括两件本院在办案件。", 422)
    SERIAL_CASE_INVALID = (
        "serial_case_invalid",
        "所选案件须为本院在办案件，且不属于其他系列案。",
        422,
    )
    SLOTS_OVERFLOW = ("slots_overflow", "连续排期超出当日工作时间，请减少案件或缩短每件时长。", 422)
