"""How English pages write dates (Django's date-format syntax). Templates name a format here
(``date:"SHORT_DATE_FORMAT"``), never a pattern, so each language writes dates its own way.

The names not in Django's own list (DAY_MONTH_FORMAT...) must be in every language's module:
tests/test_translations.py checks that they are.
"""

DATE_FORMAT = "j F Y"  # 7 September 2026
SHORT_DATE_FORMAT = "j M Y"  # 7 Sep 2026
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday, as Backcare's weeks

NARROW_DATE_FORMAT = "j\u00a0M Y"  # 7 Sep 2026, never broken after the day: narrow tables
DAY_MONTH_FORMAT = "j M"  # 7 Sep: chart axes, week lists
SHORT_YEAR_MONTH_FORMAT = "M Y"  # Sep 2026
WEEKDAY_DATE_FORMAT = "l j F Y"  # Monday 7 September 2026
SHORT_WEEKDAY_DATE_FORMAT = "D j M Y"  # Mon 7 Sep 2026
SHORT_WEEKDAY_DAY_MONTH_FORMAT = "D j M"  # Mon 7 Sep
WEEKDAY_MONTH_DAY_FORMAT = "l j F"  # Monday 7 September
ZONED_DATETIME_FORMAT = "j F Y, H:i T"  # 7 September 2026, 18:00 CEST
