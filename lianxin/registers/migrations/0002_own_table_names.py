# Now that liaison has let go of them (liaison 0002), the registers' tables take this app's
# names: liaison_household -> registers_household, and so on. A rename keeps every row and
# every foreign key pointing at it (PostgreSQL follows the table; SQLite >= 3.26 rewrites the
# references). Reversible: backwards renames them back.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('liaison', '0002_registers_and_guidance_move_out'),
        ('registers', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='household', table=None),
        migrations.AlterModelTable(name='partymember', table=None),
        migrations.AlterModelTable(name='householdlink', table=None),
        migrations.AlterModelTable(name='cadre', table=None),
    ]
