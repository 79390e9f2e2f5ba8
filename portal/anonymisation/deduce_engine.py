"""Load deduce (Dutch de-identification) once per process, for its name detection.

deduce builds lookup structures (tries of first names, surnames, place names) from its
word lists; a full build takes about a minute. We only need the name and place-name
lists, so `build_cache()` builds just those (a few seconds) and pickles them into the
project's data folder (default var/deduce-cache/, git-ignored). Run it at install time:

    python -m portal.anonymisation.build_cache

At run time a missing or stale cache raises DeduceCacheMissingError with that command in
the message: an editor's save must never wait a minute for a lazy build. Loading the
cache takes about a second; the engine is a thread-safe, module-level singleton.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle  # noqa: S403 - our own cache file, written by build_cache()
import threading
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CACHE_DIR = PROJECT_ROOT / "var" / "deduce-cache"
CACHE_FORMAT = 1
BUILD_COMMAND = "python -m portal.anonymisation.build_cache"

# The lookup structures the annotators below need.
_NEEDED_STRUCTS = (
    "prefix",
    "initial",
    "interfix",
    "interfix_surname",
    "whitelist",
    "first_name",
    "surname",
    "placename",
)
# deduce annotators we run: the "names" group minus patient metadata and the eponymous
# disease list, plus the place-name lookup (to tell "Den Haag" from a person).
_NAME_ANNOTATORS = (
    "prefix_with_initial",
    "prefix_with_interfix",
    "prefix_with_name",
    "interfix_with_name",
    "initial_with_name",
    "initial_interfix",
    "first_name_lookup",
    "surname_lookup",
    "name_context",
)
_PLACE_ANNOTATORS = ("placename",)
# deduce post-processing we skip: we want the raw tags ("voornaam+interfix+achternaam").
_SKIPPED_PROCESSORS = {
    "person_annotation_converter",
    "remove_street_tags",
    "clean_street_tags",
    "post_processing",
}


class DeduceCacheMissingError(RuntimeError):
    """The deduce lookup cache is missing or was built for another deduce version."""


def _import_deduce() -> Any:
    """Import deduce without letting it reconfigure logging.

    deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) at import time,
    which would send every DEBUG record of the project to stdout.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce  # noqa: PLC0415

    root.handlers[:] = handlers
    root.setLevel(level)
    return deduce


def cache_dir() -> Path:
    """The cache folder: settings.CASEBOOK_DEDUCE_CACHE_DIR, $DEDUCE_CACHE_DIR, or default."""
    try:
        from django.conf import settings  # noqa: PLC0415

        configured = getattr(settings, "CASEBOOK_DEDUCE_CACHE_DIR", None)
    except Exception:  # noqa: BLE001 - Django not configured (plain script use)
        configured = None
    configured = configured or os.environ.get("DEDUCE_CACHE_DIR")
    return Path(configured) if configured else DEFAULT_CACHE_DIR


def cache_file(directory: Path | None = None) -> Path:
    deduce = _import_deduce()
    return (directory or cache_dir()) / f"name-lookups-deduce-{deduce.__version__}.pickle"


