"""``fazhi serve``: the checker as a local web page, for people who do not use a terminal.

``service`` (what every request shares: the pack, the scheme, the checker under its lock),
``uploads`` (files taken within limits; a .zip checked before it is unpacked), ``county`` (one file
checked, corrected and downloaded), ``page`` (what its result page shows), ``assessor`` (a cohort
scored in the background), ``catalog`` (rules and indicators to browse), ``words`` (the pages' words)
and ``app`` (the Flask app: routes, the guard, the errors). ``templates/`` and ``static/`` are the
pages, their one stylesheet and their one script. docs/serve.md says how to run it."""
