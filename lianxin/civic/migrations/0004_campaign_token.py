"""Each selection gets the unguessable token of its public page: added empty, filled one token
per row (a default would give every existing row the same one), then made unique."""

from django.db import migrations, models

import lianxin.core.models


def fill_tokens(apps, schema_editor):
    Campaign = apps.get_model("civic", "Campaign")
    for campaign in Campaign.objects.filter(token__isnull=True).only("pk"):
        campaign.token = lianxin.core.models.new_token()
        campaign.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("civic", "0003_arrivals")]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="token",
            field=models.CharField(editable=False, max_length=32, null=True, verbose_name="公开页标识"),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="campaign",
            name="token",
            field=models.CharField(
                default=lianxin.core.models.new_token,
                editable=False,
                max_length=32,
                unique=True,
                verbose_name="公开页标识",
            ),
        ),
    ]
