"""Service-layer tests (a package, so its test modules may share basenames with the widget tests)."""
