// Command capi builds libgonp, gonp's C shared library:
//
//	go build -buildmode=c-shared -o libgonp.so ./capi
//
// Each export converts its C descriptors into dispatch.Arrays, calls one
// function of the dispatch package and turns the outcome into a return code
// and a message, as documented in gonp.h. Every export recovers panics, so a
// bug in Go becomes an error in Python rather than a dead interpreter.
package main

/*
#include <stdint.h>
#include "gonp.h"
*/
import "C"

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"gonp/capi/dispatch"
	"gonp/kernels"
	"gonp/kernels/distance"
	"gonp/parallel"
)

func main() {}

// maxDims bounds the dimensions a descriptor may claim (NumPy's limit is 64).
const maxDims = 64

// toArray copies a C descriptor's shape and strides into dims (2*ndim
// entries of Go memory); the data pointer is borrowed for the call.
func toArray(d *C.gonp_array, dims []int) (dispatch.Array, error) {
	nd := int(d.ndim)
	a := dispatch.Array{
		Data: d.data, DType: dispatch.DType(d.dtype), Shape: dims[:nd:nd], Strides: dims[nd : 2*nd : 2*nd],
		Base: unsafe.Pointer(d.base), NBytes: int(d.nbytes),
	}
	if nd > 0 {
		shape := unsafe.Slice((*int64)(unsafe.Pointer(d.shape)), nd)
		strides := unsafe.Slice((*int64)(unsafe.Pointer(d.strides)), nd)
		for k := 0; k < nd; k++ {
			a.Shape[k] = int(shape[k])
			// A stride along a dimension of length 0 or 1 is never used;
			// NumPy may leave any value there (even negative), so make it 0.
			if shape[k] > 1 {
				a.Strides[k] = int(strides[k])
			} else {
				a.Strides[k] = 0
			}
		}
	}
	// Checked after the strides of length-1 dimensions (never used, any
	// value in NumPy) are zeroed.
	if err := a.InBuffer(); err != nil {
		return dispatch.Array{}, err
	}
	return a, nil
}

// toArrays converts the descriptors of one call, with one allocation for
// all their shapes and strides.
func toArrays(ds ...*C.gonp_array) ([]dispatch.Array, error) {
	total := 0
	for _, d := range ds {
		if d == nil {
			return nil, &dispatch.Error{Code: dispatch.ValueError, Msg: "null array descriptor"}
		}
		nd := int(d.ndim)
		if nd < 0 || nd > maxDims {
			return nil, &dispatch.Error{Code: dispatch.ValueError, Msg: fmt.Sprintf("bad number of dimensions %d", nd)}
		}
		total += 2 * nd
	}
	dims := make([]int, total)
	as := make([]dispatch.Array, len(ds))
	for i, d := range ds {
		n := 2 * int(d.ndim)
		a, err := toArray(d, dims[:n:n])
		if err != nil {
			return nil, err
		}
		as[i] = a
		dims = dims[n:]
	}
	return as, nil
}

// writeMessage copies msg into the caller's buffer, truncated and always
// NUL-terminated.
func writeMessage(buf *C.char, buflen C.int64_t, msg string) {
	if buf == nil || buflen <= 0 {
		return
	}
	dst := unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(buflen))
	n := copy(dst[:len(dst)-1], msg)
	dst[n] = 0
}

// finish turns an error into a code and a message.
func finish(err error, errbuf *C.char, errlen C.int64_t) C.int {
	if err == nil {
		return C.int(dispatch.OK)
	}
	var de *dispatch.Error
	if errors.As(err, &de) {
		writeMessage(errbuf, errlen, de.Msg)
		return C.int(de.Code)
	}
	writeMessage(errbuf, errlen, err.Error())
	return C.int(dispatch.InternalError)
}

// guard runs f and turns a panic, in f or in a pool worker, into an error.
func guard(errbuf *C.char, errlen C.int64_t, f func() error) (code C.int) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("gonp internal error: %v", r)
			if pe, ok := r.(*parallel.PanicError); ok {
				msg = fmt.Sprintf("gonp internal error: %v\n%s", pe.Value, pe.Stack)
			}
			writeMessage(errbuf, errlen, msg)
			code = C.int(dispatch.InternalError)
		}
	}()
	return finish(f(), errbuf, errlen)
}

// operation is the one shape of every operation export: count the call,
// convert the descriptors, run f on them, and turn the outcome (an error or
// a panic) into a code and a message.
func operation(errbuf *C.char, errlen C.int64_t, f func(as []dispatch.Array) error, ds ...*C.gonp_array) C.int {
	countCall()
	return guard(errbuf, errlen, func() error {
		as, err := toArrays(ds...)
		if err != nil {
			return err
		}
		return f(as)
	})
}

//export gonp_unary
func gonp_unary(op C.int32_t, x, out *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Unary(kernels.UnaryOp(op), a[0], a[1], int(nthreads), flag(cancel))
	}, x, out)
}

//export gonp_binary
func gonp_binary(op C.int32_t, x, y, out *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Binary(kernels.BinaryOp(op), a[0], a[1], a[2], int(nthreads), flag(cancel))
	}, x, y, out)
}

//export gonp_reduce
func gonp_reduce(op C.int32_t, x *C.gonp_array, nreduce C.int64_t, out *C.gonp_array, ddof C.double, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Reduce(dispatch.ReduceOp(op), a[0], int(nreduce), a[1], float64(ddof), int(nthreads), flag(cancel))
	}, x, out)
}

