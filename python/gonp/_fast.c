/*
 * gonp._fast: the short road from Python into libgonp for the common calls.
 *
 * It reads NumPy's array structs directly (shape and strides point into the
 * ndarray, no copies), fills gonp_array descriptors on the stack and calls
 * the library's exports through function pointers handed over by
 * gonp._lib when it loads libgonp (so the library is still loaded lazily,
 * by gonp._lib, on first use). Every function returns NotImplemented for a
 * case it does not take; the caller then takes the general path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define NPY_NO_DEPRECATED_API NPY_2_0_API_VERSION
#include <numpy/arrayobject.h>
#include <stdint.h>
#include <string.h>

#include "gonp.h"

_Static_assert(sizeof(npy_intp) == sizeof(int64_t), "gonp needs 64-bit npy_intp");

typedef int (*unary_fn)(int32_t, gonp_array *, gonp_array *, int32_t *, int64_t, char *,
                        int64_t);
typedef int (*binary_fn)(int32_t, gonp_array *, gonp_array *, gonp_array *, int32_t *, int64_t,
                         char *, int64_t);
typedef int (*reduce_fn)(int32_t, gonp_array *, int64_t, gonp_array *, double, int32_t *,
                         int64_t, char *, int64_t);
typedef int (*matmul_fn)(gonp_array *, gonp_array *, gonp_array *, int32_t *, int64_t, char *,
                         int64_t);
typedef int (*evaluate_fn)(int64_t *, int64_t, double *, int64_t, gonp_array *, int64_t,
                           gonp_array *, int64_t *, int64_t, int32_t, int64_t, double, int32_t *,
                           int64_t, char *, int64_t);

#define MAX_DTYPES 8
#define ERRLEN 4096

static unary_fn go_unary;
static binary_fn go_binary;
static reduce_fn go_reduce;
static matmul_fn go_matmul;
static evaluate_fn go_evaluate;
static int ok_code;
/* Calls on this many elements or more are left to gonp._lib, which runs them
 * so that Ctrl-C can interrupt them (calls here pass no cancel flag). */
static int64_t long_call = INT64_MAX;
static int ndtypes;
static PyArray_Descr *dtypes[MAX_DTYPES]; /* the Go dtypes, as NumPy descriptors */
static int32_t dtype_codes[MAX_DTYPES];
static PyObject *exceptions; /* dict: error code -> exception type */

/* The gonp dtype code of d, or -1 when Go has no such dtype. */
static int32_t code_of(PyArray_Descr *d) {
    for (int i = 0; i < ndtypes; i++) {
        if (d == dtypes[i]) {
            return dtype_codes[i];
        }
    }
    for (int i = 0; i < ndtypes; i++) {
        if (PyArray_EquivTypes(d, dtypes[i])) {
            return dtype_codes[i];
        }
    }
    return -1;
}

/* Whether a can cross as it is: a plain ndarray, aligned, native byte order. */
static int plain(PyObject *o) {
    if (Py_TYPE(o) != &PyArray_Type) {
        return 0;
    }
    PyArrayObject *a = (PyArrayObject *)o;
    return PyArray_ISALIGNED(a) && PyArray_ISNOTSWAPPED(a);
}

/* The lowest and one past the highest byte a reaches. */
static void bounds(PyArrayObject *a, char **lo, char **hi);

/* The buffer a lives in: the allocation of the array that owns the data at
 * the end of a's chain of bases, the exported buffer of a non-array base, or
 * else a's own byte bounds. */
static void extent(PyArrayObject *a, gonp_array *d) {
    PyArrayObject *owner = a;
    PyObject *b;
    while ((b = PyArray_BASE(owner)) != NULL && PyArray_Check(b)) {
        owner = (PyArrayObject *)b;
    }
    if (PyArray_CHKFLAGS(owner, NPY_ARRAY_OWNDATA)) {
        d->base = PyArray_DATA(owner);
        d->nbytes = PyArray_NBYTES(owner);
        return;
    }
    if (b != NULL && PyObject_CheckBuffer(b)) {
        Py_buffer view;
        if (PyObject_GetBuffer(b, &view, PyBUF_SIMPLE) == 0) {
            d->base = view.buf;
            d->nbytes = view.len;
            PyBuffer_Release(&view);
            return;
        }
        PyErr_Clear();
    }
    char *lo, *hi;
    bounds(a, &lo, &hi);
    d->base = lo;
    d->nbytes = hi - lo;
}

