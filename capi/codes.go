package main

import (
	"gonp/capi/dispatch"
	"gonp/kernels"
	"gonp/kernels/distance"
	"gonp/kernels/expr"
)

// The names of the codes that cross the C boundary, defined once here and
// read by Python at load time through gonp_codes; capi/gonp.h spells the same
// codes as GONP_<NAME> and a test checks that the two agree.

var errorNames = map[dispatch.Code]string{
	dispatch.OK:            "ok",
	dispatch.ValueError:    "value_error",
	dispatch.TypeError:     "type_error",
	dispatch.MemoryError:   "memory_error",
	dispatch.InternalError: "internal_error",
	dispatch.Cancelled:     "cancelled",
}

// codeTable returns, for each kind of code, the name of every code and its
// value. Unary and binary operations carry their NumPy ufunc names, dtypes
// their NumPy names, metrics scipy's names.
func codeTable() map[string]map[string]int {
	t := map[string]map[string]int{
		"errors": {}, "dtypes": {}, "unary": {}, "binary": {}, "reduce": {}, "metrics": {},
		"reduce_result": {}, "reduce_accepts": {},
		"expr_op": {}, "expr_reduce": {}, "expr_dtypes": {},
	}
	dtypes := []dispatch.DType{dispatch.Float32, dispatch.Float64, dispatch.Int32, dispatch.Int64}
	for op := expr.OpLoad; op < expr.NumOps; op++ {
		t["expr_op"][op.String()] = int(op)
	}
	for r := dispatch.ExprNone; r <= dispatch.ExprStd; r++ {
		t["expr_reduce"][r.String()] = int(r)
	}
	// The register dtypes of expression programs: gonp's dtypes and bool.
	for _, d := range append(dtypes, dispatch.Bool) {
		t["expr_dtypes"][d.String()] = int(d)
	}
	for c, name := range errorNames {
		t["errors"][name] = int(c)
	}
	for _, d := range dtypes {
		t["dtypes"][d.String()] = int(d)
	}
	// The reductions' dtype rules, keyed "op:dtype": the dtype code NumPy
	// gives with no dtype=, and the set of result dtypes the Go reduction
	// computes (a bit mask, bit d for dtype code d).
	for op := dispatch.Sum; op <= dispatch.Max; op++ {
		name := op.String()
		for _, in := range dtypes {
			key := name + ":" + in.String()
			t["reduce_result"][key] = int(dispatch.ResultDType(op, in))
			mask := 0
			for _, out := range dtypes {
				if dispatch.AcceptsResult(op, in, out) {
					mask |= 1 << int(out)
				}
			}
			t["reduce_accepts"][key] = mask
		}
	}
	for op := kernels.OpSquare; op <= kernels.OpCos; op++ {
		t["unary"][op.String()] = int(op)
	}
	for op := kernels.OpAdd; op <= kernels.OpPower; op++ {
		t["binary"][op.String()] = int(op)
	}
	for op := dispatch.Sum; op <= dispatch.Max; op++ {
		t["reduce"][op.String()] = int(op)
	}
	for m := distance.Euclidean; m <= distance.LastMetric; m++ {
		t["metrics"][m.String()] = int(m)
	}
	return t
}
