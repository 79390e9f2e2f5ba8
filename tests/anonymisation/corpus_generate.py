"""Generate corpus.jsonl: labelled Dutch case sentences with and without personal data.

    python tests/anonymisation/corpus_generate.py

The seed is fixed, so the file only changes when this script changes. Names, streets and
numbers come from the lists below and are combined at random: they describe nobody.
BSNs pass the elfproef and IBANs the mod-97 check, so the exact checks are exercised.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

#: The committed corpus, next to this script.
CORPUS_PATH = Path(__file__).with_name("corpus.jsonl")

SEED = 20251123
PERSONAL_TEXTS = 560
CLEAN_TEXTS = 240

PSEUDONYMS = (
    "Anika Lola Mohammed Sanne Fatima Daan Noah Emma Yusuf Priya Kees Joyce Ayoub Mila Sem "
    "Ilse Bram Nadia Tess Omar Ricardo Wendy Ruben Samira Jasper Esra Koen Linda Marco "
    "Sophie Mehmet Chantal Dennis Iris Youssef Bianca Henk Naima Stefan"
).split()
SURNAMES = (
    "Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Kok "
    "Verbeek Hoekstra Kramer Koster Prins Huisman Postma Schouten Veenstra Kuipers Wouters "
    "Yilmaz Öztürk Nguyen Pinas Rahimi Kowalczyk Haddouchi Amrani Sitaldin Verbeeke "
    "Hoekstraten Lammertink Oudejans Steggink Wijnbergen Kortenhorst Ramdin Tahiri"
).split()
INTERFIX_SURNAMES = (
    "de Vries",
    "van Dijk",
    "de Boer",
    "van den Berg",
    "de Jong",
    "van der Linden",
    "de Groot",
    "van Leeuwen",
    "el Amrani",
    "ter Horst",
    "van 't Hof",
    "de Bruijn",
    "van der Meulen",
    "ten Brinke",
)
TITLES = ("mevrouw", "mw.", "mevr.", "dhr.", "de heer", "meneer", "familie", "gezin")
STREET_HEADS = (
    "Kerk Molen Dorps Beuken Eiken Linden Zonnebloem Merel Spreeuwen Tulpen Rozen Hazelaar "
    "Berken Esdoorn Wilgen Populieren Klaver Vlinder Stations School Sluis Veen Akker Weide "
    "Brink Heide Koren Vlas Zwaluw Kievit Leeuwerik Meidoorn Vogel Bongerd Hofstede Roggen"
).split()
STREET_TAILS = (
    "straat laan weg plein singel gracht kade dijk hof pad steeg dreef markt baan park".split()
)
STREET_QUALIFIED = (
    "Oude Gracht",
    "Lange Nieuwstraat",
    "Burgemeester Visserinklaan",
    "Prins Hendrikkade",
    "Van Goghlaan",
    "Korte Hofstraat",
    "Nieuwe Markt",
    "Sint Jorisplein",
)
PLACES = (
    "Zwolle Heerlen Kerkrade Deventer Enschede Almelo Leeuwarden Emmen Tilburg Breda Venlo "
    "Roermond Lelystad Zaandam Gouda Delft Schiedam Vlaardingen Helmond Oss Assen Hoorn"
).split()
REGIONS = ("Zuid-Limburg", "Twente", "de Achterhoek", "Noord-Groningen", "West-Brabant")
ORGS = (
    "het IPW",
    "het Instituut voor Publieke Waarden",
    "PlusWijken",
    "de GGD",
    "het UWV",
    "het CAK",
    "de SVB",
    "Belastingdienst/Toeslagen",
    "het wijkteam",
    "de woningcorporatie",
    "het CJG",
    "Veilig Thuis",
    "de Raad voor de Kinderbescherming",
)
LAWS = (
    "de Participatiewet",
    "de Jeugdwet",
    "de Wmo 2015",
    "de Wet gemeentelijke schuldhulpverlening",
    "de Zorgverzekeringswet",
    "de Wet langdurige zorg",
    "de Awb",
)
ARTICLES = (
    "art. 2.3.5 Wmo 2015",
    "artikel 35 lid 1 Participatiewet",
    "art. 8a.1 Jeugdwet",
    "artikel 18 lid 2 Participatiewet",
    "art. 4:84 Awb",
    "artikel 3 Wgs",
    "art. 2.1.4 Jeugdwet",
)
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
MONTH_ABBREVIATIONS = "jan feb mrt apr mei jun jul aug sep okt nov dec".split()
HOUSEHOLDS = (
    "een alleenstaande moeder met twee kinderen",
    "een gezin met drie kinderen",
    "een oudere man die alleen woont",
    "een jong stel met een baby",
    "een vader met een zoon van 16",
    "twee broers die samen een woning huren",
)
EMAIL_DOMAINS = (
    "hotmail.com gmail.com ziggo.nl kpnmail.nl outlook.com live.nl planet.nl xs4all.nl "
    "home.nl icloud.com"
).split()
BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")


class Gen:
    """Random values in varied formats."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)  # noqa: S311 - reproducible test data

    def pick(self, seq):  # noqa: ANN001, ANN201
        return self.r.choice(seq)

    # --- clean building blocks -------------------------------------------------------
    def amount(self) -> str:
        return self.pick(
            [
                f"€ {self.r.randint(1, 89)}.{self.r.randint(100, 999)},{self.r.randint(10, 99)}",
                f"€ {self.r.randint(20, 900)} per maand",
                f"{self.r.randint(50, 2500)} euro",
                f"€ {self.r.randint(100, 9999)},-",
                f"€{self.r.randint(1, 40)}.{self.r.randint(100, 999)}",
                f"€ {self.r.randint(10, 99)},{self.r.randint(10, 99)}",
            ]
        )

    def event_date(self) -> str:
        day, month = self.r.randint(1, 28), self.pick(MONTHS)
        year = self.r.randint(2019, 2026)
        return self.pick(
            [
                f"op {day} {month}",
                f"{day} {month} {year}",
                f"per 1 {month}",
                f"in {month} {year}",
                f"op {day:02d}-{self.r.randint(1, 12):02d}-{year}",
                f"sinds {year}",
                f"in {year}",
            ]
        )

    def age(self) -> str:
        n = self.r.randint(17, 84)
        return self.pick([f"een vrouw van {n}", f"{n} jaar", f"een man van {n} jaar", f"({n})"])

    def count(self) -> str:
        return self.pick(
            [
                f"{self.r.randint(2, 60)} gezinnen",
                f"{self.r.randint(100, 900)} huishoudens",
                f"{self.r.randint(3, 40)} casussen",
                f"{self.r.randint(5, 95)}%",
                f"{self.r.randint(2, 30)} procent",
                f"{self.r.randint(2, 14)} weken",
            ]
        )

    # --- personal data -----------------------------------------------------------------
    def surname(self) -> str:
        return self.pick(INTERFIX_SURNAMES) if self.r.random() < 0.35 else self.pick(SURNAMES)

    def name(self) -> str:
        first, last = self.pick(PSEUDONYMS), self.surname()
        initials = "".join(f"{c}." for c in self.r.sample("ABCDEFGHJKLMNPRSTW", 2))
        form = self.r.randint(0, 7)
        if form <= 2:
            return f"{first} {last}"
        if form == 3:
            # "familie De Vries": capitalised interfix after a family title
            return f"{self.pick(('familie', 'gezin', 'fam.'))} {last[0].upper()}{last[1:]}"
        if form == 4:
            return f"{self.pick(TITLES)} {last}"
        if form == 5:
            return f"{initials[:2]} {last}"
        if form == 6:
            return f"{initials} {last}"
        return f"{self.pick(('mevrouw', 'de heer', 'dhr.', 'mw.'))} {initials[:2]} {last}"

    def bsn(self) -> str:
        while True:
            digits = [self.r.randint(0, 9) for _ in range(8)]
            if digits[0] == 0:
                continue
            total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
            for last in range(10):
                if (total - last) % 11 == 0:
                    s = "".join(map(str, digits)) + str(last)
                    return s
            # no valid check digit for this prefix: draw again

    def bsn_text(self) -> tuple[str, str, str]:
        """(prefix context, bsn, suffix): typical formats may come without context."""
        s = self.bsn()
        fmt = self.r.randint(0, 4)
        formatted = [
            s,
            f"{s[:4]}.{s[4:6]}.{s[6:]}",
            f"{s[:3]} {s[3:6]} {s[6:]}",
            f"{s[:3]}.{s[3:6]}.{s[6:]}",
            f"{s[:3]}-{s[3:6]}-{s[6:]}",
        ][fmt]
        contexts = [
            "BSN ",
            "BSN: ",
            "burgerservicenummer ",
            "het burgerservicenummer is ",
            "sofinummer ",
            "sofi-nummer: ",
            "BSN-nummer ",
            "met bsn ",
        ]
        if fmt == 0 or self.r.random() < 0.6:
            return self.pick(contexts), formatted, ""
        return "nummer ", formatted, ""

    def birth_date(self) -> tuple[str, str]:
        y, m, d = self.r.randint(1940, 2012), self.r.randint(1, 12), self.r.randint(1, 28)
        date = self.pick(
            [
                f"{d:02d}-{m:02d}-{y}",
                f"{d}-{m}-{y}",
                f"{d}/{m}/{y}",
                f"{d:02d}.{m:02d}.{y}",
                f"{d} {MONTHS[m - 1]} {y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{d} {MONTH_ABBREVIATIONS[m - 1]} {y}",
            ]
        )
        context = self.pick(
            [
                "geboren op ",
                "geboren ",
                "geb. ",
                "geboortedatum: ",
                "geboortedatum ",
                "* ",
                "d.d. geboorte ",
                f"geboren in {self.pick(PLACES)} op ",
                "(geb. ",
            ]
        )
        return context, date

    def phone(self) -> str:
        mob = f"{self.r.randint(10000000, 99999999)}"
        area3 = self.pick(["010", "020", "030", "040", "050", "070", "043", "045", "053", "038"])
        area4 = self.pick(["0575", "0546", "0513", "0591", "0223", "0499", "0475"])
        seven = f"{self.r.randint(1000000, 9999999)}"
        six = f"{self.r.randint(100000, 999999)}"
        return self.pick(
            [
                f"06-{mob}",
                f"06{mob}",
                f"06 {mob[:4]} {mob[4:]}",
                f"06 {mob[:2]} {mob[2:4]} {mob[4:6]} {mob[6:]}",
                f"06-{mob[:4]} {mob[4:]}",
                f"{area3}-{seven}",
                f"{area3} {seven[:3]} {seven[3:5]} {seven[5:]}",
                f"({area3}) {seven[:3]} {seven[3:5]} {seven[5:]}",
                f"{area4}-{six}",
                f"{area4} {six[:2]} {six[2:4]} {six[4:]}",
                f"+31 6 {mob}",
                f"+316{mob}",
                f"+31 (0)6 {mob[:4]} {mob[4:]}",
                f"0031 6 {mob}",
                f"+31 {area3[1:]} {seven}",
                f"+32 470 {mob[:2]} {mob[2:4]} {mob[4:6]}",
                f"+49 30 {mob}",
                f"+49 151 {mob}",
                f"0049 221 {seven}",
            ]
        )

    def email(self) -> str:
        first, last = self.pick(PSEUDONYMS).lower(), self.pick(SURNAMES).lower()
        last = last.replace("ö", "o")
        local = self.pick(
            [
                f"{first}.{last}",
                f"{first[0]}.{last}",
                f"{first}{last}{self.r.randint(1, 99)}",
                f"{first}_{last}",
                f"{last}.{first[0]}",
            ]
        )
        domain = self.pick([*EMAIL_DOMAINS, f"{self.pick(PLACES).lower()}.nl"])
        return f"{local}@{domain}"

    def iban(self) -> str:
        country = self.pick(["NL", "NL", "NL", "NL", "BE", "DE"])
        if country == "NL":
            bban = self.pick(BANKS) + "".join(str(self.r.randint(0, 9)) for _ in range(10))
        elif country == "BE":
            # Belgian account numbers carry their own mod-97 check in the last two digits
            base = self.r.randint(10**9, 10**10 - 1)
            bban = f"{base:010d}{base % 97 or 97:02d}"
        else:
            bban = "".join(str(self.r.randint(0, 9)) for _ in range(18))
        numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
        check = 98 - int(numeric) % 97
        compact = f"{country}{check:02d}{bban}"
        style = self.r.randint(0, 3)
        if style == 0:
            return compact
        if style == 3:
            return compact.lower() if self.r.random() < 0.3 else compact
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))

    def street(self) -> str:
        if self.r.random() < 0.2:
            street = self.pick(STREET_QUALIFIED)
        else:
            street = self.pick(STREET_HEADS) + self.pick(STREET_TAILS)
        number = self.r.randint(1, 240)
        addition = self.pick(["", "", "", "a", "b", "A", "-3", "-12", " bis", " hs", "-II"])
        return f"{street} {number}{addition}"

    def postcode(self) -> str:
        letters = "".join(self.r.choice("ABCDEGHJKLMNPRTVWXZ") for _ in range(2))
        digits = self.r.randint(1000, 9999)
        return self.pick(
            [f"{digits} {letters}", f"{digits}{letters}", f"{digits}{letters.lower()}"]
        )


