/* A faster constructor for a plain Python class with __slots__ whose __init__ only stores
 * its parameters and fixed starting values (falcon.core._sse.SSEvent, the responses).
 *
 * Rules: the class stays a Python class and its __init__ stays the reference. install()
 * gives the class a vectorcall constructor that, for a call whose arguments all name
 * stored parameters (positionally or by keyword, each once), allocates the instance and
 * stores each argument, or None, in its slot, then each constant given to install() and a
 * new empty dict in each slot named for one: what __init__ would do, without building an
 * argument tuple and keyword dict and entering __init__'s frame. Installed as strict, the
 * constructor also leaves to __init__ every call that omits a parameter or passes None
 * for one (where __init__ puts a default of its own). Any other call (another keyword, a
 * repeated or extra argument) takes the ordinary path, so __init__ raises its own errors.
 * Once the class is changed (its __init__ or __new__ replaced), every call takes the
 * ordinary path again. A subclass never gets this constructor (CPython does not inherit a
 * type's vectorcall), so its own __init__ always runs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_fast_slots.h"

#define MAX_FIELDS 16

typedef struct {
    PyTypeObject *type;       /* the class (a strong reference) */
    PyObject *init;           /* its __init__ when installed (a strong reference) */
    unsigned int version_tag; /* the class's version tag last seen unchanged */
    int strict;               /* every parameter must be passed, and not as None */
    Py_ssize_t count;         /* parameters stored by __init__, in its order */
    PyObject *names[MAX_FIELDS];
    Py_ssize_t offsets[MAX_FIELDS];
    Py_ssize_t constant_count; /* slots that start with the same value (a strong reference) */
    Py_ssize_t constant_offsets[MAX_FIELDS];
    PyObject *constant_values[MAX_FIELDS];
    Py_ssize_t dict_count; /* slots that start with a new empty dict */
    Py_ssize_t dict_offsets[MAX_FIELDS];
} Constructor;

static Constructor constructors[8];
static int constructor_count = 0;
static PyObject *init_name = NULL; /* "__init__", interned */

static PyObject *
ordinary_call(PyObject *callable, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *tuple = PyTuple_New(nargs);
    if (tuple == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        Py_INCREF(args[i]);
        PyTuple_SET_ITEM(tuple, i, args[i]);
    }
    PyObject *kwargs = NULL;
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) {
        kwargs = PyDict_New();
        if (kwargs == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
            if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i), args[nargs + i]) < 0) {
                Py_DECREF(tuple);
                Py_DECREF(kwargs);
                return NULL;
            }
        }
    }
    PyObject *result = PyType_Type.tp_call(callable, tuple, kwargs);
    Py_DECREF(tuple);
    Py_XDECREF(kwargs);
    return result;
}

/* Whether the class still constructs the way it did when installed. */
static int
unchanged(Constructor *constructor)
{
    return class_unchanged(constructor->type, &constructor->version_tag, &init_name,
                           &constructor->init, 1);
}

static PyObject *
construct(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Constructor *constructor = NULL;
    for (int i = 0; i < constructor_count; i++) {
        if ((PyObject *)constructors[i].type == callable) {
            constructor = &constructors[i];
            break;
        }
    }
    if (constructor == NULL || nargs > constructor->count || !unchanged(constructor)) {
        return ordinary_call(callable, args, nargs, kwnames);
    }
    PyObject *values[MAX_FIELDS] = {NULL};
    for (Py_ssize_t i = 0; i < nargs; i++) {
        values[i] = args[i];
    }
    if (kwnames != NULL) {
        Py_ssize_t keywords = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t k = 0; k < keywords; k++) {
            PyObject *name = PyTuple_GET_ITEM(kwnames, k);
            Py_ssize_t found = -1;
            for (Py_ssize_t i = 0; i < constructor->count; i++) {
                if (constructor->names[i] == name) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                for (Py_ssize_t i = 0; i < constructor->count; i++) {
                    int equal = PyObject_RichCompareBool(constructor->names[i], name, Py_EQ);
                    if (equal < 0) {
                        return NULL;
                    }
                    if (equal) {
                        found = i;
                        break;
                    }
                }
            }
            if (found < 0 || values[found] != NULL) {
                return ordinary_call(callable, args, nargs, kwnames);
            }
            values[found] = args[nargs + k];
        }
    }
    if (constructor->strict) {
        for (Py_ssize_t i = 0; i < constructor->count; i++) {
            if (values[i] == NULL || values[i] == Py_None) {
                return ordinary_call(callable, args, nargs, kwnames);
            }
        }
    }
    PyTypeObject *type = constructor->type;
    PyObject *self = type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < constructor->count; i++) {
        PyObject *value = values[i] == NULL ? Py_None : values[i];
        Py_INCREF(value);
        *(PyObject **)((char *)self + constructor->offsets[i]) = value;
    }
    for (Py_ssize_t i = 0; i < constructor->constant_count; i++) {
        PyObject *value = constructor->constant_values[i];
        Py_INCREF(value);
        *(PyObject **)((char *)self + constructor->constant_offsets[i]) = value;
    }
    for (Py_ssize_t i = 0; i < constructor->dict_count; i++) {
        PyObject *fresh = PyDict_New();
        if (fresh == NULL) {
            Py_DECREF(self);
            return NULL;
        }
        *(PyObject **)((char *)self + constructor->dict_offsets[i]) = fresh;
    }
    return self;
}

