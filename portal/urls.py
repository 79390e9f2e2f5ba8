from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from casebook.case_search.api import cases_view
from portal.accounts.views import login_elsewhere
from portal.shell import views as shell_views
from portal.shell.feeds import PortalAtomFeed, PortalRssFeed
from portal.shell.page_editor import PageEditView, page_unpublish

urlpatterns = [
    # One way in: Wagtail's own password logins (the admin's, and the one for private
    # pages) go to allauth's, before Wagtail's URLs can answer them.
    path("admin/login/", login_elsewhere, {"default_next": "/admin/"}, name="admin_login"),
    path("_util/login/", login_elsewhere, name="private_page_login"),
    # Wagtail's page editor, serialised per page (see portal.shell.page_editor).
    path("admin/pages/<int:page_id>/edit/", PageEditView.as_view(), name="page_edit"),
    # ... and its unpublish in one transaction with what it records for search.
    path(
        "admin/pages/<int:page_id>/unpublish/",
        page_unpublish,
        name="page_unpublish",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("hulplijn/", include("portal.helpline.urls")),
    path("leren/", include("learning.urls")),
    path("sessies/", include("learning.clinics.urls")),
    path("bijdragen/", include("learning.contributions.urls")),
    path("leerlijnen/", include("learning.paths.urls")),
    path("volgen/", include("learning.follows.urls")),
    path("zoekopdrachten/", include("casebook.saved_searches.urls")),
    path("zoeken/", include("search.urls")),
    path("api/v1/cases/", cases_view, name="api_cases"),
    path("api/v1/", include("search.api.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("feed/", PortalRssFeed(), name="feed_rss"),
    path("feed/atom/", PortalAtomFeed(), name="feed_atom"),
    path("healthz/", shell_views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page serving comes last: it catches every other path.
    path("", include(wagtail_urls)),
]

handler400 = "portal.shell.views.bad_request"
handler403 = "portal.shell.views.permission_denied"
handler404 = "portal.shell.views.page_not_found"
handler500 = "portal.shell.views.server_error"
