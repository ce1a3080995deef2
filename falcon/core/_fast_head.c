/* The usual response head in C: falcon.core._app.App._response_head for a response whose
 * body is a text, data, rendered media or an SSE emitter, with a status line seen before.
 *
 * Rules: App._response_head stays the reference; usual_head() answers exactly what it
 * answers, or None when the response is anything else, and then the caller runs the Python
 * method. It answers only when the request and the response read their attributes from the
 * framework's own slots (a subclass that turns one into a property is left to Python), the
 * status is a key of the app's status-line cache, the status has a body (2xx to 5xx but 204,
 * 304 and 416), the method is not HEAD and there is no cookie, and the body is an SSE
 * emitter that is an async generator, or else ``text`` (a str that encodes as strict
 * UTF-8), ``data`` (bytes, where the class keeps the framework's ``_render()``) or the media
 * rendered by the lifecycle.
 * Every such check comes before any change: a None answer leaves the response untouched.
 * For an emitter, as in Python, Content-Type gets ``text/event-stream`` and Cache-Control
 * ``no-cache`` when unset, and the head is (line, code, header items, None, BodyKind.SSE,
 * the emitter). Otherwise Content-Type gets the app's default when unset, Content-Length is
 * set from the body (its decimal text taken from, or added to, the shared cache of length
 * texts while it holds under 4096), and the head is (line, code, header items, body,
 * BodyKind.BYTES, None).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "_fast_slots.h"

#define LENGTH_TEXTS_HELD 4096

typedef struct {
    PyObject *name;       /* the attribute (interned) */
    PyObject *descriptor; /* its member descriptor on the framework's class */
    Py_ssize_t offset;
} Slot;

enum { RESP_STATUS, RESP_TEXT, RESP_SSE, RESP_DATA, RESP_RENDERED, RESP_HEADERS, RESP_COOKIES };
static const char *response_slot_names[] = {"status",          "text",     "sse",     "_data",
                                            "_media_rendered", "_headers", "_cookies"};
#define RESPONSE_SLOTS 7

static Slot response_slots[RESPONSE_SLOTS];
static Slot method_slot;
static PyTypeObject *plain_response_type = NULL;
/* The last subclass found to read every slot from the framework's descriptors, with its
 * version tag then (a strong reference; changing the class changes its tag). */
static PyTypeObject *approved_subclass = NULL;
static unsigned int approved_version_tag = 0;
static PyObject *status_lines = NULL;
static PyObject *length_texts = NULL;
static PyObject *bytes_kind = NULL;
static PyObject *sse_kind = NULL;
static PyObject *event_stream = NULL;
static PyObject *cache_control = NULL;
static PyObject *no_cache = NULL;
static PyObject *content_type = NULL;
static PyObject *content_length = NULL;
static PyObject *head_method = NULL;
static PyObject *render_name = NULL;
static PyObject *render_function = NULL; /* the framework's Response._render */

#define SLOT_OF(object, slot) (*(PyObject **)((char *)(object) + (slot).offset))

/* Whether `type` reads `slot` from the framework's own member descriptor. */
static int
reads_slot(PyTypeObject *type, Slot *slot)
{
    return _PyType_Lookup(type, slot->name) == slot->descriptor;
}

static int
plain_response(PyTypeObject *type)
{
    if (type == plain_response_type) {
        return 1;
    }
    if (type == approved_subclass && type->tp_version_tag == approved_version_tag &&
        PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        return 1;
    }
    for (int i = 0; i < RESPONSE_SLOTS; i++) {
        if (!reads_slot(type, &response_slots[i])) {
            return 0;
        }
    }
    if (PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        Py_INCREF(type);
        Py_XSETREF(approved_subclass, type);
        approved_version_tag = type->tp_version_tag;
    }
    return 1;
}

/* The text of `length`, from the shared cache or made (and kept) now; a new reference. */
static PyObject *
length_text(Py_ssize_t length)
{
    PyObject *key = PyLong_FromSsize_t(length);
    if (key == NULL) {
        return NULL;
    }
    PyObject *text = PyDict_GetItemWithError(length_texts, key);
    if (text != NULL) {
        Py_DECREF(key);
        Py_INCREF(text);
        return text;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return NULL;
    }
    text = PyObject_Str(key);
    if (text != NULL && PyDict_GET_SIZE(length_texts) < LENGTH_TEXTS_HELD &&
        PyDict_SetItem(length_texts, key, text) < 0) {
        Py_CLEAR(text);
    }
    Py_DECREF(key);
    return text;
}

