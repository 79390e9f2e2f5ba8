"""Background tasks (django-tasks). Development and tests run them immediately; in
production the database backend (django-tasks-db) keeps them for `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

# The module, not the function: services enqueues these tasks, so each module imports
# the other, and a module reference works whichever of the two is loaded first.
from . import services


@task()
def outgoing_mail_send_task(mail_id: int) -> str:
    """Send one mail from the helpline outbox; failures are recorded and retried."""
    return services.outgoing_mail_send(mail_id=mail_id)
