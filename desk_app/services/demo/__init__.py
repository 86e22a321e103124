"""A realistic demo: a month of calls and tickets, made through the services.

On a bare database the demo brings its own small property-and-telecom service center (`create_organization`); on a
database set up as an organisation (`init-db --preset telecom|property|terminal`, or departments an administrator
made) the calls and tickets fit that organisation and are made by its own people (`build_organisation_demo`).

bare: the built-in organisation, its calls and their walk, `build_demo` and the demo password; organisation: what
the demo reads of an organisation set up in the database; intake: that organisation's calls and tickets; walk: one
of its tickets moved along its path; profile: what the calls of a kind of organisation look like, filled in per
preset by telecom, property and terminal, and by generic for any other; common: names, phones, estates, the logger.
"""

from desk_app.services.demo.bare import (
    DEMO_PASSWORD,
    DEPARTMENTS,
    FRONT_DESK,
    build_demo,
    create_organization,
    set_demo_passwords,
)
from desk_app.services.demo.intake import PROFILES, build_organisation_demo
from desk_app.services.demo.organisation import Organisation, find_organisation

__all__ = [
    "DEMO_PASSWORD",
    "DEPARTMENTS",
    "FRONT_DESK",
    "PROFILES",
    "Organisation",
    "build_demo",
    "build_organisation_demo",
    "create_organization",
    "find_organisation",
    "set_demo_passwords",
]
