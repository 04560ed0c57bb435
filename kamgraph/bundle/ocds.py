"""Public tenders in the Open Contracting Data Standard (OCDS 1.1): release packages read
into the import's tables, and our tenders written as releases.

Procurement portals publish a tender as releases of one contracting process (its `ocid`).
What kamgraph keeps of a release, and where:
- `ocid`: the tender's id (our own tenders are written as `ocds-kamgraph-<id>`);
- `tender.title`, `.description`, `.id`: `title`, `specification_notes`, `reference`;
- `tender.status`: planning and planned are `planned`, active is `announced`, complete is
  `awarded`; cancelled, unsuccessful and withdrawn are `cancelled`;
- `tender.procurementMethod`: open, selective, limited and direct are `open`,
  `restricted`, `negotiated` and `direct_award`;
- `tender.tenderPeriod` start and end, `tender.enquiryPeriod` end, `tender.awardPeriod`
  end (else the first award's date), the first contract's start: `announced_on`,
  `submission_deadline`, `clarification_deadline`, `award_date`, `contract_start`;
- `buyer` (and its party): the buyer organization; a new one is a `purchasing_centre`, one
  we hold already is only linked;
- `tender.lots[]` with each lot's item (`relatedLot`): lots, `inn` from the lot's title,
  `volume` and `unit` from its item, `value` when in EUR.

Several releases of one process are read in date order, a later one replacing what it
states. Everything else a release holds (documents, milestones, amendments, addresses, a
value in another currency...) is not imported, and the import says so, field by field,
rather than dropping it in silence. The package is validated against the OCDS 1.1.5
schema (`ocds_schema/`, Apache 2.0, from open-contracting/standard) before anything is
read: a package that breaks it is refused, naming where.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, Final, cast

from kamgraph.bundle.readers import Problem, RawBundle, RawRow

OCID_PREFIX: Final = "ocds-kamgraph-"  # our tenders' ocids; a publisher registers its own
NEW_BUYER_KIND: Final = "purchasing_centre"
VERSION: Final = "1.1"
SCHEMA_URI: Final = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"

_STATUS_IN: Final = {
    "planning": "planned",
    "planned": "planned",
    "active": "announced",
    "complete": "awarded",
    "cancelled": "cancelled",
    "unsuccessful": "cancelled",
    "withdrawn": "cancelled",
}
_STATUS_OUT: Final = {
    "planned": "planned",
    "announced": "active",
    "clarification": "active",
    "submitted": "active",
    "evaluation": "active",
    "awarded": "complete",
    "cancelled": "cancelled",
}
_METHOD_IN: Final = {
    "open": "open",
    "selective": "restricted",
    "limited": "negotiated",
    "direct": "direct_award",
}
_METHOD_OUT: Final = {
    "open": "open",
    "restricted": "selective",
    "negotiated": "limited",
    "framework": "selective",
    "direct_award": "direct",
}
# What the reader takes from a release (a path with [] for any array item); the rest is
# reported as not imported.
_READ: Final = frozenset(
    {
        "ocid", "id", "date", "tag", "initiationType", "language", "publisher",
        "buyer", "buyer.id", "buyer.name",
        "parties", "parties[]", "parties[].id", "parties[].name", "parties[].roles",
        "tender", "tender.id", "tender.title", "tender.description", "tender.status",
        "tender.procurementMethod", "tender.tenderPeriod", "tender.tenderPeriod.startDate",
        "tender.tenderPeriod.endDate", "tender.enquiryPeriod", "tender.enquiryPeriod.endDate",
        "tender.awardPeriod", "tender.awardPeriod.endDate",
        "tender.lots", "tender.lots[]", "tender.lots[].id", "tender.lots[].title",
        "tender.lots[].value", "tender.lots[].value.amount", "tender.lots[].value.currency",
        "tender.items", "tender.items[]", "tender.items[].id", "tender.items[].description",
        "tender.items[].quantity", "tender.items[].unit", "tender.items[].unit.name",
        "tender.items[].relatedLot",
        "awards", "awards[]", "awards[].id", "awards[].date",
        "contracts", "contracts[]", "contracts[].id", "contracts[].awardID",
        "contracts[].period", "contracts[].period.startDate",
    }
)  # fmt: skip
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def is_release_package(data: object) -> bool:
    """Whether parsed JSON is an OCDS release package (not a kamgraph bundle)."""
    return isinstance(data, dict) and "releases" in data and "kamgraph_bundle" not in data


@cache
def _validator() -> Any:
    import jsonschema  # noqa: PLC0415  (only imports and exports of OCDS need it)
    from referencing import Registry, Resource  # noqa: PLC0415

    folder = resources.files("kamgraph.bundle") / "ocds_schema"
    package = json.loads((folder / "release-package-schema.json").read_text(encoding="utf-8"))
    release = json.loads((folder / "release-schema.json").read_text(encoding="utf-8"))
    resource: Any = Resource.from_contents(release)  # pyright: ignore[reportUnknownMemberType]
    empty: Any = Registry()  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
    registry = empty.with_resource(SCHEMA_URI, resource)
    return jsonschema.Draft4Validator(package, registry=registry)


def schema_errors(package: Mapping[str, Any], *, most: int = 20) -> list[str]:
    """Where `package` breaks the OCDS 1.1.5 release package schema, e.g.
    "releases/0/tender/status: 'open' is not one of [...]"; empty when it is valid."""
    errors = sorted(_validator().iter_errors(package), key=lambda e: list(e.absolute_path))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(package)'}: {error.message}"
        for error in errors[:most]
    ]


class OcdsPackage(RawBundle):
    """A release package read into the import's tables."""

    @classmethod
    def read(cls, name: str, data: Mapping[str, Any]) -> OcdsPackage:
        bundle = cls()
        read_package(bundle, name, data)
        return bundle

    def drop_known(self, known: Callable[[str, set[str]], Mapping[str, object]]) -> None:
        """Leave out the buyers the database holds already (`known(label, ids)`): a tender
        is linked to them, and their own records stay as they are."""
        rows = self.tables.get("organizations", [])
        held = known("Organization", {str(r.cells["id"]) for r in rows})
        self.tables["organizations"] = [r for r in rows if r.cells["id"] not in held]


