"""Errors of reading input. Each names the file and says what is wrong in one line."""


class InputError(Exception):
    """The file cannot be read as a disclosure (binary, undecodable, empty, too big)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
