"""The clinician report as a PDF (A4), drawn by reportlab from the same Report as the page.

Reportlab installs from pip alone. The text uses Bitstream Vera, which ships with reportlab and
is embedded, so the PDF reads the same everywhere and its text can be searched and copied.
"""

import io
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from django.template.defaultfilters import date as format_date
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from logbook.report import Report

FONT, BOLD = "BackcareVera", "BackcareVera-Bold"
BRAND = colors.HexColor("#1d5c63")
MUTED = colors.HexColor("#5b6770")
LIGHT = colors.HexColor("#9fb7ba")


def _fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, folder / "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, folder / "VeraBd.ttf"))


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            textColor=BRAND,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
    }


def _p(text, style) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _table(rows, widths, styles) -> Table:
    table = Table(
        [[_p(cell, styles["body"]) for cell in row] for row in rows],
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, BRAND),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _drawing(chart: dict) -> tuple[Drawing, object]:
    """A reportlab drawing the chart's size on the page, and a function from the chart's SVG
    coordinates (y downwards) to the drawing's (y upwards)."""
    height = chart["height"]
    scale = (150 * mm) / chart["width"]
    drawing = Drawing(chart["width"] * scale, height * scale)

    def point(x, y):
        return x * scale, (height - y) * scale

    for label in chart["labels"]:
        x, y = point(label["x"], chart["baseline_y"])
        drawing.add(
            String(
                x,
                y - 11,
                format_date(label["date"], "DAY_MONTH_FORMAT"),
                fontName=FONT,
                fontSize=7,
                textAnchor="middle",
            )
        )
    return drawing, point


def _pain_chart(chart: dict) -> Drawing:
    drawing, point = _drawing(chart)
    for grid in chart["grid"]:
        x1, y1 = point(chart["left"], grid["y"])
        x2, _y = point(chart["right"], grid["y"])
        drawing.add(Line(x1, y1, x2, y1, strokeColor=colors.lightgrey, strokeWidth=0.4))
        drawing.add(
            String(
                x1 - 4, y1 - 2.5, str(grid["value"]), fontName=FONT, fontSize=7, textAnchor="end"
            )
        )
    for points, colour, dash in (
        (chart["before"], MUTED, [3, 2]),
        (chart["after"], BRAND, None),
    ):
        coords = [value for p in points for value in point(p["x"], p["y"])]
        if len(points) > 1:
            drawing.add(PolyLine(coords, strokeColor=colour, strokeWidth=1.4, strokeDashArray=dash))
        for p in points:
            x, y = point(p["x"], p["y"])
            drawing.add(Circle(x, y, 1.8, fillColor=colour, strokeColor=colour))
    for p in chart["meaningful"]:
        x, y = point(p["x"], p["y"])
        drawing.add(Circle(x, y, 4.5, fillColor=None, strokeColor=colors.black, strokeWidth=1))
    return drawing


def _sessions_chart(chart: dict) -> Drawing:
    drawing, point = _drawing(chart)
    x1, base = point(chart["left"], chart["baseline_y"])
    x2, _y = point(chart["right"], chart["baseline_y"])
    drawing.add(Line(x1, base, x2, base, strokeColor=colors.lightgrey, strokeWidth=0.4))
    width = point(chart["bar_width"], 0)[0]
    for bar in chart["bars"]:
        x, top = point(bar["x"], bar["y"])
        colour = BRAND if bar["kept"] else LIGHT
        if bar["count"]:
            drawing.add(Rect(x, base, width, top - base, fillColor=colour, strokeColor=None))
        drawing.add(
            String(
                point(bar["centre"], 0)[0],
                top + 2,
                str(bar["count"]),
                fontName=FONT,
                fontSize=7,
                textAnchor="middle",
            )
        )
    _x, planned = point(0, chart["planned_y"])
    drawing.add(
        Line(
            x1,
            planned,
            x2,
            planned,
            strokeColor=colors.black,
            strokeWidth=0.8,
            strokeDashArray=[1, 2],
        )
    )
    return drawing


