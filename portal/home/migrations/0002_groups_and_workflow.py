"""The user groups of the portal and the publishing workflow.

Groups: "IPW redacteur" (writes, cannot publish), "IPW moderator" (reviews and publishes),
"Hulplijn" (admin access; helpline permissions follow with the helpline), "Teamleider" and
"Professional" (no admin access). Every page goes through the workflow "IPW redactie": one
approval task for the IPW moderator group, set on the root of the page tree. Wagtail's
default "Moderators approval" workflow is unassigned and, when nothing is waiting in it,
deactivated.

Permissions may not exist yet on a fresh database (Django creates them after migrating),
so they are fetched with get_or_create on their content type.
"""

from django.db import migrations

REDACTEUR = "IPW redacteur"
MODERATOR = "IPW moderator"
HULPLIJN = "Hulplijn"
TEAMLEIDER = "Teamleider"
PROFESSIONAL = "Professional"
GROUP_NAMES = [REDACTEUR, MODERATOR, HULPLIJN, TEAMLEIDER, PROFESSIONAL]

WORKFLOW_NAME = "IPW redactie"
TASK_NAME = "Goedkeuring door IPW moderator"
DEFAULT_WORKFLOW_NAME = "Moderators approval"

PAGE_PERMISSIONS = {
    REDACTEUR: ["add", "change", "lock"],
    MODERATOR: ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
}
PAGE_PERMISSION_NAMES = {
    "add": "Can add page",
    "change": "Can change page",
    "publish": "Can publish page",
    "lock": "Can lock page",
    "unlock": "Can unlock page",
    "bulk_delete": "Can bulk delete page",
}
COLLECTION_PERMISSIONS = {
    REDACTEUR: ["add", "change", "choose"],
    MODERATOR: ["add", "change", "delete", "choose"],
}
ADMIN_GROUPS = [REDACTEUR, MODERATOR, HULPLIJN]


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_groups_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_NAMES}

    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    for name in ADMIN_GROUPS:
        groups[name].permissions.add(access_admin)

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for group_name, actions in PAGE_PERMISSIONS.items():
            for action in actions:
                permission = _permission(
                    apps, "wagtailcore", "page", f"{action}_page", PAGE_PERMISSION_NAMES[action]
                )
                GroupPagePermission.objects.get_or_create(
                    group=groups[group_name], page=root_page, permission=permission
                )

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for model, app_label in (("image", "wagtailimages"), ("document", "wagtaildocs")):
            for group_name, actions in COLLECTION_PERMISSIONS.items():
                for action in actions:
                    permission = _permission(
                        apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"
                    )
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[group_name], collection=root_collection, permission=permission
                    )

    # The workflow: one approval task for the IPW moderators.
    task_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_content_type, active=True
        )
    task.groups.set([groups[MODERATOR]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    # Wagtail's default workflow: unassigned everywhere; deactivated if nothing waits in it.
    for default in Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME).exclude(pk=workflow.pk):
        WorkflowPage.objects.filter(workflow=default).delete()
        waiting = WorkflowState.objects.filter(
            workflow=default, status__in=["in_progress", "needs_changes"]
        ).exists()
        if not waiting:
            default.active = False
            default.save(update_fields=["active"])

    # Wagtail's starter groups would bypass the workflow ("Moderators" may publish
    # directly): remove them while nobody is in them.
    for starter in ("Editors", "Moderators"):
        Group.objects.filter(name=starter, user__isnull=True).delete()


def remove_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    # Give the root back to Wagtail's default workflow, when it is still there.
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    default = Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME).first()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()
    if default is not None:
        default.active = True
        default.save(update_fields=["active"])
        if root_page is not None:
            WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": default})
    # Deleting the groups removes their page and collection permissions (cascade).
    Group.objects.filter(name__in=GROUP_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow),
    ]
