from yizhan.core.errors import ErrorCode


class MediationError(ErrorCode):
    WRONG_STATE = ("mediation_wrong_state", "该调解案件当前状态下不能进行此操作。", 409)
    UNKNOWN_COURT = ("unknown_court", "所选法院不存在。", 422)
    UNKNOWN_CAUSE = ("unknown_cause", "所选案由不存在。", 422)
    PARTIES_REQUIRED = (
        "parties_required",
        "请至少填写一名申请人和一名被申请人。",
        422,
    )
    NOT_SUITABLE = ("not_suitable", "该立案申请不符合本院诉前调解分流规则。", 422)
    FILING_NOT_DIVERTIBLE = (
        "filing_not_divertible",
        "只有待审核的民事一审立案申请可以分流至诉前调解。",
        409,
    )
    UNKNOWN_MEDIATOR = ("unknown_mediator", "所选调解员不在本院名册或已停止接受委派。", 422)
    MEDIATOR_FULL = ("mediator_full", "该调解员承办的调解案件已达上限。", 409)
    STILL_CHOOSING = (
        "parties_still_choosing",
        "当事人仍在选择调解员的期限内（《人民法院在线调解规则》第十一条：二个工作日）。",
        409,
    )
    ACCEPTANCE_LAPSED = (
        "acceptance_lapsed",
        "调解员未在三个工作日内确认接受（《人民法院在线调解规则》第十二条），已退回法院重新指定。",
        409,
    )
    CONFIRMATION_PERIOD_EXPIRED = (
        "confirmation_period_expired",
        "已超过调解协议生效之日起三十日的申请期限（《民事诉讼法》第二百零五条）。",
        409,
    )
    ALREADY_DONE = ("already_done", "您已进行过该操作。", 409)
    EXTENSION_PENDING = ("extension_pending", "已有待当事人同意的延长申请。", 409)
    REASON_REQUIRED = ("reason_required", "请填写理由。", 422)
    BAD_DAYS = ("bad_days", "延长天数须为 1 至 60 日。", 422)
    UPLOAD_REJECTED = ("upload_rejected", "文件不符合要求（只接受 PDF、JPEG、PNG）。", 422)
