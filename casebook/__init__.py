"""Casebook: anonymised example cases, their taxonomies, impact figures, import and export,
and the case search definition."""
