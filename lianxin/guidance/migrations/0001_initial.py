# Cadres' areas, guidance visits, findings and weak branches moved out of liaison (issue 8):
# this migration only tells Django's state that they now belong here; their tables, created by
# liaison 0001 and still named liaison_*, keep every row. 0002 renames the tables once liaison
# has let go of the models.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('liaison', '0001_initial'),
        ('orgs', '0001_initial'),
        ('registers', '0001_initial'),
    ]

    state_operations = [
        migrations.CreateModel(
            name='AreaAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('category', models.CharField(choices=[('five', '五星支部'), ('four', '四星支部'), ('weak', '软弱涣散'), ('township', '包乡')], max_length=10, verbose_name='类型')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='备注')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
                ('cadre', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='registers.cadre', verbose_name='包片干部')),
            ],
            options={
                'verbose_name': '干部包片',
                'verbose_name_plural': '干部包片',
                'ordering': ['-year', 'cadre__name', 'org__code'],
                'db_table': 'liaison_areaassignment',
                'constraints': [models.UniqueConstraint(fields=('cadre', 'org', 'year'), name='one_assignment_per_area_year', violation_error_message='该干部本年度已包联此处')],
            },
        ),
        migrations.CreateModel(
            name='GuidanceVisit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='日期')),
                ('notes', models.TextField(blank=True, verbose_name='指导情况')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='记录时间')),
                ('cadre', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='guidance_visits', to='registers.cadre', verbose_name='干部')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
            ],
            options={
                'verbose_name': '指导走访',
                'verbose_name_plural': '指导走访',
                'ordering': ['-date', '-id'],
                'db_table': 'liaison_guidancevisit',
            },
        ),
        migrations.CreateModel(
            name='Finding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.TextField(verbose_name='发现问题')),
                ('deadline', models.DateField(verbose_name='整改时限')),
                ('status', models.CharField(choices=[('open', '待整改'), ('rectified', '已整改待确认'), ('confirmed', '已确认销号')], default='open', max_length=10, verbose_name='状态')),
                ('rectification', models.TextField(blank=True, verbose_name='整改情况')),
                ('rectified_at', models.DateTimeField(blank=True, null=True, verbose_name='报整改时间')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='确认时间')),
                ('return_reason', models.TextField(blank=True, verbose_name='退回理由')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
                ('guidance_visit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='guidance.guidancevisit', verbose_name='指导走访')),
            ],
            options={
                'verbose_name': '发现问题',
                'verbose_name_plural': '发现问题',
                'ordering': ['status', 'deadline', 'id'],
                'db_table': 'liaison_finding',
                'indexes': [models.Index(fields=['status', 'deadline'], name='finding_status_deadline')],
            },
        ),
        migrations.CreateModel(
            name='WeakBranch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='年度')),
                ('reasons', models.TextField(verbose_name='软弱涣散表现')),
                ('measures', models.TextField(blank=True, verbose_name='整顿措施')),
                ('status', models.CharField(choices=[('listed', '整顿中'), ('delisted', '已摘帽')], default='listed', max_length=10, verbose_name='状态')),
                ('delisted_on', models.DateField(blank=True, null=True, verbose_name='摘帽日期')),
                ('delist_note', models.TextField(blank=True, verbose_name='摘帽说明')),
                ('cadre', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='weak_branches', to='registers.cadre', verbose_name='包联干部')),
                ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='所属组织')),
            ],
            options={
                'verbose_name': '软弱涣散党组织',
                'verbose_name_plural': '软弱涣散党组织',
                'ordering': ['-year', 'org__code'],
                'db_table': 'liaison_weakbranch',
                'constraints': [models.UniqueConstraint(fields=('org', 'year'), name='one_weak_listing_per_year', violation_error_message='该支部本年度已列入')],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
