"""Re-export of the trial workflow tags (yizhan.console.trial is not an installed app, so its
own templatetags package is not discovered)."""

from yizhan.console.trial.templatetags.trial_tags import register  # noqa: F401
