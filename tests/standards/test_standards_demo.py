"""The demo content: standards with one replaced version, loaded idempotently."""

from portal.standards import demo
from portal.standards.models import StandardPage
from portal.standards.selectors import standard_list_current, standard_successor


def test_demo_loads_standards_once(home):
    demo.load(home=home)
    count = StandardPage.objects.count()
    revisions = sum(page.revisions.count() for page in StandardPage.objects.all())

    demo.load(home=home)

    assert StandardPage.objects.count() == count == 5
    assert sum(page.revisions.count() for page in StandardPage.objects.all()) == revisions


def test_demo_referral_standard_2_replaces_1(home):
    demo.load(home=home)

    old = StandardPage.objects.get(slug="aanmelden-bij-het-ipw-1-0")
    new = StandardPage.objects.get(slug="aanmelden-bij-het-ipw-2-0")

    assert old.live and new.live
    assert standard_successor(standard=old) == new
    titles = [(page.title, page.version) for page in standard_list_current()]
    assert titles == [
        ("Aanmelden bij het IPW", "2.0"),
        ("Anonimiseren van casussen", "1.0"),
        ("Veertien maanden volgen", "1.0"),
        ("Werkwijze kraak-en-maaksessie", "1.0"),
    ]
    assert all(page.revisions.exists() for page in StandardPage.objects.all())
