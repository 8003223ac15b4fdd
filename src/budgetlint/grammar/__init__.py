"""Grammar: classified lines -> outline (Lark, LALR) -> section tree."""

from .parser import parse_source, parse_text

__all__ = ["parse_source", "parse_text"]
