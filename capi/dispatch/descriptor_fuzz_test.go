package dispatch

import (
	"errors"
	"testing"
	"unsafe"

	"gonp/kernels"
)

// FuzzDescriptor feeds Unary and Reduce descriptors as capi hands them over
// (strides of dimensions of length 0 or 1 zeroed, as toArray does) with
// random dimension counts, dtype codes (valid and not), shapes (zero-length
// and negative), strides (negative, zero, not a multiple of the item size),
// mismatched shape/stride lengths, in-place outputs and wrong output shapes
// or dtypes. A descriptor the validation must refuse has to come back as
// the right error code, never a panic, with nothing written. A valid one
// must give the right values and write only its output's elements.
//
// Descriptors that reach outside the buffer they describe are not passed:
// the byte-extent check on the C side refuses those before dispatch runs.

const fuzzBufWords = 512 // 8-byte words in the fuzzed buffer

type fuzzDesc struct {
	a        Array
	lo, hi   int  // byte extent from element zero: [lo, hi + item)
	wantCode Code // OK, or one of the codes its faults call for
	alsoCode Code // a second acceptable code when it has faults of both kinds
	in       bool // lies inside the buffer
}

// fuzzDescriptor decodes one descriptor over buf from spec, starting at
// spec[0]; it returns the descriptor and how many bytes it used.
func fuzzDescriptor(buf []uint64, spec []byte) (fuzzDesc, int) {
	at := func(i int) byte {
		if i < len(spec) {
			return spec[i]
		}
		return 0
	}
	nd := int(at(0)) % 5
	code := DType(int(at(1)) % 7) // 0, 5 (bool: Evaluate only) and 6 are not dtypes here
	flags := at(2)
	elemOff := int(at(3))
	used := 4 + 3*nd
	d := fuzzDesc{}
	size := code.ItemSize()
	if code == Bool {
		size = 0 // a valid descriptor, but no dtype of the operations fuzzed here
	}
	item := max(size, 1)
	shape, strides := make([]int, nd), make([]int, nd)
	neg, misaligned := false, false
	for k := range nd {
		s := int(at(4+3*k)) % 6
		if flags&4 != 0 && k == 0 {
			s = -1 - s
			neg = true
		}
		st := int(int8(at(5+3*k))) % 6 * item
		if extra := int(at(6+3*k)) % 8; extra < item && extra != 0 && at(6+3*k)&0x80 != 0 {
			st += extra
		}
		shape[k] = s
		if s > 1 { // as capi's toArray: strides of length-0/1 dimensions are 0
			strides[k] = st
			if size > 0 && st%size != 0 {
				misaligned = true
			}
		}
		if s > 1 {
			if st < 0 {
				d.lo += st * (s - 1)
			} else {
				d.hi += st * (s - 1)
			}
		}
	}
	if flags&8 != 0 && nd > 0 {
		strides = strides[:nd-1] // shape and strides of different lengths
	}
	base := 8*fuzzBufWords/2 + elemOff*item - 8*fuzzBufWords/4
	d.a = Array{Data: unsafe.Pointer(&buf[0]), DType: code, Shape: shape, Strides: strides}
	d.a.Data = unsafe.Add(d.a.Data, base)
	empty := false
	for _, s := range shape {
		empty = empty || s == 0
	}
	valueFault := len(strides) != len(shape) || neg || (size > 0 && misaligned)
	switch {
	case valueFault && size == 0:
		d.wantCode, d.alsoCode = ValueError, TypeError
	case valueFault:
		d.wantCode, d.alsoCode = ValueError, ValueError
	case size == 0:
		d.wantCode, d.alsoCode = TypeError, TypeError
	}
	d.in = empty || neg || (base+d.lo >= 0 && base+d.hi+item <= 8*len(buf))
	return d, used
}

// fuzzElem reads element idx of a valid descriptor as float64.
func fuzzElem(a Array, idx []int) float64 {
	p := a.Data
	for k, i := range idx {
		p = unsafe.Add(p, i*a.Strides[k])
	}
	switch a.DType {
	case Float32:
		return float64(*(*float32)(p))
	case Float64:
		return *(*float64)(p)
	case Int32:
		return float64(*(*int32)(p))
	}
	return float64(*(*int64)(p))
}