static void describe(gonp_array *d, PyArrayObject *a, int32_t code) {
    d->data = PyArray_DATA(a);
    d->ndim = PyArray_NDIM(a);
    d->shape = (const int64_t *)PyArray_DIMS(a);
    d->strides = (const int64_t *)PyArray_STRIDES(a);
    d->dtype = code;
    extent(a, d);
}

/* The lowest and one past the highest byte a reaches. */
static void bounds(PyArrayObject *a, char **lo, char **hi) {
    char *l = PyArray_DATA(a), *h = l;
    int nd = PyArray_NDIM(a);
    npy_intp *shape = PyArray_DIMS(a), *strides = PyArray_STRIDES(a);
    for (int k = 0; k < nd; k++) {
        if (shape[k] == 0) {
            *lo = *hi = PyArray_DATA(a);
            return;
        }
        npy_intp span = (shape[k] - 1) * strides[k];
        if (span < 0) {
            l += span;
        } else {
            h += span;
        }
    }
    *lo = l;
    *hi = h + PyArray_ITEMSIZE(a);
}

/* Whether out may be written while x is read: x is out itself, or they do
 * not overlap. */
static int independent(PyArrayObject *x, PyArrayObject *out) {
    if (PyArray_DATA(x) == PyArray_DATA(out) && PyArray_NDIM(x) == PyArray_NDIM(out) &&
        PyArray_CompareLists(PyArray_DIMS(x), PyArray_DIMS(out), PyArray_NDIM(x)) &&
        PyArray_CompareLists(PyArray_STRIDES(x), PyArray_STRIDES(out), PyArray_NDIM(x))) {
        return 1;
    }
    char *xl, *xh, *ol, *oh;
    bounds(x, &xl, &xh);
    bounds(out, &ol, &oh);
    return xh <= ol || oh <= xl || xl == xh || ol == oh;
}

static PyObject *raise_code(int code, const char *msg) {
    PyObject *key = PyLong_FromLong(code);
    if (key == NULL) {
        return NULL;
    }
    PyObject *exc = PyDict_GetItemWithError(exceptions, key);
    Py_DECREF(key);
    if (exc == NULL && !PyErr_Occurred()) {
        exc = PyExc_RuntimeError;
    }
    if (exc != NULL) {
        PyErr_SetString(exc, msg);
    }
    return NULL;
}

/* The output: out itself if it fits (same shape and dtype, writeable, may be
 * written while the inputs are read), a new C-order array if out is None,
 * else NULL without an exception (not taken here). */
static PyArrayObject *target(PyObject *out, PyArrayObject *like, PyArrayObject *x2) {
    if (out == Py_None) {
        Py_INCREF((PyObject *)PyArray_DESCR(like));
        return (PyArrayObject *)PyArray_NewFromDescr(&PyArray_Type, PyArray_DESCR(like),
                                                     PyArray_NDIM(like), PyArray_DIMS(like),
                                                     NULL, NULL, 0, NULL);
    }
    if (!plain(out)) {
        return NULL;
    }
    PyArrayObject *o = (PyArrayObject *)out;
    if (!PyArray_ISWRITEABLE(o) || PyArray_NDIM(o) != PyArray_NDIM(like) ||
        !PyArray_CompareLists(PyArray_DIMS(o), PyArray_DIMS(like), PyArray_NDIM(o)) ||
        !PyArray_EquivTypes(PyArray_DESCR(o), PyArray_DESCR(like)) || !independent(like, o) ||
        (x2 != NULL && !independent(x2, o))) {
        return NULL;
    }
    Py_INCREF((PyObject *)o);
    return o;
}

static PyObject *finish(PyArrayObject *res, PyObject *out, int code, const char *msg) {
    if (code != ok_code) {
        Py_DECREF(res);
        return raise_code(code, msg);
    }
    if (out == Py_None) {
        return PyArray_Return(res); /* a 0-d result becomes a scalar, as in NumPy */
    }
    return (PyObject *)res;
}

/* init(unary, binary, reduce, ok, dtypes, exceptions): the exports'
 * addresses, the success code, a sequence of (numpy dtype, code) and a dict
 * from error code to exception type. */