# Sentences: "{x}" is a personal-data slot, "[x]" a clean filler.
TEMPLATES: dict[str, list[str]] = {
    "name": [
        "{name} kwam [date] bij het wijkteam met een huurachterstand van [amount].",
        "Tijdens het keukentafelgesprek vertelde {name} dat de energierekening openstond.",
        "De klantmanager sprak [date] met {name} over een aanvraag op grond van [law].",
        "Na overleg met {name} besloot het team om [article] ruimhartig toe te passen.",
        "Volgens {name} was de brief van [org] niet te begrijpen.",
        "{name}, [age], wacht al [count] op een beslissing.",
        "Het dossier van {name} laat zien dat de toeslag [date] werd stopgezet.",
        "Ook {name} gaf aan dat de schuld bij [org] was opgelopen tot [amount].",
        "In het plan staat dat {name} hulp krijgt bij het ordenen van de post.",
        "Het gesprek met {name} vond plaats in [place].",
    ],
    "bsn": [
        "In de aanvraag stond {bsn} van [pseudo], die al [count] wachtte.",
        "[pseudo] gaf het formulier af met {bsn} erop.",
        "Het dossier vermeldt {bsn} en een schuld van [amount].",
        "De medewerker van [org] vroeg om {bsn} om de toeslag na te kijken.",
        "Op de brief van [date] stond {bsn} in de kop.",
    ],
    "birth_date": [
        "[pseudo], {birth_date}, verhuisde [date] naar [place].",
        "De zoon van [pseudo] is {birth_date} en gaat naar het mbo.",
        "In het verslag staat: {birth_date}, alleenstaand, schuld [amount].",
        "[pseudo] (roepnaam) is {birth_date}; de aanvraag volgde [date].",
        "Het kind, {birth_date}, krijgt jeugdhulp op grond van [law].",
    ],
    "phone": [
        "[pseudo] is bereikbaar op {phone} voor een nieuwe afspraak.",
        "Bel {phone} als de betalingsregeling weer vastloopt.",
        "De moeder van [pseudo] belde [date] vanaf {phone}.",
        "Telefoon: {phone}. Voorkeur voor contact na 16.00 uur.",
        "Het team sprak af dat [pseudo] zelf {phone} belt bij vragen over [law].",
    ],
    "email": [
        "[pseudo] mailde [date] vanaf {email} over de achterstand van [amount].",
        "Stuur de beschikking naar {email} en niet per post.",
        "Het e-mailadres {email} stond in de bijlage bij het verzoek.",
        "Contact via {email}; [pseudo] leest de post niet meer.",
    ],
    "iban": [
        "De toeslag wordt voortaan gestort op {iban} van [pseudo].",
        "[pseudo] vroeg de gemeente de huur direct over te maken naar {iban}.",
        "Rekeningnummer {iban}, saldo [amount] rood.",
        "Het beslag op rekening {iban} begon [date].",
        "IBAN: {iban} (op naam van de bewindvoerder).",
    ],
    "address": [
        "[pseudo] woont met [household] aan de {address} in [place].",
        "Het huisbezoek vond [date] plaats op {address}.",
        "De woning aan de {address} is te klein voor [household].",
        "Na de uithuiszetting verhuisde [pseudo] naar {address}, [place].",
        "Adres: {address}. Huur [amount].",
    ],
    "postcode": [
        "[pseudo] verhuisde [date] naar een flat in postcode {postcode}.",
        "De brief ging naar {postcode} [place], maar kwam retour.",
        "Woonachtig in {postcode} [place], verhuisd [date].",
        "Postcode {postcode}; het CJG in [place] is het dichtstbij.",
    ],
}
CLEAN_TEMPLATES = [
    "[pseudo] kwam [date] bij het wijkteam met een huurachterstand van [amount].",
    "Het ging om [household] in [place].",
    "De gemeente paste [article] toe en kende [amount] toe.",
    "[org] en [org] zochten samen naar een oplossing binnen [law].",
    "[pseudo], [age], had [count] geen inkomen.",
    "In [region] ging het in [year] om [count].",
    "[pseudo] en [pseudo] kregen [date] een brief over de terugvordering van [amount].",
    "Volgens [pseudo] was de toeslag [date] stopgezet.",
    "Na [count] kwam er een besluit op grond van [article].",
    "De doorbraak kostte [amount] en bespaarde [amount].",
    "Moeder [pseudo] spreekt slecht Nederlands; de tolk kwam [date].",
    "Klantmanager [pseudo] van de gemeente [place] nam contact op met [org].",
    "Het plan van aanpak werd [date] besproken met [pseudo].",
    "Sinds [year] woont [pseudo] met [household] in [place].",
    "Het percentage huishoudens met schulden steeg naar [count].",
    "[pseudo] betaalde [amount] eigen bijdrage aan [org].",
    "Op grond van [article] mocht de gemeente afwijken.",
    "De casus uit [place] laat zien hoe [law] vastloopt als regels botsen.",
    "Toen [pseudo] [date] belde, was de achterstand al [amount].",
    "Daarna kreeg [pseudo] hulp van [org] bij het aanvragen van bijzondere bijstand.",
    # tricky: numbers and words that look like personal data but are not
    "Dossiernummer 2023-0456 kreeg in [year] een vervolg; zaaknummer Z/24/118844.",
    "De wachtlijst telde 1200 aanvragen en 450 huishoudens kregen [amount] per maand.",
    "Bel voor schulden de gratis lijn 0800-8115; het spreekuur is van 14.00-16.00 uur.",
    "[pseudo] (34) en haar zoon (12) wonen in een flat aan een drukke straat in [place].",
    "In [year] EU-subsidie aangevraagd; de regeling liep tot 2027 en kostte [amount].",
    "De baby van [pseudo] werd in [year] geboren; de kraamzorg kostte [amount].",
    "Mevrouw [pseudo] vertelde dat ze al weken slecht sliep.",
    "Het budget van € 1.250.000 voor [year] werd voor [count] besteed.",
    "Op pad met de wijkcoach: [pseudo] liet [date] de post zien.",
    "Het Gerechtshof 's-Hertogenbosch en de Centrale Raad van Beroep oordeelden anders.",
    "Tabel 3 toont 2024 en 2025: 38 procent minder beslagen bij [org].",
    "[pseudo] werkt 24 uur per week bij de Jumbo en verdient [amount] netto.",
    "Volgens het CBS hadden in 2023 ruim 700.000 huishoudens problematische schulden.",
    "Het inkomen lag op 101% van het sociaal minimum; de norm is 120% in [place].",
]


