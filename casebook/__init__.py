"""Casebook: anonymised example cases, their taxonomies and the anonymisation guard."""