static PyObject *fast_init(PyObject *self, PyObject *args) {
    unsigned long long u, b, r;
    int ok;
    long long lc = INT64_MAX;
    PyObject *dts, *exc;
    if (!PyArg_ParseTuple(args, "KKKiOO!|L", &u, &b, &r, &ok, &dts, &PyDict_Type, &exc, &lc)) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(dts, "dtypes must be a sequence");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Size(seq);
    if (n > MAX_DTYPES) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_ValueError, "too many dtypes");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyArray_Descr *d = NULL;
        int code;
        PyObject *item = PySequence_GetItem(seq, i);
        if (item == NULL) {
            Py_DECREF(seq);
            return NULL;
        }
        int parsed = PyArg_ParseTuple(item, "O&i", PyArray_DescrConverter, &d, &code);
        Py_DECREF(item);
        if (!parsed) {
            Py_DECREF(seq);
            return NULL;
        }
        Py_XDECREF((PyObject *)dtypes[i]);
        dtypes[i] = d;
        dtype_codes[i] = code;
    }
    Py_DECREF(seq);
    ndtypes = (int)n;
    Py_INCREF(exc);
    Py_XDECREF(exceptions);
    exceptions = exc;
    ok_code = ok;
    long_call = lc;
    go_unary = (unary_fn)(uintptr_t)u;
    go_binary = (binary_fn)(uintptr_t)b;
    go_reduce = (reduce_fn)(uintptr_t)r;
    Py_RETURN_NONE;
}

/* Elements per unit of work, by operation code (0: not set, taken as 1):
 * a call is long (left to gonp._lib, which runs it interruptibly) when its
 * elements / this reach long_call. See WORK_DIV in gonp._lib. */
#define MAX_CODES 64
static int64_t unary_div[MAX_CODES], binary_div[MAX_CODES], reduce_div[MAX_CODES];

static int is_long(const int64_t *divs, int op, npy_intp size) {
    int64_t d = (op >= 0 && op < MAX_CODES && divs[op] > 0) ? divs[op] : 1;
    return size / d >= long_call;
}

static int read_divs(PyObject *seq, int64_t *divs) {
    Py_ssize_t n = PySequence_Size(seq);
    if (n < 0) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int code;
        long long d;
        PyObject *item = PySequence_GetItem(seq, i);
        if (item == NULL) {
            return -1;
        }
        int parsed = PyArg_ParseTuple(item, "iL", &code, &d);
        Py_DECREF(item);
        if (!parsed) {
            return -1;
        }
        if (code < 0 || code >= MAX_CODES || d < 1) {
            PyErr_SetString(PyExc_ValueError, "bad operation code or work divisor");
            return -1;
        }
        divs[code] = d;
    }
    return 0;
}

