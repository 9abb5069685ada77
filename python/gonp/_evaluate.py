"""gonp.evaluate: a whole NumPy expression in one parallel pass over memory.

The expression (numexpr's syntax) is parsed once, typed with NumPy's rules
(NEP 50: Python scalars are weak) and compiled into a register program that
Go runs over cache-sized blocks (kernels/expr, capi/dispatch/expr.go): no
full-size temporary, operands broadcast in place, an outermost reduction
(sum, prod, min, max, mean, var, std) folded into the same pass with a fixed
tree, so its result has the same bits for any thread count.

Small inputs, and dtypes gonp has no kernels for (complex, strings, objects,
the narrow integers, float16), are evaluated with NumPy on the same syntax
tree, so the result is always what NumPy gives for the expression.
"""

from __future__ import annotations

import ast
import ctypes
import math
import operator
import sys
from typing import Any

import numpy as np
from numpy.lib.array_utils import normalize_axis_tuple

from gonp import _config, _lib

__all__ = ["evaluate"]

_GO_DTYPES = frozenset(np.dtype(c) for c in ("bool", "int32", "int64", "float32", "float64"))

_FLOAT_FUNCS = {
    "sqrt",
    "exp",
    "expm1",
    "log",
    "log1p",
    "log10",
    "log2",
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "floor",
    "ceil",
}
_BINARY_FUNCS = {"arctan2", "hypot", "fmod", "minimum", "maximum"}
# Functions whose result keeps the operand's dtype (NumPy's loops for the
# integers; round of a float is rint, round half to even).
_SAME_DTYPE_FUNCS = {"round", "trunc", "sign", "copy", "ones_like"}
_REDUCTIONS = {"sum", "prod", "min", "max", "mean", "var", "std"}
_NUMPY_NAMES: dict[str, Any] = {
    **{f: getattr(np, f) for f in _FLOAT_FUNCS | _BINARY_FUNCS},
    "abs": np.absolute,
    "round": np.round,
    "trunc": np.trunc,
    "sign": np.sign,
    "copy": np.copy,
    "ones_like": np.ones_like,
    "where": np.where,
    "sum": np.sum,
    "prod": np.prod,
    "min": np.min,
    "max": np.max,
    "mean": np.mean,
    "var": np.var,
    "std": np.std,
}

_BINOPS: dict[type, str] = {
    ast.Add: "add",
    ast.Sub: "subtract",
    ast.Mult: "multiply",
    ast.Div: "true_divide",
    ast.Pow: "power",
    ast.Mod: "remainder",
    ast.FloorDiv: "floor_divide",
    ast.BitAnd: "and",
    ast.BitOr: "or",
    ast.BitXor: "xor",
    ast.LShift: "left_shift",
    ast.RShift: "right_shift",
}
# Python's own operators, for a part of the expression between Python
# scalars, which NumPy's evaluation leaves to Python (1 << 40 is a Python int
# before it meets an array).
_PYOPS: dict[type, Any] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.Mod: operator.mod,
    ast.FloorDiv: operator.floordiv,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
    ast.LShift: operator.lshift,
    ast.RShift: operator.rshift,
}
# The bitwise operators, which NumPy has no float loops for, and their symbols.
_BITWISE = {"and": "&", "or": "|", "xor": "^", "left_shift": "<<", "right_shift": ">>"}
_CMPOPS: dict[type, str] = {
    ast.Lt: "less",
    ast.LtE: "less_equal",
    ast.Gt: "greater",
    ast.GtE: "greater_equal",
    ast.Eq: "equal",
    ast.NotEq: "not_equal",
}

_F64 = np.dtype(np.float64)
_BOOL = np.dtype(np.bool_)


