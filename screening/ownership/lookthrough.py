"""Look through ownership: suppliers restricted because listed parties own 50% or more.

OFAC's 50 Percent Rule and BIS's Affiliates Rule restrict an entity owned 50% or more,
directly or indirectly, individually or in aggregate, by listed parties. The share held by
listed parties is computed for every party of the ownership graph at once:

    share(v) = sum over owners u of v:  percent(u, v) * weight(u)
    weight(u) = 1 if u is listed or share(u) reaches the threshold (it is restricted too),
                else share(u) / 100 (a partly listed-owned company passes its share on)

so shares of several listed owners add up, indirect shares multiply along chains, and an
entity restricted through ownership counts in full further down (A owns 50% of B, B owns
50% of C: C is restricted). Parties are visited owners first (strongly connected components
in topological order), which is linear in the number of stakes; inside a cycle the shares
are iterated until they settle. Every step only adds, so a share never falls when a stake
is added, and it never exceeds 100% when no party's owners hold more than 100%.

Multiplying through an unrestricted intermediary goes beyond OFAC's own examples, which
count indirect stakes only through blocked intermediaries: it is the cautious reading, and
a finding shows the chain so a reviewer can see how the share was reached.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from screening.errors import ConfigError, InputFileError
from screening.match import ListMatcher
from screening.models import (
    EntryStatus,
    ListedOwner,
    ListEntry,
    OwnershipFinding,
    OwnershipReview,
    RuleOnDate,
    ScreeningResult,
    Supplier,
)
from screening.ownership.input import OwnershipData, OwnershipRow, normalise_party
from screening.ownership.rules import OwnershipRule
from screening.status import entry_status

#: Slack when comparing float shares with a threshold, so that 25% + 25% reaches 50%.
EPSILON = 1e-9

#: Inside an ownership cycle shares are iterated until no weight moves by more than
#: EPSILON; this caps the sweeps (a cycle of stakes near 100% converges slowly).
MAX_SWEEPS = 10_000

#: A finding's path in words stops after this many owners and this many levels: the full
#: tree is what `screen explain` is for.
MAX_PATH_TERMS = 25
MAX_PATH_DEPTH = 12

#: `screen explain` draws this many levels of owners.
MAX_TREE_DEPTH = 10

#: License review policies, most restrictive first, found as phrases in the policy text
#: (the wording of the Entity List's "License review policy" column, 15 CFR 744 supp. 4).
POLICY_ORDER = ("policy of denial", "presumption of denial", "case-by-case", "approval")


@dataclass(frozen=True, slots=True)
class Party:
    """A party of the ownership file: the first name, id and country it was written with."""

    name: str
    party_id: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Stake:
    """`owner` (a party index) holds `percent` of the party whose stake list holds this."""

    owner: int
    percent: float | None
    line: int
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class OwnershipGraph:
    """Parties and who owns them, as of a date, with parties in owners-first order."""

    parties: tuple[Party, ...]
    stakes: tuple[tuple[Stake, ...], ...]  # per party: its owners
    order: tuple[tuple[int, ...], ...]  # strongly connected components, owners first
    by_key: Mapping[str, int]
    warnings: tuple[str, ...] = ()

    @property
    def stake_count(self) -> int:
        """Number of stakes used on the date."""
        return sum(len(s) for s in self.stakes)

    @property
    def owners(self) -> list[int]:
        """Parties that own part of another party."""
        return sorted({s.owner for stakes in self.stakes for s in stakes})

    def find(self, input_id: str, name: str) -> int | None:
        """The party a supplier is: by its id when the file uses it, else by its name."""
        if input_id and f"id:{input_id}" in self.by_key:
            return self.by_key[f"id:{input_id}"]
        return self.by_key.get(_name_key(name))


@dataclass(frozen=True, slots=True)
class ShareRun:
    """Shares held by one rule's listed parties in every party, and what each passes on."""

    share: tuple[float, ...]
    weight: tuple[float, ...]


def _name_key(name: str) -> str:
    normalised = normalise_party(name)
    return f"name:{normalised}" if normalised else f"raw:{name.strip().casefold()}"


