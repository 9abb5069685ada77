package expr

import (
	"fmt"
	"math"
	"sync"
	"unsafe"

	"gonp/kernels/vmath"
)

// Program is a checked register program.
type Program struct {
	code     []int64
	consts   []float64
	regType  []DType
	operands []DType
	result   int
	isConst  []bool    // the registers an OpConst fills
	machines sync.Pool // released Machines, ready for another Run
}

// Acquire returns a Machine for p: one an earlier call released when there
// is one (registers allocated and constants filled already), else a new one.
// It is safe for concurrent use.
func (p *Program) Acquire() *Machine {
	if m, ok := p.machines.Get().(*Machine); ok {
		return m
	}
	return NewMachine(p)
}

// Release hands m, acquired from p, back for reuse. Registers that alias an
// operand's memory are pointed back at their own storage first, so that no
// reference to the caller's arrays outlives the call.
func (p *Program) Release(m *Machine) {
	for r := range m.f {
		m.f[r], m.i[r] = m.ownF[r], m.ownI[r]
	}
	p.machines.Put(m)
}

// Result returns the dtype of the program's result.
func (p *Program) Result() DType { return p.regType[p.result] }

// Registers returns the number of registers the program uses.
func (p *Program) Registers() int { return len(p.regType) }

func errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// maxRegisters bounds a program's registers (each is BlockSize elements).
const maxRegisters = 1024

// Compile checks a program: code holds InstrWidth int64s per instruction,
// consts the float constants, operands the dtype of each operand OpLoad may
// name. Every source register must have been written by an earlier
// instruction, and every instruction's dtypes must be ones it takes. The
// result is the destination of the last instruction.
func Compile(code []int64, consts []float64, operands []DType) (*Program, error) {
	if len(code) == 0 || len(code)%InstrWidth != 0 {
		return nil, errorf("program of %d words is not a whole number of instructions", len(code))
	}
	p := &Program{code: code, consts: consts, operands: operands}
	nregs := 0
	for pc := 0; pc < len(code); pc += InstrWidth {
		if d := code[pc+2]; d < 0 || d >= maxRegisters {
			return nil, errorf("instruction %d: bad register %d", pc/InstrWidth, d)
		} else if int(d) >= nregs {
			nregs = int(d) + 1
		}
	}
	p.regType = make([]DType, nregs)
	p.isConst = make([]bool, nregs)
	for pc := 0; pc < len(code); pc += InstrWidth {
		op, dt, dst := Op(code[pc]), DType(code[pc+1]), int(code[pc+2])
		if !dt.valid() {
			return nil, errorf("instruction %d: bad dtype %d", pc/InstrWidth, dt)
		}
		src := func(k int) (DType, error) {
			r := code[pc+3+k]
			if r < 0 || int(r) >= nregs || p.regType[r] == 0 {
				return 0, errorf("instruction %d (%v): register %d read before it is written", pc/InstrWidth, op, r)
			}
			return p.regType[r], nil
		}
		want := func(k int, d DType) error {
			got, err := src(k)
			if err != nil {
				return err
			}
			if got != d {
				return errorf("instruction %d (%v): operand %d is %d, want %d", pc/InstrWidth, op, k, got, d)
			}
			return nil
		}
		var err error
		switch {
		case op == OpLoad:
			a := code[pc+3]
			if a < 0 || int(a) >= len(operands) || operands[a] != dt {
				err = errorf("instruction %d: load of operand %d as dtype %d", pc/InstrWidth, a, dt)
			}
		case op == OpConst:
			if dt.IsFloat() && (code[pc+3] < 0 || int(code[pc+3]) >= len(consts)) {
				err = errorf("instruction %d: constant %d out of range", pc/InstrWidth, code[pc+3])
			}
		case op == OpCast:
			_, err = src(0)
		case op == OpNeg:
			if dt == Bool {
				err = errorf("negative of a bool is not supported")
			} else {
				err = want(0, dt)
			}
		case op == OpNot:
			if dt.IsFloat() {
				err = errorf("~ of a float is not supported")
			} else {
				err = want(0, dt)
			}
		case op == OpAbs:
			err = want(0, dt)
		case op == OpSign:
			if dt == Bool {
				err = errorf("sign of a bool is not supported")
			} else {
				err = want(0, dt)
			}
		case op >= OpSqrt && op <= OpTrunc:
			if !dt.IsFloat() {
				err = errorf("%v takes floats", op)
			} else {
				err = want(0, dt)
			}
		case op >= OpAdd && op <= OpHypot:
			if (op == OpDiv || op == OpArctan2 || op == OpHypot) && !dt.IsFloat() {
				err = errorf("%v takes floats", op)
			} else if dt == Bool && op != OpMinimum && op != OpMaximum && op != OpAdd && op != OpMul {
				err = errorf("%v does not take bools", op)
			} else if err = want(0, dt); err == nil {
				err = want(1, dt)
			}
		case op == OpAnd || op == OpOr || op == OpXor:
			if dt.IsFloat() {
				err = errorf("%v does not take floats", op)
			} else if err = want(0, dt); err == nil {
				err = want(1, dt)
			}
		case op == OpLShift || op == OpRShift:
			if dt.IsFloat() || dt == Bool {
				err = errorf("%v takes integers", op)
			} else if err = want(0, dt); err == nil {
				err = want(1, dt)
			}
		case op >= OpLT && op <= OpNE:
			// dtype is the operands'; the result is bool.
			if err = want(0, dt); err == nil {
				err = want(1, dt)
			}
		case op == OpWhere:
			if err = want(0, Bool); err == nil {
				if err = want(1, dt); err == nil {
					err = want(2, dt)
				}
			}
		default:
			err = errorf("instruction %d: unknown operation %d", pc/InstrWidth, op)
		}
		if err != nil {
			return nil, err
		}
		if op >= OpLT && op <= OpNE {
			dt = Bool
		}
		if p.regType[dst] != 0 {
			// Each register is written once: a loaded register may then
			// alias the operand's memory, a constant is filled once.
			return nil, errorf("instruction %d: register %d written twice", pc/InstrWidth, dst)
		}
		p.regType[dst] = dt
		p.isConst[dst] = op == OpConst
		p.result = dst
	}
	return p, nil
}