def read_package(bundle: RawBundle, name: str, data: Mapping[str, Any]) -> None:
    """Into `bundle`, the import's tables (organizations, tenders, lots) from a release
    package; a problem for each schema error, and a note for each field not imported."""
    errors = schema_errors(data)
    if errors:
        bundle.problems.extend(Problem(name, 0, "-", f"not valid OCDS: {e}") for e in errors)
        return
    releases = cast(list[dict[str, Any]], data["releases"])
    file = f"{name}[releases]"
    by_process: dict[str, tuple[int, dict[str, Any]]] = {}
    ignored: dict[str, int] = {}
    for number, release in sorted(
        enumerate(releases, start=1), key=lambda pair: str(pair[1].get("date") or "")
    ):
        for path in _unread(release):
            ignored[path] = ignored.get(path, 0) + 1
        ocid = str(release["ocid"])
        _, merged = by_process.get(ocid, (number, {}))
        by_process[ocid] = (number, _merge(merged, release))
    organizations: dict[str, RawRow] = {}
    tenders: list[RawRow] = []
    lots: list[RawRow] = []
    for ocid, (number, release) in sorted(by_process.items(), key=lambda item: item[1][0]):
        tender_id = _tender_id(ocid)
        buyer = _buyer(release)
        if buyer is not None:
            organizations.setdefault(
                buyer["id"],
                RawRow(
                    file, number, {"id": buyer["id"], "name": buyer["name"], "kind": NEW_BUYER_KIND}
                ),
            )
        tenders.append(RawRow(file, number, _tender_cells(tender_id, release, buyer)))
        lots.extend(
            RawRow(file, number, cells) for cells in _lot_cells(tender_id, release, ignored)
        )
    _put(bundle, "organizations", list(organizations.values()))
    _put(bundle, "tenders", tenders)
    _put(bundle, "lots", lots)
    bundle.notes.extend(
        Problem(file, 0, path, f"not imported ({count} release{'s' if count > 1 else ''})")
        for path, count in sorted(ignored.items())
    )


def _put(bundle: RawBundle, table: str, rows: list[RawRow]) -> None:
    if rows:
        bundle.tables[table] = rows
        bundle.columns[table] = set().union(*(r.cells for r in rows))


