/*
 * gonp.h - the C interface of libgonp, gonp's shared library.
 *
 * Every function returns a gonp_code (pointer arguments are read, never
 * kept; only outputs are written). On failure it writes a NUL-terminated
 * message of at most errlen-1 bytes into errbuf (which the caller owns); on
 * success errbuf is untouched. No function keeps a pointer it was given after
 * it returns, allocates memory the caller sees, or frees anything.
 *
 * Arrays cross as gonp_array descriptors that borrow the caller's memory:
 * strides are in bytes and may be zero (broadcast) or negative, exactly as
 * NumPy's. Every stride must be a multiple of the item size. Each descriptor
 * names the buffer it lives in (base, nbytes); a descriptor whose shape and
 * strides reach outside it is refused with GONP_VALUE_ERROR, nothing read.
 *
 * nthreads: the most goroutines one call uses; 0 means the library default
 * (the CPUs this process may use).
 *
 * cancel: NULL, or a flag the caller owns, 0 when the call starts. Another
 * thread may set it non-zero (an atomic or plain 32-bit store) while the
 * call runs: the call's goroutines then start no further chunk of work and
 * the call returns GONP_CANCELLED once none is running, so no goroutine of
 * the call outlives it. The outputs are then partly written: the chunks that
 * ran are complete, the rest of out holds what it held before (for a
 * reduction or matmul, possibly some values of a partial result). The flag
 * is read during the call only, never kept. A call with a NULL flag is
 * never cancelled and is cut into the same chunks as before; a call with a
 * flag is cut finer (about 64 chunks at least), so that a cancel takes
 * effect within about 1/64 of the call. gonp's Python binding passes a flag
 * to calls large enough to run for a noticeable time, runs them off the
 * main thread and sets the flag when KeyboardInterrupt arrives.
 *
 * Environment: GONP_SPIN (read when the library loads) is how long, in
 * microseconds, an idle pool goroutine keeps polling for work before it
 * sleeps (default 50); GONP_SPIN=0 turns spinning off, for a machine shared
 * with other busy processes.
 */
#ifndef GONP_H
#define GONP_H

#include <stdint.h>

typedef enum {
    GONP_OK = 0,
    GONP_VALUE_ERROR = 1,    /* raise ValueError */
    GONP_TYPE_ERROR = 2,     /* raise TypeError */
    GONP_MEMORY_ERROR = 3,   /* raise MemoryError */
    GONP_INTERNAL_ERROR = 4, /* a bug: raise RuntimeError with the text */
    GONP_CANCELLED = 5       /* the cancel flag was set: raise KeyboardInterrupt */
} gonp_code;

typedef enum {
    GONP_FLOAT32 = 1,
    GONP_FLOAT64 = 2,
    GONP_INT32 = 3,
    GONP_INT64 = 4
} gonp_dtype;

typedef struct {
    void *data;              /* address of element (0, ..., 0) */
    int64_t ndim;
    const int64_t *shape;    /* ndim entries */
    const int64_t *strides;  /* ndim entries, bytes */
    int32_t dtype;           /* a gonp_dtype */
    const void *base;        /* the buffer the array lives in: bytes */
    int64_t nbytes;          /*   [base, base + nbytes) */
} gonp_array;

/* The codes below are defined in Go (capi/codes.go and the constants it
 * names); gonp_codes reports them at run time and tests/test_codes.py checks
 * that this header agrees. */

/* Unary operations, named after NumPy's ufuncs. */
typedef enum {
    GONP_SQUARE = 0,
    GONP_SQRT = 1,
    GONP_ABSOLUTE = 2,
    GONP_NEGATIVE = 3,
    GONP_EXP = 4,
    GONP_LOG = 5,
    GONP_SIN = 6,
    GONP_COS = 7
} gonp_unary_op;

/* Binary operations. */
typedef enum {
    GONP_ADD = 0,
    GONP_SUBTRACT = 1,
    GONP_MULTIPLY = 2,
    GONP_DIVIDE = 3,
    GONP_MAXIMUM = 4,
    GONP_MINIMUM = 5,
    GONP_POWER = 6
} gonp_binary_op;

/* Reductions. */
typedef enum {
    GONP_SUM = 0,
    GONP_MEAN = 1,
    GONP_VAR = 2,
    GONP_STD = 3,
    GONP_MIN = 4,
    GONP_MAX = 5
} gonp_reduce_op;

/* out = op(x); x and out share shape and dtype; out may be x. */
int gonp_unary(int32_t op, gonp_array *x, gonp_array *out,
               int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);

