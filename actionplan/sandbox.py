"""The sandbox board-paper templates run in: Jinja2's immutable sandbox, with bounds.

A plan repository's own template is a file a pull request can change, and CI renders the
paper for every pull request. Jinja2's sandbox keeps a template away from Python's
internals; the bounds here keep it from exhausting the machine:

* the rendered output stops at MAX_OUTPUT bytes (report.render counts it as it streams),
  and so does whatever a macro, a call, filter or set block, or a recursive loop collects;
* an operator (`*`, `**`, `%`, `+`), a concatenation (`~`), a filter, a method call or a
  format is refused *before* it builds a value over the bound - a string or printed value
  of more than MAX_OUTPUT characters (a list item counts eight, the pointer it costs), a
  number of more than MAX_DIGITS digits - so `'a' * 10**9` never allocates a gigabyte;
* Jinja2's own bound on `range` (100,000 items) stays;
* on Linux, as a catch-all for what the checks do not foresee, rendering runs with an
  address-space limit of RENDER_HEADROOM above what the process already uses, so a
  template that still gets too big fails with MemoryError instead of taking the machine.

* rendering stops after RENDER_SECONDS of wall-clock time (a timer signal, on the main
  thread), so nested loops within the other bounds cannot keep a CI job busy for hours.

A refusal is a LimitError; report.render turns it into a one-line template error.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

MAX_OUTPUT = 50_000_000  # bytes of output (50 MB); characters of any one value
MAX_DIGITS = 10_000  # digits of any one number
RENDER_HEADROOM = 1 << 30  # bytes of address space a render may add (Linux)
RENDER_SECONDS = 60  # wall-clock time a render may take (a real paper takes well under 1 s)
ITEM_COST = 8  # what one list item costs at least: a pointer


class LimitError(Exception):
    """A template asked for a value or an output larger than the bounds allow."""


class TimeLimitError(LimitError):
    """A template took longer to render than RENDER_SECONDS."""


def _refuse_over(n: int, what: str, limit: int = MAX_OUTPUT, unit: str = "characters") -> None:
    if n > limit:
        raise LimitError(f"{what} would be {n:,} {unit}, over the limit of {limit:,}")


def _digits(n: int) -> int:
    return n.bit_length() * 30103 // 100000 + 1


def _namespace_attrs(value: Any) -> dict | None:
    cls = type(value)
    if cls.__name__ == "Namespace" and cls.__module__.startswith("jinja2"):
        return object.__getattribute__(value, "_Namespace__attrs")
    return None


def size(value: Any, _memo: dict[int, int] | None = None) -> int:
    """About how many characters value takes when printed: a string's length, a number's
    digits, a container's items each time they appear (as printing it would show them),
    ITEM_COST per item. Shared items are sized once, so this is quick even for a
    structure whose printed form would be huge."""
    if isinstance(value, str | bytes | bytearray):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return _digits(value)
    if isinstance(value, float | complex):
        return 24
    attrs = _namespace_attrs(value)  # a Jinja2 namespace() prints as its dict
    if attrs is not None:
        value = attrs
    if not isinstance(value, list | tuple | dict | set | frozenset):
        return 64  # other objects (undefined, loop, macro) print as a short name
    memo = {} if _memo is None else _memo
    if id(value) in memo:
        return memo[id(value)]
    memo[id(value)] = 0  # a cycle prints as [...]
    items = (x for kv in value.items() for x in kv) if isinstance(value, dict) else value
    total = 2 + sum(size(x, memo) + ITEM_COST for x in items)
    memo[id(value)] = total
    return total


def check_value(value: Any, what: str) -> None:
    """Refuse a result over the bound. It is built by then, but from inputs the other
    checks bounded, so it can only be a small multiple of the bound."""
    if isinstance(value, str):  # the common case, kept quick
        if len(value) > MAX_OUTPUT:
            _refuse_over(len(value), what)
    elif isinstance(value, bytes | list | tuple | dict):
        _refuse_over(size(value), what)


# --- operators and formats ------------------------------------------------------------

# A printf conversion: %[(key)][flags][width][.precision][length]type
_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")


def check_printf(template: Any, args: Any, what: str = "the % format") -> None:
    """A printf-style format: no width or precision (given or `*`) over the bound, and
    no result over it."""
    fmt = str(template)
    widths = 0
    star = False
    for m in _PRINTF.finditer(fmt):
        for part in m.groups():
            if part == "*":
                star = True
            elif part:
                _refuse_over(len(part), f"a width or precision in {what}", MAX_DIGITS, "digits")
                widths += int(part)
    if star:  # the width comes from the arguments
        values = args if isinstance(args, tuple) else (args,)
        widths += sum(abs(v) for v in values if isinstance(v, int))
    _refuse_over(len(fmt) + widths + size(args), f"the result of {what}")


def check_format_spec(value: Any, spec: str) -> None:
    """A str.format field: no width or precision in its spec over the bound."""
    numbers = re.findall(r"\d+", spec)
    for digits in numbers:
        _refuse_over(len(digits), "a width or precision in a format", MAX_DIGITS, "digits")
    _refuse_over(sum(map(int, numbers)) + size(value), f"the format field {{:{spec[:40]}}}")


def check_binop(op: str, left: Any, right: Any) -> None:
    """Refuse `*`, `**`, `+` or `%` when the result would be over a bound."""
    numbers = isinstance(left, int) and isinstance(right, int)
    if op == "**":
        if numbers and right > 0 and abs(left) > 1:
            digits = int(math.log10(abs(left)) * right) + 1
            _refuse_over(digits, "the result of **", MAX_DIGITS, "digits")
    elif op == "*":
        if numbers:
            _refuse_over(_digits(left) + _digits(right), "the result of *", MAX_DIGITS, "digits")
        elif isinstance(right, int) or isinstance(left, int):
            seq, n = (left, right) if isinstance(right, int) else (right, left)
            if not isinstance(seq, float | complex) and n > 0:
                _refuse_over(size(seq) * n, "the result of *")
    elif op == "+":
        if not numbers and isinstance(left, str | bytes | list | tuple):
            _refuse_over(size(left) + size(right), "the result of +")
    elif op == "%" and isinstance(left, str | bytes):
        check_printf(left, right)


def check_parts(parts: tuple) -> tuple:
    """The operands of `~`, refused when joined they would be over the bound."""
    _refuse_over(sum(size(p) for p in parts), "the result of ~")
    return parts


# --- filters --------------------------------------------------------------------------


def _width(value: Any, width: Any, what: str) -> None:
    if isinstance(width, int):
        _refuse_over(max(width, size(value)), what)


def _replace(s: Any, old: Any, new: Any, count: Any = None) -> None:
    if not isinstance(s, bytes):
        s, old, new = str(s), str(old), str(new)
    n = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        n = min(n, count)
    _refuse_over(len(s) + n * max(0, len(new) - len(old)), "the result of replace")


def _join(items: list, sep: Any) -> None:
    _refuse_over(
        sum(size(x) for x in items) + size(sep) * max(0, len(items) - 1), "the result of join"
    )


def _indent(a: dict) -> None:
    width, text = a["width"], str(a["s"])
    per_line = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    _refuse_over(len(text) + (text.count("\n") + 1) * per_line, "the result of |indent")


def _wordwrap(a: dict) -> None:
    text, width = str(a["s"]), a["width"]
    lines = len(text) // max(1, width if isinstance(width, int) else 1) + text.count("\n") + 1
    _refuse_over(len(text) + lines * size(a["wrapstring"] or "\n"), "the result of |wordwrap")


def _count(n: Any, what: str) -> None:
    if isinstance(n, int):
        _refuse_over(n, what, MAX_OUTPUT // ITEM_COST, "items")


def _tojson(a: dict) -> None:
    if isinstance(a["indent"], int):
        _refuse_over(a["indent"], "the |tojson indent", 100, "spaces")
        _refuse_over(size(a["value"]) * (1 + a["indent"]), "the result of |tojson")


def _round(a: dict) -> None:
    if isinstance(a["precision"], int):
        _refuse_over(abs(a["precision"]), "the |round precision", MAX_DIGITS, "digits")


def _urlize(a: dict) -> None:
    extra = size(a["target"] or "") + size(a["rel"] or "") + 40  # <a href="" ...></a>
    _refuse_over(size(a["value"]) * (2 + extra), "the result of |urlize")


def _list(a: dict) -> None:
    if isinstance(a["value"], str | bytes):
        _refuse_over(len(a["value"]) * (1 + ITEM_COST), "the result of |list")


# Checks made before a filter runs, on its arguments by name: the filters whose output
# can grow far past their input.
FILTER_CHECKS: dict[str, Callable[[dict], None]] = {
    "center": lambda a: _width(a["value"], a["width"], "the result of |center"),
    "indent": _indent,
    "format": lambda a: check_printf(a["value"], a["kwargs"] or a["args"], "|format"),
    "replace": lambda a: _replace(a["s"], a["old"], a["new"], a["count"]),
    "wordwrap": _wordwrap,
    "batch": lambda a: _count(a["linecount"], "a |batch"),
    "slice": lambda a: _count(a["slices"], "the |slice lists"),
    "tojson": _tojson,
    "round": _round,
    "urlize": _urlize,
    "list": _list,
}


_PASSED = {"environment", "env", "eval_ctx", "context"}


def guard_filter(name: str, f: Callable) -> Callable:
    """The filter, refusing an input or a result over the bound, and checking first the
    arguments of the filters that could build far more than they are given."""
    import inspect

    pre = FILTER_CHECKS.get(name)
    skip = 1 if getattr(f, "jinja_pass_arg", None) is not None else 0
    signature = inspect.signature(f) if pre is not None else None
    # Some filters' signatures name what Jinja2 passes first (environment, eval_ctx), some
    # (those with an async variant) do not.
    passes_own = bool(skip and signature and next(iter(signature.parameters)) in _PASSED)

    def checked(args: tuple, kwargs: dict) -> Any:
        if len(args) > skip and isinstance(args[skip], list | tuple | dict):
            _refuse_over(size(args[skip]), f"the input of |{name}")
        rv = f(*args, **kwargs)
        check_value(rv, f"the result of |{name}")
        return rv

    if name == "join":

        def guarded(*args: Any, **kwargs: Any) -> Any:
            # Sized before joining; the items may come from a generator, so read them once.
            given = args[skip:]
            if given:
                items = list(given[0])
                _join(items, given[1] if len(given) > 1 else kwargs.get("d", ""))
                args = (*args[:skip], items, *given[1:])
            return checked(args, kwargs)

    elif signature is not None:

        def guarded(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*(args if passes_own else args[skip:]), **kwargs)
            bound.apply_defaults()
            pre(bound.arguments)
            return checked(args, kwargs)

    else:

        def guarded(*args: Any, **kwargs: Any) -> Any:
            return checked(args, kwargs)

    # Keeps jinja_pass_arg, so that Jinja2 passes the filter the same arguments.
    return functools.update_wrapper(guarded, f)


# --- method calls ---------------------------------------------------------------------


def _expandtabs(s: str | bytes, tabsize: int = 8) -> None:
    tab = "\t" if isinstance(s, str) else b"\t"
    _refuse_over(len(s) + s.count(tab) * max(0, tabsize), "the result of expandtabs")


def _translate(s: str | bytes, table: Any, *_: Any, **__: Any) -> None:
    most = max((size(v) for v in table.values()), default=1) if isinstance(table, dict) else 1
    _refuse_over(len(s) * max(1, most), "the result of translate")


# Checks before a str or bytes method runs: those whose result can grow past their input.
METHOD_CHECKS: dict[str, Callable[..., None]] = {
    "center": lambda s, width, *_: _width(s, width, "the result of center"),
    "ljust": lambda s, width, *_: _width(s, width, "the result of ljust"),
    "rjust": lambda s, width, *_: _width(s, width, "the result of rjust"),
    "zfill": lambda s, width: _width(s, width, "the result of zfill"),
    "expandtabs": _expandtabs,
    "replace": _replace,
    "translate": _translate,
}


def check_call(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Refuse a method call whose result would be over the bound; the arguments to call
    it with (a join's items, read once)."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str | bytes):
        if name == "join" and args:
            items = list(args[0])
            _join(items, owner)
            return (items, *args[1:])
        check = METHOD_CHECKS.get(name)
        if check is not None:
            check(owner, *args, **kwargs)
    elif isinstance(owner, int) and name == "to_bytes" and args and isinstance(args[0], int):
        _refuse_over(args[0], "the result of to_bytes")
    return args


def guard_lipsum(lipsum: Callable) -> Callable:
    """lipsum(n, html, min, max), refused when n paragraphs of max words would be over."""

    @functools.wraps(lipsum)
    def guarded(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        if isinstance(n, int) and isinstance(max, int):
            _refuse_over(n * max * 12, "the result of lipsum")
        return lipsum(n, html, min, max)

    return guarded


# --- buffers and the address-space limit ----------------------------------------------


class BoundedBuffer(list):
    """What a macro, a call, filter or set block, or a recursive loop writes, before it
    becomes one string: refused past MAX_OUTPUT characters."""

    __slots__ = ("written",)

    def __init__(self) -> None:
        super().__init__()
        self.written = 0

    def append(self, piece: Any) -> None:
        self._add(len(piece) if isinstance(piece, str) else size(piece))
        super().append(piece)

    def extend(self, pieces: Any) -> None:
        pieces = tuple(pieces)
        self._add(sum(len(p) if isinstance(p, str) else size(p) for p in pieces))
        super().extend(pieces)

    def _add(self, n: int) -> None:
        self.written += n
        _refuse_over(self.written, "what this block or macro writes")


def _address_space() -> int | None:
    """The process's virtual memory size in bytes (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


