"""The routine tables, created by an app of their own ("routines") until issue #9 folded it
into the logbook.

This migration replaces that app's two migrations: a database that applied them counts this one
as applied (Django reads the replaced names from django_migrations), and a new database runs it.
The tables keep the names the routines app gave them here; 0003 renames them.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('routines', '0001_initial'),
        ('routines', '0002_routine_submission_token'),
    ]

    dependencies = [
        ('exercises', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Routine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('description', models.TextField(blank=True, max_length=1000, verbose_name='description')),
                ('key', models.SlugField(blank=True, help_text='Curated routines only.', max_length=100, null=True, unique=True)),
                ('sources', models.TextField(blank=True, verbose_name='sources')),
                ('content_hash', models.CharField(blank=True, editable=False, max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('copied_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='copies', to='logbook.routine')),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='routines', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'routine',
                'verbose_name_plural': 'routines',
                'ordering': ['name', 'pk'],
                'db_table': 'routines_routine',
            },
        ),
        migrations.CreateModel(
            name='RoutineItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='order')),
                ('sets', models.PositiveSmallIntegerField(default=1, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)], verbose_name='sets')),
                ('repetitions', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='repetitions')),
                ('hold_seconds', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(600)], verbose_name='hold (seconds)')),
                ('per_side', models.BooleanField(default=False, verbose_name='each side')),
                ('exercise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='routine_items', to='exercises.exercise', verbose_name='exercise')),
                ('routine', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='logbook.routine')),
            ],
            options={
                'verbose_name': 'routine item',
                'verbose_name_plural': 'routine items',
                'ordering': ['routine_id', 'position'],
                'db_table': 'routines_routineitem',
            },
        ),
        migrations.AddConstraint(
            model_name='routine',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('key__isnull', False), ('owner__isnull', True)), models.Q(('key__isnull', True), ('owner__isnull', False)), _connector='OR'), name='routine_curated_has_key_user_has_none'),
        ),
        migrations.AddConstraint(
            model_name='routineitem',
            constraint=models.UniqueConstraint(fields=('routine', 'position'), name='routine_item_position_unique'),
        ),
        migrations.AddConstraint(
            model_name='routineitem',
            constraint=models.CheckConstraint(condition=models.Q(('sets__gte', 1), ('sets__lte', 10)), name='routine_item_sets_sane'),
        ),
        migrations.AddConstraint(
            model_name='routineitem',
            constraint=models.CheckConstraint(condition=models.Q(('repetitions__gte', 1), ('repetitions__lte', 100)), name='routine_item_repetitions_sane'),
        ),
        migrations.AddConstraint(
            model_name='routineitem',
            constraint=models.CheckConstraint(condition=models.Q(('hold_seconds__isnull', True), models.Q(('hold_seconds__gte', 1), ('hold_seconds__lte', 600)), _connector='OR'), name='routine_item_hold_sane'),
        ),
        migrations.AddField(
            model_name='routine',
            name='submission_token',
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddConstraint(
            model_name='routine',
            constraint=models.UniqueConstraint(fields=('owner', 'submission_token'), name='routine_submission_token_unique'),
        ),
    ]
