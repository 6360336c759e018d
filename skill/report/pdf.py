"""The report as a PDF (fpdf2: pure Python, no system packages). Reads the same ``Report``
as the web page; charts are drawn with plain rectangles in the same colours.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from skill.report.data import SIDES, Count, Report

TITLE = "Muscle twitch diary"
HEAT_COLOURS = ((232, 235, 239), (198, 219, 243), (132, 176, 228), (63, 126, 207), (23, 74, 139))
BAR_COLOUR = (63, 126, 207)
LINE = 6
CELL = 3.2  # heat map cell, mm
CELL_STEP = 3.9


def _latin1(text: str) -> str:
    """The PDF core fonts are Latin-1: anything else becomes '?' rather than an error."""
    return text.encode("latin-1", "replace").decode("latin-1")


class _ReportPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(100, 100, 100)
        self.cell(0, 6, f"Information, not medical advice.  Page {self.page_no()}", align="C")


def report_pdf(report: Report) -> bytes:
    """A printable PDF of the whole report."""
    pdf = _ReportPdf(format="A4")
    pdf.set_title(TITLE)
    pdf.set_author("Muscle Twitch Diary")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=18)
    _line(pdf, TITLE, height=10)
    pdf.set_font("Helvetica", size=10)
    _line(pdf, f"Report of {report.today.isoformat()}, times in {report.zone}")
    pdf.ln(2)
    pdf.set_fill_color(255, 247, 224)
    pdf.multi_cell(0, LINE, _latin1(report.notice), fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    _heading(pdf, "Summary")
    if report.total and report.first_day and report.last_day:
        _line(
            pdf,
            f"{report.total} twitches on {report.twitch_days} days, "
            f"from {report.first_day.isoformat()} to {report.last_day.isoformat()}.",
        )
    else:
        _line(pdf, "No twitches logged yet.")

    _heading(pdf, "What the diary's rules found")
    for text in report.findings:
        pdf.multi_cell(0, LINE, _latin1(f"- {text}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    _heading(pdf, "Twitch days")
    _heat_map(pdf, report)

    _heading(pdf, "By body region")
    _bars(pdf, report.regions)
    _heading(pdf, "By region and side")
    _table(
        pdf,
        ("Region", *(s.capitalize() for s in SIDES), "Total"),
        [(r.region, *map(str, r.by_side), str(r.total)) for r in report.sides],
    )
    _heading(pdf, "Time of day")
    _bars(pdf, report.times_of_day)
    _heading(pdf, "Triggers")
    _bars(pdf, report.triggers)

    _heading(pdf, "Symptom check answers")
    if report.answers:
        _table(pdf, ("Question", "Answer"), [(a.question, a.answer) for a in report.answers])
    else:
        _line(pdf, "The symptom check has not been answered.")

    _heading(pdf, "Full log")
    _table(
        pdf,
        ("Date", "Time", "Place", "Side", "Duration", "Time of day", "Triggers"),
        [
            (r.day.isoformat(), r.clock, r.place, r.side, r.duration, r.time_of_day, r.triggers)
            for r in report.rows
        ],
    )
    return bytes(pdf.output())


def _line(pdf: FPDF, text: str, *, height: float = LINE) -> None:
    pdf.cell(0, height, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", style="B", size=12)
    _line(pdf, text, height=8)
    pdf.set_font("Helvetica", size=10)


def _bars(pdf: FPDF, counts: tuple[Count, ...]) -> None:
    if not counts:
        _line(pdf, "Nothing logged yet.")
        return
    most = max(c.count for c in counts) or 1
    label_width, area = 45.0, 100.0
    for count in counts:
        if pdf.will_page_break(LINE):
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_xy(x, y)
        pdf.cell(label_width - 2, LINE - 1, _latin1(count.label), align="R")
        width = area * count.count / most
        if width:
            pdf.set_fill_color(*BAR_COLOUR)
            pdf.rect(x + label_width, y + 0.5, width, LINE - 2, style="F")
        pdf.set_xy(x + label_width + width + 2, y)
        pdf.cell(15, LINE - 1, str(count.count))
        pdf.set_xy(x, y + LINE)


def _heat_map(pdf: FPDF, report: Report) -> None:
    height = 7 * CELL_STEP + 2
    if pdf.will_page_break(height):
        pdf.add_page()
    top, left = pdf.get_y(), pdf.l_margin
    for column, week in enumerate(report.heat_weeks):
        for row, day in enumerate(week):
            if day is None:
                continue
            pdf.set_fill_color(*HEAT_COLOURS[day.level])
            pdf.rect(left + column * CELL_STEP, top + row * CELL_STEP, CELL, CELL, style="F")
    pdf.set_y(top + height)
    pdf.set_font("Helvetica", size=8)
    _line(pdf, "Columns are weeks (Monday at the top). Darker: more twitches that day.")
    pdf.set_font("Helvetica", size=10)


def _table(pdf: FPDF, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    if not rows:
        _line(pdf, "Nothing logged yet.")
        return
    pdf.set_font("Helvetica", size=9)
    with pdf.table(first_row_as_headings=True, line_height=5) as table:
        for values in (header, *rows):
            row = table.row()
            for value in values:
                row.cell(_latin1(value))
    pdf.set_font("Helvetica", size=10)