/* init_work(unary, binary, reduce): each a sequence of (code, divisor). */
static PyObject *fast_init_work(PyObject *self, PyObject *args) {
    PyObject *u, *b, *r;
    if (!PyArg_ParseTuple(args, "OOO", &u, &b, &r)) {
        return NULL;
    }
    if (read_divs(u, unary_div) < 0 || read_divs(b, binary_div) < 0 || read_divs(r, reduce_div) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* unary(op, x, out, nthreads): out = op(x) for x of a dtype the operation
 * keeps (the caller checks NumPy's loop). */
static PyObject *fast_unary(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "unary takes 4 arguments");
        return NULL;
    }
    int op = PyLong_AsLong(args[0]);
    int64_t nthreads = PyLong_AsLongLong(args[3]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (go_unary == NULL || !plain(args[1])) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyArrayObject *x = (PyArrayObject *)args[1];
    int32_t code = code_of(PyArray_DESCR(x));
    if (code < 0 || is_long(unary_div, op, PyArray_SIZE(x))) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyArrayObject *res = target(args[2], x, NULL);
    if (res == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NOTIMPLEMENTED;
    }
    gonp_array dx, dout;
    describe(&dx, x, code);
    describe(&dout, res, code);
    char errbuf[ERRLEN];
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = go_unary(op, &dx, &dout, NULL, nthreads, errbuf, ERRLEN);
    Py_END_ALLOW_THREADS
    return finish(res, args[2], rc, errbuf);
}

/* A Python scalar operand as one element of dtype code in buf; 0 if it
 * cannot be (NumPy would pick another loop, or raise). */
static int scalar_operand(PyObject *v, PyArray_Descr *d, void *buf) {
    int tn = d->type_num;
    int is_float = PyTypeNum_ISFLOAT(tn);
    if (PyFloat_CheckExact(v)) {
        if (!is_float) {
            return 0;
        }
        double f = PyFloat_AsDouble(v); /* exact float: cannot fail */
        if (PyDataType_ELSIZE(d) == 8) {
            memcpy(buf, &f, 8);
        } else {
            if (f == f && (f > 3.4028234663852886e38 || f < -3.4028234663852886e38)) {
                return 0; /* NumPy warns about the overflow; let it */
            }
            float g = (float)f;
            memcpy(buf, &g, 4);
        }
        return 1;
    }
    if (!PyLong_CheckExact(v)) {
        return 0;
    }
    int overflow = 0;
    long long i = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow || (i == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return 0;
    }
    if (is_float) {
        if (i > (1LL << 53) || i < -(1LL << 53)) {
            return 0;
        }
        if (PyDataType_ELSIZE(d) == 8) {
            double f = (double)i;
            memcpy(buf, &f, 8);
        } else {
            if (i > (1LL << 24) || i < -(1LL << 24)) {
                return 0;
            }
            float g = (float)i;
            memcpy(buf, &g, 4);
        }
        return 1;
    }
    if (PyDataType_ELSIZE(d) == 8) {
        int64_t k = i;
        memcpy(buf, &k, 8);
    } else {
        if (i > INT32_MAX || i < INT32_MIN) {
            return 0; /* NumPy raises OverflowError */
        }
        int32_t k = (int32_t)i;
        memcpy(buf, &k, 4);
    }
    return 1;
}

/* binary(op, x1, x2, out, nthreads, nonneg): out = op(x1, x2) where x1 is
 * an ndarray of a dtype the operation keeps and x2 an ndarray of the same
 * dtype whose shape broadcasts to x1's (by zero strides, no copy), or a
 * Python float or int. nonneg: int operands must not be negative (integer
 * power). */
static PyObject *fast_binary(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "binary takes 6 arguments");
        return NULL;
    }
    int op = PyLong_AsLong(args[0]);
    int64_t nthreads = PyLong_AsLongLong(args[4]);
    int nonneg = PyObject_IsTrue(args[5]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (go_binary == NULL || !plain(args[1])) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyArrayObject *x = (PyArrayObject *)args[1];
    PyArray_Descr *d = PyArray_DESCR(x);
    int32_t code = code_of(d);
    if (code < 0 || is_long(binary_div, op, PyArray_SIZE(x))) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int nd = PyArray_NDIM(x);
    gonp_array dx, dy, dout;
    int64_t ystrides[NPY_MAXDIMS];
    union {
        double f64;
        float f32;
        int64_t i64;
        int32_t i32;
    } scalar;
    PyArrayObject *y = NULL;
    describe(&dx, x, code);
    if (Py_TYPE(args[2]) == &PyArray_Type) {
        if (!plain(args[2])) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        y = (PyArrayObject *)args[2];
        int ynd = PyArray_NDIM(y);
        if (ynd > nd || !PyArray_EquivTypes(PyArray_DESCR(y), d)) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        npy_intp *yshape = PyArray_DIMS(y), *ys = PyArray_STRIDES(y), *xshape = PyArray_DIMS(x);
        for (int k = 0; k < nd; k++) {
            int j = k - (nd - ynd);
            if (j < 0) {
                ystrides[k] = 0;
            } else if (yshape[j] == xshape[k]) {
                ystrides[k] = ys[j];
            } else if (yshape[j] == 1) {
                ystrides[k] = 0;
            } else {
                Py_RETURN_NOTIMPLEMENTED; /* broadcasts x1 too, or does not fit */
            }
        }
        dy.data = PyArray_DATA(y);
        dy.ndim = nd;
        dy.shape = dx.shape;
        dy.strides = ystrides;
        dy.dtype = code;
        extent(y, &dy);
    } else {
        if (!scalar_operand(args[2], d, &scalar)) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        for (int k = 0; k < nd; k++) {
            ystrides[k] = 0;
        }
        dy.data = &scalar;
        dy.ndim = nd;
        dy.shape = dx.shape;
        dy.strides = ystrides;
        dy.dtype = code;
        dy.base = &scalar;
        dy.nbytes = PyDataType_ELSIZE(d);
    }
    if (nonneg && PyTypeNum_ISINTEGER(d->type_num)) {
        /* NumPy raises for a negative integer exponent; the general path
         * says so. */
        if (y == NULL) {
            if ((PyDataType_ELSIZE(d) == 8 && scalar.i64 < 0) ||
                (PyDataType_ELSIZE(d) == 4 && scalar.i32 < 0)) {
                Py_RETURN_NOTIMPLEMENTED;
            }
        } else {
            Py_RETURN_NOTIMPLEMENTED;
        }
    }
    PyArrayObject *res = target(args[3], x, y);
    if (res == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NOTIMPLEMENTED;
    }
    describe(&dout, res, code);
    char errbuf[ERRLEN];
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = go_binary(op, &dx, &dy, &dout, NULL, nthreads, errbuf, ERRLEN);
    Py_END_ALLOW_THREADS
    return finish(res, args[3], rc, errbuf);
}

/* reduce(op, x, result_dtype, ddof, nthreads): op over every axis of a
 * non-empty x into a new 0-d array of result_dtype, returned as a scalar. */
static PyObject *fast_reduce(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "reduce takes 5 arguments");
        return NULL;
    }
    int op = PyLong_AsLong(args[0]);
    double ddof = PyFloat_AsDouble(args[3]);
    int64_t nthreads = PyLong_AsLongLong(args[4]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (go_reduce == NULL || !plain(args[1]) || !PyArray_DescrCheck(args[2])) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyArrayObject *x = (PyArrayObject *)args[1];
    PyArray_Descr *rd = (PyArray_Descr *)args[2];
    int32_t code = code_of(PyArray_DESCR(x)), rcode = code_of(rd);
    if (code < 0 || rcode < 0 || PyArray_SIZE(x) == 0 || is_long(reduce_div, op, PyArray_SIZE(x))) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_INCREF((PyObject *)rd);
    PyArrayObject *res =
        (PyArrayObject *)PyArray_NewFromDescr(&PyArray_Type, rd, 0, NULL, NULL, NULL, 0, NULL);
    if (res == NULL) {
        return NULL;
    }
    gonp_array dx, dout;
    describe(&dx, x, code);
    describe(&dout, res, rcode);
    char errbuf[ERRLEN];
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = go_reduce(op, &dx, dx.ndim, &dout, ddof, NULL, nthreads, errbuf, ERRLEN);
    Py_END_ALLOW_THREADS
    return finish(res, Py_None, rc, errbuf);
}

