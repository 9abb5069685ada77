package dispatch

import (
	"testing"
	"unsafe"
)

func TestInBuffer(t *testing.T) {
	buf := make([]float64, 16)
	base := unsafe.Pointer(&buf[0])
	at := func(i int) unsafe.Pointer { return unsafe.Pointer(&buf[i]) }
	cases := []struct {
		name    string
		data    unsafe.Pointer
		shape   []int
		strides []int
		nbytes  int
		ok      bool
	}{
		{"whole", base, []int{16}, []int{8}, 128, true},
		{"view", at(4), []int{2, 4}, []int{32, 8}, 128, true},
		{"reversed", at(15), []int{16}, []int{-8}, 128, true},
		{"broadcast", at(3), []int{1000, 2}, []int{0, 8}, 128, true},
		{"0-d", at(15), []int{}, []int{}, 128, true},
		{"empty", at(15), []int{0, 1 << 40}, []int{8, 8}, 128, true},
		{"size-1 dims", at(15), []int{1, 1}, []int{0, 0}, 128, true},
		{"one past the end", base, []int{17}, []int{8}, 128, false},
		{"wide strides", base, []int{9}, []int{16}, 128, false},
		{"extra row", at(8), []int{2, 8}, []int{64, 8}, 128, false},
		{"before the start", at(1), []int{3}, []int{-8}, 128, false},
		{"last element cut", at(15), []int{}, []int{}, 127, false},
		{"overflowing span", base, []int{3}, []int{1 << 62}, 128, false},
		{"overflowing sum", base, []int{1 << 30, 1 << 30, 1 << 30}, []int{1 << 31, 1 << 31, 1 << 31}, 128, false},
		{"negative nbytes", base, []int{1}, []int{8}, -8, false},
	}
	for _, c := range cases {
		a := Array{Data: c.data, DType: Float64, Shape: c.shape, Strides: c.strides, Base: base, NBytes: c.nbytes}
		err := a.InBuffer()
		if (err == nil) != c.ok {
			t.Errorf("%s: InBuffer() = %v, want ok=%v", c.name, err, c.ok)
		}
		if err != nil {
			if e, isE := err.(*Error); !isE || e.Code != ValueError {
				t.Errorf("%s: error %v is not a ValueError", c.name, err)
			}
		}
	}
}
