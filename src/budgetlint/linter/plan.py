"""What each file of a run is linted with: its pack (from its own config, found from
its folder upward, unless the command line names one), its per-file ignores, and
the suppression options; resolved once in the main process, looked up per file in
the workers.

A config or pack that cannot be used is that file's error (one line naming the
config), not the batch's: the other files are still linted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional, Union

from budgetlint import __version__
from budgetlint.core.detect import builtin_candidates, detect, source_texts
from budgetlint.core.model import Source
from budgetlint.core.i18n import DEFAULT_LANG, say
from budgetlint.core.profile import PACKS_DIR
from budgetlint.core.results import FileResult
from budgetlint.core.files import FileRefused, read_regular
from budgetlint.ingest import MAX_INPUT_BYTES, InputError, is_url, load_data, load_path, read_from_file, read_input
from budgetlint.linter.bundle import bundle_sha256, combine, split
from budgetlint.linter.config import Config, ConfigError, config_for, load_config
from budgetlint.linter.lint import lint_file, lint_source
from budgetlint.linter.suppress import suppressed
from budgetlint.rules.loader import Pack, PackError, load_pack, unknown_refs


@dataclass(frozen=True)
class Options:
    """What the command line says; None/empty: what each file's config says."""

    pack: Optional[str] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    form: Optional[str] = None
    config: Optional[str] = None  # --config FILE: this config for every file
    no_config: bool = False
    report_unused: bool = False
    lang: str = DEFAULT_LANG  # the run's language: every file's findings speak it


@dataclass
class FileSettings:
    pack: Pack
    ignores: tuple[str, ...] = ()
    # Where no pack is configured, detection chooses among the built-in packs (``pack``
    # is core's), each loaded when a file first needs it and filtered as ``pack`` is
    # (``filters``: select, ignore, severities); else what chose ``pack``, for the reports.
    detect: bool = False
    filters: tuple = ()
    why: str = ""
    digest: Optional[str] = None  # settings_digest of the above, with the run's options
    lang: str = DEFAULT_LANG  # the run's language, which a detected pack must speak too

    def choose(self, source: Source, default: Pack) -> tuple[Pack, str]:
        found = detect(source_texts(source), builtin_candidates(), default.profile)
        why = say("detect.detected", self.lang, what=found.describe(self.lang))
        if found.pack == default.name:
            return default, why
        try:
            return _builtin(found.pack, self.filters, self.lang), why
        except PackError as exc:  # a built-in pack that does not load: a bug, said in the reason
            return default, say("detect.failed", self.lang, pack=found.pack, error=exc.text_in(self.lang), default=default.name)


@lru_cache(maxsize=32)
def _builtin(name: str, filters: tuple, lang: str) -> Pack:
    select, ignore, severities = filters
    return load_pack(name).with_severities(dict(severities)).with_lang(lang).filtered(select, ignore)


