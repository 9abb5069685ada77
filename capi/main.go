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
	"math"
	"runtime"
	"unsafe"

	"gonp/capi/dispatch"
	"gonp/kernels"
	"gonp/parallel"
)

func main() {}

// maxDims bounds the dimensions a descriptor may claim (NumPy's limit is 64).
const maxDims = 64

// toArray copies a C descriptor's shape and strides into Go memory; the data
// pointer is borrowed for the call.
func toArray(d *C.gonp_array) (dispatch.Array, error) {
	if d == nil {
		return dispatch.Array{}, &dispatch.Error{Code: dispatch.ValueError, Msg: "null array descriptor"}
	}
	nd := int(d.ndim)
	if nd < 0 || nd > maxDims {
		return dispatch.Array{}, &dispatch.Error{Code: dispatch.ValueError, Msg: fmt.Sprintf("bad number of dimensions %d", nd)}
	}
	a := dispatch.Array{Data: d.data, DType: dispatch.DType(d.dtype), Shape: make([]int, nd), Strides: make([]int, nd)}
	if err := inBuffer(d, nd); err != nil {
		return dispatch.Array{}, err
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
			}
		}
	}
	return a, nil
}

// inBuffer checks that every byte d's shape and strides reach lies inside
// the buffer d names: [base, base+nbytes). Defence in depth against a
// descriptor that does not describe its array.
func inBuffer(d *C.gonp_array, nd int) error {
	size := int64(dispatch.DType(d.dtype).ItemSize())
	if size == 0 {
		return nil // an unknown dtype: refused by the dispatch checks
	}
	var lo, hi int64 // byte offsets from data of the lowest and highest element
	if nd > 0 {
		shape := unsafe.Slice((*int64)(unsafe.Pointer(d.shape)), nd)
		strides := unsafe.Slice((*int64)(unsafe.Pointer(d.strides)), nd)
		for k := 0; k < nd; k++ {
			if shape[k] <= 0 {
				return nil // no elements: nothing is read or written (negative: refused later)
			}
		}
		for k := 0; k < nd; k++ {
			n, s := shape[k]-1, strides[k]
			if n == 0 || s == 0 {
				continue
			}
			if s > math.MaxInt64/2/n || s < math.MinInt64/2/n {
				return outside()
			}
			if s < 0 {
				lo += s * n
			} else {
				hi += s * n
			}
			if lo < math.MinInt64/2 || hi > math.MaxInt64/2 {
				return outside()
			}
		}
	}
	data, base := int64(uintptr(d.data)), int64(uintptr(d.base))
	nbytes := int64(d.nbytes)
	if nbytes < 0 || base < 0 || base > math.MaxInt64-nbytes || data < 0 {
		return outside()
	}
	if data+lo < base || data+hi+size > base+nbytes {
		return outside()
	}
	return nil
}

func outside() error {
	return &dispatch.Error{Code: dispatch.ValueError, Msg: "array descriptor reaches outside its buffer"}
}

func toArrays(ds ...*C.gonp_array) ([]dispatch.Array, error) {
	as := make([]dispatch.Array, len(ds))
	for i, d := range ds {
		a, err := toArray(d)
		if err != nil {
			return nil, err
		}
		as[i] = a
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
func gonp_unary(op C.int32_t, x, out *C.gonp_array, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Unary(kernels.UnaryOp(op), a[0], a[1], int(nthreads))
	}, x, out)
}

//export gonp_binary
func gonp_binary(op C.int32_t, x, y, out *C.gonp_array, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Binary(kernels.BinaryOp(op), a[0], a[1], a[2], int(nthreads))
	}, x, y, out)
}

//export gonp_reduce
func gonp_reduce(op C.int32_t, x *C.gonp_array, nreduce C.int64_t, out *C.gonp_array, ddof C.double, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Reduce(dispatch.ReduceOp(op), a[0], int(nreduce), a[1], float64(ddof), int(nthreads))
	}, x, out)
}

//export gonp_mean_var
func gonp_mean_var(x *C.gonp_array, nreduce C.int64_t, meanOut, varOut *C.gonp_array, ddof C.double, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.MeanVar(a[0], int(nreduce), a[1], a[2], float64(ddof), int(nthreads))
	}, x, meanOut, varOut)
}

//export gonp_matmul
func gonp_matmul(a, b, out *C.gonp_array, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(as []dispatch.Array) error {
		return dispatch.MatMul(as[0], as[1], as[2], int(nthreads))
	}, a, b, out)
}

//export gonp_subdiv
func gonp_subdiv(x, sub, div, out *C.gonp_array, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.SubDiv(a[0], a[1], a[2], a[3], int(nthreads))
	}, x, sub, div, out)
}

//export gonp_cdist
func gonp_cdist(metric C.int32_t, xa, xb, out *C.gonp_array, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Cdist(kernels.Metric(metric), a[0], a[1], a[2], int(nthreads))
	}, xa, xb, out)
}

//export gonp_pdist
func gonp_pdist(metric C.int32_t, x, out *C.gonp_array, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return operation(errbuf, errlen, func(a []dispatch.Array) error {
		return dispatch.Pdist(kernels.Metric(metric), a[0], a[1], int(nthreads))
	}, x, out)
}

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