// Machine is one worker's registers.
type Machine struct {
	f    [][]float64 // the registers as the current block sees them
	i    [][]int64
	ownF [][]float64 // their storage (a loaded register may alias memory instead)
	ownI [][]int64
	uni  []bool // float registers loaded as one value for the whole block (f[r] has one element)
}

// full returns float register r's n elements, first filling its storage
// where the block loaded it as one value (uni).
func (m *Machine) full(r int64, n int) []float64 {
	if m.uni[r] {
		v, d := m.f[r][0], m.ownF[r][:n]
		for k := range d {
			d[k] = v
		}
		m.f[r], m.uni[r] = m.ownF[r], false
	}
	return m.f[r][:n]
}

// NewMachine allocates the registers p needs and fills its constants.
func NewMachine(p *Program) *Machine {
	nr := len(p.regType)
	m := &Machine{f: make([][]float64, nr), i: make([][]int64, nr), ownF: make([][]float64, nr), ownI: make([][]int64, nr), uni: make([]bool, nr)}
	for r, d := range p.regType {
		if d.IsFloat() {
			m.ownF[r] = make([]float64, BlockSize)
		} else {
			m.ownI[r] = make([]int64, BlockSize)
		}
		m.f[r], m.i[r] = m.ownF[r], m.ownI[r]
	}
	code := p.code
	for pc := 0; pc < len(code); pc += InstrWidth {
		if Op(code[pc]) != OpConst {
			continue
		}
		dt, dst, a := DType(code[pc+1]), code[pc+2], code[pc+3]
		if dt.IsFloat() {
			v := p.consts[a]
			if dt == Float32 {
				v = float64(float32(v))
			}
			for k := range m.f[dst] {
				m.f[dst][k] = v
			}
			continue
		}
		switch dt {
		case Int32:
			a = int64(int32(a))
		case Bool:
			a = b2i(a != 0)
		}
		for k := range m.i[dst] {
			m.i[dst][k] = a
		}
	}
	return m
}

// Loader fills a register with n elements of operand k: f for a float
// operand, i for the others (bools as 0 and 1). It may instead return the
// operand's own n elements (a float64 or int64 operand whose block is one
// contiguous run): the program never writes a loaded register. For a
// float operand it may also return one element (n > 1) when the block is
// that value repeated (a broadcast run): arithmetic then takes it as a
// scalar, and any other use fills the register with it first.
type Loader func(k int, f []float64, i []int64) (fa []float64, ia []int64)

// Run executes p on n ≤ BlockSize elements and returns the result register
// (f for a float result, i otherwise).
func (p *Program) Run(m *Machine, n int, load Loader) (f []float64, i []int64, err error) {
	return p.RunInto(m, n, load, nil)
}