class _Keys:
    """Resolves a mention (id, name) to a party key: a name without an id joins the one
    party that carries that name with an id, if there is exactly one."""

    def __init__(self, rows: Iterable[OwnershipRow]) -> None:
        ids: dict[str, set[str]] = {}
        for row in rows:
            for party_id, name in ((row.owned_id, row.owned), (row.owner_id, row.owner)):
                if party_id:
                    ids.setdefault(_name_key(name), set()).add(party_id)
        self.unique = {k: next(iter(v)) for k, v in ids.items() if len(v) == 1}

    def key(self, party_id: str, name: str) -> str:
        if party_id:
            return f"id:{party_id}"
        name_key = _name_key(name)
        return f"id:{self.unique[name_key]}" if name_key in self.unique else name_key


class _Tarjan:
    """Tarjan's strongly connected components, iteratively: a chain of owners thousands
    deep would pass Python's recursion limit."""

    def __init__(self, children: Sequence[Sequence[int]]) -> None:
        count = len(children)
        self.children = children
        self.index, self.low = [-1] * count, [0] * count
        self.on_stack = [False] * count
        self.stack: list[int] = []
        self.found: list[list[int]] = []  # sinks first
        self.counter = 0

    def _enter(self, node: int) -> None:
        self.index[node] = self.low[node] = self.counter
        self.counter += 1
        self.stack.append(node)
        self.on_stack[node] = True

    def _leave(self, node: int) -> None:
        """Every descendant of `node` is done: when it roots a component, take it off."""
        if self.low[node] != self.index[node]:
            return
        component = []
        while True:
            member = self.stack.pop()
            self.on_stack[member] = False
            component.append(member)
            if member == node:
                break
        self.found.append(component)

    def search(self, root: int) -> None:
        """Find the components of every node reachable from `root`, depth first."""
        self._enter(root)
        work = [(root, 0)]  # the path from the root, each node with its next child
        while work:
            node, position = work[-1]
            kids = self.children[node]
            if position < len(kids):
                work[-1] = (node, position + 1)
                kid = kids[position]
                if self.index[kid] == -1:
                    self._enter(kid)
                    work.append((kid, 0))
                elif self.on_stack[kid]:
                    self.low[node] = min(self.low[node], self.index[kid])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                self.low[parent] = min(self.low[parent], self.low[node])
            self._leave(node)


def _components(children: Sequence[Sequence[int]]) -> list[list[int]]:
    """Tarjan's strongly connected components, iteratively, in topological order."""
    tarjan = _Tarjan(children)
    for root in range(len(children)):
        if tarjan.index[root] == -1:
            tarjan.search(root)
    return tarjan.found[::-1]  # Tarjan finds sinks first; owners must come first


class _Parties:
    """The parties of an ownership file, numbered as they are first mentioned."""

    def __init__(self, rows: Iterable[OwnershipRow]) -> None:
        self.keys = _Keys(rows)
        self.by_key: dict[str, int] = {}
        self.parties: list[Party] = []

    def number(self, party_id: str, name: str, country: str) -> int:
        """The party a mention (id, name, country) is, added when it is new."""
        key = self.keys.key(party_id, name)
        if key not in self.by_key:
            self.by_key[key] = len(self.parties)
            self.parties.append(Party(name=name, party_id=party_id, country=country))
        return self.by_key[key]

    def finished(self) -> dict[str, int]:
        """Every key a supplier can be found by: a name with one id finds that party."""
        for name_key, party_id in self.keys.unique.items():
            if f"id:{party_id}" in self.by_key:
                self.by_key.setdefault(name_key, self.by_key[f"id:{party_id}"])
        return self.by_key


def _dated(row: OwnershipRow) -> date:
    """The date a row holds from; a row without one counts as the oldest."""
    return row.as_of or date.min


def _rows_on(
    data: OwnershipData, parties: _Parties, as_of: date
) -> tuple[dict[tuple[int, int], OwnershipRow], list[str]]:
    """The row used for each (owner, owned) pair on `as_of`, and warnings about two rows of
    one pair for one date."""
    chosen: dict[tuple[int, int], OwnershipRow] = {}
    warnings: list[str] = []
    for row in data.rows:
        owned = parties.number(row.owned_id, row.owned, row.owned_country)
        owner = parties.number(row.owner_id, row.owner, row.owner_country)
        if owned == owner:
            raise InputFileError(
                f"{data.path}, line {row.line}: {row.owner!r} is given as owning itself"
            )
        if row.as_of is not None and row.as_of > as_of:
            continue  # did not hold yet
        earlier = chosen.get((owner, owned))
        if earlier is not None and earlier.as_of == row.as_of:
            warnings.append(
                f"{data.path}, lines {earlier.line} and {row.line}: two stakes of "
                f"{row.owner} in {row.owned} for the same date; line {row.line} used"
            )
        elif earlier is not None and _dated(earlier) > _dated(row):
            continue
        chosen[(owner, owned)] = row
    return chosen, warnings


