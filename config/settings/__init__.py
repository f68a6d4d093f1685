"""Settings split by concern: ``base`` (everything, read from the environment), ``dev``,
``test`` and ``prod`` adjust it. ``manage.py`` defaults to ``config.settings.dev``."""
