/* The usual request built in C: falcon.asgi.Request(scope, receive, first_event, options)
 * and falcon.Request(env, options) without entering __init__ and _init_common.
 *
 * Rules: each class's __init__ stays the reference. install() takes the kind, the class, a
 * template (an instance __init__ built) and, for ASGI, the function that finds the running
 * loop. asgi_request() and wsgi_request() answer a new instance only for the usual call:
 * the class unchanged since install() (same __init__ and _init_common), options given, and
 *   ASGI: a scope that is an exact dict holding ``method`` (a non-empty str), ``root_path``
 *   (an empty str), ``path`` and ``query_string`` (bytes or None);
 *   WSGI: an environ that is an exact dict holding ``REQUEST_METHOD`` (a str),
 *   ``PATH_INFO`` (an ASCII str) and, if any, ``QUERY_STRING`` (a str), with the options'
 *   deprecated form parsing off;
 * where the path is not empty and, longer than one character, does not end in ``/``
 * (stripping it is an option). Every slot starts as the template's, then the ones the call
 * decides are set as __init__ sets them (the ASGI query string decoded as latin-1, an empty
 * or missing one as ''). For any other call they answer None having changed nothing, and
 * the caller constructs the class the ordinary way. Which slots a template may hand on is
 * checked in Python before install() (falcon.core._request_templates), by building two
 * templates from different calls and comparing every slot but those the module's
 * ASGI_DECIDED and WSGI_DECIDED name.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_fast_slots.h"

#define MAX_SLOTS 48
#define MAX_SET 9

/* What one request class is built from. */
typedef struct {
    PyTypeObject *type;
    PyObject *template;
    PyObject *init;
    PyObject *init_common;
    unsigned int version_tag;
    Py_ssize_t slot_count;
    Py_ssize_t slot_offsets[MAX_SLOTS];
    Py_ssize_t set_offsets[MAX_SET];
} Maker;

/* The slots each kind of request sets from the call, in the order the builders fill
 * them. */
enum {
    A_SCOPE,
    A_METHOD,
    A_PATH,
    A_ROOT_PATH,
    A_QUERY,
    A_RECEIVE,
    A_FIRST_EVENT,
    A_LOOP,
    A_OPTIONS
};
static const char *asgi_set_names[] = {"scope",        "method",       "path",
                                       "_root_path",   "query_string", "_receive",
                                       "_first_event", "_loop",        "options", NULL};
enum { W_ENV, W_METHOD, W_PATH, W_QUERY, W_STREAM, W_OPTIONS };
static const char *wsgi_set_names[] = {"env",    "method",  "path", "query_string",
                                       "stream", "options", NULL};

static Maker asgi_maker;
static Maker wsgi_maker;
static PyObject *find_loop = NULL;

static PyObject *init_name, *init_common_name, *method_key, *root_path_key, *path_key,
    *query_key, *request_method_key, *path_info_key, *query_string_key, *input_key,
    *form_option_name, *empty_text;

static int
unchanged(Maker *maker)
{
    PyObject *names[] = {init_name, init_common_name};
    PyObject *expected[] = {maker->init, maker->init_common};
    return class_unchanged(maker->type, &maker->version_tag, names, expected, 2);
}

/* `key` of the exact dict `mapping`, borrowed; NULL (no error set) when missing. */
static PyObject *
value_of(PyObject *mapping, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(mapping, key);
    if (value == NULL) {
        PyErr_Clear();
    }
    return value;
}

/* Whether `_init_common` would leave `path` as it is whatever the options say: a str that
 * is not empty and, longer than one character, does not end in ``/``. */
