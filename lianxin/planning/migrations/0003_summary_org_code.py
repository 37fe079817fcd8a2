from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_codes(apps, schema_editor):
    Summary = apps.get_model("planning", "VillageYearSummary")
    Org = apps.get_model("orgs", "Org")
    Summary.objects.update(org_code=Subquery(Org.objects.filter(pk=OuterRef("org_id")).values("code")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("planning", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="villageyearsummary",
            name="org_code",
            field=models.CharField(default="", editable=False, max_length=16, verbose_name="村代码"),
            preserve_default=False,
        ),
        migrations.RunPython(copy_codes, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="villageyearsummary", name="summary_year_org"),
        migrations.AddIndex(
            model_name="villageyearsummary",
            index=models.Index(fields=["year", "org_code"], name="summary_year_code"),
        ),
    ]
