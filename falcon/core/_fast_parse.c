/* Three request-parsing loops in C: the ASGI header map, the ASGI framing check of a
 * request without a body method, and plain query strings.
 *
 * Rules: each function computes exactly what a plain-case loop in the Python code computes
 * (falcon.asgi._request.Request._headers_map and _framing_header, and
 * falcon.core._uri.parse_query_string), and only that case. For any other input it returns None, and the caller runs its general
 * Python code, which stays the reference. No function runs Python code of its own; only
 * header_map keeps references between calls (see there). An error (no memory) propagates as an exception, never
 * as None.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* header_map remembers, for each of the first REMEMBERED positions, the last name found
 * there and its str, for the `names` dict it was last given: a server sends a client's
 * header names in the same order request after request, as new bytes objects, and a name
 * equal to the one remembered at its position is taken without hashing it and looking it
 * up. This relies on what the caller's cache guarantees: an entry of `names` is never
 * removed or changed once made (a different dict makes it forget everything). */
#define REMEMBERED 16
static PyObject *remembered_names = NULL;
static PyObject *remembered_name[REMEMBERED];
static PyObject *remembered_mapped[REMEMBERED];

static void
remember_names_of(PyObject *names)
{
    for (int position = 0; position < REMEMBERED; position++) {
        Py_CLEAR(remembered_name[position]);
        Py_CLEAR(remembered_mapped[position]);
    }
    Py_INCREF(names);
    Py_XSETREF(remembered_names, names);
}

/* The str `names` maps `name` (at `position` of the list) to, borrowed; NULL with no error
 * set when it maps it to nothing or to something else than an exact str. */
static PyObject *
mapped_name(PyObject *names, PyObject *name, Py_ssize_t position)
{
    if (position < REMEMBERED) {
        PyObject *known = remembered_name[position];
        if (known != NULL &&
            (known == name || (PyBytes_GET_SIZE(known) == PyBytes_GET_SIZE(name) &&
                               memcmp(PyBytes_AS_STRING(known), PyBytes_AS_STRING(name),
                                      PyBytes_GET_SIZE(name)) == 0))) {
            return remembered_mapped[position];
        }
    }
    PyObject *mapped = PyDict_GetItemWithError(names, name);
    if (mapped == NULL || !PyUnicode_CheckExact(mapped)) {
        return NULL;
    }
    if (position < REMEMBERED) {
        /* Both replaced objects are bytes and str: freeing them runs no Python code. */
        Py_INCREF(name);
        Py_XSETREF(remembered_name[position], name);
        Py_INCREF(mapped);
        Py_XSETREF(remembered_mapped[position], mapped);
    }
    return mapped;
}

/* header_map(raw, names): {names[name]: value.decode('latin-1')} for a list or tuple of
 * exact (bytes, bytes) pairs whose every name is a key of `names` mapping to a str, no two
 * names mapping to the same str; None otherwise. */
static PyObject *
header_map(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "header_map() takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *raw = args[0];
    PyObject *names = args[1];
    if (!PyDict_CheckExact(names)) {
        PyErr_SetString(PyExc_TypeError, "header_map() names must be a dict");
        return NULL;
    }
    if (!PyList_CheckExact(raw) && !PyTuple_CheckExact(raw)) {
        Py_RETURN_NONE;
    }
    if (names != remembered_names) {
        remember_names_of(names);
    }
    PyObject *headers = PyDict_New();
    if (headers == NULL) {
        return NULL;
    }
    Py_ssize_t index = 0;
    /* The size is read on every step: a list is never indexed past its current end. */
    for (; index < PySequence_Fast_GET_SIZE(raw); index++) {
        PyObject *pair = PySequence_Fast_ITEMS(raw)[index];
        if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2) {
            goto not_plain;
        }
        PyObject *name = PyTuple_GET_ITEM(pair, 0);
        PyObject *value = PyTuple_GET_ITEM(pair, 1);
        if (!PyBytes_CheckExact(name) || !PyBytes_CheckExact(value)) {
            goto not_plain;
        }
        Py_INCREF(pair);
        PyObject *mapped = mapped_name(names, name, index);
        if (mapped == NULL) {
            Py_DECREF(pair);
            if (PyErr_Occurred()) {
                goto error;
            }
            goto not_plain;
        }
        Py_INCREF(mapped);
        PyObject *decoded =
            PyUnicode_DecodeLatin1(PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value), NULL);
        Py_DECREF(pair);
        if (decoded == NULL) {
            Py_DECREF(mapped);
            goto error;
        }
        int failed = PyDict_SetItem(headers, mapped, decoded);
        Py_DECREF(mapped);
        Py_DECREF(decoded);
        if (failed) {
            goto error;
        }
    }
    if (PyDict_GET_SIZE(headers) != index) {
        goto not_plain;
    }
    return headers;

not_plain:
    Py_DECREF(headers);
    Py_RETURN_NONE;

error:
    Py_DECREF(headers);
    return NULL;
}

/* Adds query_string[start:equals] -> query_string[equals + 1:end] to params. Returns 1 when
 * added, 0 when the field is not plain (no name, no value, or a name seen before), -1 on
 * error. */
