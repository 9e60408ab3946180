"""Which listings a supplier's identifiers and address meet, whatever its name: two small
indexes beside the name index (`screening.index`), built from the entries on the first row
that carries an identifier or an address, so a names-only run or a lookup never pays for
them."""

from __future__ import annotations

from collections.abc import Sequence

from screening.addresses import AddressForm, AddressIndex
from screening.identifiers import Identifier, listed_identifiers, same_identifier
from screening.models import ListEntry


class PartyIndex:
    """The entries' identifiers by number, and their street-level addresses
    (`screening.addresses.AddressIndex`); positions are the entries' places as given."""

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        self._numbers: dict[str, list[tuple[int, Identifier]]] = {}
        for position, entry in enumerate(entries):
            for identifier in listed_identifiers(entry.identifiers) if entry.identifiers else ():
                self._numbers.setdefault(identifier.number, []).append((position, identifier))
        self._addresses = [entry.addresses for entry in entries]
        self._address_index = AddressIndex(self._addresses)

    def identifier_entries(self, identifiers: Sequence[Identifier]) -> list[int]:
        """The entries carrying one of `identifiers` (`screening.identifiers.same_identifier`)."""
        found: dict[int, None] = {}
        for mine in identifiers:
            for position, theirs in self._numbers.get(mine.number, ()):
                if same_identifier(mine, theirs):
                    found[position] = None
        return list(found)

    def address_entries(self, address: AddressForm) -> list[int]:
        """The entries with an address that agrees with `address`."""
        return self._address_index.entries_at(address, self._addresses)
