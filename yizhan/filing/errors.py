from yizhan.core.errors import ErrorCode


class FilingError(ErrorCode):
    WRONG_STATE = ("filing_wrong_state", "该立案申请当前状态下不能进行此操作。", 409)
    MATERIALS_INCOMPLETE = ("materials_incomplete", "材料不齐全，请按清单补充后再提交。", 422)
    NO_PARTIES = ("parties_required", "请至少填写一名原告（申请人）和一名被告（被申请人）。", 422)
    AMOUNT_REQUIRED = ("amount_required", "该类案件须填写标的额。", 422)
    CAUSE_MISMATCH = ("cause_mismatch", "所选案由与立案类型不符。", 422)
    UNKNOWN_COURT = ("unknown_court", "所选法院不存在。", 422)
    UNKNOWN_CAUSE = ("unknown_cause", "所选案由不存在。", 422)
    CORRECTIONS_REQUIRED = ("corrections_required", "退回补正须一次性列明全部补正事项。", 422)
    REASON_REQUIRED = ("reason_required", "请填写理由。", 422)
    UPLOAD_TOO_LARGE = ("upload_too_large", "文件过大。", 413)
    UPLOAD_EMPTY = ("upload_empty", "文件为空。", 422)
    UPLOAD_BAD_TYPE = ("upload_bad_type", "只接受 PDF、JPEG、PNG 文件（按文件内容识别）。", 415)
    UPLOAD_CORRUPT = ("upload_corrupt", "文件已损坏或不完整，请重新扫描上传。", 422)
    RELIEF_EXISTS = ("relief_exists", "已提交过司法救助申请。", 409)
    RELIEF_INVALID = ("relief_invalid", "司法救助申请内容有误。", 422)
    RELIEF_NOT_NATURAL_PERSON = (
        "relief_waive_natural_persons_only",
        "免交诉讼费仅适用于自然人（《诉讼费用交纳办法》第四十五条）。",
        422,
    )
    RELIEF_PENDING = (
        "relief_pending",
        "司法救助申请尚未审查；缓交须在立案前决定（《诉讼费用交纳办法》第四十九条）。",
        409,
    )
    BANKRUPTCY_JURISDICTION = (
        "bankruptcy_jurisdiction",
        "本市破产案件由指定法院集中管辖，请向该院申请。",
        422,
    )
    BAD_PROCEDURE = ("bad_procedure", "该程序不适用于本案。", 422)
