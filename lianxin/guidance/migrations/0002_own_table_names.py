# Now that liaison has let go of them (liaison 0002), guidance's tables take this app's names:
# liaison_finding -> guidance_finding, and so on. A rename keeps every row and every foreign
# key pointing at it. Reversible: backwards renames them back.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('guidance', '0001_initial'),
        ('liaison', '0002_registers_and_guidance_move_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='areaassignment', table=None),
        migrations.AlterModelTable(name='guidancevisit', table=None),
        migrations.AlterModelTable(name='finding', table=None),
        migrations.AlterModelTable(name='weakbranch', table=None),
    ]
