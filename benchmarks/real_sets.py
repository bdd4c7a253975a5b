"""Loaders for the real, third-party-labelled enrichment sets in ``../shared/enrich-real/``.

Each set becomes a tuple of :class:`LabelledText`: the text enrichment reads, the source's country hint (what an
analyst following that outlet would configure, never the row's own answer), and the labels mapped to our fields
as the set's README describes. Nothing here is copied into the repository: the files are read where they lie,
and a missing folder or file gives ``None`` so the benchmark can print "absent".

The mappings are the README's: CASE sub-types to ACLED event types; SATP action types to event types
(``armed_assault`` is a battle when the coded target is armed, violence against civilians otherwise); SATP
deaths, injuries and abductions per incident (the ``location_info`` coordinate columns are swapped); UCDP points
with ``where_prec`` and reporting sources; FA-KES tolls of credible articles (civilians plus non-civilians);
shootings killed and injured.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ACLED_SUB_EVENT", "ACLED_TYPE", "SETS", "LabelledText", "load_set", "shared_folder"]

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# CASE 2021 sub-type codes -> (ACLED event type, ACLED sub-event type). Codes absent here are non-ACLED.
_CASE_CODES: dict[str, tuple[str, str]] = {
    "ARMED_CLASH": (BATTLES, "Armed clash"),
    "GOV_REGAINS_TERIT": (BATTLES, "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": (BATTLES, "Non-state actor overtakes territory"),
    "AIR_STRIKE": (EXPLOSIONS, "Air/drone strike"),
    "ART_MISS_ATTACK": (EXPLOSIONS, "Shelling/artillery/missile attack"),
    "CHEM_WEAP": (EXPLOSIONS, "Chemical weapon"),
    "GRENADE": (EXPLOSIONS, "Grenade"),
    "REM_EXPLOS": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "SUIC_BOMB": (EXPLOSIONS, "Suicide bomb"),
    "ATTACK": (VIOLENCE, "Attack"),
    "ABDUCT_DISSAP": (VIOLENCE, "Abduction/forced disappearance"),
    "SEX_VIOL": (VIOLENCE, "Sexual violence"),
    "PEACE_PROTEST": (PROTESTS, "Peaceful protest"),
    "PROTEST_WITH_INTER": (PROTESTS, "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": (PROTESTS, "Excessive force against protesters"),
    "VIOL_DEMONSTR": (RIOTS, "Violent demonstration"),
    "MOB_VIOL": (RIOTS, "Mob violence"),
    "ARREST": (STRATEGIC, "Arrests"),
    "AGREEMENT": (STRATEGIC, "Agreement"),
    "CHANGE_TO_GROUP_ACT": (STRATEGIC, "Change to group/activity"),
    "DISR_WEAP": (STRATEGIC, "Disrupted weapons use"),
    "HQ_ESTABLISHED": (STRATEGIC, "Headquarters or base established"),
    "NON_VIOL_TERRIT_TRANSFER": (STRATEGIC, "Non-violent transfer of territory"),
    "PROPERTY_DISTRUCT": (STRATEGIC, "Looting/property destruction"),
    "OTHER": (STRATEGIC, "Other"),
}
ACLED_TYPE = {code: pair[0] for code, pair in _CASE_CODES.items()}
ACLED_SUB_EVENT = {code: pair[1] for code, pair in _CASE_CODES.items()}

_SATP_ACTIONS = {
    "bombing": EXPLOSIONS,
    "abduction": VIOLENCE,
    "arrest": STRATEGIC,
    "surrender": STRATEGIC,
    "seizure": STRATEGIC,
    "infrastructure": STRATEGIC,
}
_SATP_ARMED_TARGETS = {"security", "maoist", "non_maoist_armed_group"}


@dataclass(frozen=True, slots=True)
class LabelledText:
    """One labelled text and what its labels say, in our fields; ``None`` where the set does not label it.

    ``event_types``: the ACLED event types a right answer may give (empty: the text must yield no event).
    ``detained``: the incident is an arrest, so some detained figure of at least one should be found.
    ``point``: (latitude, longitude) of the coded place; ``point_exact`` says whether it is a village or exact
    place (SATP village, UCDP ``where_prec`` 1-2) rather than a district or province.
    """

    set_name: str
    row: int
    text: str
    country_hint: str | None
    event_types: frozenset[str] | None = None
    sub_event_type: str | None = None
    code: str | None = None
    killed: int | None = None
    injured: int | None = None
    abducted: int | None = None
    detained: bool | None = None
    point: tuple[float, float] | None = None
    point_exact: bool = False
    district: str | None = None
    admin1: str | None = None
    claimants: tuple[str, ...] = ()


def shared_folder() -> Path:
    """``../shared/enrich-real`` beside the repository."""
    return Path(__file__).resolve().parents[2] / "shared" / "enrich-real"


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        yield from csv.DictReader(handle)


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except ValueError:
        return None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _name(value: str) -> str | None:
    value = value.strip()
    return None if value in {"", "NA", "N/A"} else value


def _case(folder: Path) -> tuple[LabelledText, ...]:
    out = []
    with (folder / "case2021-task2-dev.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            code = row["SubType"].strip()
            acled = _CASE_CODES.get(code)
            out.append(
                LabelledText(
                    "case",
                    int(row["id"]),
                    row["EventSnippet"],
                    None,
                    event_types=frozenset({acled[0]}) if acled else frozenset(),
                    sub_event_type=acled[1] if acled else None,
                    code=code,
                )
            )
    return tuple(out)


def _satp(folder: Path) -> tuple[LabelledText, ...]:
    satp = folder / "satp"
    tables = {
        name: {row["incident_summary"]: row for row in _csv_rows(satp / f"{name}.csv")}
        for name in ("action_type", "deaths", "injuries", "abductions", "location_info", "target_type")
    }
    out = []
    for index, (summary, action) in enumerate(tables["action_type"].items()):
        target = tables["target_type"].get(summary, {})
        armed_target = any(target.get(column) == "1" for column in _SATP_ARMED_TARGETS)
        types = {event for column, event in _SATP_ACTIONS.items() if action.get(column) == "1"}
        if action.get("armed_assault") == "1":
            types.add(BATTLES if armed_target else VIOLENCE)
        location = tables["location_info"].get(summary, {})
        # The set's "longitude" column holds the latitude and vice versa (README).
        lat, lon = _float(location.get("longitude", "")), _float(location.get("latitude", ""))
        village = _name(location.get("village_name", ""))
        deaths, injuries = tables["deaths"].get(summary, {}), tables["injuries"].get(summary, {})
        out.append(
            LabelledText(
                "satp",
                index,
                summary,
                "IN",
                event_types=frozenset(types) if types else None,
                killed=_int(deaths.get("total_fatalities", "")),
                injured=_int(injuries.get("total_injuries", "")),
                abducted=_int(tables["abductions"].get(summary, {}).get("total_abducted", "")),
                detained=action.get("arrest") == "1",
                point=(lat, lon) if lat is not None and lon is not None and village else None,
                point_exact=village is not None,
                district=_name(location.get("district", "")),
                admin1=_name(location.get("state", "")),
            )
        )
    return tuple(out)


def _ucdp(folder: Path) -> tuple[LabelledText, ...]:
    out = []
    for index, row in enumerate(_csv_rows(folder / "ucdpged-sample.csv")):
        headline = row["source_headline"].strip()
        if not headline:
            continue
        precision = _int(row["where_prec"]) or 9
        lat, lon = _float(row["latitude"]), _float(row["longitude"])
        sources = tuple(part.strip() for part in row["source_original"].replace(";", ",").split(",") if part.strip())
        out.append(
            LabelledText(
                "ucdp",
                index,
                f"{headline}. {row['where_description'].strip()}.",
                None,
                killed=_int(row["best"]),
                point=(lat, lon) if lat is not None and lon is not None else None,
                point_exact=precision <= 2,
                district=_name(row["adm_2"].replace(" district", "")),
                admin1=_name(row["adm_1"].replace(" governorate", "").replace(" province", "")),
                claimants=sources,
            )
        )
    return tuple(out)


def _fakes(folder: Path) -> tuple[LabelledText, ...]:
    out = []
    for index, row in enumerate(_csv_rows(folder / "fakes.csv")):
        credible = row["label"].strip() == "1"
        civilians, others = _int(row["nb_civilians"]), _int(row["nb_noncivilians"])
        killed = civilians + others if credible and civilians is not None and others is not None else None
        out.append(
            LabelledText(
                "fakes",
                index,
                f"{row['article_title'].strip()}\n\n{row['article_content'].strip()}",
                "SY",
                killed=killed,
                admin1=_name(row["location"]),
            )
        )
    return tuple(out)


def _shootings(folder: Path) -> tuple[LabelledText, ...]:
    out = []
    with (folder / "gun-violence-news-dev.jsonl").open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            row = json.loads(line)
            out.append(
                LabelledText("shootings", index, row["text"], "US", killed=row["n_killed"], injured=row["n_injured"])
            )
    return tuple(out)


SETS: dict[str, Callable[[Path], tuple[LabelledText, ...]]] = {
    "case": _case,
    "satp": _satp,
    "ucdp": _ucdp,
    "fakes": _fakes,
    "shootings": _shootings,
}


def load_set(name: str, folder: Path | None = None) -> tuple[LabelledText, ...] | None:
    """The set's labelled texts, or ``None`` when its files are absent."""
    folder = folder or shared_folder()
    try:
        return SETS[name](folder)
    except FileNotFoundError:
        return None
