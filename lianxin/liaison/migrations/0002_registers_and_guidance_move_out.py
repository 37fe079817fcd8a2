# Households, members, links and cadres moved to `registers`, cadres' areas, guidance visits,
# findings and weak branches to `guidance` (issue 8). The database is not touched here: the
# tables stay and keep their rows, liaison's own foreign keys keep pointing at them; only
# Django's state learns that Visit and Matter now point at registers' models and that liaison
# no longer has the moved ones. registers 0002 and guidance 0002 then rename the tables.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('guidance', '0001_initial'),
        ('liaison', '0001_initial'),
        ('registers', '0001_initial'),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='visit',
            name='household',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='registers.household', verbose_name='农户'),
        ),
        migrations.AlterField(
            model_name='visit',
            name='member',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='registers.partymember', verbose_name='走访党员'),
        ),
        migrations.AlterField(
            model_name='matter',
            name='household',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='matters', to='registers.household', verbose_name='农户'),
        ),
        migrations.DeleteModel(name='HouseholdLink'),
        migrations.DeleteModel(name='Finding'),
        migrations.DeleteModel(name='GuidanceVisit'),
        migrations.DeleteModel(name='AreaAssignment'),
        migrations.DeleteModel(name='WeakBranch'),
        migrations.DeleteModel(name='Cadre'),
        migrations.DeleteModel(name='Household'),
        migrations.DeleteModel(name='PartyMember'),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
