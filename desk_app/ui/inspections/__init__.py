"""巡视检查: the patrols and the weekly and monthly checks (巡视、周检、月检) in one dialog (dialog.py), a module per
part: overview (what is due, the inspections made), checklist, findings (the problems found and their follow-up);
common: what the parts share."""

from desk_app.ui.inspections.dialog import InspectionsDialog

__all__ = ["InspectionsDialog"]
