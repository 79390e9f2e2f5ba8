"""What search engines get: the sitemap and robots.txt."""

from portal.home.factories import ContentPageFactory


def test_sitemap_lists_live_pages_and_not_drafts(client, site_root):
    published = ContentPageFactory(
        parent=site_root, title="Over de methode", slug="over-de-methode"
    )
    ContentPageFactory(parent=site_root, title="Nog niet klaar", slug="concept-pagina", live=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    content = response.content.decode()
    assert f"<loc>{published.full_url}</loc>" in content
    assert f"<loc>{site_root.full_url}</loc>" in content
    assert "concept-pagina" not in content


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client, site_root):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
