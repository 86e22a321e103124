"""The customer archive's input rules (客户个性化档案, butler procedure 4.1.1): what a customer card may save, each
complaint on the field it belongs to. No database here: services.customers writes what `CustomerDraft.validated`
returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dataclass_field
from datetime import date

from desk_app.core.errors import ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.text import no_nul
from desk_app.core.validation import parse_phone, text_field

__all__ = ["AddressDraft", "CustomerDraft", "MemberDraft", "NumberDraft", "ValidAddress", "ValidCustomer",
           "ValidMember", "ValidNumber", "MAX_NUMBERS", "MAX_ADDRESSES", "MAX_MEMBERS", "FIRST_BIRTH_YEAR",
           "age_in", "split_items"]

# The columns' lengths (models.schema Customer, CustomerNumber, CustomerAddress, CustomerMember).
MAX_NAME = 100
MAX_LABEL = 20
MAX_ADDRESS = 200
MAX_AREA = 60
MAX_OCCUPATION = 60
MAX_SHORT_TEXT = 200        # interests, specialties, pets, festivals; a member's interests and note
MAX_LONG_TEXT = 4000        # needs, notes
MAX_RELATION = 20
# Enough for any household the desk keeps; a form cannot grow without end.
MAX_NUMBERS = 10
MAX_ADDRESSES = 10
MAX_MEMBERS = 20
MAX_HOUSEHOLD = 99
FIRST_BIRTH_YEAR = 1900


def _birth_year(value: int | None, field: str, today: date) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_BIRTH_YEAR <= value <= today.year:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A birth year between {first} and {last}."),
                              field=field, first=FIRST_BIRTH_YEAR, last=today.year)
    return value


# How a free text lists several things (needs, pets, festivals, interests): 、，；; and new lines.
_ITEMS = re.compile(r"[，、；;,\n\r]+")


def split_items(text: str) -> list[str]:
    """The things a free-text field lists: "春节、中秋；端午" → ["春节", "中秋", "端午"] (blank ones dropped)."""
    return [item.strip() for item in _ITEMS.split(text or "") if item.strip()]


def age_in(birth_year: int | None, year: int) -> int | None:
    """Age reached in `year` (at its end) by someone born in `birth_year`; None if not known."""
    return None if birth_year is None else max(0, year - birth_year)


@dataclass(frozen=True)
class NumberDraft:
    """A number as typed: 138 1234 5678, 010-62345678 转 123, 62345678 (the center's area code is added)."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class AddressDraft:
    address: str
    area: str = ""
    label: str = ""


@dataclass(frozen=True)
class MemberDraft:
    """家庭成员: one member of the customer's household."""

    name: str = ""
    relation: str = ""
    birth_year: int | None = None
    occupation: str = ""
    interests: str = ""
    phone: str = ""
    note: str = ""


@dataclass(frozen=True)
class ValidNumber:
    number: str         # E.164
    extension: str = ""
    label: str = ""
    row: int = dataclass_field(default=0, compare=False)   # the draft's row, for an error found later ("numbers.N")


@dataclass(frozen=True)
class ValidAddress:
    address: str
    area: str = ""
    label: str = ""
    row: int = dataclass_field(default=0, compare=False)


@dataclass(frozen=True)
class ValidMember:
    name: str
    relation: str
    birth_year: int | None
    occupation: str
    interests: str
    phone: str          # E.164 or ""
    note: str


@dataclass(frozen=True)
class ValidCustomer:
    """A customer card that may be saved: trimmed texts, numbers in E.164, no duplicates."""

    name: str
    numbers: tuple[ValidNumber, ...]
    addresses: tuple[ValidAddress, ...]
    members: tuple[ValidMember, ...]
    household_size: int | None
    occupation: str
    birth_year: int | None
    interests: str
    specialties: str
    pets: str
    festivals: str
    needs: str
    notes: str

    def fields(self) -> dict[str, object]:
        """The Customer columns besides name, numbers and addresses (customer_store.insert_customer's `fields`)."""
        return {"household_size": self.household_size, "occupation": self.occupation,
                "birth_year": self.birth_year, "interests": self.interests, "specialties": self.specialties,
                "pets": self.pets, "festivals": self.festivals, "needs": self.needs}


@dataclass(frozen=True)
class CustomerDraft:
    """客户档案 as typed: the butler procedure's fields (家庭人口数量、职业、年龄、兴趣爱好、特长、宠物情况、关注的节日、
    个性化需求), several numbers and addresses, the household's members, free notes."""

    name: str
    numbers: tuple[NumberDraft, ...]
    addresses: tuple[AddressDraft, ...] = ()
    members: tuple[MemberDraft, ...] = ()
    household_size: int | None = None
    occupation: str = ""
    birth_year: int | None = None
    interests: str = ""
    specialties: str = ""
    pets: str = ""
    festivals: str = ""
    needs: str = ""
    notes: str = ""

    def validated(self, today: date, *, area_code: str = "") -> ValidCustomer:
        """The card to save, or ValidationError on the first bad field: "name", "numbers.N", "numbers.N.label",
        "addresses.N", "addresses.N.area", "addresses.N.label", "members.N.name", "members.N.birth_year",
        "members.N.phone", …, "household_size", "birth_year", "occupation", "needs", "notes" (N counts from 0, as
        the form's rows). Empty number, address and member rows are dropped, not refused."""
        name = text_field(self.name, "name", MAX_NAME, required=True)
        numbers: list[ValidNumber] = []
        seen: set[str] = set()
        typed = list(self.numbers)
        for i, draft in enumerate(typed):
            field = f"numbers.{i}"
            label = text_field(draft.label, f"{field}.label", MAX_LABEL)
            no_nul(draft.text, field)
            parsed = parse_phone(draft.text, area_code=area_code, field=field)
            if parsed is None:
                continue
            if parsed.e164 in seen:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This number is in the list twice."),
                                      field=field)
            seen.add(parsed.e164)
            numbers.append(ValidNumber(parsed.e164, parsed.extension, label, i))
        if not numbers:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A customer needs at least one phone number."),
                                  field="numbers.0")
        if len(numbers) > MAX_NUMBERS:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "At most {limit} rows."),
                                  field=f"numbers.{MAX_NUMBERS}", limit=MAX_NUMBERS)
        addresses: list[ValidAddress] = []
        for i, draft in enumerate(self.addresses):
            field = f"addresses.{i}"
            address = text_field(draft.address, field, MAX_ADDRESS)
            area = text_field(draft.area, f"{field}.area", MAX_AREA)
            label = text_field(draft.label, f"{field}.label", MAX_LABEL)
            if not address:
                if area or label:
                    raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field=field)
                continue
            if any(a.address == address for a in addresses):
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This address is in the list twice."),
                                      field=field)
            addresses.append(ValidAddress(address, area, label, i))
        if len(addresses) > MAX_ADDRESSES:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "At most {limit} rows."),
                                  field=f"addresses.{MAX_ADDRESSES}", limit=MAX_ADDRESSES)
        members: list[ValidMember] = []
        for i, draft in enumerate(self.members):
            field = f"members.{i}"
            member = ValidMember(
                name=text_field(draft.name, f"{field}.name", MAX_NAME),
                relation=text_field(draft.relation, f"{field}.relation", MAX_RELATION),
                birth_year=_birth_year(draft.birth_year, f"{field}.birth_year", today),
                occupation=text_field(draft.occupation, f"{field}.occupation", MAX_OCCUPATION),
                interests=text_field(draft.interests, f"{field}.interests", MAX_SHORT_TEXT),
                phone="",
                note=text_field(draft.note, f"{field}.note", MAX_SHORT_TEXT),
            )
            no_nul(draft.phone, f"{field}.phone")
            phone = parse_phone(draft.phone, area_code=area_code, field=f"{field}.phone")
            if phone is not None:
                member = ValidMember(member.name, member.relation, member.birth_year, member.occupation,
                                     member.interests, phone.e164, member.note)
            if not (member.name or member.relation or member.birth_year is not None or member.occupation
                    or member.interests or member.phone or member.note):
                continue
            members.append(member)
        if len(members) > MAX_MEMBERS:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "At most {limit} rows."),
                                  field=f"members.{MAX_MEMBERS}", limit=MAX_MEMBERS)
        household = self.household_size
        if household is not None and (isinstance(household, bool) or not isinstance(household, int)
                                      or not 1 <= household <= MAX_HOUSEHOLD):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A number between {low} and {high}."),
                                  field="household_size", low=1, high=MAX_HOUSEHOLD)
        return ValidCustomer(
            name=name,
            numbers=tuple(numbers),
            addresses=tuple(addresses),
            members=tuple(members),
            household_size=household,
            occupation=text_field(self.occupation, "occupation", MAX_OCCUPATION),
            birth_year=_birth_year(self.birth_year, "birth_year", today),
            interests=text_field(self.interests, "interests", MAX_SHORT_TEXT),
            specialties=text_field(self.specialties, "specialties", MAX_SHORT_TEXT),
            pets=text_field(self.pets, "pets", MAX_SHORT_TEXT),
            festivals=text_field(self.festivals, "festivals", MAX_SHORT_TEXT),
            needs=text_field(self.needs, "needs", MAX_LONG_TEXT),
            notes=text_field(self.notes, "notes", MAX_LONG_TEXT),
        )
