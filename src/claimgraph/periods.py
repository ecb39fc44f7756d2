"""One database per period: which file an article goes to, and the files of a path template.

A *path template* is a database path with ``{month}`` or ``{year}`` in its file name:
``news-{month}.db`` stands for ``news-2026-10.db``, ``news-2026-11.db``, ... An article goes
to the file of its publication month (or year) in UTC, the time the link stage orders and
clusters reports by, so a story told around midnight on the 31st lands where its reporting
window says it belongs. The rules, in order:

1. An article already stored in one of the template's files is updated there, so
   re-ingesting a URL never makes a second copy, even if its date changed since (a note then
   says where it was kept).
2. Otherwise it goes to the file of its publication period.
3. An article without a publication date goes to the ``undated`` file (``news-undated.db``),
   and so do the inputs that could not be read at all (the ``errors`` of those runs): neither
   has a date to file it under. Re-ingesting the same undated page finds it there (rule 1).

Deduplication by text (the same story at a second URL) works within one file.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from .errors import InputError
from .timeutil import utc_sortable

# placeholder -> length of the UTC timestamp prefix it stands for ("2026-11", "2026")
PLACEHOLDERS = {"month": 7, "year": 4}
PERIOD_PATTERNS = {"month": r"\d{4}-\d{2}", "year": r"\d{4}"}
UNDATED = "undated"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def is_period_template(path: str | Path) -> bool:
    """Whether ``path`` holds a ``{...}`` placeholder, so it names one file per period."""
    return _PLACEHOLDER.search(Path(path).name) is not None


@dataclass(frozen=True)
class PathTemplate:
    """A database path with one ``{month}`` or ``{year}`` in its file name."""

    path: Path
    unit: str

    @classmethod
    def parse(cls, path: str | Path) -> PathTemplate:
        path = Path(path)
        if _PLACEHOLDER.search(str(path.parent)):
            raise InputError(f"{path}: put {{month}} or {{year}} in the file name, not in a folder")
        names = _PLACEHOLDER.findall(path.name)
        unknown = [name for name in names if name not in PLACEHOLDERS]
        if unknown or len(names) != 1:
            raise InputError(f"{path}: a database path template takes one {{month}} or {{year}}, "
                             f"e.g. news-{{month}}.db")
        return cls(path, names[0])

    def period_of(self, published: str | None) -> str | None:
        """The period of a publication time (``2026-11`` for a month), in UTC; None without a readable date."""
        moment = utc_sortable(published)
        return moment[: PLACEHOLDERS[self.unit]] if moment else None

    def file_for(self, period: str) -> Path:
        """The database of ``period`` (a period as :meth:`period_of` gives it, or ``undated``)."""
        return self.path.with_name(self.path.name.replace(f"{{{self.unit}}}", period))

    def existing(self) -> dict[str, Path]:
        """The template's files that exist now, by period (``undated`` included), oldest period first."""
        before, _, after = self.path.name.partition(f"{{{self.unit}}}")
        pattern = re.compile(re.escape(before) + f"({PERIOD_PATTERNS[self.unit]}|{UNDATED})" + re.escape(after))
        found = {}
        folder = self.path.parent
        if folder.is_dir():
            for candidate in folder.iterdir():
                match = pattern.fullmatch(candidate.name)
                if match and candidate.is_file():
                    found[match.group(1)] = candidate
        return dict(sorted(found.items()))

    def cache_dir(self) -> Path:
        """The HTTP cache all the periods share: ``news.db.http-cache`` for ``news-{month}.db``."""
        name = re.sub(r"[-_.]?\{[^{}]*\}", "", self.path.name) or "claimgraph.db"
        if name.startswith("."):
            name = "claimgraph" + name
        return self.path.with_name(name + ".http-cache")


@dataclass
class PeriodFiles:
    """The databases of a :class:`PathTemplate`, opened (and created) when an article first needs one.

    ``stored`` counts the articles stored in each file this run, for the summary line.
    """

    template: PathTemplate
    stored: dict[str, int] = field(default_factory=dict)
    _open: dict[str, sqlite_utils.Database] = field(default_factory=dict)
    _readers: dict[str, sqlite3.Connection] = field(default_factory=dict)
    _existing: dict[str, Path] | None = None

    def database(self, period: str) -> sqlite_utils.Database:
        from .db import open_db

        if period not in self._open:
            reader = self._readers.pop(period, None)
            if reader is not None:
                reader.close()
            self._open[period] = open_db(self.template.file_for(period))
        return self._open[period]

    def holder(self, article_id: str) -> str | None:
        """The period whose file already holds ``article_id``, if any (checked in every file of the template)."""
        if self._existing is None:  # listed once a run; the files this run creates are in ``_open``
            self._existing = self.template.existing()
        for period in sorted(set(self._existing) | set(self._open)):
            path = self.template.file_for(period)
            if period in self._open:
                conn = self._open[period].conn
            else:
                if period not in self._readers:
                    self._readers[period] = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
                conn = self._readers[period]
            try:
                if conn.execute("select 1 from articles where id = ?", [article_id]).fetchone():
                    return period
            except sqlite3.OperationalError:  # a file of the template's name without an articles table yet
                continue
        return None

    def route(self, article_id: str, published: str | None) -> tuple[str, str | None]:
        """(the period an article is stored in, a note when that is not its publication period)."""
        period = self.template.period_of(published)
        holder = self.holder(article_id)
        if holder is not None:
            note = None
            if period is not None and holder != period:
                note = (f"published in {period} but kept in {self.template.file_for(holder).name}, "
                        "which already holds it")
            return holder, note
        return period or UNDATED, None

    def count(self, period: str) -> None:
        self.stored[period] = self.stored.get(period, 0) + 1

    def summary(self) -> str:
        """One line: how many articles went to each file, saying which file holds the undated ones."""
        if not self.stored:
            return "No article was stored in any period file"
        parts = []
        for period, count in sorted(self.stored.items(), key=lambda item: (item[0] == UNDATED, item[0])):
            text = f"{self.template.file_for(period).name} {count} article{'s' * (count != 1)}"
            if period == UNDATED:
                text += " (no publication date)"
            parts.append(text)
        return "Stored by period: " + ", ".join(parts)

    def close(self) -> None:
        for reader in self._readers.values():
            reader.close()
        for db in self._open.values():
            db.close()
        self._readers.clear()
        self._open.clear()
