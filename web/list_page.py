"""A long list shown a page at a time: which page, how many there are, which rows it holds."""

from __future__ import annotations

from dataclasses import dataclass

ROWS_PER_PAGE = 100


@dataclass(frozen=True)
class ListPage:
    number: int  # from 1
    pages: int  # at least 1, also for an empty list
    total: int  # rows in the whole list
    size: int = ROWS_PER_PAGE

    @classmethod
    def of(cls, asked: int | None, total: int, size: int = ROWS_PER_PAGE) -> ListPage:
        """The asked page, kept within the pages there are (any number a URL holds is safe here)."""
        pages = max(1, -(-total // size))
        return cls(number=min(max(1, asked or 1), pages), pages=pages, total=total, size=size)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first(self) -> int:
        """The first row's position on this page, counted from 1 (0 for an empty list)."""
        return min(self.offset + 1, self.total)

    @property
    def last(self) -> int:
        return min(self.offset + self.size, self.total)
