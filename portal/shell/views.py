"""The shell's own views: the health endpoint and the error pages."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.helpline.selectors import outbox_health
from search.health import search_health

logger = logging.getLogger("portal.shell")

#: Seconds after which a visitor (or a client of the API) may try again.
RETRY_AFTER = 60
DATABASE_UNAVAILABLE = gettext_lazy(
    "De leeromgeving kan nu niet bij haar gegevens. Probeer het over een paar minuten opnieuw."
)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError as error:
        logger.critical("Health check: the database is unavailable: %s", error)
        return False


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 503 when the database is unavailable (nothing
    works without it); 200 otherwise, "degraded" when search or mail lag behind (the site
    works on, and they catch up by themselves): the search engine is down, or its index
    updates wait too long (`search.health`), or mails wait too long."""
    if not _database_ok():
        response = JsonResponse({"status": "unhealthy", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    try:
        search = search_health()  # reads the index outbox
        mail = outbox_health()
    except DatabaseError as error:  # reachable, but not the database it should be
        logger.critical("Health check: the database answers but is not usable: %s", error)
        response = JsonResponse({"status": "unhealthy", "database": "error"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    degraded = "degraded" in (search["status"], mail["status"])
    return JsonResponse(
        {
            "status": "degraded" if degraded else "ok",
            "database": "ok",
            "search": search,
            "mail": mail,
        }
    )


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return _json_error(_("Niet gevonden."), 404)
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400, in Dutch; a post over the size limit says what the limit is."""
    too_large = isinstance(exception, RequestDataTooBig)
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if _api(request):
        return _json_error(
            _("Het verzoek is groter dan %(limit)s.") % {"limit": limit}
            if too_large
            else _("Het verzoek is niet goed leesbaar."),
            400,
        )
    return render(request, "400.html", {"too_large": too_large, "limit": limit}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return _json_error(_("Geen toegang."), 403)
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form without a valid CSRF token (expired session, cookies off): Dutch, and JSON
    on the API (CSRF_FAILURE_VIEW)."""
    if _api(request):
        return _json_error(_("Dit verzoek mist een geldige beveiligingscode (CSRF)."), 403)
    return render(request, "403_csrf.html", status=403)


def _is_outage(error: BaseException) -> bool:
    """No connection, a lost one, a locked or unreadable database file (plain
    DatabaseError, as SQLite raises for a corrupt file); not an IntegrityError or a
    ProgrammingError, which are bugs."""
    return isinstance(error, (OperationalError, InterfaceError)) or type(error) is DatabaseError


def _database_failure(error: BaseException | None) -> DatabaseError | None:
    """The database outage behind `error` (itself or one it was raised from), if any."""
    seen = set()
    while error is not None and id(error) not in seen:
        if _is_outage(error):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def server_error(request: HttpRequest) -> HttpResponse:
    """The last word on an uncaught error. A database that cannot be reached is an outage,
    not a bug: 503 with `Retry-After` (JSON on the API) and a critical log line."""
    failure = _database_failure(sys.exc_info()[1])
    if failure is not None:
        logger.critical("Database unavailable while serving %s: %s", request.path, failure)
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": str(DATABASE_UNAVAILABLE)}, status=503)
        else:
            # Rendered without a request context: context processors read the database.
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    if _api(request):
        return _json_error(_("Er ging iets mis aan onze kant. Probeer het later opnieuw."), 500)
    # Rendered without a request context: the database or a context processor may be
    # what failed.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
