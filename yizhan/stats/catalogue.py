"""The seed of the indicator catalogue (domain-rules §6, §9). The data migration copies these
rows into :class:`yizhan.stats.models.Indicator`; after that the table is the source of truth
(courts adjust intervals, type lists and parameters in the admin).

Reference intervals: the SPC's 2024 intervals are not public (§6.1, UNCONFIRMED). The values
below are illustrative defaults marked as such in ``source``; §6.3 quotas are CONFIRMED.
"""

from __future__ import annotations

from typing import Any

# §1.4 / §6.2: left out of 结案数 for workload and closing progress.
WORKLOAD_EXCLUDED = ["诉前调确", "诉前调书", "执保", "执恢"]
FIRST_INSTANCE = ["民初", "行初", "刑初"]
SECOND_INSTANCE = ["民终", "行终", "刑终"]
ENFORCEMENT = ["执", "执恢"]
CIVIL_FIRST = ["民初"]
UNCONFIRMED = "参考区间为示例默认值（最高法2024年指标体系区间未公开，UNCONFIRMED），可在后台调整。"

CATALOGUE: list[dict[str, Any]] = [
    # --- output / efficiency -------------------------------------------------------------
    dict(
        code="closure_rate",
        name="结案率",
        category="output",
        unit="percent",
        formula="结案数 ÷ (旧存 + 新收) × 100%",
        ref=(85, 100),
        source="domain-rules §6.2（✓ 93 ÷ (10 + 99) = 85.32%）。" + UNCONFIRMED,
        excluded=WORKLOAD_EXCLUDED,
        is_open=True,
    ),
    dict(
        code="closed_received_ratio",
        name="结收比",
        category="output",
        unit="percent",
        formula="结案数 ÷ 新收案件数 × 100%",
        ref=(95, 110),
        source="domain-rules §6.2。" + UNCONFIRMED,
        excluded=WORKLOAD_EXCLUDED,
        is_open=True,
    ),
    dict(
        code="within_limit_rate",
        name="法定审限内结案率",
        category="output",
        unit="percent",
        formula="审限内结案数 ÷ 结案数 × 100%（审限扣除 §3.2 已计入审限届满日）",
        ref=(95, 100),
        source="domain-rules §6.1–6.2。" + UNCONFIRMED,
        excluded=WORKLOAD_EXCLUDED,
        is_open=True,
    ),
    dict(
        code="avg_days",
        name="平均审理天数",
        category="output",
        unit="days",
        formula="Σ(结案日 − 立案日 − 扣除审限天数) ÷ 结案数",
        ref=None,
        source="domain-rules §6.2（扣除天数按 CPLI Art 243 / TL2000 Art 9）",
        excluded=WORKLOAD_EXCLUDED,
        is_open=True,
    ),
    dict(
        code="over_12m_ratio",
        name="超12个月未结案件比",
        category="output",
        unit="percent",
        formula="期末立案超过12个月仍未结案件数 ÷ 期末未结案件数 × 100%",
        ref=(0, 1),
        source="domain-rules §6.1。" + UNCONFIRMED,
        excluded=WORKLOAD_EXCLUDED,
    ),
    # --- outcomes ------------------------------------------------------------------------------
    dict(
        code="acceptance_rate",
        name="一审服判息诉率",
        category="outcome",
        unit="percent",
        formula="(一审结案数 − 其中被提起上诉数) ÷ 一审结案数 × 100%",
        ref=(85, 100),
        source="domain-rules §6.2（✓ (93 − 4) ÷ 93 = 95.7%）。" + UNCONFIRMED,
        scope=FIRST_INSTANCE,
        is_open=True,
    ),
    dict(
        code="appeal_revise_remand_ratio",
        name="二审改判-发回重审比",
        category="outcome",
        unit="percent",
        formula="(二审改判 + 发回重审结案数) ÷ 二审结案数 × 100%",
        ref=(0, 15),
        source="domain-rules §6.1（2024年合并指标；公式 UNCONFIRMED）。" + UNCONFIRMED,
        scope=SECOND_INSTANCE,
    ),
    dict(
        code="first_instance_reversed_rate",
        name="一审裁判被改判、发回重审率",
        category="outcome",
        unit="percent",
        formula="期内一审结案中上诉后被改判（含部分改判）或发回重审数 ÷ 一审结案数 × 100%",
        ref=(0, 3),
        source="domain-rules §6.2（✓ 2 ÷ 93 = 2.15%）。" + UNCONFIRMED,
        scope=FIRST_INSTANCE,
    ),
    dict(
        code="mediation_rate",
        name="调解率",
        category="outcome",
        unit="percent",
        formula="调解结案数 ÷ 结案数 × 100%（民事一审）",
        ref=None,
        source="domain-rules §6.2（UNCONFIRMED）",
        scope=CIVIL_FIRST,
        is_open=True,
    ),
    dict(
        code="withdrawal_rate",
        name="撤诉率",
        category="outcome",
        unit="percent",
        formula="撤诉结案数 ÷ 结案数 × 100%（民事一审）",
        ref=None,
        source="domain-rules §6.2（UNCONFIRMED）",
        scope=CIVIL_FIRST,
        is_open=True,
    ),
    dict(
        code="mediation_withdrawal_rate",
        name="调撤率",
        category="outcome",
        unit="percent",
        formula="(调解 + 撤诉结案数) ÷ 结案数 × 100%（民事一审）",
        ref=None,
        source="domain-rules §6.2（UNCONFIRMED）",
        scope=CIVIL_FIRST,
        is_open=True,
    ),
    dict(
        code="pronounced_rate",
        name="当庭宣判率",
        category="outcome",
        unit="percent",
        formula="当庭宣判的判决结案数 ÷ 判决结案数 × 100%（一审）",
        ref=None,
        source="domain-rules §6.2（分母各地不一，此处取判决结案数；UNCONFIRMED）",
        scope=FIRST_INSTANCE,
    ),
    # --- enforcement -------------------------------------------------------------------------
    dict(
        code="recovery_rate",
        name="执行到位率",
        category="enforcement",
        unit="percent",
        formula="执结案件实际到位金额 ÷ 申请执行标的金额 × 100%",
        ref=None,
        source="domain-rules §6.2（UNCONFIRMED）",
        scope=ENFORCEMENT,
        is_open=True,
    ),
    dict(
        code="actual_enforcement_rate",
        name="实际执行率",
        category="enforcement",
        unit="percent",
        formula="实际执结（执行完毕 + 和解长期履行）数 ÷ 执结案件数 × 100%",
        ref=None,
        source="domain-rules §6.2（UNCONFIRMED）",
        scope=ENFORCEMENT,
        is_open=True,
    ),
    # --- workload ------------------------------------------------------------------------------
    dict(
        code="case_ratio",
        name="案-件比",
        category="workload",
        unit="ratio",
        formula="新收“件”数 ÷ 其中作为纠纷起始案件（无原审/关联案件）的“案”数（1 : x 中的 x）",
        ref=(1, 1.3),
        source="domain-rules §6.1（公式 UNCONFIRMED，可配置）。" + UNCONFIRMED,
        excluded=WORKLOAD_EXCLUDED,
        params={"count": "received"},
    ),
    dict(
        code="per_judge_closed",
        name="人均结案数",
        category="workload",
        unit="cases",
        formula="结案数（不含诉前调确、诉前调书、执保、执恢）÷ 员额法官人数（法官角色）",
        ref=None,
        source="domain-rules §1.4, §6.2（✓ wlhtfy.nmgfy.gov.cn 2022）",
        excluded=WORKLOAD_EXCLUDED,
    ),
    dict(
        code="leader_share",
        name="院庭长办案占比",
        category="workload",
        unit="percent",
        formula="院庭长承办的结案数 ÷ 结案数 × 100%；逐人与 §6.3 定额比较（明细）",
        ref=None,
        source="domain-rules §6.3（法发〔2017〕10号）",
        excluded=WORKLOAD_EXCLUDED,
        params={
            "quotas": {
                "basic": {"president": [5, 10], "vice": [30, 40], "division_chief": [50, 70]},
                "intermediate": {"president": [5, 5], "vice": [20, 30], "division_chief": [50, 70]},
            }
        },
    ),
    # --- service -------------------------------------------------------------------------------
    dict(
        code="mediation_settlement_rate",
        name="诉前调解成功率",
        category="service",
        unit="percent",
        formula="期内调解成功数 ÷ 期内调解终结数（成功、不成、期满、转立案）× 100%",
        ref=None,
        source="domain-rules §3.5, §6.2（UNCONFIRMED）",
        is_open=True,
    ),
    dict(
        code="hotline_on_time_rate",
        name="12368 工单按期办结率",
        category="service",
        unit="percent",
        formula="期限届满日在期内且按期答复的工单数 ÷ 期限届满日在期内的工单数 × 100%",
        ref=(95, 100),
        source="domain-rules §8.1（SLA UNCONFIRMED）。" + UNCONFIRMED,
        is_open=True,
    ),
    # --- NCSC CourTools --------------------------------------------------------------------
    dict(
        code="clearance_rate",
        name="Clearance rate（结收比，全部案件）",
        category="courtools",
        unit="percent",
        formula="outgoing ÷ incoming × 100%（CourTools 2）",
        ref=(100, 120),
        source="domain-rules §9.3 measure 2",
    ),
    dict(
        code="time_to_disposition",
        name="Time to disposition（法定审限标准内结案比例）",
        category="courtools",
        unit="percent",
        formula="净审理天数 ≤ 时间标准（法定审限，不含延长）的结案数 ÷ 结案数 × 100%；明细含 P50/P75/P90",
        ref=(90, 100),
        source="domain-rules §9.3 measure 3; §3.3–3.4 limits as time standards",
    ),
    dict(
        code="pending_age",
        name="Age of active pending caseload（平均未结天数）",
        category="courtools",
        unit="days",
        formula="Σ(期末 − 立案日) ÷ 期末未结案件数（CourTools 4）",
        ref=None,
        source="domain-rules §9.3 measure 4",
    ),
    dict(
        code="trial_date_certainty",
        name="Trial date certainty（开庭排期次数）",
        category="courtools",
        unit="times",
        formula="判决结案且开过庭的案件的排期次数（含延期）之和 ÷ 此类案件数（CourTools 5）",
        ref=(1, 1.5),
        source="domain-rules §9.3 measure 5",
    ),
    # --- business environment ------------------------------------------------------------------
    dict(
        code="enforce_time",
        name="执行合同时间（中位天数）",
        category="business",
        unit="days",
        formula="期内执结的判决执行案件：立案→判决、判决→申请执行、执行立案→执结 三阶段中位天数之和",
        ref=None,
        source="domain-rules §9.1 (World Bank DB Enforcing Contracts, time)",
    ),
    dict(
        code="enforce_cost",
        name="执行合同成本（诉讼费占标的额）",
        category="business",
        unit="percent",
        formula="上述案件一审诉讼费之和 ÷ 一审诉讼标的额之和 × 100%（不含律师费）",
        ref=None,
        source="domain-rules §9.1 (cost, court fees only)",
    ),
    dict(
        code="qjp_checklist",
        name="司法程序质量自评（可由系统回答的项目）",
        category="business",
        unit="score",
        formula="系统记录可证实的项目数（电子立案、电子送达、裁判文书公开、随机分案等）",
        ref=None,
        source="domain-rules §9.1 Quality of Judicial Processes Index (UNCONFIRMED items)",
    ),
]


def seed_rows() -> list[dict[str, Any]]:
    rows = []
    for pos, d in enumerate(CATALOGUE, start=1):
        ref = d.get("ref")
        rows.append(
            {
                "code": d["code"],
                "name": d["name"],
                "category": d["category"],
                "unit": d["unit"],
                "formula": d["formula"],
                "source": d.get("source", ""),
                "ref_low": ref[0] if ref else None,
                "ref_high": ref[1] if ref else None,
                "scope_types": list(d.get("scope", [])),
                "excluded_types": list(d.get("excluded", [])),
                "params": d.get("params", {}),
                "position": pos * 10,
                "is_open": d.get("is_open", False),
            }
        )
    return rows
