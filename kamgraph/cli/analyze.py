"""`kamgraph analyze ...`: the graph analyses as tables, or JSON for machines."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

from kamgraph.cli._common import connected_session, stderr
from kamgraph.errors import KamgraphError
from kamgraph.models import DEFAULT_EDGES, SEGMENTS

if TYPE_CHECKING:
    import neo4j
    from rich.console import Console
    from rich.table import Table

    from kamgraph.repository.graph import TenderRef
    from kamgraph.repository.tenders import Conflict
    from kamgraph.services.changes import ChangesPage
    from kamgraph.services.concentration import ConcentrationReport
    from kamgraph.services.coverage import CoverageReport
    from kamgraph.services.groups import GroupsReport
    from kamgraph.services.influence import Broker, BrokersReport, Influencer, InfluenceReport
    from kamgraph.services.power import PowerReport
    from kamgraph.services.warm_paths import PathsReport

F = TypeVar("F", bound=Callable[..., Any])


class _Report(Protocol):
    def as_json(self) -> dict[str, object]: ...


T = TypeVar("T")
R = TypeVar("R", bound=_Report)
EXIT_BAD_REQUEST = 2


@click.group("analyze")
def analyze_group() -> None:
    """Who decides, who influences, who can introduce us: graph analyses over Neo4j.

    Scores follow NetworkX conventions (PageRank sums to 1; betweenness is normalised as
    networkx.betweenness_centrality). KNOWS ties count in both directions.
    """


def _json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def _segment_option(func: F) -> F:
    return click.option(
        "--segment",
        type=click.Choice(SEGMENTS),
        help="Show only the people of this stakeholder segment (the analysis itself still "
        "runs over everyone).",
    )(func)


def _graph_options(analysis_name: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        default = ",".join(DEFAULT_EDGES[analysis_name])
        func = click.option(
            "--edges",
            help=f"Relationship types to use (default {default}); ATTENDED and SPOKE_AT "
            "tie people who were at the same events (co-attendance).",
        )(func)
        func = click.option("--unweighted", is_flag=True, help="Ignore tie weights.")(func)
        func = click.option("--top", default=20, show_default=True, type=click.IntRange(1))(func)
        func = click.option("--seed", default=0, show_default=True, type=int)(func)
        func = click.option(
            "--scope",
            metavar="org:ID|region:NAME|tender:ID",
            help="Analyse only an organization's people, a region, or a tender's DMU "
            "and the people within two ties of it.",
        )(func)
        return _json_option(func)

    return decorate


def _out() -> Console:
    from rich.console import Console

    return Console()


def _table(title: str) -> Table:
    from rich.table import Table

    return Table(title=title)


def _run(build: Callable[[neo4j.Session], T]) -> T:
    """Run one analysis; a bad request is one line on stderr and exit code 2."""
    with connected_session() as session:
        try:
            return build(session)
        except KamgraphError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(EXIT_BAD_REQUEST)


def _emit(result: R, as_json: bool, table: Callable[[R], None]) -> None:
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2, default=_jsonable))
    else:
        table(result)


def _jsonable(value: Any) -> Any:
    """A typed row (a dataclass) as its fields, anything else (a date) as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def _ranked_table(
    title: str,
    rows: Sequence[Influencer | Broker],
    notes: Sequence[str],
    *,
    sampled: bool = False,
) -> None:
    out = _out()
    table = _table(title)
    for column in ("#", "id", "name", "score", "note"):
        table.add_column(column, justify="right" if column in ("#", "score") else "left")
    for row, note in zip(rows, notes, strict=True):
        table.add_row(str(row.rank), row.id, row.name, f"{row.score:.5f}", note)
    out.print(table)
    if sampled:
        out.print("betweenness estimated from a fixed-seed sample of pivots (large graph)")


