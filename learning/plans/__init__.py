"""Plan templates and practice plans: the rules (selectors, services), the calculator,
the documents (DOCX and PDF) and the practice plan builder's views.

Models live in `learning.models.plans`."""
