package kernels

// Number is the set of element types that gonp's kernels take: the NumPy
// dtypes float32, float64, int32 and int64, or types defined on them.
type Number interface {
	~float32 | ~float64 | ~int32 | ~int64
}

// Float is the floating-point subset of Number.
type Float interface {
	~float32 | ~float64
}
