"""The read-only JSON API (include "search.api.urls" at "api/v1/")."""
