"""The clinical safety case (DCB0129): the hazard log as data and the report made from it.

:mod:`huddle.safetycase.hazard_log` reads and checks ``docs/safety/hazard-log.toml``;
:mod:`huddle.safetycase.report` turns it into the safety case PDF (``make safety-case``).
The test ``tests/safety/test_hazard_log.py`` proves each software control's evidence
passes in the same run, so the file cannot drift from the code.
"""