static int
add_field(PyObject *params, PyObject *query_string, Py_ssize_t start, Py_ssize_t equals,
          Py_ssize_t end)
{
    if (equals < 0 || equals == start || equals + 1 == end) {
        return 0;
    }
    PyObject *name = PyUnicode_Substring(query_string, start, equals);
    if (name == NULL) {
        return -1;
    }
    PyObject *value = PyUnicode_Substring(query_string, equals + 1, end);
    if (value == NULL) {
        Py_DECREF(name);
        return -1;
    }
    Py_ssize_t size = PyDict_GET_SIZE(params);
    PyObject *stored = PyDict_SetDefault(params, name, value);
    Py_DECREF(name);
    Py_DECREF(value);
    if (stored == NULL) {
        return -1;
    }
    /* A name seen before leaves the dict as it was. */
    return PyDict_GET_SIZE(params) != size;
}

/* plain_query(query_string, csv): the dict of a query string whose every `&`-separated
 * field has a non-empty name and a non-empty value after its first `=`, no name repeated,
 * and that holds no `%`, no `+` and, when csv is true, no `,`; None otherwise. */
/* no_content_length(raw): True for a list of exact (bytes, value) pairs none of whose names
 * is Content-Length in any case; None otherwise (a Content-Length, or another shape). The
 * names are compared byte by byte, without hashing them. */
static PyObject *
no_content_length(PyObject *module, PyObject *raw)
{
    static const char wanted[] = "content-length";
    const Py_ssize_t wanted_size = (Py_ssize_t)sizeof(wanted) - 1;
    if (!PyList_CheckExact(raw)) {
        Py_RETURN_NONE;
    }
    for (Py_ssize_t index = 0; index < PyList_GET_SIZE(raw); index++) {
        PyObject *pair = PyList_GET_ITEM(raw, index);
        if (!PyTuple_CheckExact(pair) || PyTuple_GET_SIZE(pair) != 2) {
            Py_RETURN_NONE;
        }
        PyObject *name = PyTuple_GET_ITEM(pair, 0);
        if (!PyBytes_CheckExact(name)) {
            Py_RETURN_NONE;
        }
        if (PyBytes_GET_SIZE(name) != wanted_size) {
            continue;
        }
        const char *bytes = PyBytes_AS_STRING(name);
        Py_ssize_t position = 0;
        while (position < wanted_size) {
            char character = bytes[position];
            if (character >= 'A' && character <= 'Z') {
                character = (char)(character - 'A' + 'a');
            }
            if (character != wanted[position]) {
                break;
            }
            position++;
        }
        if (position == wanted_size) {
            Py_RETURN_NONE;
        }
    }
    Py_RETURN_TRUE;
}

static PyObject *
plain_query(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "plain_query() takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *query_string = args[0];
    if (!PyUnicode_CheckExact(query_string)) {
        Py_RETURN_NONE;
    }
    int csv = PyObject_IsTrue(args[1]);
    if (csv < 0) {
        return NULL;
    }
    Py_UCS4 comma = csv ? ',' : '%';
    int kind = PyUnicode_KIND(query_string);
    const void *data = PyUnicode_DATA(query_string);
    Py_ssize_t length = PyUnicode_GET_LENGTH(query_string);
    PyObject *params = PyDict_New();
    if (params == NULL) {
        return NULL;
    }
    Py_ssize_t start = 0;
    Py_ssize_t equals = -1;
    for (Py_ssize_t index = 0; index <= length; index++) {
        Py_UCS4 character = index < length ? PyUnicode_READ(kind, data, index) : '&';
        if (character == '&') {
            int added = add_field(params, query_string, start, equals, index);
            if (added < 0) {
                Py_DECREF(params);
                return NULL;
            }
            if (added == 0) {
                break;
            }
            start = index + 1;
            equals = -1;
        }
        else if (character == '=') {
            if (equals < 0) {
                equals = index;
            }
        }
        else if (character == '%' || character == '+' || character == comma) {
            break;
        }
    }
    if (start <= length) {
        Py_DECREF(params);
        Py_RETURN_NONE;
    }
    return params;
}

static PyMethodDef methods[] = {
    {"header_map", (PyCFunction)(void (*)(void))header_map, METH_FASTCALL,
     "header_map(raw, names): the header dict of plain raw ASGI header pairs whose names "
     "are all keys of `names`, or None."},
    {"no_content_length", (PyCFunction)no_content_length, METH_O,
     "no_content_length(raw): True for a list of plain ASGI header pairs without "
     "Content-Length, or None."},
    {"plain_query", (PyCFunction)(void (*)(void))plain_query, METH_FASTCALL,
     "plain_query(query_string, csv): the dict of a query string of plain name=value "
     "fields, or None."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "falcon.core._fast_parse",
    "The plain cases of the ASGI header map and framing check and of query-string parsing.",
    -1, methods,
};

PyMODINIT_FUNC
PyInit__fast_parse(void)
{
    return PyModule_Create(&module_def);
}
