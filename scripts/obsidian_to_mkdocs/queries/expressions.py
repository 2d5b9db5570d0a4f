"""One expression language for Dataview (DQL) and Bases: a lexer that reads on demand and a
precedence-climbing parser into a small tree. The dialects differ only in details: DQL names
may hold `-` (`review-frequency`) and `date(today)` / `dur(7 days)` take raw text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import parse_date, parse_duration

BINARY = {
    "or": 1, "||": 1, "and": 2, "&&": 2,
    "=": 3, "==": 3, "!=": 3, "<": 3, ">": 3, "<=": 3, ">=": 3,
    "+": 4, "-": 4, "*": 5, "/": 5, "%": 5,
}  # fmt: skip
_OPERATORS = ("=>", "==", "!=", "<=", ">=", "&&", "||", *"=<>+-*/%!()[]{},.:")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATE_WORDS = {"today", "now", "tomorrow", "yesterday", "sow", "eow", "som", "eom", "soy", "eoy"}


class QueryError(Exception):
    """A query that does not parse or evaluate; `offset` is where in its text, when known."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Token:
    kind: str  # num, str, ident, op, link, tag, eof
    text: str
    pos: int
    value: object = None


@dataclass(frozen=True)
class Expr:
    """A node: `kind` is lit, var, member, index, call, method, unary, binary, list, object,
    lambda; `args` its parts (a literal's value, a name, children)."""

    kind: str
    args: tuple


def _ident_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_" or ord(ch) > 0x2000 and not ch.isspace()