//export gonp_mean_var
func gonp_mean_var(x *C.gonp_array, nreduce C.int64_t, meanOut, varOut *C.gonp_array, ddof C.double, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.MeanVar(a[0], int(nreduce), a[1], a[2], float64(ddof), int(nthreads), flag(cancel))
	}, x, meanOut, varOut)
}

//export gonp_matmul
func gonp_matmul(a, b, out *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(as []dispatch.Array) error {
		return dispatch.MatMul(as[0], as[1], as[2], int(nthreads), flag(cancel))
	}, a, b, out)
}

//export gonp_subdiv
func gonp_subdiv(x, sub, div, out *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.SubDiv(a[0], a[1], a[2], a[3], int(nthreads), flag(cancel))
	}, x, sub, div, out)
}

//export gonp_cdist
func gonp_cdist(metric C.int32_t, xa, xb, out *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Cdist(distance.Metric(metric), a[0], a[1], a[2], int(nthreads), flag(cancel))
	}, xa, xb, out)
}

//export gonp_pdist
func gonp_pdist(metric C.int32_t, x, out *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Pdist(distance.Metric(metric), a[0], a[1], int(nthreads), flag(cancel))
	}, x, out)
}

//export gonp_knn
func gonp_knn(metric C.int32_t, k C.int64_t, xa, xb, dist, idx *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Knn(distance.Metric(metric), int(k), a[0], a[1], a[2], a[3], int(nthreads), flag(cancel))
	}, xa, xb, dist, idx)
}

// flag is the caller's cancel flag as Go sees it (nil: none); it is read
// atomically during the call and not kept.
func flag(cancel *C.int32_t) *int32 { return (*int32)(unsafe.Pointer(cancel)) }

// writeJSON marshals v into buf, NUL-terminated.
func writeJSON(buf *C.char, buflen C.int64_t, v any) error {
	js, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if len(js)+1 > int(buflen) {
		return &dispatch.Error{Code: dispatch.ValueError, Msg: "buffer too small"}
	}
	writeMessage(buf, buflen, string(js))
	return nil
}

//export gonp_codes
func gonp_codes(buf *C.char, buflen C.int64_t) C.int {
	return guard(buf, buflen, func() error { return writeJSON(buf, buflen, codeTable()) })
}

//export gonp_info
func gonp_info(buf *C.char, buflen C.int64_t) C.int {
	return guard(buf, buflen, func() error {
		return writeJSON(buf, buflen, map[string]any{
			"go_version":      runtime.Version(),
			"goos":            runtime.GOOS,
			"goarch":          runtime.GOARCH,
			"simd":            kernels.ActiveLevel().String(),
			"simd_hardware":   kernels.HardwareLevel().String(),
			"default_threads": parallel.Workers(),
			"num_cpu":         runtime.NumCPU(),
		})
	})
}

//export gonp_set_simd
func gonp_set_simd(level *C.char, errbuf *C.char, errlen C.int64_t) C.int {
	return guard(errbuf, errlen, func() error {
		name := C.GoString(level)
		l, ok := kernels.ParseLevel(name)
		if !ok {
			return &dispatch.Error{Code: dispatch.ValueError, Msg: fmt.Sprintf("unknown SIMD level %q (want generic, avx2 or avx512)", name)}
		}
		kernels.SetLevel(l)
		return nil
	})
}

//export gonp_cdist_params
func gonp_cdist_params(metric C.int32_t, xa, xb, out *C.gonp_array, p C.double, w *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.CdistParams(distance.Metric(metric), float64(p), a[3], a[0], a[1], a[2], int(nthreads), flag(cancel))
	}, xa, xb, out, w)
}

//export gonp_pdist_params
func gonp_pdist_params(metric C.int32_t, x, out *C.gonp_array, p C.double, w *C.gonp_array, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.PdistParams(distance.Metric(metric), float64(p), a[2], a[0], a[1], int(nthreads), flag(cancel))
	}, x, out, w)
}

//export gonp_evaluate
func gonp_evaluate(code *C.int64_t, ncode C.int64_t, consts *C.double, nconsts C.int64_t, ins *C.gonp_array, nins C.int64_t, out *C.gonp_array, shape *C.int64_t, ndim C.int64_t, reduce C.int32_t, mask C.int64_t, ddof C.double, cancel *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	if ncode < 0 || nconsts < 0 || nins < 0 || nins > 1024 || ndim < 0 || ndim > maxDims {
		return guard(errbuf, errlen, func() error {
			return &dispatch.Error{Code: dispatch.ValueError, Msg: "bad program or operand counts"}
		})
	}
	ds := make([]*C.gonp_array, 0, int(nins)+1)
	if nins > 0 {
		for k := range unsafe.Slice(ins, int(nins)) {
			ds = append(ds, &unsafe.Slice(ins, int(nins))[k])
		}
	}
	ds = append(ds, out)
	prog := make([]int64, int(ncode))
	if ncode > 0 {
		copy(prog, unsafe.Slice((*int64)(unsafe.Pointer(code)), int(ncode)))
	}
	cs := make([]float64, int(nconsts))
	if nconsts > 0 {
		copy(cs, unsafe.Slice((*float64)(unsafe.Pointer(consts)), int(nconsts)))
	}
	sh := make([]int, int(ndim))
	if ndim > 0 {
		for k, v := range unsafe.Slice((*int64)(unsafe.Pointer(shape)), int(ndim)) {
			sh[k] = int(v)
		}
	}
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		n := len(a) - 1
		return dispatch.Evaluate(prog, cs, a[:n], a[n], sh, dispatch.ExprReduce(reduce), uint64(mask), float64(ddof), int(nthreads), flag(cancel))
	}, ds...)
}
