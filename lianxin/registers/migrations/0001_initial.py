# The registers' models moved out of liaison (issue 8): this migration only tells Django's
# state that they now belong here; their tables, created by liaison 0001 and still named
# liaison_*, keep every row. 0002 renames the tables once liaison has let go of the models.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import lianxin.core.personal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('liaison', '0001_initial'),
        ('orgs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Household',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=20, verbose_name='户号')),
                ('head_name', models.CharField(max_length=50, verbose_name='户主姓名')),
                ('head_id_number', models.CharField(blank=True, max_length=18, validators=[lianxin.core.personal.id_card_validator], verbose_name='户主身份证号')),
                ('size', models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(30)], verbose_name='家庭人口')),
                ('group', models.CharField(blank=True, max_length=30, verbose_name='村民组')),
                ('address', models.CharField(blank=True, max_length=200, verbose_name='住址')),
                ('phone', models.CharField(blank=True, max_length=13, validators=[django.core.validators.RegexValidator('^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$', '请输入手机号码或带区号的固定电话')], verbose_name='联系电话')),
                ('tags', models.CharField(blank=True, help_text='如 低保户、独居老人、脱贫户，用顿号分隔', max_length=100, verbose_name='标签')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
            ],
            options={
                'verbose_name': '农户',
                'verbose_name_plural': '农户',
                'ordering': ['org__code', 'number'],
                'db_table': 'liaison_household',
                'constraints': [models.UniqueConstraint(fields=('org', 'number'), name='household_number_per_village', violation_error_message='本村已有该户号')],
            },
        ),
        migrations.CreateModel(
            name='PartyMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, verbose_name='姓名')),
                ('gender', models.CharField(choices=[('M', '男'), ('F', '女')], max_length=1, verbose_name='性别')),
                ('birth_date', models.DateField(verbose_name='出生日期')),
                ('joined_on', models.DateField(blank=True, null=True, verbose_name='入党日期')),
                ('post', models.CharField(blank=True, max_length=50, verbose_name='党内职务')),
                ('mobile', models.CharField(blank=True, max_length=11, validators=[django.core.validators.RegexValidator('^1[3-9]\\d{9}$', '请输入11位手机号码')], verbose_name='手机号')),
                ('id_number', models.CharField(blank=True, max_length=18, validators=[lianxin.core.personal.id_card_validator], verbose_name='身份证号')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='party_members', to=settings.AUTH_USER_MODEL, verbose_name='登录账号')),
            ],
            options={
                'verbose_name': '党员',
                'verbose_name_plural': '党员',
                'ordering': ['org__code', 'name'],
                'db_table': 'liaison_partymember',
                'constraints': [models.UniqueConstraint(fields=('org', 'name', 'birth_date'), name='member_per_branch', violation_error_message='本支部已有同名同生日的党员')],
            },
        ),
        migrations.CreateModel(
            name='HouseholdLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('linked_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='联户日期')),
                ('household', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='registers.household', verbose_name='农户')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='registers.partymember', verbose_name='联户党员')),
            ],
            options={
                'verbose_name': '党员联户',
                'verbose_name_plural': '党员联户',
                'ordering': ['member', 'household__number'],
                'db_table': 'liaison_householdlink',
                'constraints': [models.UniqueConstraint(fields=('household',), name='one_member_per_household', violation_error_message='该户已有联户党员')],
            },
        ),
        migrations.CreateModel(
            name='Cadre',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, verbose_name='姓名')),
                ('unit', models.CharField(blank=True, max_length=100, verbose_name='单位')),
                ('post', models.CharField(blank=True, max_length=50, verbose_name='职务')),
                ('mobile', models.CharField(blank=True, max_length=11, validators=[django.core.validators.RegexValidator('^1[3-9]\\d{9}$', '请输入11位手机号码')], verbose_name='手机号')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登录账号')),
            ],
            options={
                'verbose_name': '组工干部',
                'verbose_name_plural': '组工干部',
                'ordering': ['org__code', 'name'],
                'db_table': 'liaison_cadre',
                'constraints': [models.UniqueConstraint(fields=('org', 'name'), name='cadre_name_per_org', violation_error_message='已有同名干部')],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