def _over_100(
    path: object, parties: Sequence[Party], stakes: Sequence[Sequence[Stake]]
) -> list[str]:
    """A warning for each party whose known owners hold more than 100% of it."""
    warnings = []
    for owned, owned_stakes in enumerate(stakes):
        total = sum(s.percent or 0.0 for s in owned_stakes)
        if total > 100.0 + EPSILON:
            lines = ", ".join(str(s.line) for s in sorted(owned_stakes, key=lambda s: s.line))
            warnings.append(
                f"{path}, lines {lines}: the owners of {parties[owned].name} hold "
                f"{total:g}% in all, over 100%"
            )
    return warnings


def _cycles(path: Path, parties: Sequence[Party], order: Sequence[Sequence[int]]) -> list[str]:
    """A warning for each ownership cycle (a component of more than one party)."""
    warnings = []
    for component in order:
        if len(component) > 1:
            names = sorted(parties[i].name for i in component)
            shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
            warnings.append(
                f"{path}: ownership cycle among {shown}; shares computed until they settle"
            )
    return warnings


def build_graph(data: OwnershipData, *, as_of: date) -> OwnershipGraph:
    """The ownership graph on `as_of`, with warnings about what looked wrong.

    For each owner and owned pair the row with the latest `as_of` on or before the date is
    used (rows without a date count as the oldest); rows dated later did not hold yet.
    """
    parties = _Parties(data.rows)
    chosen, warnings = _rows_on(data, parties, as_of)
    stakes: list[list[Stake]] = [[] for _ in parties.parties]
    children: list[list[int]] = [[] for _ in parties.parties]
    for (owner, owned), row in chosen.items():
        stakes[owned].append(Stake(owner, row.percent, row.line, row.as_of))
        children[owner].append(owned)
    warnings.extend(_over_100(data.path, parties.parties, stakes))
    by_key = parties.finished()
    order = _components(children)
    warnings.extend(_cycles(data.path, parties.parties, order))
    return OwnershipGraph(
        parties=tuple(parties.parties),
        stakes=tuple(tuple(s) for s in stakes),
        order=tuple(tuple(c) for c in order),
        by_key=by_key,
        warnings=tuple(warnings),
    )


class _ShareSweep:
    """The shares and weights of one run of `aggregate_shares`, updated party by party."""

    def __init__(
        self,
        stakes: Sequence[Sequence[Stake]],
        listed: frozenset[int],
        threshold: float,
        unknown_as_max: bool,
    ) -> None:
        self.stakes, self.listed, self.threshold = stakes, listed, threshold
        self.unknown_as_max = unknown_as_max
        self.share = [0.0] * len(stakes)
        self.weight = [1.0 if party in listed else 0.0 for party in range(len(stakes))]

    def _held(self, party: int) -> float:
        """The share (0-100) listed parties hold in `party` through its owners' weights."""
        total = known = unknown = 0.0
        for stake in self.stakes[party]:
            passed = self.weight[stake.owner]
            if stake.percent is None:
                unknown = max(unknown, passed)
            else:
                known += stake.percent
                total += stake.percent * passed
        if self.unknown_as_max and unknown:
            total += max(0.0, 100.0 - known) * unknown
        return min(100.0, total)

    def update(self, party: int) -> float:
        """Recompute `party`'s share and weight; how much its weight moved."""
        total = self.share[party] = self._held(party)
        restricted = party in self.listed or total >= self.threshold - EPSILON
        new = 1.0 if restricted else total / 100.0
        moved = new - self.weight[party]
        self.weight[party] = new
        return moved


def aggregate_shares(
    graph: OwnershipGraph,
    listed: Collection[int],
    threshold: float,
    *,
    unknown_as_max: bool = False,
) -> ShareRun:
    """The share (0-100) listed parties hold in every party, directly and indirectly.

    With `unknown_as_max`, a stake of unknown size counts as large as the other owners leave
    room for (100% minus the known stakes), held by its most restricted owner: the most the
    share could be. Otherwise unknown stakes count as 0: the least it is.
    """
    sweep = _ShareSweep(graph.stakes, frozenset(listed), threshold, unknown_as_max)
    for component in graph.order:
        if len(component) == 1:
            if graph.stakes[component[0]]:
                sweep.update(component[0])
            continue
        for _ in range(MAX_SWEEPS):
            if max(abs(sweep.update(party)) for party in component) < EPSILON:
                break
    return ShareRun(share=tuple(sweep.share), weight=tuple(sweep.weight))