static PyObject *
header_items(PyObject *headers)
{
    PyObject *items = PyList_New(PyDict_GET_SIZE(headers));
    if (items == NULL) {
        return NULL;
    }
    Py_ssize_t position = 0;
    Py_ssize_t index = 0;
    PyObject *name;
    PyObject *value;
    while (PyDict_Next(headers, &position, &name, &value)) {
        PyObject *pair = PyTuple_Pack(2, name, value);
        if (pair == NULL) {
            Py_DECREF(items);
            return NULL;
        }
        PyList_SET_ITEM(items, index++, pair);
    }
    return items;
}

/* The head of an SSE response: its default type and Cache-Control, no body of bytes. */
static PyObject *
sse_head(PyObject *headers, PyObject *line, PyObject *code, PyObject *sse)
{
    int has_type = PyDict_Contains(headers, content_type);
    if (has_type < 0 ||
        (has_type == 0 && PyDict_SetItem(headers, content_type, event_stream) < 0)) {
        return NULL;
    }
    PyObject *cache = PyDict_SetDefault(headers, cache_control, no_cache);
    if (cache == NULL) {
        return NULL;
    }
    PyObject *items = header_items(headers);
    if (items == NULL) {
        return NULL;
    }
    PyObject *head = PyTuple_Pack(6, line, code, items, Py_None, sse_kind, sse);
    Py_DECREF(items);
    return head;
}