class _Parsed:
    """An expression's syntax tree: its names and outer reduction."""

    __slots__ = ("axis", "body", "ddof", "fn", "kind", "names", "reduce")

    def __init__(self, ex: str) -> None:
        tree = ast.parse(ex.strip(), mode="eval")
        body = tree.body
        self.reduce: str | None = None
        self.axis: Any = None
        self.ddof = 0.0
        if (
            isinstance(body, ast.Call)
            and isinstance(body.func, ast.Name)
            and body.func.id in _REDUCTIONS
        ):
            self.reduce = body.func.id
            if not 1 <= len(body.args) <= 2:
                raise ValueError(f"{self.reduce} takes an expression and an optional axis")
            if len(body.args) == 2:
                self.axis = ast.literal_eval(body.args[1])
            for kw in body.keywords:
                if kw.arg == "axis":
                    self.axis = ast.literal_eval(kw.value)
                elif kw.arg == "ddof" and self.reduce in ("var", "std"):
                    self.ddof = float(ast.literal_eval(kw.value))
                else:
                    raise TypeError(f"{self.reduce}() got an unexpected keyword {kw.arg!r}")
            body = body.args[0]
        self.body = body
        names: list[str] = []
        for node in ast.walk(body):
            if isinstance(node, ast.Call):
                if not isinstance(node.func, ast.Name):
                    raise TypeError("only calls of numexpr's functions by name are supported")
                if node.func.id in _REDUCTIONS:
                    raise ValueError("a reduction must be the outermost call")
                if node.keywords:
                    raise TypeError(f"{node.func.id}() takes no keyword arguments")
            elif isinstance(node, ast.Name) and node.id not in names:
                names.append(node.id)
            elif isinstance(node, ast.Attribute | ast.Subscript | ast.Lambda | ast.BoolOp):
                raise TypeError(f"unsupported syntax: {type(node).__name__}")
        funcs = {
            n.func.id
            for n in ast.walk(body)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        self.names = [n for n in names if n not in funcs]
        for f in funcs:
            if f not in _NUMPY_NAMES or f in _REDUCTIONS:
                raise TypeError(f"unknown function {f!r}")
        # The threshold kind (gonp._config): an expression with sin or cos
        # costs NumPy enough that Go wins from a few thousand elements; the
        # others are held to the cheapest expressions' crossover.
        self.kind = "trig" if funcs & {"sin", "cos"} else "evaluate"
        # The NumPy evaluation: a function of the names, numexpr's functions
        # bound to NumPy's.
        numpy_body = _NumpyNames().visit(ast.parse(ast.unparse(body), mode="eval").body)
        args = [ast.arg(arg=n) for n in self.names]
        lam = ast.Lambda(
            args=ast.arguments(
                posonlyargs=[], args=args, kwonlyargs=[], kw_defaults=[], defaults=[]
            ),
            body=numpy_body,
        )
        expr = ast.fix_missing_locations(ast.Expression(body=lam))
        self.fn = eval(compile(expr, "<gonp.evaluate>", "eval"), _NUMPY_GLOBALS)


class _NumpyNames(ast.NodeTransformer):
    """Rewrite numexpr's function names as NumPy's for the NumPy evaluation."""

    def visit_Call(self, node: ast.Call) -> Any:
        self.generic_visit(node)
        assert isinstance(node.func, ast.Name)
        node.func = ast.Name(id="__gonp_" + node.func.id, ctx=ast.Load())
        return node


_NUMPY_GLOBALS = {"__gonp_" + k: v for k, v in _NUMPY_NAMES.items()}
_NUMPY_GLOBALS["__builtins__"] = {}


class _Value:
    """A typed value during compilation: a register, or a literal constant."""

    __slots__ = ("const", "dt", "reg", "weak")

    def __init__(self, reg: int, dt: np.dtype, weak: bool = False, const: Any = None) -> None:
        self.reg = reg  # -1 for a literal
        self.dt = dt
        self.weak = weak  # a Python scalar (NEP 50): its kind counts, not its size
        self.const = const

    def proxy(self) -> Any:
        """What np.result_type should see for this value."""
        if self.weak:
            return {"b": False, "i": 0, "f": 0.0}[self.dt.kind]
        return self.dt


def _check_fits(v: int, dt: np.dtype) -> None:
    """Raise OverflowError, as NumPy does, if the integer dtype dt cannot
    hold the Python int v."""
    info = np.iinfo(dt)
    if not info.min <= v <= info.max:
        raise OverflowError(f"Python integer {v} out of bounds for {dt}")


def _scalar(v: Any) -> _Value:
    """A Python scalar of the expression (a literal, or an operation between
    literals) as a weak constant of NumPy's default dtype for its kind."""
    if isinstance(v, bool):
        return _Value(-1, _BOOL, True, v)
    if isinstance(v, int):
        return _Value(-1, np.dtype(np.int64), True, v)
    if isinstance(v, float):
        return _Value(-1, _F64, True, v)
    raise TypeError(f"unsupported constant {v!r}")


class _Compiler:
    """Emit the register program of one syntax tree for given operand types."""

    def __init__(
        self,
        ops: dict[str, int],
        dts: dict[str, int],
        kinds: list[tuple[np.dtype, bool]],
        names: list[str],
    ) -> None:
        self.opc = ops
        self.dtc = dts
        self.code: list[int] = []
        self.consts: list[float] = []
        self.nreg = 0
        self.kinds = dict(zip(names, kinds, strict=True))
        self.index = {n: k for k, n in enumerate(names)}
        self.loaded: dict[str, _Value] = {}
        self.loads: dict[int, int] = {}  # register -> the operand it loads
        # (operand, dtype): a Python int operand the program casts to a
        # narrower integer dtype, which NumPy refuses if it does not fit.
        self.bounds: list[tuple[int, np.dtype]] = []

    def emit(self, op: str, dt: np.dtype, a: int = 0, b: int = 0, c: int = 0) -> int:
        r = self.nreg
        self.nreg += 1
        self.code += [self.opc[op], self.dtc[dt.name], r, a, b, c]
        return r

    def reg(self, v: _Value, dt: np.dtype) -> int:
        """v's register in dtype dt (a constant is emitted, a register cast)."""
        if v.reg < 0:
            if dt.kind == "f":
                self.consts.append(float(v.const))
                return self.emit("const", dt, len(self.consts) - 1)
            if dt.kind == "i":
                _check_fits(v.const, dt)
            return self.emit("const", dt, int(v.const))
        if v.dt == dt:
            return v.reg
        if v.weak and v.reg in self.loads and v.dt.kind == "i" and dt.kind == "i":
            self.bounds.append((self.loads[v.reg], dt))
        return self.emit("cast", dt, v.reg)

    def result(self, *vs: _Value) -> np.dtype:
        dt = np.result_type(*(v.proxy() for v in vs))
        if dt not in _GO_DTYPES:
            raise TypeError(f"result dtype {dt} is not supported")
        return dt

    def out(self, r: int, dt: np.dtype, *vs: _Value) -> _Value:
        return _Value(r, dt, weak=all(v.weak for v in vs))

    def visit(self, node: ast.AST) -> _Value:
        if isinstance(node, ast.Constant):
            return _scalar(node.value)
        if isinstance(node, ast.Name):
            if node.id in self.loaded:
                return self.loaded[node.id]
            dt, weak = self.kinds[node.id]
            r = self.emit("load", dt, self.index[node.id])
            self.loads[r] = self.index[node.id]
            loaded = _Value(r, dt, weak)
            self.loaded[node.id] = loaded
            return loaded
        if isinstance(node, ast.UnaryOp):
            x = self.visit(node.operand)
            if isinstance(node.op, ast.UAdd):
                return x
            if isinstance(node.op, ast.USub):
                if x.dt == _BOOL:
                    raise TypeError("the - operator on a bool is not supported, use ~")
                if x.reg < 0:
                    return _Value(-1, x.dt, True, -x.const)
                return self.out(self.emit("negative", x.dt, x.reg), x.dt, x)
            if isinstance(node.op, ast.Invert):
                if x.dt.kind == "f":
                    raise TypeError("~ is not supported for floats")
                return self.out(self.emit("invert", x.dt, self.reg(x, x.dt)), x.dt, x)
            raise TypeError("unsupported unary operator")
        if isinstance(node, ast.BinOp):
            return self.binop(type(node.op), self.visit(node.left), self.visit(node.right), node)
        if isinstance(node, ast.Compare):
            left = self.visit(node.left)
            acc: _Value | None = None
            for op, comp in zip(node.ops, node.comparators, strict=True):
                right = self.visit(comp)
                if type(op) not in _CMPOPS:
                    raise TypeError("unsupported comparison")
                dt = self.result(left, right)
                r = self.emit(_CMPOPS[type(op)], dt, self.reg(left, dt), self.reg(right, dt))
                cmp = _Value(r, _BOOL)
                acc = (
                    cmp if acc is None else _Value(self.emit("and", _BOOL, acc.reg, cmp.reg), _BOOL)
                )
                left = right
            assert acc is not None
            return acc
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            res = self.call(node.func.id, [self.visit(a) for a in node.args])
            # NumPy's functions return NumPy values, which are strong even
            # of Python scalars: float32 * sqrt(2.0) is float64.
            return _Value(res.reg, res.dt, False, res.const)
        raise TypeError(f"unsupported syntax: {type(node).__name__}")

    def binop(self, op: type, x: _Value, y: _Value, node: ast.AST) -> _Value:
        if op not in _BINOPS:
            raise TypeError(f"unsupported operator {ast.unparse(node)!r}")
        name = _BINOPS[op]
        if x.reg < 0 and y.reg < 0 and x.weak and y.weak:
            return _scalar(_PYOPS[op](x.const, y.const))
        dt = self.result(x, y)
        if name == "power" and y.reg < 0 and y.const == 2 and x.dt != _BOOL:
            dt = self.result(x, y)
            rx = self.reg(x, dt)
            return self.out(self.emit("multiply", dt, rx, rx), dt, x, y)
        if name == "true_divide" and dt.kind in "bi":
            dt = _F64
        if name in _BITWISE and dt.kind == "f":
            raise TypeError(
                f"{_BITWISE[name]} is not supported for floats (NumPy has no float loop)"
            )
        if dt == _BOOL:
            if name == "add":
                name = "or"
            elif name == "multiply":
                name = "and"
            elif name in ("left_shift", "right_shift"):
                raise TypeError(f"{_BITWISE[name]} of two bools (int8 in NumPy) is not supported")
            elif name not in ("and", "or", "xor"):
                raise TypeError(f"{name} is not supported for bools")
        return self.out(self.emit(name, dt, self.reg(x, dt), self.reg(y, dt)), dt, x, y)

    def call(self, f: str, args: list[_Value]) -> _Value:
        if f in _FLOAT_FUNCS or f == "abs":
            if len(args) != 1:
                raise TypeError(f"{f}() takes one argument")
            (x,) = args
            if f == "abs":
                if x.dt == _BOOL:
                    return x
                return self.out(self.emit("absolute", x.dt, self.reg(x, x.dt)), x.dt, x)
            if f in ("floor", "ceil") and x.dt.kind in "bi":
                return x  # NumPy's integer and bool loops give the operand back
            if x.dt == _BOOL:
                raise TypeError(f"{f} of a bool (float16 in NumPy) is not supported")
            dt = x.dt if x.dt.kind == "f" else _F64
            return self.out(self.emit(f, dt, self.reg(x, dt)), dt, x)
        if f in _SAME_DTYPE_FUNCS:
            if len(args) != 1:
                raise TypeError(f"{f}() takes one argument")
            return self.same_dtype(f, args[0])
        if f in _BINARY_FUNCS:
            if len(args) != 2:
                raise TypeError(f"{f}() takes two arguments")
            x, y = args
            dt = self.result(x, y)
            if f in ("arctan2", "hypot") and dt == _BOOL:
                raise TypeError(f"{f} of bools (float16 in NumPy) is not supported")
            if f in ("arctan2", "hypot") and dt.kind == "i":
                dt = _F64
            if f == "fmod" and dt == _BOOL:
                raise TypeError("fmod of bools is not supported")
            return self.out(self.emit(f, dt, self.reg(x, dt), self.reg(y, dt)), dt, x, y)
        if f == "where":
            if len(args) != 3:
                raise TypeError("where() takes three arguments")
            c, x, y = args
            rc = self.reg(c, _BOOL)
            dt = self.result(x, y)
            return self.out(self.emit("where", dt, rc, self.reg(x, dt), self.reg(y, dt)), dt, x, y)
        raise TypeError(f"unknown function {f!r}")

    def same_dtype(self, f: str, x: _Value) -> _Value:
        """round, trunc, sign, copy or ones_like of x: a result of x's dtype."""
        if f == "copy":
            return x
        if f == "ones_like":
            if x.reg < 0:
                return _Value(-1, x.dt, False, x.dt.type(1).item())
            return _Value(self.reg(_Value(-1, x.dt, False, 1), x.dt), x.dt)
        if x.dt == _BOOL:
            if f == "trunc":
                return x
            why = "float16 in NumPy" if f == "round" else "NumPy has no bool loop for it"
            raise TypeError(f"{f} of a bool ({why}) is not supported")
        if f == "sign":
            return self.out(self.emit("sign", x.dt, self.reg(x, x.dt)), x.dt, x)
        if x.dt.kind == "i":
            return x  # round (0 decimals) and trunc of an integer are the integer
        op = "rint" if f == "round" else "trunc"
        return self.out(self.emit(op, x.dt, self.reg(x, x.dt)), x.dt, x)


_parsed: dict[str, _Parsed] = {}
_programs: dict[
    tuple[Any, ...],
    tuple[Any, Any, int, np.dtype, int, int, int, tuple[tuple[int, np.dtype], ...]],
] = {}
_tables: dict[str, Any] = {}


def _codes() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    if not _tables:
        raw = _lib.codes().raw
        _tables["ops"] = dict(raw["expr_op"])
        _tables["dtypes"] = dict(raw["expr_dtypes"])
        _tables["reduce"] = dict(raw["expr_reduce"])
        _lib.lib().gonp_evaluate.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int64,
            ctypes.c_void_p,
            ctypes.c_int64,
            ctypes.c_void_p,
            ctypes.c_int64,
            ctypes.POINTER(_lib.GonpArray),
            ctypes.c_void_p,
            ctypes.c_int64,
            ctypes.c_int32,
            ctypes.c_int64,
            ctypes.c_double,
            ctypes.POINTER(ctypes.c_int32),
            ctypes.c_int64,
            ctypes.c_char_p,
            ctypes.c_int64,
        ]
        _lib.lib().gonp_evaluate.restype = ctypes.c_int
    return _tables["ops"], _tables["dtypes"], _tables["reduce"]


