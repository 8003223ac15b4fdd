"""Errors of reading input. Each names the file and says what is wrong in one line."""

from typing import Any

from budgetlint.core.i18n import DEFAULT_LANG, said_in


class InputError(Exception):
    """The file cannot be read as a disclosure (binary, undecodable, empty, too big).

    ``said``: the reason as a catalogue phrase (or a text from elsewhere: a library's
    own message), said in the report's language by ``reason_in``; ``reason`` is it in
    Chinese, the default."""

    def __init__(self, path: str, reason: Any):
        self.path = path
        self.said = reason
        self.reason = said_in(reason, DEFAULT_LANG)
        super().__init__(f"{path}: {self.reason}")

    def reason_in(self, lang: str) -> str:
        return said_in(self.said, lang)

    def text_in(self, lang: str) -> str:
        """``str()`` of the error (its path, then its reason) in ``lang``."""
        return f"{self.path}: {self.reason_in(lang)}"