def build_cache(directory: Path | None = None) -> Path:
    """Build the name and place-name lookup structures and pickle them. Returns the file."""
    deduce = _import_deduce()
    from deduce import lookup_struct_loader as loaders  # noqa: PLC0415
    from deduce.lookup_structs import load_raw_itemsets  # noqa: PLC0415
    from docdeid.ds import DsCollection, LookupSet  # noqa: PLC0415

    lookup_path = Path(deduce.__file__).parent / "data" / "lookup"
    raw = load_raw_itemsets(
        base_path=lookup_path,
        subdirs=[
            "locations/lst_placename",
            "names/lst_first_name",
            "names/lst_initial",
            "names/lst_interfix",
            "names/lst_interfix_surname",
            "names/lst_prefix",
            "names/lst_surname",
            "whitelist/lst_common_word",
            "whitelist/lst_medical_term",
            "whitelist/lst_stop_word",
        ],
    )
    tokenizer = deduce.Deduce._initialize_tokenizer(lookup_path)
    structs = DsCollection()
    for name in ("initial", "interfix_surname"):
        lookup_set = LookupSet()
        lookup_set.add_items_from_iterable(raw[name])
        structs[name] = lookup_set
    structs["prefix"] = loaders.load_prefix_lookup(raw)
    structs["interfix"] = loaders.load_interfix_lookup(raw)
    structs["whitelist"] = loaders.load_whitelist_lookup(raw)
    structs["first_name"] = loaders.load_first_name_lookup(raw, tokenizer)
    structs["surname"] = loaders.load_surname_lookup(raw, tokenizer)
    structs["placename"] = loaders.load_placename_lookup(raw, tokenizer)

    target = cache_file(directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(
            {
                "format": CACHE_FORMAT,
                "deduce_version": deduce.__version__,
                "lookup_structs": structs,
            },
            handle,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    tmp.replace(target)
    return target


def _load_structs(path: Path) -> Any:
    deduce = _import_deduce()
    if not path.exists():
        raise DeduceCacheMissingError(
            f"De lookup-cache van deduce ontbreekt ({path}). Bouw hem bij de installatie "
            f"met `{BUILD_COMMAND}` (of `make install`)."
        )
    # Unpickling millions of small objects with the cyclic GC on takes 5-20 s instead of
    # about 1 s; freeze them afterwards so later collections skip them.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 - our own file
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
    if data.get("format") != CACHE_FORMAT or data.get("deduce_version") != deduce.__version__:
        raise DeduceCacheMissingError(
            f"De lookup-cache van deduce ({path}) hoort bij een andere versie. Bouw hem "
            f"opnieuw met `{BUILD_COMMAND}`."
        )
    return data["lookup_structs"]


def _make_engine(lookup_structs: Any) -> Any:
    deduce = _import_deduce()
    import docdeid as dd  # noqa: PLC0415
    from deduce.deduce import _BASE_CONFIG_FILE, _DeduceProcessorLoader  # noqa: PLC0415

    with open(_BASE_CONFIG_FILE, encoding="utf-8") as handle:
        config = json.load(handle)
    wanted = set(_NAME_ANNOTATORS) | set(_PLACE_ANNOTATORS)
    config["annotators"] = {k: v for k, v in config["annotators"].items() if k in wanted}

    class _NameDeduce(deduce.Deduce):
        """Deduce with our own (smaller) lookup structures instead of its full cache."""

        def __init__(self) -> None:
            dd.DocDeid.__init__(self)
            self.config = self._initialize_config(load_base_config=False, user_config=config)
            self.lookup_data_path = Path(deduce.__file__).parent / "data" / "lookup"
            self.tokenizers = {"default": self._initialize_tokenizer(self.lookup_data_path)}
            self.lookup_structs = lookup_structs
            extras = {"tokenizer": self.tokenizers["default"], "ds": lookup_structs}
            self.processors = _DeduceProcessorLoader().load(config=self.config, extras=extras)

    return _NameDeduce()


_engine: Any = None
_engine_lock = threading.Lock()
load_seconds: float | None = None


def get_engine() -> Any:
    """The process-wide deduce engine (loaded on first use, thread-safe)."""
    global _engine, load_seconds  # noqa: PLW0603
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                started = time.perf_counter()
                _engine = _make_engine(_load_structs(cache_file()))
                load_seconds = time.perf_counter() - started
    return _engine


def annotate(text: str) -> list[tuple[int, int, str, str]]:
    """Raw deduce annotations as (start, end, text, tag), tags such as
    "voornaam+interfix+achternaam", "prefix+naam" or "locatie"."""
    doc = get_engine().deidentify(text, disabled=_SKIPPED_PROCESSORS)
    return [(a.start_char, a.end_char, a.text, a.tag) for a in doc.annotations]