/* The offset of the writable object slot `name` of `type` or of one of its bases, or -1
 * with an exception set. */
static Py_ssize_t
slot_offset(PyTypeObject *type, PyObject *name)
{
    PyObject *descriptor = slot_descriptor(type, name);
    return descriptor == NULL ? -1 : slot_offset_of(descriptor);
}

/* Whether `offset` is already one of the `count` offsets of `taken`. */
static int
taken_already(const Py_ssize_t *taken, Py_ssize_t count, Py_ssize_t offset)
{
    for (Py_ssize_t i = 0; i < count; i++) {
        if (taken[i] == offset) {
            return 1;
        }
    }
    return 0;
}

static PyObject *
install(PyObject *module, PyObject *args)
{
    PyObject *cls;
    PyObject *names;
    PyObject *constants = NULL;
    PyObject *dict_names = NULL;
    int strict = 0;
    if (!PyArg_ParseTuple(args, "O!O!|O!O!p:install", &PyType_Type, &cls, &PyTuple_Type, &names,
                          &PyDict_Type, &constants, &PyTuple_Type, &dict_names, &strict)) {
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    Py_ssize_t count = PyTuple_GET_SIZE(names);
    Py_ssize_t constant_count = constants == NULL ? 0 : PyDict_GET_SIZE(constants);
    Py_ssize_t dict_count = dict_names == NULL ? 0 : PyTuple_GET_SIZE(dict_names);
    if (constant_count > MAX_FIELDS || dict_count > MAX_FIELDS) {
        PyErr_SetString(PyExc_ValueError, "too many fields");
        return NULL;
    }
    if (constructor_count == (int)(sizeof(constructors) / sizeof(constructors[0])) ||
        count > MAX_FIELDS) {
        PyErr_SetString(PyExc_ValueError, "too many classes or fields");
        return NULL;
    }
    if (!PyType_HasFeature(type, Py_TPFLAGS_HEAPTYPE) ||
        type->tp_new != PyBaseObject_Type.tp_new || type->tp_alloc != PyType_GenericAlloc ||
        type->tp_vectorcall != NULL || type->tp_dictoffset != 0) {
        PyErr_Format(PyExc_TypeError, "%s is not a plain class with __slots__", type->tp_name);
        return NULL;
    }
    /* Built on the stack and copied in only once complete, so a refusal leaves nothing. */
    Constructor made = {0};
    Py_ssize_t taken[3 * MAX_FIELDS];
    Py_ssize_t taken_count = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        Py_ssize_t offset = slot_offset(type, name);
        if (offset < 0) {
            return NULL;
        }
        made.names[i] = name;
        made.offsets[i] = offset;
        taken[taken_count++] = offset;
    }
    Py_ssize_t position = 0;
    PyObject *name;
    PyObject *value;
    while (constants != NULL && PyDict_Next(constants, &position, &name, &value)) {
        Py_ssize_t offset = slot_offset(type, name);
        if (offset < 0) {
            return NULL;
        }
        if (taken_already(taken, taken_count, offset)) {
            PyErr_Format(PyExc_ValueError, "%U is named twice", name);
            return NULL;
        }
        made.constant_offsets[made.constant_count] = offset;
        made.constant_values[made.constant_count++] = value;
        taken[taken_count++] = offset;
    }
    for (Py_ssize_t i = 0; i < dict_count; i++) {
        PyObject *dict_name = PyTuple_GET_ITEM(dict_names, i);
        Py_ssize_t offset = slot_offset(type, dict_name);
        if (offset < 0) {
            return NULL;
        }
        if (taken_already(taken, taken_count, offset)) {
            PyErr_Format(PyExc_ValueError, "%U is named twice", dict_name);
            return NULL;
        }
        made.dict_offsets[made.dict_count++] = offset;
        taken[taken_count++] = offset;
    }
    PyObject *init = _PyType_Lookup(type, init_name);
    if (init == NULL) {
        PyErr_SetString(PyExc_TypeError, "the class has no __init__");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_INCREF(made.names[i]);
        PyUnicode_InternInPlace(&made.names[i]);
    }
    for (Py_ssize_t i = 0; i < made.constant_count; i++) {
        Py_INCREF(made.constant_values[i]);
    }
    Py_INCREF(type);
    Py_INCREF(init);
    made.type = type;
    made.init = init;
    made.count = count;
    made.strict = strict;
    made.version_tag = type->tp_version_tag;
    constructors[constructor_count++] = made;
    type->tp_vectorcall = construct;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"install", install, METH_VARARGS,
     "install(cls, names, constants={}, dict_names=(), strict=False): construct cls without "
     "entering __init__ when every argument names one of `names`, the parameters __init__ "
     "stores in the slots of the same names; the slots named in `constants` start with its "
     "values, those in `dict_names` with a new empty dict. Strict, a call that omits a "
     "parameter or passes None for one runs __init__."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "falcon.core._fast_init",
    "A faster constructor for classes whose __init__ only stores its parameters and fixed "
    "starting values.", -1, methods,
};

PyMODINIT_FUNC
PyInit__fast_init(void)
{
    init_name = PyUnicode_InternFromString("__init__");
    if (init_name == NULL) {
        return NULL;
    }
    return PyModule_Create(&module_def);
}
