"""Flows stage: settings, Prefect flows and deployments, and the ``conflictwire`` CLI."""
