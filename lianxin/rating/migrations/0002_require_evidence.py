"""The county may require ledger evidence for every applied star; and 审核通过的星 holds only
stars a review approved. Submitting used to copy the applied stars into it, so applications
still before (or at) the task forces' review showed every applied star as approved: those are
emptied. Applications past that review (or returned, rejected) keep what the services set."""

from django.db import migrations, models


def clear_unapproved(apps, schema_editor):
    Application = apps.get_model("rating", "Application")
    Application.objects.filter(status__in=("draft", "returned", "rejected")).update(approved_stars=[])
    for application in Application.objects.filter(status="in_review").only("chain", "step_index"):
        chain = application.chain or []
        if "taskforce" not in chain or application.step_index <= chain.index("taskforce"):
            Application.objects.filter(pk=application.pk).update(approved_stars=[])


class Migration(migrations.Migration):

    dependencies = [
        ('rating', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='ratingconfig',
            name='require_evidence',
            field=models.BooleanField(default=False, help_text='选中后，没有引用台账记录作佐证的星不能提交；不选时提醒村里确认后仍可提交', verbose_name='申报的每颗星须有台账佐证'),
        ),
        migrations.AlterField(
            model_name='application',
            name='approved_stars',
            field=models.JSONField(blank=True, default=list, help_text='专班审核通过（流程无专班时为创建办审定通过）的星', verbose_name='审核通过的星'),
        ),
        migrations.RunPython(clear_unapproved, migrations.RunPython.noop),
    ]