def _merge(old: dict[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """A later release over an earlier one: objects merged field by field, the rest replaced."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(cast(dict[str, Any], merged[key]), cast(dict[str, Any], value))
        else:
            merged[key] = value
    return merged


def _unread(value: Any, path: str = "") -> Iterable[str]:
    """The paths of `value` the reader does not take (each array item as [])."""
    if isinstance(value, dict):
        for key, inner in cast(dict[str, Any], value).items():
            here = f"{path}.{key}" if path else key
            if here not in _READ:
                yield here
            else:
                yield from _unread(inner, here)
    elif isinstance(value, list) and path.rsplit(".", maxsplit=1)[-1] not in ("roles", "tag"):
        for item in cast(list[Any], value):
            yield from _unread(item, f"{path}[]")


def _tender_id(ocid: str) -> str:
    """Our id for a contracting process: the ocid, or ours without our prefix."""
    found = ocid[len(OCID_PREFIX) :] if ocid.startswith(OCID_PREFIX) else ocid
    return _ID_CHARS.sub("-", found)


Json = dict[str, Any]  # an object of a release, as parsed


def _obj(value: object) -> Json:
    """`value` as an object ({} if it is not one)."""
    return cast(Json, value) if isinstance(value, dict) else {}


def _objs(value: object) -> list[Json]:
    """`value` as a list of objects (others left out)."""
    return [_obj(v) for v in cast(list[object], value)] if isinstance(value, list) else []


def _buyer(release: Json) -> dict[str, str] | None:
    parties = _objs(release.get("parties"))
    buyer = _obj(release.get("buyer")) or next(
        (p for p in parties if "buyer" in (p.get("roles") or ())), _obj(None)
    )
    if not buyer.get("id"):
        return None
    party = next((p for p in parties if p.get("id") == buyer["id"]), _obj(None))
    name = buyer.get("name") or party.get("name") or buyer["id"]
    return {"id": _ID_CHARS.sub("-", str(buyer["id"])), "name": str(name)}


def _day(value: object) -> str | None:
    return str(value)[:10] if value else None


def _tender_cells(tender_id: str, release: Json, buyer: Mapping[str, str] | None) -> Json:
    tender = _obj(release.get("tender"))
    award = (_objs(release.get("awards")) or [{}])[0]
    contract = (_objs(release.get("contracts")) or [{}])[0]
    status = tender.get("status")
    cells: Json = {
        "id": tender_id,
        "title": tender.get("title"),
        "buyer_id": buyer["id"] if buyer else None,
        "status": _STATUS_IN.get(str(status), status),
        "procedure": _METHOD_IN.get(str(tender.get("procurementMethod"))),
        "reference": tender.get("id"),
        "announced_on": _day(_obj(tender.get("tenderPeriod")).get("startDate")),
        "clarification_deadline": _day(_obj(tender.get("enquiryPeriod")).get("endDate")),
        "submission_deadline": _day(_obj(tender.get("tenderPeriod")).get("endDate")),
        "award_date": _day(_obj(tender.get("awardPeriod")).get("endDate") or award.get("date")),
        "contract_start": _day(_obj(contract.get("period")).get("startDate")),
        "specification_notes": tender.get("description"),
        "source": "ocds",
    }
    return {k: v for k, v in cells.items() if v not in (None, "")}


def _lot_cells(tender_id: str, release: Json, ignored: dict[str, int]) -> list[Json]:
    tender = _obj(release.get("tender"))
    items = _objs(tender.get("items"))
    found: list[Json] = []
    for number, lot in enumerate(_objs(tender.get("lots")), start=1):
        item = next((i for i in items if i.get("relatedLot") == lot.get("id")), _obj(None))
        value = _obj(lot.get("value"))
        euros = value.get("currency") in (None, "EUR")
        if value and not euros:
            key = "tender.lots[].value (not in EUR)"
            ignored[key] = ignored.get(key, 0) + 1
        cells: Json = {
            "id": f"{tender_id}.lot-{_ID_CHARS.sub('-', str(lot.get('id')))}",
            "tender_id": tender_id,
            "number": number,
            "inn": lot.get("title") or item.get("description"),
            "volume": item.get("quantity"),
            "unit": _obj(item.get("unit")).get("name"),
            "value": value.get("amount") if euros else None,
        }
        found.append({k: v for k, v in cells.items() if v not in (None, "")})
    return found


def write_package(
    tenders: Iterable[Mapping[str, Any]],
    lots: Iterable[Mapping[str, Any]],
    organizations: Mapping[str, Mapping[str, Any]],
    *,
    published: str,
    watermark: str | None = None,
) -> dict[str, Any]:
    """Our tenders as an OCDS 1.1 release package (one release each, tagged "tender"),
    dated `published` (an ISO 8601 date-time); an export's `watermark` (who, when) names
    the package's publisher."""
    lots_of: dict[str, list[Mapping[str, Any]]] = {}
    for lot in lots:
        lots_of.setdefault(str(lot["tender_id"]), []).append(lot)
    releases = [
        _release(t, sorted(lots_of.get(str(t["id"]), []), key=lambda lot: int(lot["number"])),
                 organizations, published)
        for t in sorted(tenders, key=lambda t: str(t["id"]))
    ]  # fmt: skip
    return {
        "uri": "urn:kamgraph:tenders",
        "version": VERSION,
        "publishedDate": published,
        "publisher": {"name": f"kamgraph ({watermark})" if watermark else "kamgraph"},
        "releases": releases,
    }


def _when(value: object) -> str | None:
    return f"{value}T00:00:00Z" if value else None


def _release(
    tender: Mapping[str, Any],
    lots: list[Mapping[str, Any]],
    organizations: Mapping[str, Mapping[str, Any]],
    published: str,
) -> dict[str, Any]:
    tender_id = str(tender["id"])
    ocid = tender_id if tender_id.startswith("ocds-") else OCID_PREFIX + tender_id
    buyer_id = str(tender["buyer_id"])
    buyer = {
        "id": buyer_id,
        "name": str((organizations.get(buyer_id) or {}).get("name") or buyer_id),
    }
    body: dict[str, Any] = {
        "id": tender.get("reference") or tender_id,
        "title": tender["title"],
        "description": tender.get("specification_notes"),
        "status": _STATUS_OUT.get(str(tender.get("status"))),
        "procurementMethod": _METHOD_OUT.get(str(tender.get("procedure"))),
        "tenderPeriod": _period(tender.get("announced_on"), tender.get("submission_deadline")),
        "enquiryPeriod": _period(None, tender.get("clarification_deadline")),
        "awardPeriod": _period(None, tender.get("award_date")),
        "lots": [_lot(lot) for lot in lots] or None,
        "items": [_item(lot) for lot in lots] or None,
    }
    release: dict[str, Any] = {
        "ocid": ocid,
        "id": f"{ocid}-tender",
        "date": published,
        "language": "en",
        "tag": ["tender"],
        "initiationType": "tender",
        "parties": [{"id": buyer_id, "name": buyer["name"], "roles": ["buyer"]}],
        "buyer": buyer,
        "tender": {k: v for k, v in body.items() if v},
    }
    if tender.get("contract_start"):
        release["contracts"] = [
            {"id": f"{ocid}-contract", "awardID": f"{ocid}-award",
             "period": {"startDate": _when(tender["contract_start"])}}
        ]  # fmt: skip
        release["awards"] = [{"id": f"{ocid}-award"}]
    return release


def _period(start: object, end: object) -> dict[str, str] | None:
    found = {"startDate": _when(start), "endDate": _when(end)}
    kept = {k: v for k, v in found.items() if v}
    return kept or None


def _local_lot_id(lot: Mapping[str, Any]) -> str:
    """A lot's id within its tender: ours without the prefix the reader gives it."""
    prefix = f"{lot['tender_id']}.lot-"
    lot_id = str(lot["id"])
    return lot_id[len(prefix) :] if lot_id.startswith(prefix) else lot_id


def _lot(lot: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"id": _local_lot_id(lot), "title": lot["inn"]}
    if lot.get("value") is not None:
        found["value"] = {"amount": lot["value"], "currency": "EUR"}
    return found


def _item(lot: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": _local_lot_id(lot),
        "description": lot["inn"],
        "relatedLot": _local_lot_id(lot),
    }
    if lot.get("volume") is not None:
        found["quantity"] = lot["volume"]
    if lot.get("unit"):
        found["unit"] = {"name": lot["unit"]}
    return found
