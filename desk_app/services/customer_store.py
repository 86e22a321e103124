"""The customer archive's rows written together: the customer, its numbers and addresses, and its search keys (the
name's pinyin and the full-text search text), which must change whenever any of them does.

This module sits at the bottom of the services: the desk's intake (register a caller), the archive service
(services.customers) and the demo all write customers through it, inside their own transactions. It checks nothing
about who acts; its callers do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from desk_app.core.search import customer_search_text, name_keys, national_digits
from desk_app.models.db import execute_prepared
from desk_app.models.schema import Customer, CustomerAddress, CustomerMember, CustomerNumber

__all__ = ["AddressLine", "NumberLine", "customer_id_by_number", "insert_customer", "refresh_search_keys",
           "replace_addresses", "replace_numbers", "bump_version"]


@dataclass(frozen=True)
class NumberLine:
    """A validated number: E.164 (core.validation.normalize_phone), an extension, a label (手机, 家庭, 单位)."""

    number: str
    extension: str = ""
    label: str = ""


@dataclass(frozen=True)
class AddressLine:
    address: str
    area: str = ""
    label: str = ""


def customer_id_by_number(number: str) -> int | None:
    """The customer (not merged away) one of whose numbers is `number` (E.164), by index; the oldest if several."""
    if not number:
        return None
    row = execute_prepared("customer_id_by_number", lambda: (   # every save of a call asks it
        CustomerNumber.select(CustomerNumber.customer).join(Customer, on=(CustomerNumber.customer == Customer.id))
        .where((CustomerNumber.number == "") & Customer.merged_into.is_null())
        .order_by(CustomerNumber.customer).limit(1)), [number, 1]).fetchone()
    return row[0] if row else None


def replace_numbers(customer_id: int, numbers: Sequence[NumberLine]) -> None:
    CustomerNumber.delete().where(CustomerNumber.customer == customer_id).execute()
    if numbers:
        CustomerNumber.insert_many([
            {"customer": customer_id, "number": n.number, "digits": national_digits(n.number)[:20],
             "extension": n.extension, "label": n.label, "position": i} for i, n in enumerate(numbers)
        ]).execute()


def replace_addresses(customer_id: int, addresses: Sequence[AddressLine]) -> None:
    CustomerAddress.delete().where(CustomerAddress.customer == customer_id).execute()
    if addresses:
        CustomerAddress.insert_many([
            {"customer": customer_id, "address": a.address, "area": a.area, "label": a.label, "position": i}
            for i, a in enumerate(addresses)
        ]).execute()


def refresh_search_keys(customer_id: int) -> None:
    """Recompute the customer's pinyin and search text from its rows now (its first number and address too)."""
    customer = Customer.get_by_id(customer_id)
    numbers = [n.number for n in CustomerNumber.select(CustomerNumber.number)
               .where(CustomerNumber.customer == customer_id).order_by(CustomerNumber.position)]
    addresses = list(CustomerAddress.select().where(CustomerAddress.customer == customer_id)
                     .order_by(CustomerAddress.position))
    members = [m.name for m in CustomerMember.select(CustomerMember.name)
               .where(CustomerMember.customer == customer_id).order_by(CustomerMember.position) if m.name]
    pinyin, initials = name_keys(customer.name)
    first = addresses[0] if addresses else None
    Customer.update(
        name_pinyin=pinyin, name_initials=initials,
        phone=numbers[0] if numbers else "",
        address=first.address if first else "", area=first.area if first else "",
        search_text=customer_search_text(customer.name, numbers, [a.address for a in addresses], members,
                                         customer.notes),
    ).where(Customer.id == customer_id).execute()


def insert_customer(name: str, numbers: Sequence[NumberLine], addresses: Sequence[AddressLine] = (), *,
                    notes: str = "", created_at: dt.datetime, **fields: object) -> int:
    """A new customer with its numbers and addresses and search keys, inside the caller's transaction; returns its id.
    `fields` are further columns of Customer (the butler procedure's: occupation, birth_year, ...)."""
    customer = Customer.create(name=name, phone=numbers[0].number if numbers else "", notes=notes,
                               created_at=created_at, updated_at=created_at, **fields)
    replace_numbers(customer.id, numbers)
    replace_addresses(customer.id, addresses)
    refresh_search_keys(customer.id)
    return customer.id


def bump_version(customer_id: int, expected_version: int | None, at: dt.datetime) -> int:
    """Count one update of the customer; with `expected_version`, only if nobody changed it since (0 rows: stale)."""
    condition = Customer.id == customer_id
    if expected_version is not None:
        condition &= Customer.version == expected_version
    return (Customer.update(version=Customer.version + 1, updated_at=at).where(condition).execute())

