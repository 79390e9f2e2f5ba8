"""Demo content of the learning environment, loaded by `manage.py load_demo` (after the
standards and the casebook, whose demo cases and plan templates the lessons use).

- `pages`: the catalogue "Leeromgeving" under the home page (shown in the menu);
- `kennismaken` (with `kennismaken_plan`), `doorverwijzen`: the two demo courses as data,
  written in our own words from the facts in the project's source documents;
- `builders`: stable block ids and the look-up of demo cases and plan templates;
- `learners`: demo learners at different stages, played through the learning services
  (those who finish a course get their certificate from those services too);
- `team`: the demo team "Wijkteam Oost", led by teamleider@, with the demo learners.

Idempotent: pages are found by slug under their parent, learners by e-mail, and a
learner's stage in a course is only played when they are not enrolled there yet, so a
second run creates nothing.
"""

from __future__ import annotations

from wagtail.models import Page

from . import doorverwijzen, kennismaken
from .builders import refs_find
from .learners import LEARNERS, learners_load
from .pages import course_ensure, index_ensure
from .team import team_load

COURSES = (kennismaken, doorverwijzen)


def load(*, home: Page) -> None:
    """Create the catalogue, the demo courses and the demo learners (idempotent)."""
    index = index_ensure(home=home)
    refs = refs_find(home=home)
    courses = {
        module.SLUG: course_ensure(index=index, spec=module.course(refs)) for module in COURSES
    }
    learners = learners_load(courses=courses)
    team_emails = {spec.email for spec in LEARNERS}
    team_load(members=[user for user in learners if user.email in team_emails])