def _ident_part(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ord(ch) > 0x2000 and not ch.isspace() and ch not in "，。"


class Lexer:
    """Tokens of `src` from a position, produced when asked (`date(...)` reads raw text)."""

    def __init__(self, src: str, dashes: bool) -> None:
        self.src, self.dashes, self.pos = src, dashes, 0
        self._peeked: Token | None = None

    def peek(self) -> Token:
        if self._peeked is None:
            self._peeked = self._read()
        return self._peeked

    def next(self) -> Token:
        token = self.peek()
        self._peeked = None
        return token

    def seek(self, pos: int) -> None:
        self.pos, self._peeked = pos, None

    def _read(self) -> Token:
        src, n = self.src, len(self.src)
        pos = self.pos
        while pos < n and src[pos].isspace():
            pos += 1
        start = pos
        if pos >= n:
            self.pos = pos
            return Token("eof", "", pos)
        ch = src[pos]
        if ch in "\"'":
            return self._string(pos)
        if src.startswith("[[", pos):
            end = src.find("]]", pos)
            if end < 0:
                raise QueryError("unclosed [[link]]", pos)
            self.pos = end + 2
            return Token("link", src[pos : end + 2], start, src[pos + 2 : end])
        if ch == "#" and pos + 1 < n and (_ident_part(src[pos + 1])):
            pos += 1
            while pos < n and (_ident_part(src[pos]) or src[pos] in "/-"):
                pos += 1
            self.pos = pos
            return Token("tag", src[start:pos], start, src[start + 1 : pos])
        number = _NUMBER.match(src, pos)
        if number:
            self.pos = number.end()
            text = number.group(0)
            return Token("num", text, start, float(text) if "." in text else int(text))
        if _ident_start(ch):
            pos += 1
            while pos < n and (
                _ident_part(src[pos])
                or self.dashes
                and src[pos] == "-"
                and pos + 1 < n
                and _ident_part(src[pos + 1])
            ):
                pos += 1
            self.pos = pos
            return Token("ident", src[start:pos], start)
        for op in _OPERATORS:
            if src.startswith(op, pos):
                self.pos = pos + len(op)
                return Token("op", op, start)
        raise QueryError(f"unexpected character {ch!r}", pos)

    def _string(self, pos: int) -> Token:
        quote, src, out = self.src[pos], self.src, []
        i = pos + 1
        while i < len(src) and src[i] != quote:
            if src[i] == "\\" and i + 1 < len(src):
                i += 1
                out.append({"n": "\n", "t": "\t"}.get(src[i], src[i]))
            else:
                out.append(src[i])
            i += 1
        if i >= len(src):
            raise QueryError("unclosed string", pos)
        self.pos = i + 1
        return Token("str", src[pos : i + 1], pos, "".join(out))


class Parser:
    """Expressions over a Lexer; DQL's clause parser reads the same lexer around them."""

    def __init__(self, src: str, *, dql: bool = True) -> None:
        self.lexer = Lexer(src, dashes=dql)
        self.dql = dql

    def expect(self, text: str) -> Token:
        token = self.lexer.next()
        if token.text != text:
            found = token.text or "the end"
            raise QueryError(f"expected '{text}' but found '{found}'", token.pos)
        return token

    def accept(self, text: str) -> bool:
        if self.lexer.peek().kind == "op" and self.lexer.peek().text == text:
            self.lexer.next()
            return True
        return False

    def expression(self, level: int = 1) -> Expr:
        left = self._unary()
        while True:
            token = self.lexer.peek()
            op = token.text.lower() if token.kind == "ident" else token.text
            if token.kind not in ("op", "ident") or BINARY.get(op, 0) < level:
                return left
            if token.kind == "ident" and op not in ("and", "or"):
                return left
            self.lexer.next()
            right = self.expression(BINARY[op] + 1)
            left = Expr("binary", (_canonical_op(op), left, right))

    def _unary(self) -> Expr:
        token = self.lexer.peek()
        if token.kind == "op" and token.text in ("!", "-"):
            self.lexer.next()
            return Expr("unary", (token.text, self._unary()))
        return self._postfix(self._primary())

    def _postfix(self, node: Expr) -> Expr:
        while True:
            if self.accept("."):
                name = self.lexer.next()
                if name.kind not in ("ident", "num"):
                    raise QueryError("expected a field name after '.'", name.pos)
                if self.accept("("):
                    node = Expr("method", (node, name.text, self._arguments()))
                else:
                    node = Expr("member", (node, name.text))
            elif self.accept("["):
                index = self.expression()
                self.expect("]")
                node = Expr("index", (node, index))
            elif self.lexer.peek().text == "(" and node.kind == "var":
                self.lexer.next()
                node = Expr("call", (node.args[0].lower(), self._arguments()))
            else:
                return node

    def _arguments(self) -> tuple[Expr, ...]:
        args: list[Expr] = []
        if self.accept(")"):
            return ()
        while True:
            args.append(self.expression())
            if self.accept(")"):
                return tuple(args)
            self.expect(",")

    def _primary(self) -> Expr:
        token = self.lexer.next()
        if token.kind in ("num", "str"):
            return Expr("lit", (token.value,))
        if token.kind == "link":
            return Expr("link", (token.value,))
        if token.kind == "ident":
            word = token.text.lower()
            if word in ("true", "false"):
                return Expr("lit", (word == "true",))
            if word == "null":
                return Expr("lit", (None,))
            if self.dql and word in ("date", "dur") and self.lexer.peek().text == "(":
                literal = self._raw_literal(word)
                if literal is not None:
                    return literal
            return Expr("var", (token.text,))
        if token.text == "(":
            lam = self._lambda()
            if lam is not None:
                return lam
            inner = self.expression()
            self.expect(")")
            return inner
        if token.text == "[":
            items: list[Expr] = []
            while not self.accept("]"):
                items.append(self.expression())
                if not self.accept(","):
                    self.expect("]")
                    break
            return Expr("list", tuple(items))
        if token.text == "{":
            pairs: list[tuple[str, Expr]] = []
            while not self.accept("}"):
                key = self.lexer.next()
                self.expect(":")
                pairs.append((str(key.value if key.kind == "str" else key.text), self.expression()))
                if not self.accept(","):
                    self.expect("}")
                    break
            return Expr("object", tuple(pairs))
        found = token.text or "the end"
        raise QueryError(f"unexpected '{found}'", token.pos)

    def _lambda(self) -> Expr | None:
        """`(x, y) => body`, tried after `(`; the lexer is put back when it is not one."""
        saved = self.lexer.pos if self.lexer._peeked is None else self.lexer._peeked.pos
        names: list[str] = []
        while self.lexer.peek().kind == "ident":
            names.append(self.lexer.next().text)
            if not self.accept(","):
                break
        if self.accept(")") and self.accept("=>"):
            return Expr("lambda", (tuple(names), self.expression()))
        self.lexer.seek(saved)
        return None

    def _raw_literal(self, word: str) -> Expr | None:
        """`date(2024-01-05)`, `date(today)`, `dur(7 days)`: raw text up to `)`."""
        start = self.lexer.peek().pos + 1
        end = self.lexer.src.find(")", start)
        if end < 0:
            return None
        raw = self.lexer.src[start:end].strip()
        if word == "date" and (raw.lower() in _DATE_WORDS or parse_date(raw)):
            value: object = raw.lower() if raw.lower() in _DATE_WORDS else parse_date(raw)
            self.lexer.seek(end + 1)
            return Expr("call", ("date", (Expr("lit", (value,)),)))
        duration = parse_duration(raw) if word == "dur" else None
        if duration is not None:
            self.lexer.seek(end + 1)
            return Expr("lit", (duration,))
        return None


def _canonical_op(op: str) -> str:
    return {"||": "or", "&&": "and", "==": "="}.get(op, op)


def parse_expression(src: str, *, dql: bool = True) -> Expr:
    """A whole string as one expression (Bases filters and formulas, inline DQL)."""
    parser = Parser(src, dql=dql)
    node = parser.expression()
    token = parser.lexer.peek()
    if token.kind != "eof":
        raise QueryError(f"unexpected '{token.text}' after the expression", token.pos)
    return node
