"""``conflictwire trigger``: start a served deployment's run through the Prefect API, typed, and follow it.

Parameters come from the command line as ``NAME=VALUE`` text; the deployment's own parameter schema (which
Prefect derives from the flow's signature) says what each should be, so ``--param warc=a.warc.gz --param
warc=b.warc.gz`` becomes a list and ``--param since=2016-11-01`` a date string the flow validates. A trigger
only makes sense while ``conflictwire serve`` polls the deployment; otherwise the run would wait forever, so
that is refused with the reason.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from prefect import get_client
from prefect.client.schemas.objects import FlowRun, State
from prefect.exceptions import ObjectNotFound
from prefect.settings import PREFECT_API_URL
from prefect.states import Scheduled

from flows.errors import FlowError

__all__ = ["DEPLOYMENTS", "follow_run", "start_run", "typed_parameters"]

DEPLOYMENTS = {"ingest": "ingest/scheduled", "backfill": "backfill/manual", "reprocess": "reprocess/manual"}

# serve's runner polls every 10 s; a deployment not polled for this long has no serve behind it.
_SERVED_WITHIN = timedelta(seconds=60)


def _types(schema: Mapping[str, Any]) -> set[str]:
    options = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return {str(option.get("type")) for option in options if option.get("type")}


def _one(name: str, text: str, types: set[str]) -> object:
    try:
        if text == "null" and "null" in types:
            return None
        if "integer" in types:
            return int(text)
        if "number" in types:
            return float(text)
        if "boolean" in types:
            if text.lower() not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError(text)
            return text.lower() in {"true", "1", "yes"}
        if "object" in types:
            value = json.loads(text)
            if not isinstance(value, dict):
                raise ValueError(text)
            return value
    except ValueError as exc:
        raise FlowError(f"parameter {name}: {text!r} is not a {' or '.join(sorted(types - {'null'}))}") from exc
    return text


def typed_parameters(pairs: Sequence[tuple[str, str]], schema: Mapping[str, Any]) -> dict[str, object]:
    """``NAME=VALUE`` pairs as the flow's parameters, typed by the deployment's parameter schema.

    A list parameter takes every value given for it (repeat ``--param``) or one JSON list; ``key=a=b`` objects
    are JSON. Raises ``FlowError`` for an unknown name or a value of the wrong type.
    """
    properties: Mapping[str, Any] = schema.get("properties", {})
    parameters: dict[str, object] = {}
    for name, text in pairs:
        if name not in properties:
            raise FlowError(f"unknown parameter {name!r} (known: {', '.join(sorted(properties))})")
        types = _types(properties[name])
        if "array" in types:
            items = json.loads(text) if text.startswith("[") else [text]
            current = parameters.setdefault(name, [])
            assert isinstance(current, list)
            current.extend(items)
        elif name in parameters:
            raise FlowError(f"parameter {name!r} given twice and it is not a list")
        else:
            parameters[name] = _one(name, text, types)
    return parameters


def start_run(name: str, pairs: Sequence[tuple[str, str]], *, at: datetime | None = None) -> FlowRun:
    """Create a run of served deployment ``name`` with typed parameters, due now or at ``at`` (aware).

    Raises:
        FlowError: no Prefect server answers, the deployment does not exist, no ``serve`` polls it, or a
            parameter is unknown or mistyped.
    """
    full_name = DEPLOYMENTS[name]
    where = PREFECT_API_URL.value() or "the local Prefect server"
    with get_client(sync_client=True) as client:
        try:
            deployment = client.read_deployment_by_name(full_name)
        except ObjectNotFound:
            raise FlowError(f"no deployment {full_name} on {where}: start `conflictwire serve` first") from None
        except Exception as exc:  # noqa: BLE001 - any transport failure means the same thing to the operator
            raise FlowError(f"no Prefect server answers at {where}: is `conflictwire serve` running? ({exc})") from exc
        polled = deployment.last_polled
        if polled is None or datetime.now(UTC) - polled > _SERVED_WITHIN:
            since = f"since {polled:%Y-%m-%d %H:%M:%S} UTC" if polled else "ever"
            raise FlowError(f"`conflictwire serve` is not running: {full_name} has not been polled {since}")
        parameters = typed_parameters(pairs, deployment.parameter_openapi_schema or {})
        state: State | None = None if at is None else Scheduled(scheduled_time=at)
        return client.create_flow_run_from_deployment(deployment.id, parameters=parameters, state=state)


def follow_run(flow_run_id: Any, *, poll_seconds: float = 2.0) -> State:
    """Wait for a flow run to reach a final state and return that state."""
    with get_client(sync_client=True) as client:
        while True:
            state = client.read_flow_run(flow_run_id).state
            if state is not None and state.is_final():
                return state
            time.sleep(poll_seconds)