/* out = op(x, y); x and y already broadcast to out's shape. */
int gonp_binary(int32_t op, gonp_array *x, gonp_array *y, gonp_array *out,
                int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);

/* Reduce x over its last nreduce axes into out (shape: x's other axes).
 * ddof is used by GONP_VAR and GONP_STD. Bit-identical for any nthreads. */
int gonp_reduce(int32_t op, gonp_array *x, int64_t nreduce, gonp_array *out,
                double ddof, int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);

/* Mean and variance (divisor N - ddof) of x over its last nreduce axes, in
 * one pass, into float64 arrays of x's other axes with equal strides. */
int gonp_mean_var(gonp_array *x, int64_t nreduce, gonp_array *mean_out,
                  gonp_array *var_out, double ddof, int32_t *cancel,
                  int64_t nthreads, char *errbuf, int64_t errlen);

/* out = a @ b for 2-D float operands; out must not overlap a or b. */
int gonp_matmul(gonp_array *a, gonp_array *b, gonp_array *out,
                int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);

/* out = (x - sub) / div; sub and div are float64, broadcast to x's shape
 * (the statistics of normalize and standardize). */
int gonp_subdiv(gonp_array *x, gonp_array *sub, gonp_array *div,
                gonp_array *out, int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);

/* Distance metrics, named as in scipy. */
typedef enum {
    GONP_EUCLIDEAN = 0,
    GONP_SQEUCLIDEAN = 1,
    GONP_CITYBLOCK = 2,
    GONP_CHEBYSHEV = 3,
    GONP_COSINE = 4,
    GONP_MINKOWSKI = 5,
    GONP_SEUCLIDEAN = 6,
    GONP_CORRELATION = 7,
    GONP_BRAYCURTIS = 8,
    GONP_CANBERRA = 9,
    GONP_MAHALANOBIS = 10,
    GONP_JENSENSHANNON = 11,
    GONP_HAMMING = 12,
    GONP_JACCARD = 13,
    GONP_DICE = 14,
    GONP_ROGERSTANIMOTO = 15,
    GONP_RUSSELLRAO = 16,
    GONP_SOKALSNEATH = 17,
    GONP_YULE = 18
} gonp_metric;

/* out[i, j] = metric(xa[i, :], xb[j, :]); 2-D, non-negative strides. */
int gonp_cdist(int32_t metric, gonp_array *xa, gonp_array *xb, gonp_array *out,
               int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);

/* Condensed distances of the rows of x (scipy's pdist order) into a
 * contiguous out of m*(m-1)/2 elements. */
int gonp_pdist(int32_t metric, gonp_array *x, gonp_array *out,
               int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);

/* gonp_cdist and gonp_pdist for every metric: p is minkowski's order, w a
 * float64 vector of d weights (seuclidean: the variances V; mahalanobis:
 * VI's d*d elements, row by row) or of length 0 for none. */
int gonp_cdist_params(int32_t metric, gonp_array *xa, gonp_array *xb,
                      gonp_array *out, double p, gonp_array *w,
                      int32_t *cancel, int64_t nthreads, char *errbuf, int64_t errlen);
int gonp_pdist_params(int32_t metric, gonp_array *x, gonp_array *out,
                      double p, gonp_array *w, int32_t *cancel, int64_t nthreads,
                      char *errbuf, int64_t errlen);

/* For each row of xa, the k nearest rows of xb under metric (one of the
 * first five), nearest first, ties to the lower row, NaN last: distances
 * into dist (ma x k float64) and row numbers into idx (ma x k int64), both
 * C-contiguous; 1 <= k <= mb. Never forms the ma x mb matrix. */
int gonp_knn(int32_t metric, int64_t k, gonp_array *xa, gonp_array *xb,
             gonp_array *dist, gonp_array *idx, int32_t *cancel, int64_t nthreads,
             char *errbuf, int64_t errlen);

/* Writes a JSON object (Go version, SIMD level, default thread count, ...)
 * into buf. */
int gonp_info(char *buf, int64_t buflen);

/* The number of calls into the operations above (gonp_unary ... gonp_knn)
 * since the library was loaded, whatever their outcome; read it, never write
 * it. Tests use it to prove that a call ran in Go. */
extern int64_t gonp_calls;

/* Writes a JSON object into buf: for each kind of code ("errors", "dtypes",
 * "unary", "binary", "reduce", "metrics") an object from lower-case name
 * (the enumerator without GONP_) to value. */
