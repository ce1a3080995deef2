/* An awaitable of a value already at hand, in C.
 *
 * Rules: awaiting a Ready(value) gives `value` at once, every time it is awaited, without
 * running Python code and without suspending; so does driving it as a coroutine (send(None),
 * the way a task drives one). It holds only its value. It has no __iter__ of its own, so a
 * Python subclass may make iterating it an error (falcon.asgi's ``req.get_media()`` result
 * does: reading it as a value raises ForgottenAwaitError). Nothing else runs here.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    PyObject *value;
} Ready;

static PyObject *
ready_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", type->tp_name);
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) != 1) {
        PyErr_Format(PyExc_TypeError, "%s() takes exactly one argument (%zd given)",
                     type->tp_name, PyTuple_GET_SIZE(args));
        return NULL;
    }
    Ready *ready = (Ready *)type->tp_alloc(type, 0);
    if (ready == NULL) {
        return NULL;
    }
    PyObject *value = PyTuple_GET_ITEM(args, 0);
    Py_INCREF(value);
    ready->value = value;
    return (PyObject *)ready;
}

static int
ready_traverse(Ready *ready, visitproc visit, void *arg)
{
    /* A heap subclass's own traverse visits its type; this one visits only the value. */
    Py_VISIT(ready->value);
    return 0;
}

static int
ready_clear(Ready *ready)
{
    Py_CLEAR(ready->value);
    return 0;
}

static void
ready_dealloc(Ready *ready)
{
    /* A heap subclass's dealloc releases its type after this returns. */
    PyObject_GC_UnTrack(ready);
    ready_clear(ready);
    Py_TYPE(ready)->tp_free((PyObject *)ready);
}

/* `await ready`: the object is its own iterator, finished from the start. */
static PyObject *
ready_await(PyObject *self)
{
    Py_INCREF(self);
    return self;
}

static PySendResult
ready_send(PyObject *self, PyObject *arg, PyObject **result)
{
    PyObject *value = ((Ready *)self)->value;
    if (value == NULL) {
        value = Py_None;
    }
    Py_INCREF(value);
    *result = value;
    return PYGEN_RETURN;
}

/* The iterator protocol's way to finish: StopIteration carrying the value (wrapped in an
 * instance, so that a tuple or an exception value arrives whole). */
static PyObject *
ready_next(PyObject *self)
{
    PyObject *value = ((Ready *)self)->value;
    PyObject *stop = PyObject_CallOneArg(PyExc_StopIteration, value ? value : Py_None);
    if (stop != NULL) {
        PyErr_SetObject(PyExc_StopIteration, stop);
        Py_DECREF(stop);
    }
    return NULL;
}

static PyAsyncMethods ready_as_async = {
    .am_await = ready_await,
    .am_send = ready_send,
};

static PyTypeObject ReadyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "falcon.core._fast_await.Ready",
    .tp_basicsize = sizeof(Ready),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Ready(value): an awaitable that gives value at once, on every await.",
    .tp_new = ready_new,
    .tp_dealloc = (destructor)ready_dealloc,
    .tp_traverse = (traverseproc)ready_traverse,
    .tp_clear = (inquiry)ready_clear,
    .tp_as_async = &ready_as_async,
    .tp_iternext = ready_next,
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "falcon.core._fast_await",
    "An awaitable of a value at hand; see falcon.asgi._request.", -1, NULL,
};

PyMODINIT_FUNC
PyInit__fast_await(void)
{
    if (PyType_Ready(&ReadyType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&ReadyType);
    if (PyModule_AddObject(module, "Ready", (PyObject *)&ReadyType) < 0) {
        Py_DECREF(&ReadyType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
