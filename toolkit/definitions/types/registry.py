"""The question types by name: the one place that lists them.

Everything that treats kinds of question differently asks here, ``registry.get(q.type).<hook>(...)``, instead
of testing ``q.type``. Adding a type means writing its module (a
:class:`~toolkit.definitions.types.base.QuestionType`) and listing it below; a test may :func:`register` one of
its own (``tests/test_question_types.py`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from toolkit.definitions.types import (
    comply_explain,
    maturity,
    multiple_choice,
    number,
    single_choice,
    table,
    text,
    yes_no,
)
from toolkit.definitions.types.base import QuestionType

if TYPE_CHECKING:
    from toolkit.definitions.model import Question

_TYPES: dict[str, QuestionType] = {}


def register(qtype: QuestionType) -> QuestionType:
    """Make ``qtype`` known under its name (and aliases); a type of the same name is replaced."""
    if not qtype.name:
        raise ValueError("a question type needs a name")
    _TYPES[qtype.name] = qtype
    return qtype


def unregister(name: str) -> None:
    _TYPES.pop(name, None)


@contextmanager
def registered(qtype: QuestionType) -> Iterator[QuestionType]:
    """``qtype`` is known inside the ``with`` block only (for tests and experiments)."""
    before = _TYPES.get(qtype.name)
    register(qtype)
    try:
        yield qtype
    finally:
        if before is None:
            unregister(qtype.name)
        else:
            register(before)


def get(name: str) -> QuestionType:
    """The type called ``name``; KeyError for a name no module registered (the loader refuses those)."""
    return _TYPES[name]


def find(name: object) -> QuestionType | None:
    """The type called ``name``, or None."""
    return _TYPES.get(name) if isinstance(name, str) else None


def names() -> tuple[str, ...]:
    """Every type name: the scorable ones first, then the others (the order error messages list them in)."""
    return tuple(_TYPES)


def fraction(q: Question, value: Any) -> float | None:
    """The share 0..1 of ``q``'s weight that the answer ``value`` earns, or None when it earns none (an
    unscored question, no answer, or a value its type cannot score)."""
    if not q.scored or value is None:
        return None
    return get(q.type).fraction(q, value)


def scorable_names() -> tuple[str, ...]:
    return tuple(n for n, t in _TYPES.items() if t.scorable)


def canonical(name: object) -> object:
    """The type name for an alias (``ladder`` -> ``maturity``); anything else unchanged."""
    if isinstance(name, str):
        for t in _TYPES.values():
            if name in t.aliases:
                return t.name
    return name


for _module in (maturity, single_choice, multiple_choice, yes_no, comply_explain, number, text, table):
    register(_module.TYPE)