// fuzzFill writes small whole numbers into buf, so that every sum and
// square below is exact in every dtype and order.
func fuzzFill(buf []uint64, code DType) {
	b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), 8*len(buf))
	size := max(code.ItemSize(), 4)
	for i := 0; i+size <= len(b); i += size {
		v := (i/size*7)%23 - 11
		p := unsafe.Pointer(&b[i])
		switch code {
		case Float32:
			*(*float32)(p) = float32(v)
		case Float64:
			*(*float64)(p) = float64(v)
		case Int64:
			*(*int64)(p) = int64(v)
		default:
			*(*int32)(p) = int32(v)
		}
	}
}

func fuzzErrCode(err error) Code {
	var e *Error
	if err == nil {
		return OK
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return InternalError
}

// fuzzContig is a fresh C-order array of shape and dtype with its own
// guarded buffer (sentinel words around it).
func fuzzContig(shape []int, code DType) (Array, []uint64) {
	n := 1
	for _, s := range shape {
		n *= max(s, 0)
	}
	size := max(code.ItemSize(), 1)
	words := (n*size+7)/8 + 2
	buf := make([]uint64, words)
	for i := range buf {
		buf[i] = 0xa5a5a5a5a5a5a5a5
	}
	strides := make([]int, len(shape))
	st := size
	for k := len(shape) - 1; k >= 0; k-- {
		if shape[k] > 1 {
			strides[k] = st
		}
		st *= max(shape[k], 1)
	}
	return Array{Data: unsafe.Pointer(&buf[1]), DType: code, Shape: append([]int(nil), shape...), Strides: strides}, buf
}

// fuzzCheckContig checks the guard words of a fuzzContig buffer and that
// the unwritten tail bytes of its last word kept the sentinel.
func fuzzCheckContig(t *testing.T, buf []uint64, nbytes int, what string) {
	t.Helper()
	if buf[0] != 0xa5a5a5a5a5a5a5a5 || buf[len(buf)-1] != 0xa5a5a5a5a5a5a5a5 {
		t.Fatalf("%s: guard word written", what)
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&buf[1])), 8*(len(buf)-2))
	for i := nbytes; i < len(b); i++ {
		if b[i] != 0xa5 {
			t.Fatalf("%s: byte %d past the output written", what, i)
		}
	}
}

func fuzzIndexes(shape []int, f func(idx []int)) {
	for _, s := range shape {
		if s <= 0 {
			return
		}
	}
	idx := make([]int, len(shape))
	for {
		f(idx)
		k := len(shape) - 1
		for ; k >= 0; k-- {
			idx[k]++
			if idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			return
		}
	}
}

