"""Template tags of the trial workflow pages.

``{% trial_case_panel case %}`` renders the "审判执行" panel of the console case page: the
time-limit figures (limit_due, suspended_days, extended, days left) and links to the
per-case workflow pages. Everything it needs is computed here, so the case page's view
does not change.

``yizhan.console.trial`` is not an installed app, so Django does not discover this package;
``yizhan/console/templatetags/trial_tags.py`` re-exports ``register`` under the library name
``trial_tags``.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.inclusion_tag("console/trial/workflow/_panel.html", takes_context=True)
def trial_case_panel(context: template.Context, case: Any) -> dict[str, Any]:
    from yizhan.console.trial.views_workflow import can_act, limit_summary, workflow_links

    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "case": case,
        "limits": limit_summary(case),
        "links": workflow_links(case),
        "can_act": can_act(user, case) if user is not None else False,
    }


@register.filter
def days_label(n: int | None) -> str:
    """Days left as text: "剩余 12 天" / "今日届满" / "已超 3 天"."""
    if n is None:
        return "—"
    if n > 0:
        return ngettext("剩余 %(n)s 天", "剩余 %(n)s 天", n) % {"n": n}
    if n == 0:
        return _("今日届满")
    return ngettext("已超 %(n)s 天", "已超 %(n)s 天", -n) % {"n": -n}
