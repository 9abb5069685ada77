package vmath

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/cpu"
)

func TestStreamMinFromEnv(t *testing.T) {
	for s, want := range map[string]int{"": 5, "0": 0, "1048576": 1 << 20, "-1": 5, "x": 5, "1099511627776": 1 << 40} {
		if got := streamMinFromEnv(s, 5); got != want {
			t.Errorf("streamMinFromEnv(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestStreamChoice checks when a call streams: from a destination
// capacity of streamMinBytes, at AVX2 and above, not in place.
func TestStreamChoice(t *testing.T) {
	const m = 4096
	big := make([]float64, streamMinBytes/8)
	x := make([]float64, m)
	big32 := make([]float32, streamMinBytes/4)
	x32 := make([]float32, m)
	expEachLevel(t, func(t *testing.T) {
		want := cpu.Active() >= cpu.AVX2 && streamAsm
		if got := stream64(big[:m], x, nil); got != want {
			t.Errorf("stream64 on a slice of a large buffer = %v, want %v", got, want)
		}
		if got := stream64(big[:m], nil, x); got != want {
			t.Errorf("stream64 with a scalar x = %v, want %v", got, want)
		}
		if got := stream32(big32[:m], x32, x32); got != want {
			t.Errorf("stream32 on a slice of a large buffer = %v, want %v", got, want)
		}
		if stream64(big[:m], big[:m], nil) || stream64(big[:m], x, big[:m]) || stream32(big32[:m], x32, big32[:m]) {
			t.Error("an in-place call streams")
		}
		small := make([]float64, m)
		if stream64(small, x, nil) || stream64(big[len(big)-m:], x, nil) {
			t.Error("a call whose destination ends within streamMinBytes streams")
		}
		if stream64(big[:streamMinLen-1], x[:streamMinLen-1], nil) {
			t.Error("a call shorter than streamMinLen streams")
		}
		if want {
			for off := range 16 {
				h, h32 := streamHead64(&big[off]), streamHead32(&big32[off])
				if h < 0 || h > 7 || (off+h)%8 != streamHead64(&big[0])%8 || h32 < 0 || h32 > 15 {
					t.Errorf("offset %d: streamHead64 = %d, streamHead32 = %d", off, h, h32)
				}
			}
		}
	})
}

// TestStreamDrivers runs every streaming function with streamMinBytes
// lowered to 0, so that any output of a block or more streams: lengths
// about the block sizes, every start offset of dst modulo 16 elements (so
// that the aligned lines fall anywhere), special values scattered, guard
// values around dst that must stay (the non-temporal stores are checked
// after the fence of each call, as any caller sees them). Each result must carry the scalar
// body's bits, at every level.
func TestStreamDrivers(t *testing.T) {
	defer func(v int) { streamMinBytes = v }(streamMinBytes)
	streamMinBytes = 0
	rng := rand.New(rand.NewPCG(21, 22))
	const guard = 16
	lengths := []int{streamMinLen, streamMinLen + 1, 77, 100, 129, 256, 1000, 1027}
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), -2.5, 5e-324, 800, -800, 1e300}
	val := func(lo, hi float64) float64 {
		if rng.IntN(50) == 0 {
			return specials[rng.IntN(len(specials))]
		}
		return lo + rng.Float64()*(hi-lo)
	}
	type fn64 struct {
		name   string
		lo, hi float64
		vec    func(d, x, y []float64)
		scalar func(x, y float64) float64
	}
	fns64 := []fn64{
		{"Exp", -700, 700, func(d, x, _ []float64) { Exp(d, x) }, func(x, _ float64) float64 { return expF64(x) }},
		{"Log", 1e-300, 1e300, func(d, x, _ []float64) { Log(d, x) }, func(x, _ float64) float64 { return logF64(x) }},
		{"Sin", -100, 100, func(d, x, _ []float64) { Sin(d, x) }, func(x, _ float64) float64 { return scSinCos64(x, scSinShift, scSinSign) }},
		{"Cos", -100, 100, func(d, x, _ []float64) { Cos(d, x) }, func(x, _ float64) float64 { return scSinCos64(x, scCosShift, scCosSign) }},
		{"PowScalar", 1e-3, 1e3, func(d, x, _ []float64) { PowScalar(d, x, 2.5) }, func(x, _ float64) float64 { return powF64(x, 2.5) }},
		{"ScalarPow", -30, 30, func(d, x, _ []float64) { ScalarPow(d, 1.7, x) }, func(x, _ float64) float64 { return powF64(1.7, x) }},
		{"Pow", 1e-3, 1e3, Pow, powF64},
	}
	type fn32 struct {
		name   string
		lo, hi float64
		vec    func(d, x, y []float32)
		scalar func(x, y float32) float32
	}
	fns32 := []fn32{
		{"Exp32", -100, 100, func(d, x, _ []float32) { Exp32(d, x) }, func(x, _ float32) float32 { return expF32(x) }},
		{"Log32", 1e-30, 1e30, func(d, x, _ []float32) { Log32(d, x) }, func(x, _ float32) float32 { return logF32(x) }},
		{"Sin32", -100, 100, func(d, x, _ []float32) { Sin32(d, x) }, func(x, _ float32) float32 { return scSinCos32(x, scSinShift) }},
		{"Cos32", -100, 100, func(d, x, _ []float32) { Cos32(d, x) }, func(x, _ float32) float32 { return scSinCos32(x, scCosShift) }},
		{"PowScalar32", 1e-3, 1e3, func(d, x, _ []float32) { PowScalar32(d, x, 2.5) }, func(x, _ float32) float32 { return powF32(x, 2.5) }},
		{"ScalarPow32", -30, 30, func(d, x, _ []float32) { ScalarPow32(d, 1.7, x) }, func(x, _ float32) float32 { return powF32(1.7, x) }},
		{"Pow32", 1e-3, 1e3, Pow32, powF32},
	}
	expEachLevel(t, func(t *testing.T) {
		for _, n := range lengths {
			for off := range 16 {
				for _, f := range fns64 {
					x, y := make([]float64, n), make([]float64, n)
					for i := range x {
						x[i], y[i] = val(f.lo, f.hi), val(-3, 3)
					}
					buf := make([]float64, off+n+guard)
					for i := range buf {
						buf[i] = -7
					}
					d := buf[off : off+n]
					if !stream64(d, x, nil) && cpu.Active() >= cpu.AVX2 && streamAsm {
						t.Fatalf("%s: n=%d does not stream", f.name, n)
					}
					f.vec(d, x, y)
					for i := range x {
						yi := y[i]
						if f.name != "Pow" {
							yi = 0
						}
						expSame64(t, f.name, x[i], d[i], f.scalar(x[i], yi))
					}
					for i, v := range buf {
						if (i < off || i >= off+n) && v != -7 {
							t.Fatalf("%s: n=%d off=%d wrote buf[%d] outside dst", f.name, n, off, i)
						}
					}
				}
				for _, f := range fns32 {
					x, y := make([]float32, n), make([]float32, n)
					for i := range x {
						x[i], y[i] = float32(val(f.lo, f.hi)), float32(val(-3, 3))
					}
					buf := make([]float32, off+n+guard)
					for i := range buf {
						buf[i] = -7
					}
					d := buf[off : off+n]
					f.vec(d, x, y)
					for i := range x {
						yi := y[i]
						if f.name != "Pow32" {
							yi = 0
						}
						expSame32(t, f.name, x[i], d[i], f.scalar(x[i], yi))
					}
					for i, v := range buf {
						if (i < off || i >= off+n) && v != -7 {
							t.Fatalf("%s: n=%d off=%d wrote buf[%d] outside dst", f.name, n, off, i)
						}
					}
				}
			}
		}
	})
}

// TestStreamSquareAdd checks SquareStream, AddStream and SubDivStream (and
// the float32 twins) against x*x, x+y and (x-s)/d bit for bit, with streamMinBytes lowered so
// that small slices stream: every start offset of dst modulo 16, lengths
// about a line, guards around dst, and false (nothing written) where the
// call does not stream.
func TestStreamSquareAdd(t *testing.T) {
	defer func(v int) { streamMinBytes = v }(streamMinBytes)
	rng := rand.New(rand.NewPCG(31, 32))
	expEachLevel(t, func(t *testing.T) {
		want := cpu.Active() >= cpu.AVX2 && streamAsm
		for _, n := range []int{streamMinLen, 65, 100, 1000, 1031} {
			for off := range 16 {
				streamMinBytes = 0
				x, y := make([]float64, n), make([]float64, n)
				x32, y32 := make([]float32, n), make([]float32, n)
				for i := range x {
					x[i], y[i] = rng.NormFloat64()*1e3, rng.NormFloat64()
					x32[i], y32[i] = float32(x[i]), float32(y[i])
				}
				x[n/2], x32[n/2] = math.NaN(), float32(math.Inf(-1))
				buf := make([]float64, off+n+16)
				buf32 := make([]float32, off+n+16)
				const sub, div = 0.75, 3.0
				for _, f := range []string{"square", "add", "subdiv"} {
					for i := range buf {
						buf[i] = -7
					}
					for i := range buf32 {
						buf32[i] = -7
					}
					d, d32 := buf[off:off+n], buf32[off:off+n]
					var got, got32 bool
					switch f {
					case "square":
						got, got32 = SquareStream(d, x), SquareStream32(d32, x32)
					case "add":
						got, got32 = AddStream(d, x, y), AddStream32(d32, x32, y32)
					default:
						got, got32 = SubDivStream(d, x, sub, div), SubDivStream32(d32, x32, sub, div)
					}
					if got != want || got32 != want {
						t.Fatalf("%s n=%d: streamed = %v, %v, want %v", f, n, got, got32, want)
					}
					for i := range buf {
						w := -7.0
						if i >= off && i < off+n && want {
							j := i - off
							switch f {
							case "square":
								w = x[j] * x[j]
							case "add":
								w = x[j] + y[j]
							default:
								w = (x[j] - sub) / div
							}
						}
						if math.Float64bits(buf[i]) != math.Float64bits(w) {
							t.Fatalf("%s n=%d off=%d: buf[%d] = %v, want %v", f, n, off, i, buf[i], w)
						}
					}
					for i := range buf32 {
						w := float32(-7)
						if i >= off && i < off+n && want {
							j := i - off
							switch f {
							case "square":
								w = x32[j] * x32[j]
							case "add":
								w = x32[j] + y32[j]
							default:
								w = (x32[j] - sub) / div
							}
						}
						if math.Float32bits(buf32[i]) != math.Float32bits(w) {
							t.Fatalf("%s32 n=%d off=%d: buf[%d] = %v, want %v", f, n, off, i, buf32[i], w)
						}
					}
				}
				streamMinBytes = 1 << 40
				if SquareStream(buf[:n], x) || AddStream32(buf32[:n], x32, y32) ||
					SubDivStream(buf[:n], x, sub, div) || SubDivStream32(buf32[:n], x32, sub, div) {
					t.Fatal("a call below streamMinBytes streamed")
				}
			}
		}
	})
}

// TestCopyStream checks CopyStream against copy at every start offset
// within a 64-byte line and lengths around whole lines, at every level,
// with the elements around dst untouched.
func TestCopyStream(t *testing.T) {
	cpu.Each(func(lvl cpu.Level) {
		src := make([]float64, 200)
		for k := range src {
			src[k] = float64(k) + 0.5
		}
		for off := range 8 {
			for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 150} {
				buf := make([]float64, 200+16)
				for k := range buf {
					buf[k] = -1
				}
				dst := buf[off+1 : off+1+n]
				CopyStream(dst, src[3:3+n])
				StreamFence()
				for k, v := range buf {
					want := -1.0
					if k >= off+1 && k < off+1+n {
						want = src[3+k-off-1]
					}
					if v != want {
						t.Fatalf("%v off %d n %d: element %d is %v, want %v", lvl, off, n, k, v, want)
					}
				}
			}
		}
	})
	if !Streams(1<<40) && streamAsm && cpu.Hardware() >= cpu.AVX2 {
		t.Errorf("Streams(1 TiB) false at %v", cpu.Active())
	}
}