# The library's dtype code of each dtype met so far (see _descriptor).
_dtype_codes: dict[np.dtype[Any], int] = {}


def _descriptor(a: np.ndarray, dtc: dict[str, int]) -> _lib.GonpArray:
    nd = a.ndim
    dims = (ctypes.c_int64 * max(2 * nd, 1))(*a.shape, *a.strides)
    at = ctypes.addressof(dims)
    base, nbytes = _lib.extent(a)
    code = _dtype_codes.get(a.dtype)
    if code is None:  # dtype.name is slow to build: look it up once per dtype
        code = _dtype_codes[a.dtype] = dtc[a.dtype.name]
    d = _lib.GonpArray(a.ctypes.data, nd, at, at + 8 * nd, code, base, nbytes)
    d._keep = (a, dims)  # type: ignore[attr-defined]
    return d


def _resolve(names: list[str], local_dict: Any, global_dict: Any, depth: int) -> list[Any]:
    if local_dict is None or global_dict is None:
        frame = sys._getframe(depth)
        if local_dict is None:
            local_dict = frame.f_locals
        if global_dict is None:
            global_dict = frame.f_globals
    vals = []
    for n in names:
        if n in local_dict:
            vals.append(local_dict[n])
        elif n in global_dict:
            vals.append(global_dict[n])
        else:
            raise KeyError(n)
    return vals


