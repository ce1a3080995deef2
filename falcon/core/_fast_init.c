/* A faster constructor for a plain Python class with __slots__ and an __init__ that only
 * stores its parameters (falcon.core._sse.SSEvent).
 *
 * Rules: the class stays a Python class and its __init__ stays the reference. install()
 * gives the class a vectorcall constructor that, for a call whose arguments all name
 * stored parameters (positionally or by keyword, each once), allocates the instance and
 * stores each argument, or None, in its slot: what __init__ would do, without building
 * an argument tuple and keyword dict and entering __init__'s frame. Any other call (another
 * keyword, a repeated or extra argument) takes the ordinary path, so __init__ raises its own
 * errors. Once the class is changed (its __init__ or __new__ replaced), every call takes the
 * ordinary path again. A subclass never gets this constructor (CPython does not inherit a
 * type's vectorcall), so its own __init__ always runs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#define MAX_FIELDS 16

typedef struct {
    PyTypeObject *type;       /* the class (a strong reference) */
    PyObject *init;           /* its __init__ when installed (a strong reference) */
    unsigned int version_tag; /* the class's version tag last seen unchanged */
    Py_ssize_t count;         /* parameters stored by __init__, in its order */
    PyObject *names[MAX_FIELDS];
    Py_ssize_t offsets[MAX_FIELDS];
} Constructor;

static Constructor constructors[4];
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
    PyTypeObject *type = constructor->type;
    if (type->tp_version_tag == constructor->version_tag &&
        PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        return 1;
    }
    if (type->tp_new != PyBaseObject_Type.tp_new || type->tp_alloc != PyType_GenericAlloc) {
        return 0;
    }
    PyObject *init = _PyType_Lookup(type, init_name);
    if (init != constructor->init) {
        return 0;
    }
    if (PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        constructor->version_tag = type->tp_version_tag;
    }
    return 1;
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
    return self;
}

static PyObject *
install(PyObject *module, PyObject *args)
{
    PyObject *cls;
    PyObject *names;
    if (!PyArg_ParseTuple(args, "O!O!:install", &PyType_Type, &cls, &PyTuple_Type, &names)) {
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    Py_ssize_t count = PyTuple_GET_SIZE(names);
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
    Constructor *constructor = &constructors[constructor_count];
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        if (!PyUnicode_CheckExact(name)) {
            PyErr_SetString(PyExc_TypeError, "field names must be str");
            return NULL;
        }
        PyObject *descriptor = PyDict_GetItemWithError(type->tp_dict, name);
        if (descriptor == NULL || Py_TYPE(descriptor) != &PyMemberDescr_Type) {
            if (!PyErr_Occurred()) {
                PyErr_Format(PyExc_TypeError, "%U is not a slot of %s", name, type->tp_name);
            }
            return NULL;
        }
        PyMemberDef *member = ((PyMemberDescrObject *)descriptor)->d_member;
        if (member->type != T_OBJECT_EX || (member->flags & READONLY)) {
            PyErr_Format(PyExc_TypeError, "%U is not a writable slot", name);
            return NULL;
        }
        Py_INCREF(name);
        PyUnicode_InternInPlace(&name);
        constructor->names[i] = name;
        constructor->offsets[i] = member->offset;
    }
    PyObject *init = _PyType_Lookup(type, init_name);
    if (init == NULL) {
        PyErr_SetString(PyExc_TypeError, "the class has no __init__");
        return NULL;
    }
    Py_INCREF(type);
    Py_INCREF(init);
    constructor->type = type;
    constructor->init = init;
    constructor->count = count;
    constructor->version_tag = type->tp_version_tag;
    constructor_count++;
    type->tp_vectorcall = construct;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"install", install, METH_VARARGS,
     "install(cls, names): construct cls without entering __init__ when every argument names "
     "one of `names`, the parameters __init__ stores in the slots of the same names."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "falcon.core._fast_init",
    "A faster constructor for classes whose __init__ only stores its parameters.", -1, methods,
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
