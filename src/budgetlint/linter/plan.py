"""What each file of a run is linted with: its pack (from its own config, found from
its folder upward, unless the command line names one), its per-file ignores, and
the suppression options; resolved once in the main process, looked up per file in
the workers.

A config or pack that cannot be used is that file's error (one line naming the
config), not the batch's: the other files are still linted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Union

from budgetlint.core.detect import builtin_candidates, detect, source_texts
from budgetlint.core.model import Source
from budgetlint.core.i18n import DEFAULT_LANG
from budgetlint.core.results import FileResult
from budgetlint.ingest import InputError, load_bytes
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

    def choose(self, source: Source, default: Pack) -> tuple[Pack, str]:
        found = detect(source_texts(source), builtin_candidates(), default.profile)
        if found.pack == default.name:
            return default, f"detected: {found.describe()}"
        try:
            return _builtin(found.pack, self.filters), f"detected: {found.describe()}"
        except PackError as exc:  # a built-in pack that does not load: a bug, said in the reason
            return default, f"detected {found.pack}, which failed to load ({exc}): {default.name}"


@lru_cache(maxsize=32)
def _builtin(name: str, filters: tuple) -> Pack:
    select, ignore, severities = filters
    return load_pack(name).with_severities(dict(severities)).filtered(select, ignore)


@dataclass
class Plan:
    """Per file: an index into ``settings``, or the one-line reason it cannot be linted."""

    options: Options
    settings: list[FileSettings] = field(default_factory=list)
    files: dict[str, Union[int, str]] = field(default_factory=dict)
    stdin: Optional[tuple[str, bytes]] = None  # (the name it is linted as, its bytes)

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
                self._packs[key] = f"{cfg.path + ': ' if cfg.path and not o.pack else ''}{exc}"
                return self._packs[key]
            unknown = unknown_refs(pack, select + ignore)
            if unknown:
                where = f"{cfg.path}: " if cfg.path and not (o.select or o.ignore) else ""
                self._packs[key] = f"{where}no rule {unknown[0]!r} in pack {pack.name} (see `budgetlint rules`)"
            else:
                self._packs[key] = pack.filtered(select, ignore)
        return self._packs[key]

    def _why(self, cfg: Config) -> str:
        if self.options.pack:
            return f"--pack {self.options.pack}"
        return f"pack {cfg.pack} from {cfg.path}" if cfg.path else f"pack {cfg.pack}"

    def add(self, path: str) -> Union[FileSettings, str]:
        try:
            cfg = self.config_of(path)
        except ConfigError as exc:
            self.plan.files[path] = str(exc)
            return str(exc)
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
            self.plan.settings.append(FileSettings(pack, ignores, auto, filters, "" if auto else self._why(cfg)))
        self.plan.files[path] = self._settings[key]
        return self.plan.settings[self._settings[key]]


def lint_planned(path: str, plan: Plan) -> FileResult:
    """Lint one file as the plan says (the batch's per-file function)."""
    entry = plan.files.get(path)
    if entry is None:
        return FileResult(path=path, error="internal error: file not in the plan")
    if isinstance(entry, str):
        return FileResult(path=path, error=entry)
    settings = plan.settings[entry]
    if plan.stdin is not None and plan.stdin[0] == path:
        try:
            result = lint_source(load_bytes(plan.stdin[1], path, plan.options.form), settings.pack,
                                 settings.why, settings.choose if settings.detect else None)
        except InputError as exc:
            result = FileResult(path=path, error=exc.reason)
    else:
        result = lint_file(path, settings.pack, plan.options.form, settings.why, settings.choose if settings.detect else None)
    known = [(r.id, r.name) for r in settings.pack.rules]
    return suppressed(result, settings.ignores, plan.options.report_unused, known)
