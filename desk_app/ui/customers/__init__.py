"""客户档案: the customer archive's window, its editor, the merge dialog and the yearly summary."""

from desk_app.ui.customers.window import CustomerArchiveWindow

__all__ = ["CustomerArchiveWindow"]
