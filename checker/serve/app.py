"""The web app (Flask; ``fazhi serve`` runs it under waitress): its routes, and what guards every
request.

Safe by default: on a loopback address a request must name a loopback host (a page elsewhere cannot
reach the server by a name of its own: DNS rebinding); anywhere else every request brings the access
token (header ``X-Fazhi-Token`` or ``Authorization: Bearer``, or the cookie the printed address
sets), else 401. A form sent from another site's page is refused (its Origin). Every response
carries a Content-Security-Policy that lets the page load only its own stylesheet and script (no
inline script or style, nothing from elsewhere: it works on an offline intranet), and results are
never cached. Uploads are held in memory within the request's limit, then written to the
request's own temporary folder, which is removed when the request (or the scoring run) ends.
Templates escape every value. A problem is shown as ``fazhi check`` says it; anything unexpected
as one line, its traceback only in the server's log."""

from __future__ import annotations

import hmac
import io
import logging
import re
from urllib.parse import urlsplit

from flask import Flask, Request, g, jsonify, redirect, render_template, request, send_file
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from checker import __version__, i18n
from checker.errors import Diagnostic, FazhiError
from checker.serve import assessor, catalog, county, page, uploads
from checker.serve.service import Service, is_loopback
from checker.serve.words import size_text, w

log = logging.getLogger("fazhi.serve")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
TOKEN_HEADER, TOKEN_COOKIE, LANG_COOKIE = "X-Fazhi-Token", "fazhi_token", "fazhi_lang"
ACCEPT = ".yaml,.yml,.json,.xlsx,.docx,.pdf,.html,.htm,.txt"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MemoryRequest(Request):
    """Uploaded files held in memory (the request's size is limited), never spooled by the framework
    to a temporary file of the system's own: they are written only to the request's folder."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def create_app(service: Service) -> Flask:
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.request_class = MemoryRequest
    limits = service.settings.limits
    app.config.update(
        MAX_CONTENT_LENGTH=limits.upload,
        MAX_FORM_MEMORY_SIZE=limits.upload,
        MAX_FORM_PARTS=max(4000, limits.files * 4),
        SEND_FILE_MAX_AGE_DEFAULT=0,
    )
    jobs = assessor.Jobs(service)
    app.extensions["fazhi"] = (service, jobs)
    _guard(app, service)
    _county(app, service)
    _assessor(app, service, jobs)
    _catalog(app, service)
    _errors(app, service)
    return app


def close(app: Flask) -> None:
    service, jobs = app.extensions["fazhi"]
    jobs.close()
    service.close()


# ---- what every request passes ---------------------------------------------------------------------


def _guard(app: Flask, service: Service) -> None:
    settings = service.settings
    loopback = is_loopback(settings.host) and settings.token is None

    @app.before_request
    def guard():
        g.lang = _lang(settings.lang)
        if loopback and not is_loopback(urlsplit("//" + (request.host or "")).hostname or ""):
            return _refused(400, "serve.bad_host", host=i18n.one_line(request.host or "")[:80])
        if settings.token is not None:
            given = request.args.get("token")
            if given is not None and _same(given, settings.token):
                back = redirect(request.path, 303)  # the address without the token, the cookie set
                back.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="Strict")
                return back
            if not _same(_token_given(), settings.token):
                body, status = _refused(401, "serve.unauthorized")
                return body, status, {"WWW-Authenticate": 'Bearer realm="fazhi"'}
        if request.method == "POST" and not _same_origin():
            return _refused(403, "serve.bad_origin")
        if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
            chosen = request.form.get("lang")  # the result page's switch: the form sent again
            if chosen in i18n.LANGS:
                g.lang, g.lang_chosen = chosen, True
        return None

    @app.after_request
    def headers(response):
        h = response.headers
        h["Content-Security-Policy"] = CSP
        h["X-Content-Type-Options"] = "nosniff"
        h["Referrer-Policy"] = "same-origin"  # no-referrer would make a form's Origin "null"
        h["X-Frame-Options"] = "DENY"
        h["Cross-Origin-Opener-Policy"] = "same-origin"
        h["Cross-Origin-Resource-Policy"] = "same-origin"
        if not request.path.startswith("/static/"):
            h["Cache-Control"] = "no-store"
        if g.get("lang_chosen"):
            response.set_cookie(LANG_COOKIE, g.lang, samesite="Strict", httponly=True)
        return response

    @app.context_processor
    def words():
        lang = g.get("lang", settings.lang)
        return {
            "lang": lang,
            "t": lambda key, **params: w(key, lang, **params),
            "version": __version__,
            "profile": service.pack.profile,
            "scheme": service.scheme.key,
            "other_lang": "zh" if lang == "en" else "en",
        }


def _lang(default: str) -> str:
    chosen = request.args.get("lang")
    if chosen in i18n.LANGS:
        g.lang_chosen = True
        return chosen
    kept = request.cookies.get(LANG_COOKIE)
    return kept if kept in i18n.LANGS else default


def _same(given, token: str) -> bool:
    return isinstance(given, str) and hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def _token_given() -> str | None:
    given = request.headers.get(TOKEN_HEADER)
    auth = request.headers.get("Authorization", "")
    if given is None and auth[:7].lower() == "bearer ":
        given = auth[7:].strip()
    return given if given is not None else request.cookies.get(TOKEN_COOKIE)


def _same_origin() -> bool:
    """A form sent by a page of this server (or by a client that names no origin: a script, curl)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.host