@analyze_group.command("influence")
@_graph_options("influence")
@click.option("--tender", help="Personalise to this tender's DMU.")
@_segment_option
def influence_command(
    edges: str | None,
    unweighted: bool,
    top: int,
    seed: int,
    scope: str | None,
    as_json: bool,
    tender: str | None,
    segment: str | None,
) -> None:
    """Weighted PageRank: whose word carries; flags hidden influencers."""
    from kamgraph.services import influence
    from kamgraph.services.projection import parse_edges

    del seed  # PageRank is deterministic
    result = _run(
        lambda s: influence.influence_report(
            s,
            types=parse_edges(edges, "influence"),
            weighted=not unweighted,
            top=top,
            tender_id=tender,
            scope=scope,
            segment=segment,
        )
    )

    def show(data: InfluenceReport) -> None:
        notes = ["hidden influencer" if r.hidden else ", ".join(r.roles) for r in data.rows]
        _ranked_table("Influence (PageRank)", data.rows, notes)

    _emit(result, as_json, show)


@analyze_group.command("brokers")
@_graph_options("brokers")
@click.option(
    "--weighted",
    is_flag=True,
    help="Treat strong ties as short (distance 1/weight); default: every tie one step.",
)
@_segment_option
def brokers_command(
    edges: str | None,
    unweighted: bool,
    top: int,
    seed: int,
    scope: str | None,
    as_json: bool,
    weighted: bool,
    segment: str | None,
) -> None:
    """Betweenness: who bridges groups (sampled with a fixed seed on large graphs).

    Brokerage is about position, so by default every tie is one step (--unweighted is the
    default here); --weighted makes strong ties short.
    """
    from kamgraph.services import influence
    from kamgraph.services.projection import parse_edges

    result = _run(
        lambda s: influence.brokers_report(
            s,
            types=parse_edges(edges, "brokers"),
            weighted=weighted and not unweighted,
            top=top,
            seed=seed,
            scope=scope,
            segment=segment,
        )
    )

    def show(data: BrokersReport) -> None:
        notes = [""] * len(data.rows)
        _ranked_table("Brokers (betweenness)", data.rows, notes, sampled=data.sampled)

    _emit(result, as_json, show)


@analyze_group.command("groups")
@_graph_options("groups")
@_segment_option
def groups_command(
    edges: str | None,
    unweighted: bool,
    top: int,
    seed: int,
    scope: str | None,
    as_json: bool,
    segment: str | None,
) -> None:
    """Decision-making groups (Louvain, seeded), labelled by organizations and roles."""
    from kamgraph.services import groups
    from kamgraph.services.projection import parse_edges

    result = _run(
        lambda s: groups.groups_report(
            s,
            types=parse_edges(edges, "groups"),
            weighted=not unweighted,
            top=top,
            seed=seed,
            scope=scope,
            segment=segment,
        )
    )

    def show(data: GroupsReport) -> None:
        out = _out()
        table = _table(f"Decision-making groups ({data.groups} in all)")
        for column in ("#", "size", "label", "members"):
            table.add_column(column)
        for row in data.rows:
            names = ", ".join(m.name for m in row.members[:6])
            more = f" +{len(row.members) - 6}" if len(row.members) > 6 else ""
            table.add_row(str(row.group), str(row.size), row.label, names + more)
        out.print(table)

    _emit(result, as_json, show)


@analyze_group.command("power")
@click.option("--tender", required=True, help="Tender id.")
@click.option(
    "--what-if",
    "what_if",
    metavar="PERSON_ID=STANCE",
    help="E.g. p-ivan=supporter: the balance if that person moved.",
)
@_json_option
def power_command(tender: str, what_if: str | None, as_json: bool) -> None:
    """A tender's balance of power: influence-weighted stances and the support forecast."""
    from kamgraph.services import power

    change = None
    if what_if:
        person, _, stance = what_if.partition("=")
        if not stance:
            raise click.BadParameter("use PERSON_ID=STANCE", param_hint="--what-if")
        change = (person.strip(), stance.strip())
    result = _run(lambda s: power.power_report(s, tender, what_if=change))

    def show(data: PowerReport) -> None:
        out = _out()
        balance = data.balance
        table = _table(f"{data.tender.title} ({data.tender.status})")
        for column in ("id", "name", "role", "stance", "weight"):
            table.add_column(column)
        for m in balance.members:
            table.add_row(m.id, m.name, m.role, m.stance, f"{m.weight:.1%}")
        out.print(table)
        out.print(
            f"support index {balance.index:+.2f} (-2..+2): {balance.forecast}; "
            f"{balance.support_share:.0%} of the DMU's influence supports us"
        )
        if data.what_if is not None:
            moved = data.what_if.balance
            out.print(
                f"if {data.what_if.person} became {data.what_if.stance}: "
                f"{moved.index:+.2f}, {moved.forecast}, "
                f"{moved.support_share:.0%} support"
            )

    _emit(result, as_json, show)