/* init_matmul(address): the gonp_matmul export. */
static PyObject *fast_init_matmul(PyObject *self, PyObject *arg) {
    unsigned long long m = PyLong_AsUnsignedLongLong(arg);
    if (PyErr_Occurred()) {
        return NULL;
    }
    go_matmul = (matmul_fn)(uintptr_t)m;
    Py_RETURN_NONE;
}

/* matmul(a, b, out, nthreads): out = a @ b for operands the caller has
 * checked and shaped (see gonp._lib.matmul); NotImplemented for an array
 * that cannot cross as it is (the caller then builds ctypes descriptors, or
 * copies a reversed view first: the kernel reads non-negative strides only). */
static PyObject *fast_matmul(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "matmul takes 4 arguments");
        return NULL;
    }
    int64_t nthreads = PyLong_AsLongLong(args[3]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (go_matmul == NULL || !plain(args[0]) || !plain(args[1]) || !plain(args[2])) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PyArrayObject *arr[3];
    gonp_array d[3];
    for (int i = 0; i < 3; i++) {
        arr[i] = (PyArrayObject *)args[i];
        int32_t code = code_of(PyArray_DESCR(arr[i]));
        if (code < 0) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        for (int j = 0; j < PyArray_NDIM(arr[i]); j++) {
            if (PyArray_STRIDE(arr[i], j) < 0) {
                Py_RETURN_NOTIMPLEMENTED;
            }
        }
        describe(&d[i], arr[i], code);
    }
    int nda = PyArray_NDIM(arr[0]);
    /* multiply-adds / MATMUL_WORK_DIV of gonp._lib */
    if (nda > 0 && PyArray_SIZE(arr[2]) * PyArray_DIM(arr[0], nda - 1) / 64 >= long_call) {
        Py_RETURN_NOTIMPLEMENTED; /* long: gonp._lib runs it interruptibly */
    }
    char errbuf[ERRLEN];
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = go_matmul(&d[0], &d[1], &d[2], NULL, nthreads, errbuf, ERRLEN);
    Py_END_ALLOW_THREADS
    if (rc != ok_code) {
        return raise_code(rc, errbuf);
    }
    Py_RETURN_NONE;
}

static PyObject *fast_init_evaluate(PyObject *self, PyObject *arg) {
    unsigned long long e = PyLong_AsUnsignedLongLong(arg);
    if (PyErr_Occurred()) {
        return NULL;
    }
    go_evaluate = (evaluate_fn)(uintptr_t)e;
    Py_RETURN_NONE;
}

#define EVAL_MAX_INS 16