def _numpy_eval(p: _Parsed, names: list[str], vals: list[Any]) -> np.ndarray:
    # NumPy's own warnings (division by zero, invalid values) are kept: this
    # is the expression as NumPy runs it.
    r = p.fn(*vals)
    if p.reduce is not None:
        kw: dict[str, Any] = {"axis": p.axis}
        if p.reduce in ("var", "std"):
            kw["ddof"] = p.ddof
        r = _NUMPY_NAMES[p.reduce](r, **kw)
    return r if type(r) is np.ndarray else np.asarray(r)


def _finish(r: np.ndarray, out: np.ndarray | None, casting: str) -> np.ndarray:
    if out is None:
        return r
    if not np.can_cast(r.dtype, out.dtype, casting=casting):  # type: ignore[arg-type]
        raise TypeError(
            f"Cannot cast the result from {r.dtype} to {out.dtype} with casting={casting!r}"
        )
    np.copyto(out, r, casting="unsafe")
    return out


def evaluate(
    ex: str,
    local_dict: dict[str, Any] | None = None,
    global_dict: dict[str, Any] | None = None,
    out: np.ndarray | None = None,
    casting: str = "safe",
    _frame_depth: int = 1,
) -> np.ndarray:
    """Evaluate an array expression in one parallel pass over memory.

    numexpr's call shape and syntax: ``+ - * / ** % //``, unary ``-``,
    comparisons, ``& | ^ ~`` (logical for bools, bitwise for integers),
    ``<< >>``, ``where(c, x, y)``, sqrt, exp, expm1, log, log1p,
    log10, log2, sin, cos, tan, arcsin, arccos, arctan, arctan2, hypot, sinh,
    cosh, tanh, arcsinh, arccosh, arctanh, abs, sign, floor, ceil, round,
    trunc, fmod, minimum, maximum, copy, ones_like, and as the outermost call
    a reduction ``sum``, ``prod``, ``min``, ``max``, ``mean``, ``var`` or
    ``std`` with an optional ``axis`` (int or tuple).

    Unlike numexpr, the result's dtype and values are NumPy's for the same
    expression (NEP 50: Python scalars are weak, so ``2 * a`` keeps
    float32, while a function's result is a NumPy value, so ``a *
    sqrt(2.0)`` is float64; integer division by zero gives 0; ``//`` and
    ``%`` floor; sum of int32 is int64; ``min``/``max`` propagate NaN).
    The functions follow NumPy's dtypes too: ``round`` (``np.round`` with 0
    decimals: half to even), ``trunc``, ``sign``, ``floor``, ``ceil``,
    ``hypot`` and ``copy`` of float32 stay float32 (numexpr computes
    round, trunc, sign and hypot in float64); ``round`` of an integer,
    and ``trunc``, ``floor`` and ``ceil`` of an integer or a bool, give it
    back unchanged (numexpr: trunc of an integer is float64); ``ones_like`` of a bool is
    ``True`` (numexpr refuses it); ``sign(-0.0)`` is ``+0.0`` and
    ``sign(nan)`` NaN. Where NumPy's result would be float16 (``log2``,
    ``round``, ``sqrt`` and the other float functions of a bool,
    ``hypot`` or ``arctan2`` of two bools) the Go path raises TypeError
    (inputs small enough for NumPy get NumPy's float16), as for ``sign``
    of a bool, which NumPy refuses (numexpr computes all of these in
    float32 or float64). ``^``, ``<<`` and ``>>`` are NumPy's
    bitwise_xor, left_shift and right_shift: floats raise TypeError, a
    shift count that is negative or at least the dtype's width gives 0 for
    ``<<`` and 0 or -1 by the sign for ``>>``, and ``<<`` or ``>>`` of two
    bools, int8 in NumPy, raises TypeError on the Go path like the float16
    cases. An operation between Python scalars is Python's, as in NumPy's
    evaluation of the same expression, and a Python int that the dtype it
    meets cannot hold (``a << 2**40``, or a name holding 2**40, with ``a``
    int32) raises OverflowError, as in NumPy.

    Parameters
    ----------
    ex : str
        The expression.
    local_dict, global_dict : dict, optional
        Where names are looked up; by default the caller's locals and
        globals.
    out : ndarray, optional
        Where to write the result; it may be one of the operands.
    casting : {'no', 'equiv', 'safe', 'same_kind', 'unsafe'}
        The rule for writing the result into ``out``.

    Returns
    -------
    ndarray
        The result (``out`` when given).

    Raises
    ------
    SyntaxError
        The expression does not parse.
    KeyError
        A name is in neither dict.
    TypeError
        An unsupported function, operator or dtype, or ``out`` that the
        casting rule refuses.
    ValueError
        ``out`` is read-only or of the wrong shape, operands that do not
        broadcast, an integer to a negative integer power.
    OverflowError
        A Python int that the integer dtype it meets cannot hold.

    Examples
    --------
    >>> import numpy as np
    >>> import gonp
    >>> a = np.array([0.0, 1.0, 2.0, 3.0])
    >>> b = np.array([1.0, 1.0, 2.0, 2.0])
    >>> gonp.evaluate("2*a + 3*b")
    array([ 3.,  5., 10., 12.])
    >>> gonp.evaluate("sum((a - b)**2)")  # a 0-d array, as numexpr gives
    array(2.)
    >>> gonp.evaluate("where(a > 1.5, a, -b)")
    array([-1., -1.,  2.,  3.])
    """
    p = _parsed.get(ex)
    if p is None:
        p = _Parsed(ex)
        if len(_parsed) > 1024:
            _parsed.clear()
        _parsed[ex] = p
    names = p.names
    vals = _resolve(names, local_dict, global_dict, _frame_depth + 1)
    if out is not None:
        if not isinstance(out, np.ndarray):
            raise TypeError("out must be an ndarray")
        if not out.flags.writeable:
            raise ValueError("output array is read-only")
    # Small operands go to NumPy before any other work: the product of their
    # sizes bounds the broadcast result's.
    threshold = _config.EFFECTIVE[p.kind]
    bound = 1
    for v in vals:
        t = type(v)
        if t is np.ndarray:
            bound *= v.size
        elif t is not float and t is not int and t is not bool:
            bound = threshold
        if bound >= threshold:
            break
    if bound < threshold:
        return _finish(_numpy_eval(p, names, vals), out, casting)
    arrays = [v if type(v) is np.ndarray else np.asarray(v) for v in vals]
    go = out is None or out.dtype in _GO_DTYPES
    shape: tuple[int, ...] = ()
    for a in arrays:
        if a.dtype not in _GO_DTYPES:
            go = False
        if a.shape != shape:
            shape = a.shape if not shape else np.broadcast_shapes(shape, a.shape)
    size = 1
    for n in shape:
        size *= n
    go = go and size >= threshold and _lib.available()
    if not go:
        return _finish(_numpy_eval(p, names, vals), out, casting)
    return _evaluate_go(p, ex, names, vals, arrays, shape, out, casting)


