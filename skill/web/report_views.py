"""The report pages: enter a spoken code, see the report, download it as PDF or CSV.

    GET  /report            the code form
    POST /report            redeem a code (short codes within a global budget of wrong ones
                            and a per-address limit); on success a report session opens and
                            the browser goes to /report/view
    GET  /report/view       the report (HTML, printable)
    GET  /report/view.pdf   the same report as a PDF download
    GET  /report/view.csv   the full log as CSV
    POST /report/end        close the report session

No user id in any URL: the code is posted in a form body, and the session id lives
in an HttpOnly, SameSite=Strict cookie (Secure when the request came over https);
the session maps to the user key only in Redis. Every response under /report, the
404s and 405s of paths no route matches included, carries strict security headers
(``SECURITY_HEADERS``). A POST from another site's page is refused before anything is
counted (``skill/report/origin.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, make_response, redirect, render_template, request, url_for

from skill.episodes.export import to_csv
from skill.episodes.store import Store, StoreUnavailable
from skill.episodes.store.report import SESSION_SECONDS, Entered, ReportAccess
from skill.episodes.zones import zone_or_none
from skill.report.charts import bar_chart, heat_map
from skill.report.data import Report, build_report
from skill.report.origin import posted_from_here
from skill.report.pdf import report_pdf

log = logging.getLogger(__name__)

COOKIE = "twitch_report"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    # Not "no-referrer": under it browsers send "Origin: null" with the page's own form
    # post, and the Origin check could not tell it from a post from another site.
    # "same-origin" still sends nothing to any other site.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
BAD_CODE = "That code did not work. Codes work once, for 15 minutes: ask Alexa for a new one."
# Both refusals of a short code send the user to a long one, which no limit refuses.
TOO_MANY = "Too many tries from here. Ask Alexa for a new code: it will be a longer one."
PAUSED = (
    "Short codes are paused after too many wrong tries. "
    "Ask Alexa for a new code: it will be a longer one."
)
CROSS_SITE = "This form only works from the report page itself. Please open it directly."
SESSION_ENDED = "Your report session has ended. Ask Alexa for a new code."
STORE_DOWN = "The diary cannot be reached right now. Please try again in a few minutes."


def report_blueprint(
    store: Store, clock: Callable[[], datetime], public_url: str | None = None
) -> Blueprint:
    """The report routes, bound to the app's store and clock; ``public_url`` (REPORT_URL)
    is an origin the form may be posted from besides the one the request came to."""
    bp = Blueprint("report", __name__, template_folder="templates",
                   static_folder="static", static_url_path="/report/static")  # fmt: skip

    # App-wide, not the blueprint's own after_request: a path under /report that no route
    # matches (a 404, or a 405 for the wrong method) never reaches the blueprint's hooks.
    @bp.after_app_request
    def secure(response: Response) -> Response:
        if request.path == "/report" or request.path.startswith("/report/"):
            response.headers.update(SECURITY_HEADERS)
        return response

    @bp.before_request
    def same_origin_posts_only() -> tuple[str, int] | None:
        if request.method != "POST":
            return None
        origin, site = request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site")
        if posted_from_here(origin, site, (request.host_url, public_url)):
            return None
        log.warning("report: a post from another origin was refused")
        return render_template("report/enter.html", message=CROSS_SITE), 403

    @bp.errorhandler(StoreUnavailable)
    def store_down(_: StoreUnavailable) -> tuple[str, int]:
        log.warning("report: store unavailable")
        return render_template("report/enter.html", message=STORE_DOWN), 503

    @bp.get("/report")
    def enter() -> str:
        return render_template("report/enter.html", message=None)

    @bp.post("/report")
    def redeem() -> Response | tuple[str, int]:
        address = request.remote_addr or "unknown"
        typed = request.form.get("code", "")  # "481 502 739" and "481-502-739" are fine too
        entered, access = store.report.enter_report_code(typed, address=address, now=clock())
        if entered is Entered.ADDRESS_LIMIT:
            log.warning("report: short-code tries over the limit for one address")
            return render_template("report/enter.html", message=TOO_MANY), 429
        if entered is Entered.PAUSED:
            log.warning("report: short codes paused, the budget of wrong ones is spent")
            return render_template("report/enter.html", message=PAUSED), 429
        if access is None:
            log.info("report: a code was refused")
            return render_template("report/enter.html", message=BAD_CODE), 403
        session_id = store.report.open_report_session(access, now=clock())
        log.info("report: a code was accepted")
        response = redirect(url_for("report.view"), code=303)
        response.set_cookie(
            COOKIE, session_id, max_age=SESSION_SECONDS, path="/report",
            secure=request.is_secure, httponly=True, samesite="Strict",
        )  # fmt: skip
        return response

    def current() -> ReportAccess | None:
        return store.report.report_session(request.cookies.get(COOKIE, ""), now=clock())

    def ended() -> tuple[str, int]:
        return render_template("report/enter.html", message=SESSION_ENDED), 401

    def assemble(access: ReportAccess) -> Report:
        zone = zone_or_none(access.zone) or ZoneInfo("UTC")
        episodes = store.diary.all_episodes(access.user_key)
        quiet = store.quiet_days.quiet_days(access.user_key)
        answers = store.symptoms.symptom_answers(access.user_key)
        today = clock().astimezone(zone).date()
        return build_report(episodes, quiet, answers, today=today, zone=zone)

    @bp.get("/report/view")
    def view() -> str | tuple[str, int]:
        access = current()
        if access is None:
            return ended()
        report = assemble(access)
        charts = {
            "heat": heat_map(report.heat_weeks),
            "regions": bar_chart("Twitches by body region", report.regions),
            "times": bar_chart("Twitches by time of day", report.times_of_day),
            "triggers": bar_chart("Triggers named", report.triggers),
        }
        return render_template("report/report.html", report=report, charts=charts)

    @bp.get("/report/view.pdf")
    def pdf() -> Response | tuple[str, int]:
        access = current()
        if access is None:
            return ended()
        return _download(report_pdf(assemble(access)), "application/pdf", "twitch-report.pdf")

    @bp.get("/report/view.csv")
    def csv() -> Response | tuple[str, int]:
        access = current()
        if access is None:
            return ended()
        body = to_csv(store.diary.all_episodes(access.user_key)).encode()
        return _download(body, "text/csv; charset=utf-8", "twitch-diary.csv")

    @bp.post("/report/end")
    def end() -> Response:
        store.report.end_report_session(request.cookies.get(COOKIE, ""))
        response = redirect(url_for("report.enter"), code=303)
        response.delete_cookie(COOKIE, path="/report", secure=request.is_secure,
                               httponly=True, samesite="Strict")  # fmt: skip
        return response

    return bp


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    response = make_response(body)
    response.mimetype = mimetype
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