def _refused(http_status: int, code: str, **params):
    """A page that says why the request is refused (``code``'s message), with ``http_status``."""
    text = Diagnostic(code, None, None, None, params).render(g.get("lang", "zh"))
    return render_template("page-error.html", lines=[text], status=http_status, bare=True), http_status


# ---- a county checks its file ------------------------------------------------------------------------


def _county(app: Flask, service: Service) -> None:
    settings, cat = service.settings, service.pack.catalogue

    @app.get("/")
    def home():
        limits = settings.limits
        return render_template(
            "page-county.html",
            page="county",
            accept=ACCEPT,
            max_bytes=limits.upload,
            too_big=_said("serve.too_large", limit=size_text(limits.upload)),
            limit_text=w("limits", g.lang, size=size_text(limits.upload), files=1),
        )

    @app.post("/check")
    def check_file():
        files = [f for f in request.files.getlist("file") if f.filename]
        if not files:
            raise uploads.refuse("no_file", None)
        if len(files) > 1:
            raise uploads.refuse("one_file", None, count=len(files))
        meta = _overrides(request.form)
        folder = uploads.workspace(settings.workdir)
        try:
            saved = uploads.save_one(files[0], folder, 0, settings.limits)
            checked = county.read_upload(service, saved, meta, g.lang)
        finally:
            uploads.discard(folder)
        return _result(checked)

    @app.post("/edit")
    def edit():
        folder = uploads.workspace(settings.workdir)
        try:
            checked = county.check_draft(service, county.draft_from_form(request.form, cat), folder)
        finally:
            uploads.discard(folder)
        return _result(checked)

    @app.post("/download/<kind>")
    def download(kind):
        draft = county.draft_from_form(request.form, cat)
        stem = county.yaml_name(draft)[:-5]
        if kind == "yaml":
            return _file(county.draft_yaml(draft).encode("utf-8"), stem + ".yaml", "application/yaml")
        if kind == "xlsx":
            return _file(county.workbook(service, draft, g.lang), stem + ".xlsx", XLSX)
        if kind != "html":
            return _refused(404, "serve.not_found")
        folder = uploads.workspace(settings.workdir)
        try:
            checked = county.check_draft(service, draft, folder)
        finally:
            uploads.discard(folder)
        return _file(county.report_page(service, checked, g.lang).encode("utf-8"), stem + ".html", "text/html")

    @app.get("/template.xlsx")
    def blank():
        from checker.template import template_bytes

        return _file(
            template_bytes(service.pack, {}, g.lang), "填报表.xlsx" if g.lang != "en" else "template.xlsx", XLSX
        )

    def _result(checked):
        segments, marks = page.marked(checked.draft) if checked.draft.text else ([], {})
        return render_template(
            "page-result.html",
            page="result",
            view=page.result_view(checked, cat, g.lang),
            draft=checked.draft,
            segments=segments,
            figures=page.figures_view(checked.draft, cat, g.lang, marks),
            addable=page.addable(checked.draft, cat, g.lang),
        )


def _overrides(form) -> dict:
    """Region, year and publication date for a report whose text does not state them, each checked as
    ``--region``, ``--year`` and ``--published-on`` are."""
    from checker.inputs.model import YEARS
    from checker.inputs.values import Problem, parse_value
    from checker.region import RegionProblem, region_name

    out = {}
    region, year, date = ((form.get(k) or "").strip() for k in ("region", "year", "published_on"))
    if region:
        try:
            out["region"] = region_name(region)
        except RegionProblem as exc:
            raise FazhiError(Diagnostic(exc.code, None, None, None, exc.params)) from None
    if year:
        if not (year.isascii() and year.isdigit() and int(year) in YEARS):
            raise FazhiError(Diagnostic("serve.year", None, None, None, {"raw": i18n.one_line(year)[:40]}))
        out["year"] = int(year)
    if date:
        try:
            out["published_on"] = parse_value(date, "date").value
        except Problem:
            raise FazhiError(Diagnostic("serve.date", None, None, None, {"raw": i18n.one_line(date)[:40]})) from None
    return out