/* evaluate(code, ncode, consts, nconsts, arrays, res, shape, reduce, mask,
 * ddof, nthreads): gonp_evaluate of a compiled program (code and consts are
 * the addresses of its int64 and float64 buffers, which the caller keeps
 * alive) over the arrays (a tuple, each broadcast to the tuple shape by
 * Go) into res, for operands the caller has checked (gonp._evaluate);
 * NotImplemented for an array that cannot cross as it is, too many operands
 * or dimensions, or a call long enough for gonp._lib to run it so that
 * Ctrl-C can stop it. */
static PyObject *fast_evaluate(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 11) {
        PyErr_SetString(PyExc_TypeError, "evaluate takes 11 arguments");
        return NULL;
    }
    int64_t *code = (int64_t *)PyLong_AsVoidPtr(args[0]);
    int64_t ncode = PyLong_AsLongLong(args[1]);
    double *consts = (double *)PyLong_AsVoidPtr(args[2]);
    int64_t nconsts = PyLong_AsLongLong(args[3]);
    long reduce = PyLong_AsLong(args[7]);
    int64_t mask = PyLong_AsLongLong(args[8]);
    double ddof = PyFloat_AsDouble(args[9]);
    int64_t nthreads = PyLong_AsLongLong(args[10]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    PyObject *arrays = args[4], *shape = args[6];
    if (go_evaluate == NULL || !PyTuple_CheckExact(arrays) || !PyTuple_CheckExact(shape) ||
        !plain(args[5])) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_ssize_t nins = PyTuple_Size(arrays), nd = PyTuple_Size(shape);
    if (nins > EVAL_MAX_INS || nd > NPY_MAXDIMS) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int64_t dims[NPY_MAXDIMS + 1];
    int64_t work = 1;
    for (Py_ssize_t k = 0; k < nd; k++) {
        dims[k] = PyLong_AsLongLong(PyTuple_GetItem(shape, k));
        if (dims[k] == -1 && PyErr_Occurred()) {
            return NULL;
        }
        work *= dims[k];
    }
    if (work >= long_call) {
        Py_RETURN_NOTIMPLEMENTED; /* long: gonp._lib runs it interruptibly */
    }
    gonp_array ins[EVAL_MAX_INS], out;
    for (Py_ssize_t k = 0; k < nins; k++) {
        PyObject *a = PyTuple_GetItem(arrays, k);
        if (!plain(a)) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        int32_t dc = code_of(PyArray_DESCR((PyArrayObject *)a));
        if (dc < 0) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        describe(&ins[k], (PyArrayObject *)a, dc);
    }
    PyArrayObject *res = (PyArrayObject *)args[5];
    int32_t rc = code_of(PyArray_DESCR(res));
    if (rc < 0) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    describe(&out, res, rc);
    char errbuf[ERRLEN];
    int r;
    Py_BEGIN_ALLOW_THREADS
    r = go_evaluate(code, ncode, consts, nconsts, ins, (int64_t)nins, &out, dims, (int64_t)nd,
                    (int32_t)reduce, mask, ddof, NULL, nthreads, errbuf, ERRLEN);
    Py_END_ALLOW_THREADS
    if (r != ok_code) {
        return raise_code(r, errbuf);
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"init", fast_init, METH_VARARGS, "Hand over the library's exports and codes."},
    {"unary", (PyCFunction)(void (*)(void))fast_unary, METH_FASTCALL, "out = op(x)."},
    {"binary", (PyCFunction)(void (*)(void))fast_binary, METH_FASTCALL, "out = op(x1, x2)."},
    {"reduce", (PyCFunction)(void (*)(void))fast_reduce, METH_FASTCALL,
     "Full reduction into a scalar."},
    {"init_matmul", fast_init_matmul, METH_O, "Hand over the gonp_matmul export."},
    {"init_work", fast_init_work, METH_VARARGS, "Hand over the operations' work divisors."},
    {"matmul", (PyCFunction)(void (*)(void))fast_matmul, METH_FASTCALL, "out = a @ b."},
    {"init_evaluate", fast_init_evaluate, METH_O, "Hand over the gonp_evaluate export."},
    {"evaluate", (PyCFunction)(void (*)(void))fast_evaluate, METH_FASTCALL,
     "Run a compiled expression (see gonp._evaluate)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "gonp._fast",
    "The short road into libgonp for common calls (see gonp._lib).", -1, methods,
};

PyMODINIT_FUNC PyInit__fast(void) {
    import_array();
    return PyModule_Create(&module);
}