@analyze_group.command("path")
@click.option("--to", "target", required=True, metavar="PERSON_ID", help="Who to reach.")
@click.option("--from", "from_user", metavar="USER_ID", help="One team member (default: all).")
@click.option("--k", default=3, show_default=True, type=click.IntRange(1, 20))
@click.option("--edges", help="Relationship types (COVERS is always included).")
@click.option("--unweighted", is_flag=True, help="Ignore tie weights.")
@_json_option
def path_command(
    target: str, from_user: str | None, k: int, edges: str | None, unweighted: bool, as_json: bool
) -> None:
    """Warm introduction paths from our team to a person, each hop explained."""
    from kamgraph.services import warm_paths
    from kamgraph.services.projection import parse_edges

    result = _run(
        lambda s: warm_paths.path_report(
            s,
            target,
            from_user=from_user,
            k=k,
            types=parse_edges(edges, "path"),
            weighted=not unweighted,
        )
    )

    def show(data: PathsReport) -> None:
        out = _out()
        out.print(f"[bold]Warm paths to {data.target.name}[/bold]")
        for number, path in enumerate(data.paths, start=1):
            out.print(f"{number}. strength {path.strength:.3f}")
            for hop in path.hops:
                out.print(f"   - {hop.how}")

    _emit(result, as_json, show)


@analyze_group.command("coverage")
@click.option("--tender", help="A tender id: its DMU.")
@click.option("--account", help="An organization id: the people working there.")
@click.option(
    "--stale-days",
    type=click.IntRange(1),
    help="Stale after this many days for everyone (default: each person's contact boundary).",
)
@_segment_option
@_json_option
def coverage_command(
    tender: str | None,
    account: str | None,
    stale_days: int | None,
    segment: str | None,
    as_json: bool,
) -> None:
    """Who on our team covers each DMU or account member, how, how recently; the gaps; how
    complete each dossier is."""
    from kamgraph.services import coverage

    result = _run(
        lambda s: coverage.coverage_report(
            s, tender_id=tender, account_id=account, stale_days=stale_days, segment=segment
        )
    )

    def show(data: CoverageReport) -> None:
        out = _out()
        subject = data.subject  # the tender (its title) or the organization (its name)
        named = subject.title if isinstance(subject, TenderRef) else subject.name
        table = _table(f"Coverage: {named}")
        for column in (
            "name",
            "role",
            "stance",
            "influence",
            "covered by",
            "last contact",
            "every (days)",
            "flags",
            "dossier",
            "conflicts of interest",
        ):
            table.add_column(column)
        for row in data.rows:
            covers = ", ".join(f"{c.name} ({c.stage})" for c in row.covered_by) or "-"
            table.add_row(
                row.name,
                row.role or "",
                row.stance or "",
                f"{row.influence:.3f}",
                covers,
                row.last_contact or "never",
                str(row.every),
                ", ".join(row.flags),
                _dossier(row.completeness.known, row.completeness.total, row.completeness.missing),
                "; ".join(_conflict(c) for c in row.conflicts),
            )
        out.print(table)
        whole = data.completeness
        out.print(f"dossiers: {whole.known}/{whole.total} standard fields known")

    _emit(result, as_json, show)


def _dossier(known: int, total: int, missing: Sequence[str]) -> str:
    """A dossier's completeness in a few words: '6/8 (missing: birthday, family)'."""
    return f"{known}/{total}" + (f" (missing: {', '.join(missing)})" if missing else "")


def _conflict(conflict: Conflict) -> str:
    """One conflict of interest in a few words (the tender page says it the same way)."""
    from kamgraph.repository.tenders import TransferConflict

    if isinstance(conflict, TransferConflict):
        return f"received {conflict.total} from us in 12 months"
    if conflict.kind == "ties":
        return f"{conflict.role_as or 'tied'} for {conflict.competitor}"
    if conflict.kind == "worked":
        return f"worked for {conflict.competitor}"
    return f"family of {conflict.relative} ({conflict.competitor})"


