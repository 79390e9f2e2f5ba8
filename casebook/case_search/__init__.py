"""The casebook's half of search: the case index definition (`index`), its facets and
sorts (`facets`), the case search and similar cases (`queries`), the search form
(`forms`), the index signals (`signals`), the JSON API view (`api`) and the registration
with the search app (`registration`, called from CasebookConfig.ready()).

The engines themselves are the search app's: this package only declares what a case
document holds and asks through `search.faceted`.
"""
