"""Demo content of contributed breakthroughs: the demo professional has shared a
completed Doorbraakplan as an example case, which waits in the editors' queue
("Bijdragen" in the admin) as a draft case. Idempotent: nothing is added once the demo
professional has a contribution.

The shell's demo loader discovers a module-level `load(*, home)`; this module offers
`contributions_demo_load()` for the lead to wire in (e.g. `load = ...` plus DEMO_AFTER).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from casebook.models import CaseIndexPage, Law, Phase, ProblemDomain, Region
from learning.models import PlanTemplateKind, PlanTemplatePage, PracticePlan, PracticePlanLegalBasis
from portal.accounts.demo import DEMO_EMAIL_DOMAIN
from portal.accounts.selectors import profile_get_for_user

from .mapping import plan_to_case
from .models import Contribution
from .services import contribution_submit

PROFESSIONAL_EMAIL = f"professional@{DEMO_EMAIL_DOMAIN}"
DEMO_AFTER = ("learning", "casebook", "accounts")
PLAN_TITLE = "Energieschuld en een kapotte wasmachine"
ANSWERS = {
    "situatie": "Een vader met drie kinderen heeft een energieschuld; de wasmachine is kapot "
    "en de kinderen gaan in vuile kleren naar school. De school maakt zich zorgen.",
    "perspectief": "Over een half jaar zijn de vaste lasten betaald en draait het huishouden.",
    "zelf": "Vader houdt een kasboek bij en gaat naar de budgetcursus.",
    "ondersteuning": "Een budgetcoach helpt met de afspraken met de energieleverancier.",
    "behandeling": "Geen.",
    "belemmering": "Bijzondere bijstand voor een wasmachine kan pas na een lopend "
    "schuldhulptraject, en dat start pas na drie maanden wachttijd.",
    "doorbraak": "De gemeente verstrekt de wasmachine direct uit bijzondere bijstand.",
    "betrokkenheid": "De kinderen gaan weer schoon naar school; vader houdt de regie.",
}


def contributions_demo_load(**_: Any) -> Contribution | None:
    """The demo professional's shared plan, as a draft case in the editors' queue."""
    user = get_user_model().objects.filter(email__iexact=PROFESSIONAL_EMAIL).first()
    template = (
        PlanTemplatePage.objects.live()
        .filter(kind=PlanTemplateKind.DOORBRAAKPLAN)
        .order_by("-effective_date", "-pk")
        .first()
    )
    if user is None or template is None or not CaseIndexPage.objects.exists():
        return None
    existing = Contribution.objects.filter(user=user).first()
    if existing is not None:
        return existing
    plan = PracticePlan.objects.filter(owner=user, title=PLAN_TITLE).first()
    if plan is None:
        plan = PracticePlan.objects.create(
            owner=user,
            title=PLAN_TITLE,
            template=template,
            template_title=template.title,
            template_version=template.version,
            sections=[
                {"key": s.key, "heading": s.heading, "kind": s.kind, "required": s.required}
                for s in template.sections.all().order_by("sort_order", "pk")
            ],
            answers=dict(ANSWERS),
            costs_computed_at=timezone.now(),
        )
        law = Law.objects.filter(name="Participatiewet").first()
        if law is not None:
            PracticePlanLegalBasis.objects.create(
                plan=plan,
                law=law,
                article=law.articles.filter(article__startswith="35").first(),
                law_label=law.name,
                article_label="artikel 35",
                reasoning="Een wasmachine is een noodzakelijke kostenpost voor een gezin.",
            )
    if plan.status != "completed":
        plan.completed_at = timezone.now()
        plan.status = "completed"
        plan.save(update_fields=["status", "completed_at", "updated_at"])
    draft = plan_to_case(plan=plan)
    draft.household = "Vader met drie schoolgaande kinderen"
    draft.title = "Wasmachine direct uit bijzondere bijstand"
    draft.phase = Phase.EERSTE_NOOD
    draft.region_id = Region.objects.get_or_create(name="Zwolle")[0].pk
    draft.problem_domain_ids = list(
        ProblemDomain.objects.filter(name__in=["Schulden", "Onderwijs"]).values_list(
            "pk", flat=True
        )
    )
    profile = profile_get_for_user(user=user)
    return contribution_submit(
        user=user,
        plan=plan,
        draft=draft,
        consent=True,
        name_organisation=bool(profile and profile.organisation),
    )


#: Found by the demo loader (portal.shell.demo).
load = contributions_demo_load