@analyze_group.command("concentration")
@click.option(
    "--year",
    type=int,
    default=None,
    help="The year of sales (default: the last complete year with sales recorded).",
)
@_json_option
def concentration_command(year: int | None, as_json: bool) -> None:
    """Each account's share of our sales, the Pareto curve, and the key-account rules: each
    key account at least 10%, together 30-55% (normal), above 75% mono-dependency."""
    from kamgraph.services import concentration

    result = _run(lambda s: concentration.concentration_report(s, year))

    def show(data: ConcentrationReport) -> None:
        out = _out()
        table = _table(f"Sales concentration (total {data.total_sales:,.0f})")
        for column in ("id", "name", "key", "sales", "share", "cumulative"):
            table.add_column(column)
        for row in data.rows:
            table.add_row(
                row.id,
                row.name,
                "key" if row.key else "",
                f"{row.sales:,.0f}",
                f"{row.share:.1%}",
                f"{row.cumulative:.1%}",
            )
        out.print(table)
        out.print(f"{data.accounts_for_80_percent} accounts make 80% of sales")
        if data.mono_dependency:
            out.print(f"[red]mono-dependency: {data.mono_dependency.name} holds over 75%")
        for finding in concentration.findings(data):
            out.print(finding, markup=False)

    _emit(result, as_json, show)


@analyze_group.command("changes")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="From this day (YYYY-MM-DD; default: a week ago).",
)
@click.option("--as", "as_email", metavar="KAM_EMAIL", help="What this KAM's scope reaches.")
@click.option("--team", "team_email", metavar="LEAD_EMAIL", help="What this lead's team reaches.")
@_json_option
def changes_command(
    since: Any, as_email: str | None, team_email: str | None, as_json: bool
) -> None:
    """What changed in the network since a day: lost champions, rotation, new DMU members,
    ties gone stale, influence rank moves, and every other change of a tie or a person."""
    from kamgraph import clock
    from kamgraph.cli._common import actor
    from kamgraph.services import changes

    today = clock.today()
    start = since.date() if since is not None else changes.default_since(today)
    result = _run(
        lambda s: changes.report(
            s, start, today, as_email=as_email, team_email=team_email, actor=actor()
        )
    )

    def show(data: ChangesPage) -> None:
        out = _out()
        out.print(f"What changed for {data.reader} from {data.since} to {data.today}")
        for title, items in (
            ("Lost or weakened champions", data.lost_champions),
            ("Rotation", data.rotation),
            ("New DMU members", data.new_members),
            ("Other changes", data.other),
        ):
            if not items:
                out.print(f"{title}: none")
                continue
            table = _table(title)
            for column in ("when", "who", "tie", "with", "what"):
                table.add_column(column)
            for item in items:
                table.add_row(
                    item.at.strftime("%Y-%m-%d %H:%M"),
                    item.person.name if item.person else "",
                    f"{item.type} {item.kind}",
                    item.other.name if item.other else "",
                    changes.said(item),
                )
            out.print(table)
        stale = _table("Ties gone stale")
        for column in ("who", "last contact", "boundary (days)", "stale since"):
            stale.add_column(column)
        for s in data.stale:
            stale.add_row(s.name, str(s.last_contact), str(s.every), str(s.stale_on))
        out.print(stale if data.stale else "Ties gone stale: none")
        moves = _table("Influence rank moves")
        for column in ("who", "rank before", "rank now"):
            moves.add_column(column)
        for m in data.rank_moves:
            moves.add_row(m.name, str(m.before), str(m.rank))
        out.print(moves if data.rank_moves else "Influence rank moves: none")
        if data.more:
            out.print(f"[yellow]only the newest {changes.PERIOD_LIMIT:,} changes were read")

    _emit(result, as_json, show)


@analyze_group.command("refresh")
@click.option("--seed", default=0, show_default=True, type=int)
def refresh_command(seed: int) -> None:
    """Compute influence, brokers and groups for the whole graph; store them on people."""
    from kamgraph.services import refresh

    started = time.monotonic()

    def progress(step: str) -> None:
        stderr().print(f"[{time.monotonic() - started:6.1f} s] {step}")

    result = _run(lambda s: refresh.refresh(s, seed=seed, progress=progress))
    click.echo(
        f"scores stored on {result.people:,} people ({result.groups:,} groups) "
        f"in {time.monotonic() - started:.1f} s"
    )