static PyObject *
usual_head(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "usual_head() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *req = args[0];
    PyObject *resp = args[1];
    PyObject *default_type = args[2];
    if (status_lines == NULL || !plain_response(Py_TYPE(resp)) ||
        !reads_slot(Py_TYPE(req), &method_slot)) {
        Py_RETURN_NONE;
    }
    PyObject *method = SLOT_OF(req, method_slot);
    PyObject *values[RESPONSE_SLOTS];
    for (int i = 0; i < RESPONSE_SLOTS; i++) {
        values[i] = SLOT_OF(resp, response_slots[i]);
        if (values[i] == NULL) {
            Py_RETURN_NONE;
        }
    }
    PyObject *headers = values[RESP_HEADERS];
    PyObject *cookies = values[RESP_COOKIES];
    PyObject *sse = values[RESP_SSE];
    /* An async generator is the usual emitter, and never a forgotten awaitable. */
    if (method == NULL || !PyUnicode_CheckExact(method) ||
        (sse != Py_None && !PyAsyncGen_CheckExact(sse)) || !PyDict_CheckExact(headers) ||
        (cookies != Py_None && !(PyDict_CheckExact(cookies) && PyDict_GET_SIZE(cookies) == 0))) {
        Py_RETURN_NONE;
    }
    int is_head = PyUnicode_Compare(method, head_method);
    if (is_head == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (is_head == 0) {
        Py_RETURN_NONE;
    }
    PyObject *found = PyDict_GetItemWithError(status_lines, values[RESP_STATUS]);
    if (found == NULL) {
        /* An unhashable status is the Python method's to report. */
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    if (!PyTuple_CheckExact(found) || PyTuple_GET_SIZE(found) != 2 ||
        !PyLong_CheckExact(PyTuple_GET_ITEM(found, 1))) {
        Py_RETURN_NONE;
    }
    PyObject *line = PyTuple_GET_ITEM(found, 0);
    PyObject *code = PyTuple_GET_ITEM(found, 1);
    long code_value = PyLong_AsLong(code);
    if (code_value == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    if (code_value < 200 || code_value == 204 || code_value == 304 || code_value == 416) {
        Py_RETURN_NONE;
    }
    if (sse != Py_None) {
        return sse_head(headers, line, code, sse);
    }
    PyObject *text = values[RESP_TEXT];
    PyObject *body;
    if (PyUnicode_CheckExact(text)) {
        body = PyUnicode_AsUTF8String(text);
        if (body == NULL) {
            /* Lone surrogates: the Python method escapes them. */
            PyErr_Clear();
            Py_RETURN_NONE;
        }
    }
    else if (text == Py_None && values[RESP_DATA] == Py_None &&
             PyBytes_CheckExact(values[RESP_RENDERED])) {
        body = values[RESP_RENDERED];
        Py_INCREF(body);
    }
    else if (text == Py_None && PyBytes_CheckExact(values[RESP_DATA]) &&
             _PyType_Lookup(Py_TYPE(resp), render_name) == render_function) {
        /* What the framework's _render() answers for data. */
        body = values[RESP_DATA];
        Py_INCREF(body);
    }
    else {
        Py_RETURN_NONE;
    }
    PyObject *length = length_text(PyBytes_GET_SIZE(body));
    if (length == NULL) {
        Py_DECREF(body);
        return NULL;
    }
    int has_type = PyDict_Contains(headers, content_type);
    if (has_type < 0 ||
        (has_type == 0 && PyDict_SetItem(headers, content_type, default_type) < 0) ||
        PyDict_SetItem(headers, content_length, length) < 0) {
        Py_DECREF(length);
        Py_DECREF(body);
        return NULL;
    }
    Py_DECREF(length);
    PyObject *items = header_items(headers);
    if (items == NULL) {
        Py_DECREF(body);
        return NULL;
    }
    PyObject *head = PyTuple_Pack(6, line, code, items, body, bytes_kind, Py_None);
    Py_DECREF(items);
    Py_DECREF(body);
    return head;
}

static int
find_slot(PyTypeObject *type, const char *name, Slot *slot)
{
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == NULL) {
        return -1;
    }
    PyObject *descriptor = slot_descriptor(type, key);
    if (descriptor == NULL) {
        Py_DECREF(key);
        return -1;
    }
    Py_INCREF(descriptor);
    slot->name = key;
    slot->descriptor = descriptor;
    slot->offset = slot_offset_of(descriptor);
    return 0;
}

static PyObject *
configure(PyObject *module, PyObject *args)
{
    PyTypeObject *request_type;
    PyTypeObject *response_type;
    PyObject *lines;
    PyObject *texts;
    PyObject *kind;
    PyObject *events_kind;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OO:configure", &PyType_Type, &request_type,
                          &PyType_Type, &response_type, &PyDict_Type, &lines, &PyDict_Type,
                          &texts, &kind, &events_kind)) {
        return NULL;
    }
    if (status_lines != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "usual_head() is configured already");
        return NULL;
    }
    Slot found_method;
    Slot found[RESPONSE_SLOTS];
    if (find_slot(request_type, "method", &found_method) < 0) {
        return NULL;
    }
    for (int i = 0; i < RESPONSE_SLOTS; i++) {
        if (find_slot(response_type, response_slot_names[i], &found[i]) < 0) {
            return NULL;
        }
    }
    PyObject *render = _PyType_Lookup(response_type, render_name);
    if (render == NULL) {
        PyErr_Format(PyExc_TypeError, "%s has no _render()", response_type->tp_name);
        return NULL;
    }
    Py_INCREF(render);
    render_function = render;
    method_slot = found_method;
    for (int i = 0; i < RESPONSE_SLOTS; i++) {
        response_slots[i] = found[i];
    }
    Py_INCREF(response_type);
    plain_response_type = response_type;
    Py_INCREF(texts);
    Py_INCREF(kind);
    Py_INCREF(events_kind);
    length_texts = texts;
    bytes_kind = kind;
    sse_kind = events_kind;
    Py_INCREF(lines);
    status_lines = lines;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"usual_head", (PyCFunction)(void (*)(void))usual_head, METH_FASTCALL,
     "usual_head(req, resp, default_media_type): the response head, as the app's "
     "_response_head() makes it, for a text, data, rendered-media or SSE body; None for any other "
     "response, which is then left untouched."},
    {"configure", configure, METH_VARARGS,
     "configure(request_type, response_type, status_lines, length_texts, bytes_kind, "
     "sse_kind): the classes whose slots are read, the app's shared caches and the body "
     "kinds of the heads."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "falcon.core._fast_head",
    "The usual response head (a text, data, rendered-media or SSE body), in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__fast_head(void)
{
    content_type = PyUnicode_InternFromString("content-type");
    content_length = PyUnicode_InternFromString("content-length");
    head_method = PyUnicode_InternFromString("HEAD");
    render_name = PyUnicode_InternFromString("_render");
    event_stream = PyUnicode_InternFromString("text/event-stream");
    cache_control = PyUnicode_InternFromString("cache-control");
    no_cache = PyUnicode_InternFromString("no-cache");
    if (content_type == NULL || content_length == NULL || head_method == NULL ||
        render_name == NULL || event_stream == NULL || cache_control == NULL || no_cache == NULL) {
        return NULL;
    }
    return PyModule_Create(&module_def);
}