@dataclass
class Plan:
    """Per file: an index into ``settings``, or the one-line reason it cannot be linted."""

    options: Options
    settings: list[FileSettings] = field(default_factory=list)
    files: dict[str, Union[int, str]] = field(default_factory=dict)
    stdin: Optional[tuple[str, bytes]] = None  # (the name it is linted as, its bytes)
    # ``check --bundle``: the main file of a disclosure -> its other files (linter.bundle)
    bundles: dict[str, list[str]] = field(default_factory=dict)

    def key(self, path: str, sha256: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """(sha256, pack_sha256) as ``lint_planned`` sets them on ``path``'s result,
        given the digest of its bytes (None: unreadable)."""
        entry = self.files.get(path)
        if not isinstance(entry, int):
            return None, None  # not linted at all: the result is the plan's error
        return sha256, self.settings[entry].digest

    def task_paths(self, path: str) -> list[str]:
        """The files linted by the task of ``path``: it, and the other files of its
        disclosure when it is the main file of a bundle."""
        return [path, *self.bundles.get(path, ())]

    def for_file(self, path: str) -> "Plan":
        """The plan of ``path`` alone (and of its bundle): what a cluster's task for it
        carries (the whole plan names every file of the run)."""
        bundles = {path: list(self.bundles[path])} if self.bundles.get(path) else {}
        entry = self.files.get(path)
        if not isinstance(entry, int):
            return Plan(self.options, files={path: entry} if entry is not None else {}, bundles=bundles)
        return Plan(self.options, settings=[self.settings[entry]], files={path: 0}, bundles=bundles)

    def packs(self) -> list[Pack]:
        seen: dict[int, Pack] = {}
        for s in self.settings:
            seen.setdefault(id(s.pack), s.pack)
        return list(seen.values())

    @property
    def detecting(self) -> bool:
        """Does some file get its pack from what its text names?"""
        return any(s.detect for s in self.settings)


class Planner:
    """Builds a ``Plan``, loading each config and each pack once."""

    def __init__(self, options: Options):
        self.options = options
        self._packs: dict[tuple, Union[Pack, str]] = {}
        self._settings: dict[tuple, int] = {}
        self.plan = Plan(options)

    def config_of(self, path: str) -> Config:
        if self.options.no_config:
            return Config()
        if self.options.config:
            return load_config(self.options.config)
        return config_for(path)

    def _pack(self, cfg: Config) -> Union[Pack, str]:
        o = self.options
        ref = o.pack or cfg.pack or "core"
        select, ignore = list(o.select) or cfg.select, list(o.ignore) or cfg.ignore
        key = (ref, tuple(select), tuple(ignore), tuple(sorted(cfg.severity.items())))
        if key not in self._packs:
            try:
                pack = load_pack(ref).with_severities(cfg.severity).with_lang(o.lang)
            except PackError as exc:
                self._packs[key] = f"{cfg.path + ': ' if cfg.path and not o.pack else ''}{exc.text_in(o.lang)}"
                return self._packs[key]
            unknown = unknown_refs(pack, select + ignore)
            if unknown:
                where = f"{cfg.path}: " if cfg.path and not (o.select or o.ignore) else ""
                self._packs[key] = where + say("error.no-rule", o.lang, rule=repr(unknown[0]), pack=pack.name)
            else:
                self._packs[key] = pack.filtered(select, ignore)
        return self._packs[key]

    def _why(self, cfg: Config) -> str:
        lang = self.options.lang
        if self.options.pack:
            return say("pack.option", lang, pack=self.options.pack)
        if cfg.path:
            return say("pack.from-config", lang, pack=cfg.pack, path=cfg.path)
        return say("pack.configured", lang, pack=cfg.pack)

    def add(self, path: str) -> Union[FileSettings, str]:
        try:
            cfg = self.config_of(path)
        except ConfigError as exc:
            self.plan.files[path] = exc.text_in(self.options.lang)
            return self.plan.files[path]
        pack = self._pack(cfg)
        if isinstance(pack, str):
            self.plan.files[path] = pack
            return pack
        ignores = tuple(cfg.ignores_for(path))
        auto = not (self.options.pack or cfg.pack)
        key = (id(pack), ignores, auto)
        if key not in self._settings:
            self._settings[key] = len(self.plan.settings)
            o = self.options
            filters = (tuple(o.select) or tuple(cfg.select), tuple(o.ignore) or tuple(cfg.ignore),
                       tuple(sorted(cfg.severity.items())))
            settings = FileSettings(pack, ignores, auto, filters, "" if auto else self._why(cfg), lang=o.lang)
            settings.digest = settings_digest(settings, self.options)
            self.plan.settings.append(settings)
        self.plan.files[path] = self._settings[key]
        return self.plan.settings[self._settings[key]]


def settings_digest(settings: FileSettings, options: Options) -> str:
    """SHA-256 of everything besides the input's bytes that decides a file's result:
    the budgetlint version, the pack's rules (after the config's severities and the
    selection) and profile, the per-file ignores, the form, suppression and language
    options; where the pack is detected from the text, the built-in packs it is chosen among."""
    pack = settings.pack
    what = {
        "version": __version__, "pack": pack.name, "rules": [dataclasses.asdict(r) for r in pack.rules],
        "profile": pack.profile, "ignores": list(settings.ignores), "form": options.form,
        "report_unused": options.report_unused, "lang": options.lang, "why": settings.why,
        "detect": _builtin_packs_digest() if settings.detect else None, "filters": settings.filters,
    }
    text = json.dumps(what, sort_keys=True, ensure_ascii=False, default=_canonical)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _builtin_packs_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKS_DIR.glob("*.yaml")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    """A value json cannot write, as data that is the same in every process (never
    an address, never the order of a set)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, (tuple, list)):
        return list(value)
    if hasattr(value, "pattern"):  # a compiled pattern
        return {"pattern": getattr(value, "pattern")}
    if hasattr(value, "items"):
        return dict(value.items())
    return type(value).__name__


def lint_planned(path: str, plan: Plan, data: Optional[bytes] = None) -> FileResult:
    """Lint one file as the plan says (the batch's per-file function); ``data``: its
    bytes, read already (a cluster's task, a URL), else it is read from ``path``."""
    if plan.bundles.get(path):
        return _lint_bundle(path, plan, data if isinstance(data, dict) else None)
    entry = plan.files.get(path)
    if entry is None:
        return FileResult(path=path, error="internal error: file not in the plan")
    if isinstance(entry, str):
        return FileResult(path=path, error=entry)
    settings = plan.settings[entry]
    form = plan.options.form
    if plan.stdin is not None and plan.stdin[0] == path:
        data = plan.stdin[1]
    elif data is None and is_url(path):
        try:
            data = read_input(path)
        except InputError as exc:
            return _keyed(FileResult(path=path, error=exc.reason_in(settings.lang)), None, settings)
    if data is not None:
        result = _lint_data(data, path, settings, form)
    else:
        data = _bytes_of(path)
        if data is not None and not read_from_file(data, path, form):
            result = _lint_data(data, path, settings, form)  # read once: these bytes are the ones hashed
        else:
            result = lint_file(path, settings.pack, form, settings.why, settings.choose if settings.detect else None)
    known = [(r.id, r.name) for r in settings.pack.rules]
    return _keyed(suppressed(result, settings.ignores, plan.options.report_unused, known, settings.lang), data, settings)


def _lint_data(data: bytes, path: str, settings: FileSettings, form: Optional[str]) -> FileResult:
    try:
        source = load_data(data, path, form)
    except InputError as exc:
        return FileResult(path=path, error=exc.reason_in(settings.lang))
    except Exception as exc:  # as lint_file says it of a file it reads itself
        return FileResult(path=path, error=say("error.cannot-read-type", settings.lang, why=f"{exc.__class__.__name__}: {exc}"))
    return lint_source(source, settings.pack, settings.why, settings.choose if settings.detect else None)


def _bytes_of(path: str) -> Optional[bytes]:
    """A local file's bytes, for its digest (and its lint, unless it is a .pdf or
    .docx, whose readers open the file by name); None when it cannot be read (its
    lint says why)."""
    try:
        return read_regular(path, MAX_INPUT_BYTES)
    except FileRefused:
        return None


def _keyed(result: FileResult, data: Optional[bytes], settings: FileSettings) -> FileResult:
    result.sha256 = hashlib.sha256(data).hexdigest() if data is not None else None
    result.pack_sha256 = settings.digest
    return result


def _lint_bundle(lead: str, plan: Plan, data: Optional[dict] = None) -> FileResult:
    """The files of one disclosure linted as one source (the main file's settings),
    each result with its own findings; a file that cannot be read is its own error.
    ``data``: each file's bytes (or why it cannot be read), read already (a cluster's
    task); else each is read here. Every result is keyed by the bundle (``bundle_sha256``
    of all its files, the main file's settings), so that ``--resume`` redoes a bundle
    whenever one of its files changed."""
    entry = plan.files.get(lead)
    paths = [lead, *plan.bundles[lead]]
    if not isinstance(entry, int):
        results = [FileResult(path=p, error=entry if isinstance(entry, str) else "internal error: file not in the plan")
                   for p in paths]
        return _nest(results)
    settings = plan.settings[entry]
    form = plan.options.form
    if data is None:
        data = {p: _bytes_of(p) for p in paths}
        # read once where a reader takes bytes; a .pdf or .docx reader opens the file by name
        loaded = {p: d if d is not None and not read_from_file(d, p, form) else None for p, d in data.items()}
    else:
        loaded = data
    digest = bundle_sha256([(p, d if isinstance(d, bytes) else None) for p, d in data.items()])
    sources, failed = [], []
    for p in paths:
        try:
            given = loaded.get(p)
            if isinstance(given, str):
                raise InputError(p, given)
            sources.append(load_path(p, form) if given is None else load_data(given, p, form))
        except InputError as exc:
            failed.append(FileResult(path=p, error=exc.reason_in(plan.options.lang)))
    if not sources:
        return _nest([_keyed_as(r, digest, settings) for r in failed])
    source, members = combine(sources)
    whole = lint_source(source, settings.pack, settings.why, settings.choose if settings.detect else None)
    known = [(r.id, r.name) for r in settings.pack.rules]
    parts = [suppressed(r, settings.ignores, plan.options.report_unused, known, settings.lang)
             for r in split(whole, members, sources, plan.options.lang)]
    order = {p: i for i, p in enumerate(paths)}
    return _nest([_keyed_as(r, digest, settings) for r in sorted(parts + failed, key=lambda r: order[r.path])])


def _keyed_as(result: FileResult, sha256: str, settings: FileSettings) -> FileResult:
    result.sha256, result.pack_sha256 = sha256, settings.digest
    return result


def _nest(results: list[FileResult]) -> FileResult:
    first = results[0]
    first.bundled = results[1:]
    return first