func FuzzDescriptor(f *testing.F) {
	f.Add([]byte{2, 2, 0, 10, 3, 2, 0, 4, 1, 0}, uint8(0), uint8(1), uint8(1))
	f.Add([]byte{2, 1, 0, 200, 5, 0xff, 0, 3, 3, 0}, uint8(1), uint8(2), uint8(3))
	f.Add([]byte{1, 5, 0, 0, 4, 1, 0}, uint8(0), uint8(0), uint8(0))
	f.Add([]byte{3, 3, 4, 7, 2, 1, 0, 3, 2, 0, 2, 1, 0}, uint8(2), uint8(1), uint8(0))
	f.Add([]byte{2, 2, 0, 9, 3, 1, 0x81, 4, 1, 0}, uint8(0), uint8(1), uint8(2))
	f.Add([]byte{2, 4, 8, 9, 3, 1, 0, 4, 1, 0}, uint8(0), uint8(0), uint8(5))
	f.Add([]byte{0, 2, 0, 0}, uint8(3), uint8(0), uint8(0))
	f.Add([]byte{2, 3, 2, 30, 0, 2, 0, 5, 0xfe, 0}, uint8(4), uint8(2), uint8(1))
	f.Fuzz(func(t *testing.T, spec []byte, mode, nreduce, workers uint8) {
		buf := make([]uint64, fuzzBufWords)
		code := DType(0)
		if len(spec) > 1 {
			code = DType(int(spec[1]) % 7)
		}
		fuzzFill(buf, code)
		orig := append([]uint64(nil), buf...)
		d, _ := fuzzDescriptor(buf, spec)
		if !d.in {
			return
		}
		w := int(workers%4) + 1
		x := d.a
		unchanged := func(what string) {
			for i := range buf {
				if buf[i] != orig[i] {
					t.Fatalf("%s: input buffer word %d changed", what, i)
				}
			}
		}
		switch mode % 5 {
		case 0, 1: // unary square into a fresh output, or in place
			inPlace := mode%5 == 1 && d.wantCode == OK && !fuzzSelfOverlap(x)
			out, obuf := fuzzContig(x.Shape, code)
			if inPlace {
				out = x
			}
			if code.ItemSize() == 0 && d.wantCode == OK {
				t.Fatal("decoder bug: valid descriptor with no dtype")
			}
			before := make(map[string]float64)
			if d.wantCode == OK {
				fuzzIndexes(x.Shape, func(idx []int) { before[fuzzKey(idx)] = fuzzElem(x, idx) })
			}
			err := Unary(kernels.OpSquare, x, out, w, nil)
			if got := fuzzErrCode(err); got != d.wantCode && got != d.alsoCode {
				t.Fatalf("Unary on %+v: code %d (%v), want %d", x, got, err, d.wantCode)
			}
			if d.wantCode != OK {
				unchanged("refused unary")
				for _, v := range obuf[1 : len(obuf)-1] {
					if v != 0xa5a5a5a5a5a5a5a5 {
						t.Fatal("refused unary wrote its output")
					}
				}
				return
			}
			fuzzIndexes(x.Shape, func(idx []int) {
				v := before[fuzzKey(idx)]
				if got := fuzzElem(out, idx); got != v*v {
					t.Fatalf("square at %v: %v, want %v", idx, got, v*v)
				}
			})
			if !inPlace {
				unchanged("unary")
				n := 1
				for _, s := range x.Shape {
					n *= s
				}
				fuzzCheckContig(t, obuf, n*code.ItemSize(), "unary out")
			}
		default: // sum over the last nreduce axes, with a right or wrong output
			nr := 0
			if len(x.Shape) > 0 {
				nr = int(nreduce) % (len(x.Shape) + 1)
			}
			want, also := d.wantCode, d.alsoCode
			kept := x.Shape
			if len(x.Shape) >= nr {
				kept = x.Shape[:len(x.Shape)-nr]
			}
			outCode := ResultDType(Sum, code)
			if code.ItemSize() == 0 {
				outCode = Float64
			}
			keptShape := append([]int(nil), kept...)
			switch mode % 5 {
			case 3: // wrong output shape
				keptShape = append(keptShape, 2)
			case 4: // wrong output dtype
				if outCode == Int64 {
					outCode = Float32
				} else {
					outCode = Int32
				}
			}
			out, obuf := fuzzContig(keptShape, outCode)
			keptN, redN := 1, 1
			for _, s := range kept {
				keptN *= max(s, 0)
			}
			if len(x.Shape) >= nr {
				for _, s := range x.Shape[len(x.Shape)-nr:] {
					redN *= max(s, 0)
				}
			}
			if want == OK {
				switch {
				case mode%5 == 3:
					want = ValueError
				case keptN > 0 && redN == 0:
					want = ValueError // zero-size reduction
				case mode%5 == 4 && keptN > 0: // (nothing to write: no check)
					want = TypeError
				}
				also = want
			}
			err := Reduce(Sum, x, nr, out, 0, w, nil)
			if got := fuzzErrCode(err); got != want && got != also {
				t.Fatalf("Reduce(sum, %d axes, nil) on %+v into %v %v: code %d (%v), want %d", nr, x, outCode, keptShape, got, err, want)
			}
			unchanged("reduce")
			if want != OK {
				for _, v := range obuf[1 : len(obuf)-1] {
					if v != 0xa5a5a5a5a5a5a5a5 {
						t.Fatal("refused reduce wrote its output")
					}
				}
				return
			}
			fuzzIndexes(kept, func(k []int) {
				s := 0.0
				fuzzIndexes(x.Shape[len(kept):], func(r []int) {
					s += fuzzElem(x, append(append([]int(nil), k...), r...))
				})
				if got := fuzzElem(out, k); got != s {
					t.Fatalf("sum at %v: %v, want %v", k, got, s)
				}
			})
			fuzzCheckContig(t, obuf, keptN*outCode.ItemSize(), "reduce out")
		}
	})
}

func fuzzKey(idx []int) string {
	b := make([]byte, 0, 2*len(idx))
	for _, i := range idx {
		b = append(b, byte(i), ',')
	}
	return string(b)
}

// fuzzSelfOverlap reports whether two elements of a share an address.
func fuzzSelfOverlap(a Array) bool {
	seen := map[uintptr]bool{}
	over := false
	fuzzIndexes(a.Shape, func(idx []int) {
		p := uintptr(a.Data)
		for k, i := range idx {
			p += uintptr(i * a.Strides[k])
		}
		over = over || seen[p]
		seen[p] = true
	})
	return over
}