def _evaluate_go(
    p: _Parsed,
    ex: str,
    names: list[str],
    vals: list[Any],
    arrays: list[np.ndarray],
    shape: tuple[int, ...],
    out: np.ndarray | None,
    casting: str,
) -> np.ndarray:
    ops, dtc, redc = _codes()
    kinds = [(a.dtype, type(v) in (int, float, bool)) for a, v in zip(arrays, vals, strict=True)]
    key = (ex, tuple(kinds))
    prog = _programs.get(key)
    if prog is None:
        c = _Compiler(ops, dtc, kinds, names)
        v = c.visit(p.body)
        if v.reg < 0:  # a constant expression
            return _finish(_numpy_eval(p, names, vals), out, casting)
        code = np.array(c.code, dtype=np.int64)
        consts = np.array(c.consts or [0.0], dtype=np.float64)
        prog = (
            code,
            consts,
            len(c.consts),
            v.dt,
            len(c.code),
            code.ctypes.data,
            consts.ctypes.data,
            tuple(c.bounds),
        )
        if len(_programs) > 1024:
            _programs.clear()
        _programs[key] = prog
    code, consts, nconsts, rdt, ncode, code_at, consts_at, bounds = prog
    for k, bdt in bounds:
        _check_fits(vals[k], bdt)
    nd = len(shape)
    red = 0
    mask = 0
    if p.reduce is not None:
        red = redc[p.reduce]
        axes = range(nd) if p.axis is None else normalize_axis_tuple(p.axis, nd)
        for ax in axes:
            mask |= 1 << ax
        kept = tuple(n for k, n in enumerate(shape) if not mask >> k & 1)
        if p.reduce in ("sum", "prod"):
            odt = np.dtype(np.int64) if rdt.kind in "bi" else rdt
        elif p.reduce in ("mean", "var", "std"):
            odt = rdt if rdt.kind == "f" else _F64
        else:
            odt = rdt
        res = np.empty(kept, dtype=odt)
    elif out is not None and out.shape == shape and np.can_cast(rdt, out.dtype, casting=casting):  # type: ignore[arg-type]
        res = out
        # A blocked pass reads each block before writing it: an input that is
        # out itself is safe, any other overlap is read from a copy.
        for k, a in enumerate(arrays):
            if a.ndim and np.may_share_memory(a, out):
                same = (
                    a.shape == out.shape
                    and a.strides == out.strides
                    and a.ctypes.data == out.ctypes.data
                )
                if not same:
                    arrays[k] = a.copy()
    else:
        res = np.empty(shape, dtype=rdt)
    nthreads = _config.get_num_threads()
    fast = _lib.fast
    if fast is not None and (
        fast.evaluate(
            code_at,
            ncode,
            consts_at,
            nconsts,
            tuple(arrays),
            res,
            shape,
            red,
            mask,
            p.ddof,
            nthreads,
        )
        is None
    ):
        return _result(p, res, out, casting)
    ins = (_lib.GonpArray * max(len(arrays), 1))()
    keep = []
    for k, a in enumerate(arrays):
        if a.dtype.kind in "biuf" and not a.flags.aligned:
            a = arrays[k] = a.copy()
        d = _descriptor(a, dtc)
        keep.append(d)
        ins[k] = d
    dout = _descriptor(res, dtc)
    shp = (ctypes.c_int64 * max(nd, 1))(*shape)
    fn = _lib.lib().gonp_evaluate
    _lib._call(
        fn,
        code.ctypes.data,
        ncode,
        consts.ctypes.data,
        nconsts,
        ctypes.addressof(ins),
        len(arrays),
        ctypes.byref(dout),
        ctypes.addressof(shp),
        nd,
        red,
        mask,
        p.ddof,
        nthreads,
        work=math.prod(shape),
    )
    del keep
    return _result(p, res, out, casting)


def _result(p: _Parsed, res: np.ndarray, out: np.ndarray | None, casting: str) -> np.ndarray:
    """What evaluate returns once Go has filled res."""
    if res is out:
        return out
    if p.reduce is not None and res.ndim == 0:
        res = res[()]
        res = np.asarray(res)
    return _finish(res, out, casting)