def list_title(entry: ListEntry) -> str:
    """The list's name without its agency ("Entity List (EL) - Bureau..." -> "Entity List")."""
    return entry.source.split(" (", 1)[0].split(" - ", 1)[0].strip() or entry.source_code


def restrictiveness(entry: ListEntry) -> tuple[int, int]:
    """How restrictive a listing's license terms are, for choosing the one that carries over
    to an affiliate of several listed owners (the Affiliates Rule applies the strictest)."""
    policy = entry.license_policy.lower()
    rank = next((len(POLICY_ORDER) - i for i, p in enumerate(POLICY_ORDER) if p in policy), 0)
    requirement = entry.license_requirement.lower()
    scope = 2 if "all items" in requirement else 1 if requirement else 0
    return (rank, scope)


def match_parties(
    graph: OwnershipGraph, matcher: ListMatcher, *, as_of: date, threshold: float
) -> dict[int, tuple[ListedOwner, ...]]:
    """Owners matched to listings in force on `as_of`, with the matcher used for suppliers.

    Only parties that own something are matched: a listed party owning nothing changes no
    share. A listing pending or removed on the date does not make its owner restricted. Of
    the listings a name matches, only those at its best score count.
    """
    listed: dict[int, tuple[ListedOwner, ...]] = {}
    for index in graph.owners:
        party = graph.parties[index]
        query = Supplier(row=0, name=party.name, country=party.country, input_id=party.party_id)
        matches = [
            m
            for m in matcher.match(query, min_score=threshold)
            if entry_status(m.entry, as_of) is EntryStatus.IN_FORCE
        ]
        # One party is one listing (or several at the same best score, such as a company on
        # both the SDN and the Entity List), not every entry its name resembles.
        best = max((m.score for m in matches), default=0.0)
        found = tuple(
            ListedOwner(party.name, m.entry, m.list_name, m.score, EntryStatus.IN_FORCE)
            for m in matches
            if m.score >= best
        )
        if found:
            listed[index] = found
    return listed


@dataclass(frozen=True, slots=True)
class OwnershipNode:
    """One party in `screen explain`'s tree, with the stake it holds in its parent."""

    name: str
    percent: float | None  # stake in the parent; None when unknown (or at the root)
    line: int | None
    as_of: date | None
    listings: tuple[ListedOwner, ...]
    shares: tuple[tuple[str, float], ...]  # (rule, share held by that rule's listed parties)
    children: tuple[OwnershipNode, ...] = ()
    note: str = ""