def _fill(gen: Gen, template: str) -> tuple[str, list[dict]]:
    """Fill a template; return the text and the labelled personal-data spans."""
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    for token in re.split(r"(\{\w+\}|\[\w+\])", template):
        if not token:
            continue
        if token.startswith("{"):
            kind = token[1:-1]
            prefix, value, suffix = "", "", ""
            if kind == "name":
                value = gen.name()
            elif kind == "bsn":
                prefix, value, suffix = gen.bsn_text()
            elif kind == "birth_date":
                prefix, value = gen.birth_date()
                suffix = ")" if prefix.startswith("(") else ""
            else:
                value = getattr(gen, kind if kind != "address" else "street")()
            out.append(prefix)
            pos += len(prefix)
            spans.append({"kind": kind, "start": pos, "end": pos + len(value), "text": value})
            out.append(value + suffix)
            pos += len(value) + len(suffix)
        elif token.startswith("["):
            value = _filler(gen, token[1:-1])
            out.append(value)
            pos += len(value)
        else:
            out.append(token)
            pos += len(token)
    text = "".join(out)
    text = text[0].upper() + text[1:] if text[0].islower() and not spans else text
    return text, spans


def _filler(gen: Gen, name: str) -> str:
    return {
        "amount": gen.amount,
        "date": gen.event_date,
        "age": gen.age,
        "count": gen.count,
        "pseudo": lambda: gen.pick(PSEUDONYMS),
        "place": lambda: gen.pick(PLACES),
        "region": lambda: gen.pick(REGIONS),
        "org": lambda: gen.pick(ORGS),
        "law": lambda: gen.pick(LAWS),
        "article": lambda: gen.pick(ARTICLES),
        "household": lambda: gen.pick(HOUSEHOLDS),
        "year": lambda: str(gen.r.randint(2015, 2026)),
    }[name]()


