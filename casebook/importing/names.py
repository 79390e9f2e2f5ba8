"""Name resolution of a case import: problem domains, laws (also by abbreviation),
articles and regions, matched ignoring case; with `create_missing`, unknown names are
remembered and created when the import is stored (`names_create_missing`)."""

from __future__ import annotations

from django.utils.text import slugify

from ..models import CostDomain, Law, LawArticle, ProblemDomain, Region


def known_list(names: list[str]) -> str:
    return ", ".join(sorted(names, key=str.casefold)) or "(geen)"


class Names:
    """Lookups for domains, laws, articles and regions; remembers what must be created."""

    def __init__(self, *, create_missing: bool) -> None:
        self.create_missing = create_missing
        self.domains = {
            name.casefold(): name for name in ProblemDomain.objects.values_list("name", flat=True)
        }
        self.regions = {
            name.casefold(): name for name in Region.objects.values_list("name", flat=True)
        }
        self.laws: dict[str, str] = {}
        self.law_domains: dict[str, str] = {}  # law name -> cost domain
        abbreviations: dict[str, list[str]] = {}
        for name, abbreviation, cost_domain in Law.objects.values_list(
            "name", "abbreviation", "cost_domain"
        ):
            self.laws[name.casefold()] = name
            self.law_domains[name] = cost_domain
            if abbreviation:
                abbreviations.setdefault(abbreviation.casefold(), []).append(name)
        self.law_aliases = {
            key: names[0]
            for key, names in abbreviations.items()
            if len(names) == 1 and key not in self.laws
        }
        self.articles: dict[str, dict[str, str]] = {}
        for law_name, article in LawArticle.objects.values_list("law__name", "article"):
            self.articles.setdefault(law_name, {})[article.casefold()] = article
        self.new_domains: dict[str, str] = {}
        self.new_regions: dict[str, str] = {}
        self.new_laws: dict[str, str] = {}
        self.new_articles: dict[tuple[str, str], str] = {}

    def _resolve(
        self, name: str, known: dict[str, str], new: dict[str, str], aliases: dict | None = None
    ) -> str | None:
        key = name.casefold()
        if key in known:
            return known[key]
        if aliases and key in aliases:
            return aliases[key]
        if self.create_missing:
            return new.setdefault(key, name)
        return None

    def domain(self, name: str) -> str | None:
        return self._resolve(name, self.domains, self.new_domains)

    def region(self, name: str) -> str | None:
        return self._resolve(name, self.regions, self.new_regions)

    def law(self, name: str) -> str | None:
        return self._resolve(name, self.laws, self.new_laws, self.law_aliases)

    def article(self, law: str, article: str) -> str:
        known = self.articles.get(law, {})
        key = article.casefold()
        if key in known:
            return known[key]
        return self.new_articles.setdefault((law, key), article)

    def cost_domain(self, key: str) -> str | None:
        folded = key.casefold()
        for value, label in CostDomain.choices:
            if folded in (value, str(label).casefold()):
                return value
        law = self.laws.get(folded) or self.law_aliases.get(folded)
        if law:
            return self.law_domains[law]
        return None

    def known_domains(self) -> str:
        return known_list(list(self.domains.values()))

    def known_regions(self) -> str:
        return known_list(list(self.regions.values()))

    def known_laws(self) -> str:
        return known_list(list(self.laws.values()))


def unique_slug(
    text: str, *, taken: set[str], max_length: int, fallback: str, allow_unicode: bool = False
) -> str:
    """A slug of `text` not in `taken` (then added to it): "-2", "-3", ... on a clash,
    within `max_length`."""
    base = slugify(text, allow_unicode=allow_unicode)[:max_length] or fallback
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base[: max_length - len(str(suffix)) - 1]}-{suffix}"
    taken.add(slug)
    return slug


def names_missing(*, names: Names) -> dict[str, list[str]]:
    """The names an import would create (for a dry run), by kind."""
    missing = {
        "problem_domains": sorted(names.new_domains.values()),
        "regions": sorted(names.new_regions.values()),
        "laws": sorted(names.new_laws.values()),
        "articles": sorted(names.new_articles.values()),
    }
    return {key: values for key, values in missing.items() if values}


def names_create_missing(*, names: Names) -> dict[str, list[str]]:
    created: dict[str, list[str]] = {}
    if names.new_domains:
        taken = set(ProblemDomain.objects.values_list("slug", flat=True))
        for name in names.new_domains.values():
            ProblemDomain.objects.create(
                name=name, slug=unique_slug(name, taken=taken, max_length=80, fallback="item")
            )
        created["problem_domains"] = sorted(names.new_domains.values())
    if names.new_regions:
        taken = set(Region.objects.values_list("slug", flat=True))
        for name in names.new_regions.values():
            Region.objects.create(
                name=name, slug=unique_slug(name, taken=taken, max_length=100, fallback="item")
            )
        created["regions"] = sorted(names.new_regions.values())
    if names.new_laws:
        for name in names.new_laws.values():
            Law.objects.create(name=name, cost_domain=CostDomain.OTHER)
        created["laws"] = sorted(names.new_laws.values())
    if names.new_articles:
        laws = {law.name: law for law in Law.objects.all()}
        next_order: dict[str, int] = {}
        for (law_name, _key), article in names.new_articles.items():
            law = laws[law_name]
            if law_name not in next_order:
                last = LawArticle.objects.filter(law=law).order_by("-sort_order").first()
                next_order[law_name] = (last.sort_order or 0) + 1 if last else 0
            LawArticle.objects.create(law=law, article=article, sort_order=next_order[law_name])
            next_order[law_name] += 1
        created["articles"] = sorted(
            f"{law} art. {article}" for (law, _), article in names.new_articles.items()
        )
    return created