// RunInto is Run that computes a float64 result straight into into[:n]
// (nil: never), the caller's destination, sparing a copy of the block:
// where the last instruction computes (is not a load or a constant) and
// each of its operands either is into's own elements or lies apart from
// them, element k of into is written only after element k of the operands
// is read. It returns into[:n] when it wrote there, else the register.
func (p *Program) RunInto(m *Machine, n int, load Loader, into []float64) (f []float64, i []int64, err error) {
	code := p.code
	direct := false
	clear(m.uni)
	for pc := 0; pc < len(code); pc += InstrWidth {
		op, dt, dst := Op(code[pc]), DType(code[pc+1]), code[pc+2]
		a, b, c := code[pc+3], code[pc+4], code[pc+5]
		if op == OpConst {
			continue // filled by NewMachine
		}
		if op == OpLoad {
			if dt.IsFloat() {
				if fa, _ := load(int(a), m.ownF[dst][:n], nil); fa != nil {
					m.f[dst], m.uni[dst] = fa, len(fa) == 1 && n > 1
				} else {
					m.f[dst] = m.ownF[dst]
				}
			} else {
				if _, ia := load(int(a), nil, m.ownI[dst][:n]); ia != nil {
					m.i[dst] = ia
				} else {
					m.i[dst] = m.ownI[dst]
				}
			}
			continue
		}
		if dt.IsFloat() && !(op >= OpLT && op <= OpNE) {
			d := m.f[dst][:n]
			if int(dst) == p.result && dt == Float64 && len(into) >= n && p.intoSafe(m, pc, into[:n]) {
				d, direct = into[:n], true
			}
			switch {
			case op == OpCast:
				if p.regType[a].IsFloat() {
					copy(d, m.full(a, n))
				} else {
					for k, v := range m.i[a][:n] {
						d[k] = float64(v)
					}
				}
			case op == OpWhere:
				floatWhere(d, m.i[a][:n], m.full(b, n), m.full(c, n))
			case op < OpAdd:
				floatUnary(op, d, m.full(a, n))
			case op >= OpAdd && op <= OpDiv && (p.isConst[b] || m.uni[b]):
				// A constant operand (a register of one repeated value)
				// or one loaded as a single value as the scalar it is:
				// the loops then read one stream, not two.
				floatBinaryScalar(op, d, m.full(a, n), m.f[b][0], true)
			case op >= OpAdd && op <= OpDiv && (p.isConst[a] || m.uni[a]):
				floatBinaryScalar(op, d, m.full(b, n), m.f[a][0], false)
			case op == OpPow && p.isConst[b]:
				// A scalar exponent, as NumPy's power loop sees it:
				// x**2 is x*x, x**0.5 sqrt, x**-1 1/x.
				vmath.PowScalar(d, m.full(a, n), m.f[b][0])
			default:
				floatBinary(op, d, m.full(a, n), m.full(b, n))
			}
			if dt == Float32 {
				for k, v := range d {
					d[k] = float64(float32(v))
				}
			}
			continue
		}
		d := m.i[dst][:n]
		switch {
		case op == OpCast:
			if p.regType[a].IsFloat() {
				src := m.full(a, n)
				if dt == Bool {
					for k, v := range src {
						d[k] = b2i(v != 0)
					}
				} else {
					for k, v := range src {
						d[k] = floatToInt(v)
					}
				}
			} else if dt == Bool {
				for k, v := range m.i[a][:n] {
					d[k] = b2i(v != 0)
				}
			} else {
				copy(d, m.i[a][:n])
			}
		case op >= OpLT && op <= OpNE:
			if p.regType[a].IsFloat() {
				compareFloat(op, d, m.full(a, n), m.full(b, n))
			} else {
				compare(op, d, m.i[a][:n], m.i[b][:n])
			}
			continue
		case op == OpWhere:
			intWhere(d, m.i[a][:n], m.i[b][:n], m.i[c][:n])
		case op < OpAdd:
			intUnary(op, dt, d, m.i[a][:n])
		default:
			if err := intBinary(op, dt, d, m.i[a][:n], m.i[b][:n]); err != nil {
				return nil, nil, err
			}
		}
		switch dt {
		case Int32:
			for k, v := range d {
				d[k] = int64(int32(v))
			}
		case Bool:
			for k, v := range d {
				d[k] = b2i(v != 0)
			}
		}
	}
	if p.regType[p.result].IsFloat() {
		if direct {
			return into[:n], nil, nil
		}
		return m.full(int64(p.result), n), nil, nil
	}
	return nil, m.i[p.result][:n], nil
}

// intoSafe reports whether the instruction at pc, the one that writes the
// result, may write into d: it computes, and none of its operand registers
// overlaps d other than as d itself.
func (p *Program) intoSafe(m *Machine, pc int, d []float64) bool {
	code := p.code
	op := Op(code[pc])
	if op == OpLoad || op == OpConst || len(d) == 0 {
		return false
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(d)))
	hi := lo + uintptr(len(d))*8
	apart := func(q unsafe.Pointer, bytes int) bool {
		x := uintptr(q)
		return x == lo || bytes == 0 || x+uintptr(bytes) <= lo || x >= hi
	}
	for _, r := range code[pc+3 : pc+6] {
		if r < 0 || int(r) >= len(p.regType) || p.regType[r] == 0 {
			continue
		}
		if p.regType[r].IsFloat() {
			if f := m.f[r]; !apart(unsafe.Pointer(unsafe.SliceData(f)), 8*len(f)) {
				return false
			}
		} else if iv := m.i[r]; !apart(unsafe.Pointer(unsafe.SliceData(iv)), 8*len(iv)) {
			return false
		}
	}
	return true
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// floatToInt converts as NumPy's astype does on x86-64 for values in range
// (truncation); NaN and out-of-range values give the minimum int64, as the
// hardware conversion does.
func floatToInt(v float64) int64 {
	if v != v || v >= 9.223372036854775807e18 || v < -9.223372036854775808e18 {
		return math.MinInt64
	}
	return int64(v)
}
