"""How German pages write dates: the same names as backcare/formats/en/formats.py."""

DATE_FORMAT = "j. F Y"  # 7. September 2026
SHORT_DATE_FORMAT = "j. N Y"  # 7. Sept. 2026
DATETIME_FORMAT = "j. F Y, H:i"
SHORT_DATETIME_FORMAT = "j. N Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
FIRST_DAY_OF_WEEK = 1
# Date inputs (type="date") need the ISO form first; typed German dates are still understood.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]

NARROW_DATE_FORMAT = "j.\u00a0N Y"  # 7. Sept. 2026, never broken after the day
DAY_MONTH_FORMAT = "j. N"  # 7. Sept.
SHORT_YEAR_MONTH_FORMAT = "N Y"  # Sept. 2026
WEEKDAY_DATE_FORMAT = "l, j. F Y"  # Montag, 7. September 2026
SHORT_WEEKDAY_DATE_FORMAT = "D., j. N Y"  # Mo., 7. Sept. 2026
SHORT_WEEKDAY_DAY_MONTH_FORMAT = "D., j. N"  # Mo., 7. Sept.
WEEKDAY_MONTH_DAY_FORMAT = "l, j. F"  # Montag, 7. September
ZONED_DATETIME_FORMAT = "j. F Y, H:i T"
