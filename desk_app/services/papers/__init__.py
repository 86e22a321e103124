"""Services of the printed forms: what the paper needs from the database beyond the form's own data."""
