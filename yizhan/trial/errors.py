"""Error codes of the trial module (审判执行)."""

from __future__ import annotations

from yizhan.core.errors import ErrorCode


class TrialError(ErrorCode):
    NOT_ON_PANEL = ("not_on_panel", "您不是本案的承办法官或合议庭成员，不能办理本案。", 403)
    CHIEF_ONLY = ("chief_only", "只有本院庭长或院长可以进行此操作。", 403)
    PRESIDENT_ONLY = ("president_only", "只有院长可以审批延长审限。", 403)
    HIGHER_COURT_ONLY = ("higher_court_only", "再次延长审限须报请上级人民法院批准。", 403)
    CASE_CLOSED = ("case_closed", "案件已结案，不能进行此操作。", 409)
    ALREADY_ASSIGNED = ("already_assigned", "案件已分案；改分请由庭长指定承办法官并说明理由。", 409)
    NO_TEAM = ("no_team", "没有可接收本案的审判团队，请先配置分案规则或审判团队。", 409)
    NO_JUDGE = ("no_judge", "团队内没有可分案的法官（均已回避或已达在办案件上限）。", 409)
    JUDGE_EXCLUDED = ("judge_excluded", "该法官对本案应当回避或存在利益冲突，不能承办。", 409)
    NOT_A_JUDGE = ("not_a_judge", "所选人员不是本院法官。", 422)
    REASON_REQUIRED = ("reason_required", "请说明理由。", 422)
    NO_LIMIT = ("no_limit", "本类案件没有可计算的审限。", 409)
    SUSPENSION_INVALID = ("suspension_invalid", "扣除审限的期间不正确。", 422)
    SUSPENSION_ENDED = ("suspension_ended", "该扣除期间已经结束。", 409)
    EXTENSION_TOO_LATE = (
        "extension_too_late",
        "延长审限须在审限届满十五日前提出（《最高人民法院关于严格规范民商事案件延长审限和延期开庭问题的规定》第一条）。",
        409,
    )
    DECISION_TOO_LATE = (
        "decision_too_late",
        "延长审限的审批须在审限届满五日前作出（延长审限规定第一条）。",
        409,
    )
    EXTENSION_NOT_ALLOWED = (
        "extension_not_allowed",
        "本案不能再延长审限或申请的期间超出法定上限。",
        409,
    )
    EXTENSION_PENDING = ("extension_pending", "已有待审批的延长审限申请。", 409)
    WRONG_STATE = ("wrong_state", "当前状态下不能进行此操作。", 409)
    CONVERSION_INVALID = (
        "conversion_invalid",
        "只有简易程序（含小额诉讼）案件可以转为普通程序。",
        409,
    )
    CLOSURE_INVALID = ("closure_invalid", "结案方式与案件类型不符。", 422)
    NOT_SERVED = ("not_served", "文书尚未送达全部当事人，不能确定结案或上诉期间。", 409)
    ALREADY_SETTLED = ("already_settled", "本案诉讼费用已经结算。", 409)
    SHARES_INVALID = ("shares_invalid", "负担比例须合计 100%，且只能由本案当事人负担。", 422)
    LATE_APPEAL = ("late_appeal", "已超过上诉期间，不能提起上诉（民事诉讼法第一百七十一条）。", 409)
    NO_HIGHER_COURT = ("no_higher_court", "本院没有上一级法院，不能受理上诉。", 409)
    NOT_SECOND_INSTANCE = ("not_second_instance", "该案件不是二审案件。", 409)
    NOT_EFFECTIVE = ("not_effective", "该案没有已生效的法律文书，不能申请执行。", 409)
    ENFORCEMENT_TIME_BARRED = (
        "enforcement_time_barred",
        "已超过申请执行期间（二年，民事诉讼法第二百五十条）。",
        409,
    )
    NOT_ENFORCEMENT = ("not_enforcement", "该案件不是执行案件。", 409)
    BANKRUPTCY_JURISDICTION = (
        "bankruptcy_jurisdiction",
        "本市破产案件由指定法院集中管辖，请向该院申请。",
        409,
    )
    NOT_BANKRUPTCY = ("not_bankruptcy", "该案件不是破产申请审查案件。", 409)
    UPLOAD_REJECTED = ("upload_rejected", "文件不符合要求（仅接受 PDF）。", 422)
