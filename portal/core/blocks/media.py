import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def youtube_video_id(url: str) -> str | None:
    """Return the video id of a YouTube URL, or None when it is not one."""
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.lstrip("/")
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            candidate = parsed.path.split("/")[2]
    if candidate and YOUTUBE_ID.match(candidate):
        return candidate
    return None


class AccessibleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Afbeelding")
    alt_text = blocks.CharBlock(
        label="Alternatieve tekst",
        max_length=250,
        help_text="Verplicht: beschrijf wat de afbeelding laat zien voor wie haar niet ziet.",
    )
    caption = blocks.CharBlock(label="Onderschrift", required=False, max_length=250)

    class Meta:
        label = "Afbeelding"
        icon = "image"
        template = "core/blocks/image.html"


class VideoBlockValue(blocks.StructValue):
    def video_id(self) -> str | None:
        return youtube_video_id(self.get("url", ""))

    def embed_url(self) -> str:
        return f"https://www.youtube-nocookie.com/embed/{self.video_id()}"

    def watch_url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.video_id()}"


class VideoBlock(blocks.StructBlock):
    """A YouTube video, played through youtube-nocookie only after the visitor asks for
    it (so a page loads nothing from YouTube by itself), with a required transcript."""

    title = blocks.CharBlock(label="Titel", max_length=200)
    url = blocks.URLBlock(label="YouTube-adres")
    transcript = blocks.RichTextBlock(
        label="Transcriptie",
        features=["bold", "italic", "ol", "ul"],
        help_text=(
            "Verplicht: de volledige tekst van de video, voor wie niet kan kijken of luisteren."
        ),
    )

    class Meta:
        label = "Video"
        icon = "media"
        template = "core/blocks/video.html"
        value_class = VideoBlockValue

    def clean(self, value):
        value = super().clean(value)
        if not youtube_video_id(value.get("url", "")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        "Geef een geldig YouTube-adres, bijvoorbeeld https://www.youtube.com/watch?v=…"
                    )
                }
            )
        return value
