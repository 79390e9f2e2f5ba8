"""Demo content of the learning environment, loaded by `manage.py load_demo` (after the
casebook, whose demo cases the lessons use).

- `plans` (texts in `plans_content`): the plan templates with their index, the standard
  tariffs and a practice plan in progress; loaded first, so lessons can link them;
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

from . import doorverwijzen, kennismaken, plans
from .builders import refs_find
from .learners import LEARNERS, PROFESSIONAL, learners_load
from .pages import course_ensure, index_ensure, lesson_links_update
from .team import team_load

#: App labels whose demo the demo loader (portal.shell.demo) loads before this one.
DEMO_AFTER = ("home", "standards", "casebook", "accounts")

COURSES = (kennismaken, doorverwijzen)


def load(*, home: Page) -> None:
    """Create the plan templates, the catalogue, the demo courses and the demo learners
    (idempotent)."""
    templates = plans.load(home=home)
    index = index_ensure(home=home)
    refs = refs_find(home=home)
    courses = {}
    for module in COURSES:
        spec = module.course(refs)
        courses[module.SLUG] = course_ensure(index=index, spec=spec)
        lesson_links_update(course=courses[module.SLUG], spec=spec)
    learners = learners_load(courses=courses)
    team_emails = {spec.email for spec in LEARNERS}
    team_load(members=[user for user in learners if user.email in team_emails])
    professional = next((user for user in learners if user.email == PROFESSIONAL), None)
    if professional is not None:
        plans.practice_plan_load(user=professional, templates=templates)