@contextlib.contextmanager
def time_limit() -> Iterator[None]:
    """Raise TimeLimitError in the code running when RENDER_SECONDS have passed: a
    SIGALRM timer, only on the main thread of a platform that has one - elsewhere
    nothing changes."""
    import signal
    import threading

    limit = RENDER_SECONDS

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitError(f"took longer than {limit:g} second{'s' * (limit != 1)}")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def address_space_limit() -> Iterator[None]:
    """Cap the process's address space at what it uses now plus RENDER_HEADROOM for the
    duration (Linux; elsewhere, or when the cap cannot be set, nothing changes)."""
    used = _address_space()
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + RENDER_HEADROOM if used is not None else None
        if cap is not None and hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if cap is not None and (soft == resource.RLIM_INFINITY or soft > cap):
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        else:
            cap = None  # nothing to do: no figure, or already as tight
    except (ImportError, OSError, ValueError):
        cap = None
    try:
        yield
    finally:
        if cap is not None:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# --- the environment ------------------------------------------------------------------


@functools.cache
def environment_class() -> type:
    """The bounded sandbox: Jinja2's immutable sandbox whose operators, concatenations,
    calls, formats, buffers and output conversion go through the checks above."""
    from jinja2.compiler import CodeGenerator, Frame, optimizeconst
    from jinja2.nodes import Concat
    from jinja2.sandbox import (
        ImmutableSandboxedEnvironment,
        SandboxedEscapeFormatter,
        SandboxedFormatter,
    )
    from markupsafe import Markup

    class Generator(CodeGenerator):
        def buffer(self, frame: Frame) -> None:
            frame.buffer = self.temporary_identifier()
            self.writeline(f"{frame.buffer} = environment.bounded_buffer()")

        @optimizeconst
        def visit_Concat(self, node: Concat, frame: Frame) -> None:
            # As Jinja2's own, with the operands checked before they are joined.
            if frame.eval_ctx.volatile:
                func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
            elif frame.eval_ctx.autoescape:
                func_name = "markup_join"
            else:
                func_name = "str_join"
            self.write(f"{func_name}(environment.check_parts((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write(")))")

    class Bounded:
        def format_field(self, value: Any, format_spec: str) -> Any:
            check_format_spec(value, format_spec)
            return super().format_field(value, format_spec)  # type: ignore[misc]

    class Formatter(Bounded, SandboxedFormatter):
        pass

    class EscapeFormatter(Bounded, SandboxedEscapeFormatter):
        pass

    class Environment(ImmutableSandboxedEnvironment):
        # Intercepted operators are also no longer worked out when a template is
        # compiled, so `{{ 'a' * 10**9 }}` is checked when it runs instead.
        intercepted_binops = frozenset({"*", "**", "%", "+"})
        code_generator_class = Generator
        bounded_buffer = BoundedBuffer
        check_parts = staticmethod(check_parts)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, finalize=_finalize, **kwargs)
            for name, f in list(self.filters.items()):
                self.filters[name] = guard_filter(name, f)
            self.globals["lipsum"] = guard_lipsum(self.globals["lipsum"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            args = check_call(__obj, args, kwargs)
            rv = super().call(__context, __obj, *args, **kwargs)
            check_value(rv, f"the result of {getattr(__obj, '__name__', 'a call')}()")
            return rv

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
            # As Jinja2's own, with formatters that check each field's spec.
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            owner = value.__self__
            formatter: SandboxedFormatter = (
                EscapeFormatter(self, escape=owner.escape)
                if isinstance(owner, Markup)
                else Formatter(self)
            )
            is_map = value.__name__ == "format_map"

            def bounded(*args: Any, **kwargs: Any) -> str:
                if is_map:
                    if kwargs or len(args) != 1:
                        raise TypeError("format_map() takes exactly one argument")
                    args, kwargs = (), args[0]
                return type(owner)(formatter.vformat(owner, args, kwargs))

            return functools.update_wrapper(bounded, value)

    return Environment


def _finalize(value: Any) -> Any:
    """Before a value is printed: a container is refused when its printed form would be
    over the bound (a list can hold one string many times over)."""
    if isinstance(value, str | int | float) or value is None:  # the common case, kept quick
        return value
    if isinstance(value, list | tuple | dict | set | frozenset) or _namespace_attrs(value):
        _refuse_over(size(value), "the printed value")
    return value
