"""What each file of a run is linted with: its pack (from its own config, found from
its folder upward, unless the command line names one), its per-file ignores, and
the suppression options; resolved once in the main process, looked up per file in
the workers.

A config or pack that cannot be used is that file's error (one line naming the
config), not the batch's: the other files are still linted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

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
        key = (id(pack), ignores)
        if key not in self._settings:
            self._settings[key] = len(self.plan.settings)
            self.plan.settings.append(FileSettings(pack, ignores))
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
            result = lint_source(load_bytes(plan.stdin[1], path, plan.options.form), settings.pack)
        except InputError as exc:
            result = FileResult(path=path, error=exc.reason)
    else:
        result = lint_file(path, settings.pack, plan.options.form)
    known = [(r.id, r.name) for r in settings.pack.rules]
    return suppressed(result, settings.ignores, plan.options.report_unused, known)