def _said(code: str, **params) -> str:
    return Diagnostic(code, None, None, None, params).render(g.lang)


def _file(body: bytes, name: str, mimetype: str):
    return send_file(io.BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=name, max_age=0)


# ---- an assessor scores a cohort -------------------------------------------------------------------


def _assessor(app: Flask, service: Service, jobs) -> None:
    settings = service.settings

    @app.get("/score")
    def cohort_form():
        limits = settings.limits
        return render_template(
            "page-assessor.html",
            page="assessor",
            accept=ACCEPT + ",.zip",
            max_bytes=limits.upload,
            too_big=_said("serve.too_large", limit=size_text(limits.upload)),
            limit_text=w("limits", g.lang, size=size_text(limits.upload), files=limits.files),
        )

    @app.post("/score")
    def cohort_start():
        files = [f for f in request.files.getlist("files") if f.filename]
        if len(files) > settings.limits.files:
            raise uploads.refuse("too_many_files", None, count=len(files), limit=settings.limits.files)
        folder = uploads.workspace(settings.workdir)
        try:
            saved, skipped = uploads.save_many(files, folder, settings.limits)
            job = jobs.start(saved, skipped, folder, g.lang)
        except BaseException:
            uploads.discard(folder)
            raise
        return redirect(f"/score/{job.id}", 303)

    @app.get("/score/<ident>")
    def cohort_page(ident):
        job = _job(jobs, ident)
        state = job.state  # read once, before the report: a run sets its report, then "done"
        view = assessor.ranking_view(job.report, g.lang) if state == "done" else None
        return render_template("page-job.html", page="job", job=job, state=state, view=view)

    @app.get("/score/<ident>/progress")
    def cohort_progress(ident):
        return jsonify(_job(jobs, ident).progress())

    @app.get("/score/<ident>/download/<kind>")
    def cohort_download(ident, kind):
        job = _job(jobs, ident)
        if job.report is None or kind not in assessor.DOWNLOADS:
            return _refused(404, "serve.not_found")
        mimetype, zh, en = assessor.DOWNLOADS[kind]
        return _file(assessor.rendered(job.report, kind, g.lang), zh if g.lang != "en" else en, mimetype)


def _job(jobs, ident: str):
    job = jobs.get(ident) if re.fullmatch(r"[A-Za-z0-9_-]{10,64}", ident) else None
    if job is None:
        raise FazhiError(Diagnostic("serve.no_job", None, None, None))
    return job


# ---- rules and indicators ------------------------------------------------------------------------


def _catalog(app: Flask, service: Service) -> None:
    pack = service.pack

    @app.get("/rules")
    def rules():
        area = request.args.get("area") or None
        return render_template("page-rules.html", page="rules", view=catalog.rules_view(pack, g.lang, area))

    @app.get("/rules/<rule_id>")
    def rule(rule_id):
        found = pack.rule(rule_id)
        if found is None:
            raise FazhiError(Diagnostic("cli.no_such_rule", None, None, None, {"id": i18n.one_line(rule_id)[:40]}))
        return render_template("page-rule.html", page="rules", view=catalog.rule_view(pack, found, g.lang))

    @app.get("/indicators")
    def indicators():
        return render_template("page-indicators.html", page="indicators", view=catalog.indicators_view(pack, g.lang))


# ---- how a request that cannot be done is answered ---------------------------------------------------

STATUS = {"serve.busy": 503, "serve.no_job": 404, "cli.no_such_rule": 404}


def _errors(app: Flask, service: Service) -> None:
    @app.errorhandler(FazhiError)
    def refused(exc: FazhiError):
        lang = g.get("lang", service.settings.lang)
        status = STATUS.get(exc.diagnostics[0].code if exc.diagnostics else "", 400)
        return render_template(
            "page-error.html", lines=[d.render(lang) for d in exc.diagnostics], status=status
        ), status

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc):
        limit = size_text(service.settings.limits.upload)
        return _refused(413, "serve.too_large", limit=limit)

    @app.errorhandler(HTTPException)
    def http(exc: HTTPException):
        code = {404: "serve.not_found", 405: "serve.method"}.get(exc.code or 0, "serve.http")
        return _refused(exc.code or 500, code, status=exc.code)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("request %s %s failed", request.method, request.path)
        return _refused(500, "serve.internal")
