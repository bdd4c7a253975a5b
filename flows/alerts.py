"""Alerting through Prefect automations: a webhook called whenever a conflictwire run does not end Completed.

Runs end Failed when every source failed and Failed named ``Partial`` when some did (``flows/outcome.py``);
Prefect emits an event for each state (``prefect.flow-run.Failed``, ``prefect.flow-run.Partial``,
``prefect.flow-run.Crashed``), and an automation reacting to those events on our three flows posts the run's
name, state and message (which lists the failed sources) to the webhook: Slack, Teams, a pager or any HTTP
endpoint. The automation lives on the Prefect server, so it fires for served, triggered and manual runs alike.
"""

from __future__ import annotations

from contextlib import suppress
from typing import cast
from uuid import UUID

from prefect.automations import Automation, CallWebhook, EventTrigger, Posture
from prefect.blocks.webhook import Webhook
from pydantic import SecretStr

__all__ = ["ALERT_NAME", "FAILED_RUN_EVENTS", "add_failure_webhook"]

ALERT_NAME = "conflictwire-failed-runs"
FAILED_RUN_EVENTS = frozenset({"prefect.flow-run.Failed", "prefect.flow-run.Partial", "prefect.flow-run.Crashed"})
_FLOWS = ["ingest", "backfill", "reprocess"]

# Jinja rendered by the Prefect server for each triggering run; tojson keeps quotes in messages valid JSON.
_PAYLOAD = (
    '{"flow": {{ flow.name | tojson }}, "flow_run": {{ flow_run.name | tojson }}, '
    '"flow_run_id": "{{ flow_run.id }}", "state": {{ flow_run.state.name | tojson }}, '
    '"message": {{ flow_run.state.message | tojson }}}'
)


def add_failure_webhook(url: str, name: str = ALERT_NAME) -> Automation:
    """Create (or replace) the automation posting to ``url`` when an ingest, backfill or reprocess run fails.

    The webhook's URL is stored as a Prefect Webhook block of the same name (its value is kept secret).

    Returns:
        The automation as stored on the Prefect server.
    """
    # Prefect's sync/async dispatch hides the sync return types from mypy: these calls run synchronously here.
    block_id = cast(UUID, Webhook(url=SecretStr(url), method="POST").save(name, overwrite=True))
    with suppress(ValueError):  # raised when there is none yet
        cast(Automation, Automation.read(name=name)).delete()
    automation = Automation(
        name=name,
        description="Post to a webhook when a conflictwire run ends Failed, Partial or Crashed.",
        trigger=EventTrigger(
            expect=set(FAILED_RUN_EVENTS),
            match={"prefect.resource.id": "prefect.flow-run.*"},
            match_related={"prefect.resource.role": "flow", "prefect.resource.name": _FLOWS},
            posture=Posture.Reactive,
            threshold=1,
        ),
        actions=[CallWebhook(block_document_id=block_id, payload=_PAYLOAD)],
    )
    return cast(Automation, automation.create())