static int
path_kept(PyObject *path)
{
    if (path == NULL || !PyUnicode_CheckExact(path)) {
        return 0;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(path);
    return length == 1 || (length > 1 && PyUnicode_READ_CHAR(path, length - 1) != '/');
}

/* A new instance of the maker's class: the template's slots, then `values` (references
 * stolen) in the slots the call sets. */
static PyObject *
build(Maker *maker, PyObject **values, Py_ssize_t count)
{
    PyTypeObject *type = maker->type;
    PyObject *self = type->tp_alloc(type, 0);
    if (self == NULL) {
        for (Py_ssize_t i = 0; i < count; i++) {
            Py_DECREF(values[i]);
        }
        return NULL;
    }
    for (Py_ssize_t i = 0; i < maker->slot_count; i++) {
        PyObject *value = *(PyObject **)((char *)maker->template + maker->slot_offsets[i]);
        Py_XINCREF(value);
        *(PyObject **)((char *)self + maker->slot_offsets[i]) = value;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject **field = (PyObject **)((char *)self + maker->set_offsets[i]);
        PyObject *old = *field;
        *field = values[i];
        Py_XDECREF(old);
    }
    return self;
}

static PyObject *
asgi_request(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError, "asgi_request() takes 4 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *scope = args[0];
    PyObject *options = args[3];
    if (asgi_maker.type == NULL || options == Py_None || !PyDict_CheckExact(scope) ||
        !unchanged(&asgi_maker)) {
        Py_RETURN_NONE;
    }
    PyObject *method = value_of(scope, method_key);
    PyObject *root_path = value_of(scope, root_path_key);
    PyObject *path = value_of(scope, path_key);
    PyObject *query = value_of(scope, query_key);
    if (method == NULL || !PyUnicode_CheckExact(method) || PyUnicode_GET_LENGTH(method) == 0 ||
        root_path == NULL || !PyUnicode_CheckExact(root_path) ||
        PyUnicode_GET_LENGTH(root_path) != 0 || !path_kept(path) || query == NULL ||
        (query != Py_None && !PyBytes_CheckExact(query))) {
        Py_RETURN_NONE;
    }
    PyObject *query_text;
    if (query == Py_None || PyBytes_GET_SIZE(query) == 0) {
        query_text = empty_text;
        Py_INCREF(query_text);
    }
    else {
        query_text = PyUnicode_DecodeLatin1(PyBytes_AS_STRING(query), PyBytes_GET_SIZE(query),
                                            NULL);
        if (query_text == NULL) {
            return NULL;
        }
    }
    PyObject *loop = PyObject_CallNoArgs(find_loop);
    if (loop == NULL) {
        Py_DECREF(query_text);
        return NULL;
    }
    PyObject *values[] = {scope, method, path, root_path, query_text, args[1], args[2], loop,
                          options};
    for (int i = 0; i <= A_OPTIONS; i++) {
        if (i != A_QUERY && i != A_LOOP) {
            Py_INCREF(values[i]);
        }
    }
    return build(&asgi_maker, values, A_OPTIONS + 1);
}

static PyObject *
wsgi_request(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "wsgi_request() takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *env = args[0];
    PyObject *options = args[1];
    if (wsgi_maker.type == NULL || options == Py_None || !PyDict_CheckExact(env) ||
        !unchanged(&wsgi_maker)) {
        Py_RETURN_NONE;
    }
    PyObject *method = value_of(env, request_method_key);
    PyObject *path = value_of(env, path_info_key);
    PyObject *query = value_of(env, query_string_key);
    if (method == NULL || !PyUnicode_CheckExact(method) || !path_kept(path) ||
        !PyUnicode_IS_ASCII(path) || (query != NULL && !PyUnicode_CheckExact(query))) {
        Py_RETURN_NONE;
    }
    /* Parsing a form body into the params is for __init__ to do. */
    PyObject *form = PyObject_GetAttr(options, form_option_name);
    if (form == NULL) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    Py_DECREF(form);
    if (form != Py_False) {
        Py_RETURN_NONE;
    }
    PyObject *stream = value_of(env, input_key);
    if (query == NULL || PyUnicode_GET_LENGTH(query) == 0) {
        query = empty_text;
    }
    PyObject *values[] = {env, method, path, query, stream == NULL ? Py_None : stream, options};
    for (int i = 0; i <= W_OPTIONS; i++) {
        Py_INCREF(values[i]);
    }
    return build(&wsgi_maker, values, W_OPTIONS + 1);
}

/* Append the offsets of every object slot that `type` and its bases declare. */
static int
collect_slots(Maker *maker, PyTypeObject *type)
{
    PyObject *mro = type->tp_mro;
    for (Py_ssize_t m = 0; m < PyTuple_GET_SIZE(mro); m++) {
        PyTypeObject *base = (PyTypeObject *)PyTuple_GET_ITEM(mro, m);
        PyMemberDef *member = base->tp_members;
        if (!PyType_HasFeature(base, Py_TPFLAGS_HEAPTYPE) || member == NULL) {
            continue;
        }
        for (; member->name != NULL; member++) {
            if (member->type != T_OBJECT_EX) {
                continue;
            }
            int known = 0;
            for (Py_ssize_t i = 0; i < maker->slot_count; i++) {
                known |= maker->slot_offsets[i] == member->offset;
            }
            if (known) {
                continue;
            }
            if (maker->slot_count == MAX_SLOTS) {
                PyErr_SetString(PyExc_ValueError, "too many slots");
                return -1;
            }
            maker->slot_offsets[maker->slot_count++] = member->offset;
        }
    }
    return 0;
}

static PyObject *
install(PyObject *module, PyObject *args)
{
    const char *kind;
    PyTypeObject *type;
    PyObject *made;
    PyObject *loop_function;
    if (!PyArg_ParseTuple(args, "sO!OO:install", &kind, &PyType_Type, &type, &made,
                          &loop_function)) {
        return NULL;
    }
    int asgi = strcmp(kind, "asgi") == 0;
    if (!asgi && strcmp(kind, "wsgi") != 0) {
        PyErr_SetString(PyExc_ValueError, "the kind is 'asgi' or 'wsgi'");
        return NULL;
    }
    Maker *maker = asgi ? &asgi_maker : &wsgi_maker;
    const char **set_names = asgi ? asgi_set_names : wsgi_set_names;
    if (maker->type != NULL) {
        PyErr_Format(PyExc_RuntimeError, "the %s request is installed already", kind);
        return NULL;
    }
    if (asgi && !PyCallable_Check(loop_function)) {
        PyErr_SetString(PyExc_TypeError, "an ASGI request needs the running-loop function");
        return NULL;
    }
    if (Py_TYPE(made) != type || type->tp_dictoffset != 0 ||
        type->tp_new != PyBaseObject_Type.tp_new || type->tp_alloc != PyType_GenericAlloc) {
        PyErr_Format(PyExc_TypeError, "%s is not a plain class with __slots__", type->tp_name);
        return NULL;
    }
    Maker made_maker = {0};
    made_maker.init = _PyType_Lookup(type, init_name);
    made_maker.init_common = _PyType_Lookup(type, init_common_name);
    if (made_maker.init == NULL || made_maker.init_common == NULL) {
        PyErr_SetString(PyExc_TypeError, "the class has no __init__ or _init_common");
        return NULL;
    }
    for (int i = 0; set_names[i] != NULL; i++) {
        PyObject *name = PyUnicode_FromString(set_names[i]);
        if (name == NULL) {
            return NULL;
        }
        PyObject *descriptor = slot_descriptor(type, name);
        Py_DECREF(name);
        if (descriptor == NULL) {
            return NULL;
        }
        made_maker.set_offsets[i] = slot_offset_of(descriptor);
    }
    if (collect_slots(&made_maker, type) < 0) {
        return NULL;
    }
    Py_INCREF(type);
    Py_INCREF(made);
    Py_INCREF(made_maker.init);
    Py_INCREF(made_maker.init_common);
    made_maker.type = type;
    made_maker.template = made;
    made_maker.version_tag = type->tp_version_tag;
    *maker = made_maker;
    if (asgi) {
        Py_INCREF(loop_function);
        Py_XSETREF(find_loop, loop_function);
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"asgi_request", (PyCFunction)(void (*)(void))asgi_request, METH_FASTCALL,
     "asgi_request(scope, receive, first_event, options): a new request of the installed "
     "ASGI class for the usual call, as its __init__ would build it; None for any other "
     "call."},
    {"wsgi_request", (PyCFunction)(void (*)(void))wsgi_request, METH_FASTCALL,
     "wsgi_request(env, options): a new request of the installed WSGI class for the usual "
     "call, as its __init__ would build it; None for any other call."},
    {"install", install, METH_VARARGS,
     "install(kind, cls, template, running_loop): the request class of kind 'asgi' or "
     "'wsgi', an instance its __init__ built (the slots the call does not decide are copied "
     "from it) and, for ASGI, the function that finds the running loop."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "falcon.core._fast_request",
    "The usual request of each kind, built in C.",
    -1, methods,
};

/* The names of the slots a builder sets from the call, as a tuple attribute of the module,
 * for the Python check of the templates. */
static int
add_decided(PyObject *module, const char *attribute, const char **names)
{
    Py_ssize_t count = 0;
    while (names[count] != NULL) {
        count++;
    }
    PyObject *tuple = PyTuple_New(count);
    if (tuple == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *name = PyUnicode_FromString(names[i]);
        if (name == NULL) {
            Py_DECREF(tuple);
            return -1;
        }
        PyTuple_SET_ITEM(tuple, i, name);
    }
    int added = PyModule_AddObject(module, attribute, tuple);
    if (added < 0) {
        Py_DECREF(tuple);
    }
    return added;
}

PyMODINIT_FUNC
PyInit__fast_request(void)
{
    init_name = PyUnicode_InternFromString("__init__");
    init_common_name = PyUnicode_InternFromString("_init_common");
    method_key = PyUnicode_InternFromString("method");
    root_path_key = PyUnicode_InternFromString("root_path");
    path_key = PyUnicode_InternFromString("path");
    query_key = PyUnicode_InternFromString("query_string");
    request_method_key = PyUnicode_InternFromString("REQUEST_METHOD");
    path_info_key = PyUnicode_InternFromString("PATH_INFO");
    query_string_key = PyUnicode_InternFromString("QUERY_STRING");
    input_key = PyUnicode_InternFromString("wsgi.input");
    form_option_name = PyUnicode_InternFromString("_auto_parse_form_urlencoded");
    empty_text = PyUnicode_New(0, 0);
    if (init_name == NULL || init_common_name == NULL || method_key == NULL ||
        root_path_key == NULL || path_key == NULL || query_key == NULL ||
        request_method_key == NULL || path_info_key == NULL || query_string_key == NULL ||
        input_key == NULL || form_option_name == NULL || empty_text == NULL) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL || add_decided(module, "ASGI_DECIDED", asgi_set_names) < 0 ||
        add_decided(module, "WSGI_DECIDED", wsgi_set_names) < 0) {
        Py_XDECREF(module);
        return NULL;
    }
    return module;
}
