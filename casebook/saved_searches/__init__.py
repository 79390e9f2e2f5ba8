"""Saved casebook searches and their alerts (part of the casebook app; its model is
`casebook.models.SavedSearch`).

- params.py: a search as the casebook's form validates it, normalised for storing, back
  into a search, a link and a readable description;
- services.py: saving, renaming, alerts on and off, deleting, the mail digest;
- selectors.py: a user's saved searches, the matching new cases, the data export;
- tokens.py: the signed links (RSS feed, unsubscribe) that work without logging in;
- views.py, urls.py (mounted at /zoekopdrachten/), feeds.py, tasks.py.
"""