def _join(parts: list[tuple[str, list[dict]]]) -> tuple[str, list[dict]]:
    text, spans = "", []
    for part, part_spans in parts:
        if text:
            text += " "
        offset = len(text)
        spans += [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in part_spans]
        text += part
    return text, spans


def generate(seed: int = SEED) -> list[dict]:
    gen = Gen(seed)
    kinds = list(TEMPLATES)
    records: list[dict] = []
    for i in range(PERSONAL_TEXTS):
        kind = kinds[i % len(kinds)]
        parts = [_fill(gen, gen.pick(TEMPLATES[kind]))]
        if gen.r.random() < 0.3:
            parts.append(_fill(gen, gen.pick(TEMPLATES[gen.pick(kinds)])))
        if gen.r.random() < 0.4:
            parts.insert(gen.r.randint(0, len(parts)), _fill(gen, gen.pick(CLEAN_TEMPLATES)))
        text, spans = _join(parts)
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"], span  # noqa: S101
        records.append({"id": f"p{i + 1:04d}", "text": text, "findings": spans})
    for i in range(CLEAN_TEXTS):
        count = gen.r.choice((1, 1, 2, 2, 3))
        text, _ = _join([_fill(gen, gen.pick(CLEAN_TEMPLATES)) for _ in range(count)])
        records.append({"id": f"c{i + 1:04d}", "text": text, "findings": []})
    return records


def write(path: Path = CORPUS_PATH) -> int:
    records = generate()
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


if __name__ == "__main__":
    print(f"{write()} teksten geschreven naar {CORPUS_PATH}")  # noqa: T201