class LookThrough:
    """The look-through of one ownership file on one date: graph, listed owners, shares.

    Built once per run; `findings` reports on suppliers and `tree` explains one party.
    """

    def __init__(
        self,
        data: OwnershipData,
        matcher: ListMatcher,
        *,
        as_of: date,
        threshold: float,
        rules: Sequence[OwnershipRule],
    ) -> None:
        self.data = data
        self.as_of = as_of
        self.rules = tuple(rules)
        self.graph = build_graph(data, as_of=as_of)
        self.listed = match_parties(self.graph, matcher, as_of=as_of, threshold=threshold)
        has_unknown = any(s.percent is None for stakes in self.graph.stakes for s in stakes)
        self.seeds: dict[str, frozenset[int]] = {}
        self.low: dict[str, ShareRun] = {}
        self.high: dict[str, ShareRun] = {}
        for rule in self.rules:
            seeds = frozenset(
                p for p, owners in self.listed.items() if self._relevant(owners, rule)
            )
            if not seeds:
                continue
            self.seeds[rule.rule] = seeds
            self.low[rule.rule] = aggregate_shares(self.graph, seeds, rule.threshold)
            self.high[rule.rule] = (
                aggregate_shares(self.graph, seeds, rule.threshold, unknown_as_max=True)
                if has_unknown
                else self.low[rule.rule]
            )

    @staticmethod
    def _relevant(owners: Iterable[ListedOwner], rule: OwnershipRule) -> tuple[ListedOwner, ...]:
        return tuple(o for o in owners if o.entry.source_code in rule.lists)

    def review(self) -> OwnershipReview:
        """What was read and noticed, and each rule's status on the date."""
        return OwnershipReview(
            path=self.data.path,
            sha256=self.data.sha256,
            rows=len(self.data.rows),
            stakes=self.graph.stake_count,
            parties=len(self.graph.parties),
            listed_parties=len(self.listed),
            rules=tuple(
                RuleOnDate(r.rule, r.title, r.status_on(self.as_of), r.source_on(self.as_of))
                for r in self.rules
            ),
            warnings=self.graph.warnings,
        )

    def findings(self, suppliers: Iterable[Supplier]) -> tuple[OwnershipFinding, ...]:
        """Every supplier whose listed-owner share reaches a rule's threshold, or could
        reach it through stakes of unknown size, under each rule."""
        found = []
        for supplier in suppliers:
            if not supplier.name.strip() and not supplier.input_id:
                continue
            party = self.graph.find(supplier.input_id, supplier.name)
            if party is None:
                continue
            for rule in self.rules:
                if rule.rule not in self.seeds:
                    continue
                low, high = self.low[rule.rule], self.high[rule.rule]
                if low.share[party] >= rule.threshold - EPSILON:
                    found.append(self._finding(supplier, party, rule, low, uncertain=False))
                elif high.share[party] >= rule.threshold - EPSILON:
                    found.append(self._finding(supplier, party, rule, high, uncertain=True))
        return tuple(found)

    def _finding(
        self, supplier: Supplier, party: int, rule: OwnershipRule, run: ShareRun, *, uncertain: bool
    ) -> OwnershipFinding:
        seeds = self.seeds[rule.rule]
        owners, dates = self._roots(party, run, seeds)
        listings = [o for p in owners for o in self._relevant(self.listed[p], rule)]
        strictest = max((o.entry for o in listings), key=restrictiveness, default=None)
        budget = [MAX_PATH_TERMS]
        path = self._describe(party, run, rule, frozenset({party}), 0, budget)
        low = self.low[rule.rule].share[party]
        return OwnershipFinding(
            supplier=supplier,
            rule=rule.rule,
            rule_title=rule.title,
            rule_status=rule.status_on(self.as_of),
            rule_source=rule.source_on(self.as_of),
            share=round(low, 4),
            share_max=round(self.high[rule.rule].share[party], 4),
            percent_unknown=uncertain,
            owners=tuple(listings),
            path=f"{supplier.name or self.graph.parties[party].name} ← {path}",
            license_requirement=strictest.license_requirement if strictest else "",
            license_policy=strictest.license_policy if strictest else "",
            evidence_as_of=min(dates) if dates else None,
        )

    def _roots(
        self, party: int, run: ShareRun, seeds: frozenset[int]
    ) -> tuple[list[int], list[date]]:
        """The listed parties a share comes from, and the dates of the stakes it rests on."""
        owners: list[int] = []
        dates: list[date] = []
        seen = {party}
        todo = [party]
        while todo:
            for stake in self.graph.stakes[todo.pop()]:
                if run.weight[stake.owner] <= 0.0:
                    continue
                if stake.as_of is not None:
                    dates.append(stake.as_of)
                if stake.owner in seen:
                    continue
                seen.add(stake.owner)
                if stake.owner in seeds:
                    owners.append(stake.owner)
                else:
                    todo.append(stake.owner)
        return sorted(owners, key=lambda p: self.graph.parties[p].name), dates

    def _describe(
        self,
        party: int,
        run: ShareRun,
        rule: OwnershipRule,
        seen: frozenset[int],
        depth: int,
        budget: list[int],
    ) -> str:
        """The owners a share comes from, in words: "30% Foo (Entity List ...) + 25% Bar"."""
        stakes = sorted(
            (s for s in self.graph.stakes[party] if run.weight[s.owner] > 0.0),
            key=lambda s: -(s.percent if s.percent is not None else 0.0) * run.weight[s.owner],
        )
        terms = []
        for stake in stakes:
            if budget[0] <= 0:
                terms.append("…")
                break
            budget[0] -= 1
            name = self.graph.parties[stake.owner].name
            percent = "?%" if stake.percent is None else f"{stake.percent:g}%"
            if stake.owner in self.seeds[rule.rule]:
                labels = "; ".join(
                    f"{list_title(o.entry)} {o.entry.entry_id}"
                    for o in self._relevant(self.listed[stake.owner], rule)
                )
                terms.append(f"{percent} {name} ({labels}, in force)")
            elif stake.owner in seen:
                terms.append(f"{percent} {name} (cycle)")
            elif depth + 1 >= MAX_PATH_DEPTH:
                terms.append(f"{percent} {name} ← …")
            else:
                inner = self._describe(
                    stake.owner, run, rule, seen | {stake.owner}, depth + 1, budget
                )
                terms.append(f"{percent} {name} ← " + (f"({inner})" if " + " in inner else inner))
        return " + ".join(terms)

    def tree(self, party: int | None, root_name: str) -> OwnershipNode:
        """The owners of a party and their owners, with listings and shares, for explain."""
        if party is None:
            return OwnershipNode(
                root_name, None, None, None, (), (), (), "no owners in the ownership file"
            )
        return self._node(party, None, frozenset({party}), 0, root_name)

    def _node(
        self, party: int, stake: Stake | None, ancestors: frozenset[int], depth: int, name: str
    ) -> OwnershipNode:
        shares = tuple(
            (rule, round(run.share[party], 4)) for rule, run in self.low.items() if run.share[party]
        )
        children: list[OwnershipNode] = []
        note = ""
        owners = sorted(self.graph.stakes[party], key=lambda s: -(s.percent or 0.0))
        if owners and depth >= MAX_TREE_DEPTH:
            note = "owners further up not shown"
        else:
            for owner in owners:
                owner_name = self.graph.parties[owner.owner].name
                if owner.owner in ancestors:
                    children.append(
                        OwnershipNode(
                            owner_name,
                            owner.percent,
                            owner.line,
                            owner.as_of,
                            self.listed.get(owner.owner, ()),
                            (),
                            note="cycle",
                        )
                    )
                else:
                    children.append(
                        self._node(
                            owner.owner, owner, ancestors | {owner.owner}, depth + 1, owner_name
                        )
                    )
        return OwnershipNode(
            name=name,
            percent=stake.percent if stake else None,
            line=stake.line if stake else None,
            as_of=stake.as_of if stake else None,
            listings=self.listed.get(party, ()),
            shares=shares,
            children=tuple(children),
            note=note,
        )


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything `screen explain` shows about one supplier or party."""

    supplier: Supplier
    tree: OwnershipNode
    findings: tuple[OwnershipFinding, ...]
    review: OwnershipReview


def add_ownership(
    result: ScreeningResult,
    suppliers: Sequence[Supplier],
    data: OwnershipData,
    matcher: ListMatcher,
    *,
    rules: Sequence[OwnershipRule],
) -> ScreeningResult:
    """The result with the look-through's findings and review added."""
    look = LookThrough(data, matcher, as_of=result.as_of, threshold=result.threshold, rules=rules)
    return replace(result, ownership=look.findings(suppliers), ownership_review=look.review())


