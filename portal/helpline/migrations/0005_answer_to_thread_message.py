"""A submission becomes a thread: the answers become its messages (`Answer` renamed to
`Message`, `sent_by` to `author`), and a message gets who wrote it (IPW or the sender)
and when the other side read it. Every existing answer was written by IPW and was
already shown on the professional's profile, so it counts as read (no badge for old
answers)."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def mark_existing_answers_read(apps, schema_editor):
    Message = apps.get_model("helpline", "Message")
    Message.objects.filter(read_at__isnull=True).update(read_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("helpline", "0004_outbox_notices_attachments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("Answer", "Message"),
        migrations.RenameField("message", "sent_by", "author"),
        migrations.AlterField(
            model_name="message",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="geschreven door",
            ),
        ),
        migrations.AddField(
            model_name="message",
            name="from_staff",
            field=models.BooleanField(default=True, verbose_name="van de Hulplijn"),
        ),
        migrations.AddField(
            model_name="message",
            name="read_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="gelezen op"),
        ),
        migrations.RunPython(mark_existing_answers_read, migrations.RunPython.noop),
    ]