def report_pdf(report: Report) -> bytes:
    _fonts()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Backcare report for %(person)s") % {"person": report.person},
        author="Backcare",
    )
    values = {
        "person": report.person,
        "start": format_date(report.start, "DATE_FORMAT"),
        "end": format_date(report.end, "DATE_FORMAT"),
        "weeks": report.weeks,
    }
    story = [
        _p(_("Exercise report: %(person)s") % values, styles["title"]),
        _p(
            _(
                "%(start)s to %(end)s (%(weeks)s weeks), written by Backcare from the person's own "
                "log. It is not a diagnosis."
            )
            % values,
            styles["small"],
        ),
        Spacer(1, 4 * mm),
        _p(_("Routine and doses"), styles["h2"]),
    ]
    if report.routine:
        story.append(_p(report.routine_name, styles["body"]))
        story.append(
            _table(
                [[_("Exercise"), _("Dose")]]
                + [[line.exercise, line.dose] for line in report.routine],
                [60 * mm, 114 * mm],
                styles,
            )
        )
    else:
        story.append(_p(_("No weekly plan."), styles["body"]))

    story += [
        _p(_("Pain before and after sessions"), styles["h2"]),
        _p(report.pain_summary, styles["body"]),
    ]
    if report.sessions:
        story += [
            _pain_chart(report.chart),
            _p(report.pain_chart_caption, styles["small"]),
        ]
    story += [
        _p(_("Sessions per week"), styles["h2"]),
        _p(report.kept_summary, styles["body"]),
    ]
    if report.sessions:
        story += [
            _sessions_chart(report.sessions_chart),
            _p(report.sessions_chart_caption, styles["small"]),
        ]
    if report.function.has_data:
        story.append(_p(_("Function (PSFS)"), styles["h2"]))
        story += [_p(change.sentence, styles["body"]) for change in report.function.changes]
        names = [activity.name for activity in report.function.activities]
        story.append(
            _table(
                [[_("Date"), *names, _("Mean")]]
                + [
                    [
                        format_date(row["date"], "SHORT_DATE_FORMAT"),
                        *map(_dash, row["scores"]),
                        _mean(row["mean"]),
                    ]
                    for row in report.function.rows()
                ],
                None,
                styles,
            )
        )
    story.append(_p(_("Flagged exercises"), styles["h2"]))
    if report.flagged:
        story.append(
            _table(
                [[_("Exercise"), _("When")]]
                + [
                    [
                        f"{group.exercise} ({len(group.events)})",
                        "; ".join(
                            f"{format_date(event.date, 'SHORT_DATE_FORMAT')}, {event.what}"
                            for event in group.events
                        ),
                    ]
                    for group in report.flagged
                ],
                [50 * mm, 124 * mm],
                styles,
            )
        )
    else:
        story.append(_p(_("None in this period."), styles["body"]))
    story.append(_p(_("Worse the next morning"), styles["h2"]))
    if report.worse_mornings:
        story.append(
            _p(
                ", ".join(format_date(day, "SHORT_DATE_FORMAT") for day in report.worse_mornings),
                styles["body"],
            )
        )
    else:
        story.append(_p(_("None in this period."), styles["body"]))
    if report.notes:
        story.append(_p(_("Notes chosen by the person"), styles["h2"]))
        story.append(
            _table(
                [[_("Date"), _("What")]]
                + [
                    [format_date(event.date, "SHORT_DATE_FORMAT"), event.what]
                    for event in report.notes
                ],
                [30 * mm, 144 * mm],
                styles,
            )
        )
    document.build(story)
    return buffer.getvalue()


def _dash(value) -> str:
    return "–" if value is None else str(value)


def _mean(value: float | None) -> str:
    return "–" if value is None else number_format(value, decimal_pos=1)