def find_supplier(ident: str, suppliers: Sequence[Supplier], where: str) -> Supplier:
    """The supplier with this input id, else this 1-based row number."""
    wanted = ident.strip()
    for supplier in suppliers:
        if supplier.input_id and supplier.input_id == wanted:
            return supplier
    if wanted.isdigit() and 1 <= int(wanted) <= len(suppliers):
        return suppliers[int(wanted) - 1]
    raise ConfigError(f"{where}: no supplier with id or row number {ident!r}")


def explain_party(
    ident: str,
    data: OwnershipData,
    matcher: ListMatcher,
    *,
    as_of: date,
    threshold: float,
    rules: Sequence[OwnershipRule],
    suppliers: Sequence[Supplier] | None = None,
) -> Explanation:
    """Explain one supplier (by input id or row number in `suppliers`) or, without a
    supplier file, one party of the ownership file (by id or name)."""
    look = LookThrough(data, matcher, as_of=as_of, threshold=threshold, rules=rules)
    if suppliers is not None:
        supplier = find_supplier(ident, suppliers, "supplier file")
    else:
        index = look.graph.find(ident.strip(), ident)
        if index is None:
            raise ConfigError(f"{data.path}: no party with id or name {ident!r}")
        party = look.graph.parties[index]
        supplier = Supplier(row=0, name=party.name, country=party.country, input_id=party.party_id)
    party_index = look.graph.find(supplier.input_id, supplier.name)
    return Explanation(
        supplier=supplier,
        tree=look.tree(party_index, supplier.name),
        findings=look.findings([supplier]),
        review=look.review(),
    )
