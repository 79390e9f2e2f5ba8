"""Index definitions of the search app itself: the site index (`site`), whose page types
the apps register. Faceted indexes are defined by the apps (see search.faceted)."""