int gonp_codes(char *buf, int64_t buflen);

/* Forces the SIMD path ("generic", "avx2", "avx512"), lowered to what the
 * CPU supports; for tests and comparisons. */
int gonp_set_simd(char *level, char *errbuf, int64_t errlen);

/* Instructions of gonp_evaluate's programs (kernels/expr): each is six
 * int64s: op, result dtype (a gonp_dtype or 5 for bool), dst, a, b, c. */
typedef enum {
    GONP_EXPR_LOAD = 0,
    GONP_EXPR_CONST = 1,
    GONP_EXPR_CAST = 2,
    GONP_EXPR_NEGATIVE = 3,
    GONP_EXPR_INVERT = 4,
    GONP_EXPR_ABSOLUTE = 5,
    GONP_EXPR_SIGN = 6,
    GONP_EXPR_SQRT = 7,
    GONP_EXPR_EXP = 8,
    GONP_EXPR_EXPM1 = 9,
    GONP_EXPR_LOG = 10,
    GONP_EXPR_LOG1P = 11,
    GONP_EXPR_LOG10 = 12,
    GONP_EXPR_LOG2 = 13,
    GONP_EXPR_SIN = 14,
    GONP_EXPR_COS = 15,
    GONP_EXPR_TAN = 16,
    GONP_EXPR_ARCSIN = 17,
    GONP_EXPR_ARCCOS = 18,
    GONP_EXPR_ARCTAN = 19,
    GONP_EXPR_SINH = 20,
    GONP_EXPR_COSH = 21,
    GONP_EXPR_TANH = 22,
    GONP_EXPR_ARCSINH = 23,
    GONP_EXPR_ARCCOSH = 24,
    GONP_EXPR_ARCTANH = 25,
    GONP_EXPR_FLOOR = 26,
    GONP_EXPR_CEIL = 27,
    GONP_EXPR_RINT = 28,
    GONP_EXPR_TRUNC = 29,
    GONP_EXPR_ADD = 30,
    GONP_EXPR_SUBTRACT = 31,
    GONP_EXPR_MULTIPLY = 32,
    GONP_EXPR_TRUE_DIVIDE = 33,
    GONP_EXPR_POWER = 34,
    GONP_EXPR_REMAINDER = 35,
    GONP_EXPR_FLOOR_DIVIDE = 36,
    GONP_EXPR_FMOD = 37,
    GONP_EXPR_MINIMUM = 38,
    GONP_EXPR_MAXIMUM = 39,
    GONP_EXPR_ARCTAN2 = 40,
    GONP_EXPR_HYPOT = 41,
    GONP_EXPR_AND = 42,
    GONP_EXPR_OR = 43,
    GONP_EXPR_LESS = 44,
    GONP_EXPR_LESS_EQUAL = 45,
    GONP_EXPR_GREATER = 46,
    GONP_EXPR_GREATER_EQUAL = 47,
    GONP_EXPR_EQUAL = 48,
    GONP_EXPR_NOT_EQUAL = 49,
    GONP_EXPR_WHERE = 50,
    GONP_EXPR_XOR = 51,
    GONP_EXPR_LEFT_SHIFT = 52,
    GONP_EXPR_RIGHT_SHIFT = 53
} gonp_expr_op;

/* The reduction an evaluated expression ends with. */
typedef enum {
    GONP_EXPR_NONE = 0,
    GONP_EXPR_SUM = 1,
    GONP_EXPR_PROD = 2,
    GONP_EXPR_MIN = 3,
    GONP_EXPR_MAX = 4,
    GONP_EXPR_MEAN = 5,
    GONP_EXPR_VAR = 6,
    GONP_EXPR_STD = 7
} gonp_expr_reduce;

/* Evaluate a compiled expression (code: ncode int64s, consts: nconsts
 * doubles) over nins operands broadcast to shape (ndim entries). reduce ==
 * GONP_EXPR_NONE: out has that shape and gets the result, converted to its
 * dtype. Otherwise the axes whose bit is set in mask are reduced into out, a
 * C-contiguous array of the kept axes' elements of the reduction's dtype
 * (NumPy's); ddof is var's and std's. */
int gonp_evaluate(int64_t *code, int64_t ncode, double *consts, int64_t nconsts,
                  gonp_array *ins, int64_t nins, gonp_array *out, int64_t *shape,
                  int64_t ndim, int32_t reduce, int64_t mask, double ddof, int32_t *cancel,
                  int64_t nthreads, char *errbuf, int64_t errlen);

#endif
