"""Error codes of the service desk."""

from __future__ import annotations

from yizhan.core.errors import ErrorCode


class ServicesError(ErrorCode):
    # One message for an unknown case number, a wrong identity number and a wrong code: the
    # answer must not reveal whether a case exists (FLOW Art 5 identity check).
    CODE_INVALID = ("inquiry_code_invalid", "验证码错误或已失效，请重新获取。", 400)
    INQUIRY_SESSION_INVALID = (
        "inquiry_session_invalid",
        "查询凭证无效或已过期，请重新验证身份。",
        401,
    )
    RATE_LIMITED = ("rate_limited", "尝试次数过多，请稍后再试。", 429)
    UNKNOWN_COURT = ("unknown_court", "所选法院不存在。", 422)
    UNKNOWN_CASE = ("unknown_case", "未找到该案件，或您无权关联该案件。", 422)
    TICKET_WRONG_STATE = ("ticket_wrong_state", "工单当前状态下不能进行此操作。", 409)
    NO_ROUTE_TARGET = ("ticket_no_route_target", "请选择承办部门或承办法官。", 422)
    SLOT_FULL = ("slot_full", "该时段已约满，请选择其他时段。", 409)
    SLOT_UNAVAILABLE = ("slot_unavailable", "该时段不可预约。", 409)
    ALREADY_BOOKED = ("already_booked", "您当天在该法院已有预约，不能重复预约。", 409)
    PETITION_WRONG_STATE = ("petition_wrong_state", "信访事项当前状态下不能进行此操作。", 409)
