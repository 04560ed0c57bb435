"""`kamgraph people ...`: likely duplicates, pairs dismissed as two people, and merging two
records of one person."""

from __future__ import annotations

import click

from kamgraph.cli._common import actor, connected_session, stderr, user_errors


@click.group("people")
def people_group() -> None:
    """People: find likely duplicates, dismiss or merge them."""


@people_group.command("duplicates")
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.6,
    show_default=True,
    help="Only pairs with at least this match score (0-1; a sum of findings, not a probability).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON list of pairs.")
@click.option(
    "--dismissed",
    is_flag=True,
    help="List the pairs marked as two people instead (newest first), to restore one.",
)
def people_duplicates(min_score: float, as_json: bool, dismissed: bool) -> None:
    """Pairs of people who may be one: the name in Latin letters (Семёнов = Semenov), the
    birthday, the current employer, email and phone, each with its match score and the
    reasons. People are compared only within blocks that share a family name or a birth
    date, never all pairs. Pairs marked as two people (`people not-duplicates`) are left
    out."""
    import json

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kamgraph.services import duplicates

    if dismissed:
        from dataclasses import asdict

        from kamgraph.repository import duplicates as repo

        with connected_session() as session, user_errors():
            found = repo.dismissed(session, limit=duplicates.DISMISSED_SHOWN)
        if as_json:
            rows = [{**asdict(d), "at": d.at.isoformat()} for d in found]
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for d in found:
            when = d.at.date().isoformat()
            click.echo(f"{d.a_name} ({d.a})  !=  {d.b_name} ({d.b})  marked {when} by {d.by}")
        click.echo(f"{len(found):,} pairs marked as two people")
        return

    with (
        connected_session() as session,
        user_errors(),
        Progress(
            TextColumn("comparing people"),
            BarColumn(),
            MofNCompleteColumn(),
            console=stderr(),
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("blocks", total=None)
        pairs = duplicates.likely(
            session,
            min_score=min_score,
            progress=lambda done: progress.update(task, completed=done),
        )
    if as_json:
        click.echo(json.dumps([p.as_json() for p in pairs], ensure_ascii=False, indent=2))
        return
    for pair in pairs:
        click.echo(f"score {pair.score:.2f}  {pair.a_name} ({pair.a})  ~  {pair.b_name} ({pair.b})")
        click.echo(f"            {'; '.join(str(r) for r in pair.reasons)}")
    click.echo(f"{len(pairs):,} likely duplicate pairs (match score {min_score} or more)")


@people_group.command("not-duplicates")
@click.argument("a")
@click.argument("b")
@click.option(
    "--restore",
    is_flag=True,
    help="Take the mark back: the pair may be listed as possible duplicates again.",
)
def people_not_duplicates(a: str, b: str, restore: bool) -> None:
    """Mark the people with ids A and B as two different people: `people duplicates`, the
    duplicates page and the dossier list the pair no more. Audited; --restore undoes it."""
    from kamgraph.repository import audit
    from kamgraph.services import duplicates

    action = "duplicate restore" if restore else "duplicate dismiss"
    entry = {"user_id": actor(), "action": action, "target_id": min(a, b), "path": "cli"}
    with connected_session() as session, user_errors(), audit.audited(**entry):
        if restore:
            duplicates.restore(session, a, b)
            click.echo(f"{a} and {b} may be listed as possible duplicates again")
            return
        done = duplicates.dismiss(session, a, b, by=actor())
    click.echo(f"{done.a_name} ({done.a}) and {done.b_name} ({done.b}) marked as two people")


@people_group.command("merge")
@click.argument("a")
@click.argument("b")
@click.option("--keep", help="The id that stays (A or B; default A).")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=ID",
    help="Take this field's value from that record (repeatable), e.g. --field email=B.",
)
@click.option("--yes", is_flag=True, help="Merge without asking.")
def people_merge(a: str, b: str, keep: str | None, fields: tuple[str, ...], yes: bool) -> None:
    """Merge the people with ids A and B into one: every tie and interaction moves to the
    survivor, the other id leads to it, and the audit trail records the merge. Fields
    differing between them keep the survivor's value unless --field says otherwise."""
    from kamgraph.errors import FieldInvalid, NotFound
    from kamgraph.repository import audit, people
    from kamgraph.services import merges

    kept = keep or a
    if kept not in (a, b):
        raise click.BadParameter(f"must be {a} or {b}", param_hint="--keep")
    choices: dict[str, str] = {}
    for given in fields:
        name, _, source = given.partition("=")
        if source not in (a, b):
            raise click.BadParameter(f"{given!r}: say NAME={a} or NAME={b}", param_hint="--field")
        choices[name.strip()] = "a" if source == a else "b"
    with connected_session() as session, user_errors():
        first, second = people.get(session, a), people.get(session, b)
        if first is None or second is None:
            raise NotFound(f"no person with id {a if first is None else b!r}")
        gone = b if kept == a else a
        click.echo(f"keep {kept}, merge {gone} into it")
        for name in merges.FIELDS:
            mine, theirs = getattr(first, name), getattr(second, name)
            if mine != theirs:
                side = choices.get(name, "a" if kept == a else "b")
                source = a if side == "a" else b
                click.echo(
                    f"  {name}: {merges.shown(mine)!r} | {merges.shown(theirs)!r}  -> from {source}"
                )
        if not yes:
            click.confirm("Merge?", abort=True)
        entry = {"user_id": actor(), "action": "merge", "target_id": kept, "path": "cli"}
        try:
            with audit.audited(**entry):
                done = merges.merge(
                    session,
                    a,
                    b,
                    keep="a" if kept == a else "b",
                    choices=choices,
                    versions=(first.version, second.version),
                    by=actor(),
                )
        except FieldInvalid as error:
            raise click.BadParameter(str(error), param_hint="--field") from error
    click.echo(f"merged {done.merged_away} into {done.kept.id} ({done.kept.name})")
