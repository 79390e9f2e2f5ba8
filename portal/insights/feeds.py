"""Placeholder: the RSS/Atom feed of standards and insights (filled in by the standards
and insights work)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class PortalRssFeed(Feed):
    title = "Doorbraak Leeromgeving: standaarden en geleerde lessen"
    link = "/"
    description = "Nieuwe standaarden en geleerde lessen van het IPW."

    def items(self) -> list:
        return []


class PortalAtomFeed(PortalRssFeed):
    feed_type = Atom1Feed
    subtitle = PortalRssFeed.description
