/* JSON bodies of plain values, written straight to UTF-8 bytes in C.
 *
 * Rules: plain_json(obj) returns exactly the bytes of falcon.core._text.json_bytes(obj),
 * that is json.dumps(obj, ensure_ascii=False) encoded as UTF-8, for documents made only of
 * exact dict (with exact str keys), list, tuple, str, int, float, True, False and None,
 * nested at most MAX_DEPTH deep. For anything else (a subclass, another type, a non-str
 * key, an int that does not fit in 64 bits, a str holding a lone surrogate, deeper nesting,
 * which includes every circular reference) it returns None, and the caller runs the
 * standard library encoder, which stays the reference and raises its own errors. It runs
 * no Python code, so the document cannot change while it is written, and keeps no
 * references between calls. An error (no memory) propagates as an exception, never as
 * None.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#define MAX_DEPTH 64
#define INLINE_CAPACITY 1024

/* A growing byte buffer (inline storage first, then the heap), and the two subclasses of
 * dict and list that the writer takes as their base type (or NULL). */
typedef struct {
    PyTypeObject *dict_like;
    PyTypeObject *list_like;
    char *data;
    Py_ssize_t length;
    Py_ssize_t capacity;
    char inline_data[INLINE_CAPACITY];
} Buffer;

/* What writing a value gave: done, an input this module does not handle, or an error. */
typedef enum { WRITTEN = 0, NOT_PLAIN = 1, FAILED = -1 } Outcome;

static int
grow(Buffer *buffer, Py_ssize_t needed)
{
    Py_ssize_t capacity = buffer->capacity;
    if (needed > PY_SSIZE_T_MAX - buffer->length) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t wanted = buffer->length + needed;
    while (capacity < wanted) {
        if (capacity > PY_SSIZE_T_MAX / 2) {
            capacity = wanted;
            break;
        }
        capacity *= 2;
    }
    char *data;
    if (buffer->data == buffer->inline_data) {
        data = PyMem_Malloc(capacity);
        if (data != NULL) {
            memcpy(data, buffer->data, buffer->length);
        }
    }
    else {
        data = PyMem_Realloc(buffer->data, capacity);
    }
    if (data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    buffer->data = data;
    buffer->capacity = capacity;
    return 0;
}

static inline int
reserve(Buffer *buffer, Py_ssize_t needed)
{
    if (buffer->capacity - buffer->length >= needed) {
        return 0;
    }
    return grow(buffer, needed);
}

static inline int
append(Buffer *buffer, const char *text, Py_ssize_t size)
{
    if (reserve(buffer, size) < 0) {
        return -1;
    }
    memcpy(buffer->data + buffer->length, text, size);
    buffer->length += size;
    return 0;
}

static const char HEX_DIGITS[] = "0123456789abcdef";

/* Writes `text` as a JSON string the way json's encode_basestring does (", \\ and the
 * control characters escaped, everything else kept), encoded as UTF-8. */
static Outcome
write_str(Buffer *buffer, PyObject *text)
{
    if (PyUnicode_READY(text) < 0) {
        return FAILED;
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* At most 6 bytes per code point (\u00XX), plus the two quotes. */
    if (size > (PY_SSIZE_T_MAX - 2) / 6) {
        PyErr_NoMemory();
        return FAILED;
    }
    if (reserve(buffer, size * 6 + 2) < 0) {
        return FAILED;
    }
    char *out = buffer->data + buffer->length;
    *out++ = '"';
    Py_ssize_t index = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        /* Latin-1 storage: copy the leading run that needs neither escaping nor UTF-8
         * encoding in one go (all of an ASCII key or value, the usual case). */
        const unsigned char *chars = data;
        while (index < size) {
            unsigned char c = chars[index];
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
            index++;
        }
        memcpy(out, chars, index);
        out += index;
    }
    for (; index < size; index++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, index);
        if (c >= 0x20 && c != '"' && c != '\\') {
            if (c < 0x80) {
                *out++ = (char)c;
            }
            else if (c < 0x800) {
                *out++ = (char)(0xc0 | (c >> 6));
                *out++ = (char)(0x80 | (c & 0x3f));
            }
            else if (c < 0x10000) {
                if (c >= 0xd800 && c <= 0xdfff) {
                    return NOT_PLAIN;
                }
                *out++ = (char)(0xe0 | (c >> 12));
                *out++ = (char)(0x80 | ((c >> 6) & 0x3f));
                *out++ = (char)(0x80 | (c & 0x3f));
            }
            else {
                *out++ = (char)(0xf0 | (c >> 18));
                *out++ = (char)(0x80 | ((c >> 12) & 0x3f));
                *out++ = (char)(0x80 | ((c >> 6) & 0x3f));
                *out++ = (char)(0x80 | (c & 0x3f));
            }
            continue;
        }
        *out++ = '\\';
        switch (c) {
            case '"':
                *out++ = '"';
                break;
            case '\\':
                *out++ = '\\';
                break;
            case '\b':
                *out++ = 'b';
                break;
            case '\f':
                *out++ = 'f';
                break;
            case '\n':
                *out++ = 'n';
                break;
            case '\r':
                *out++ = 'r';
                break;
            case '\t':
                *out++ = 't';
                break;
            default:
                *out++ = 'u';
                *out++ = '0';
                *out++ = '0';
                *out++ = HEX_DIGITS[(c >> 4) & 0xf];
                *out++ = HEX_DIGITS[c & 0xf];
        }
    }
    *out++ = '"';
    buffer->length = out - buffer->data;
    return WRITTEN;
}

static Outcome
write_int(Buffer *buffer, PyObject *number)
{
    int overflow = 0;
    long long value = PyLong_AsLongLongAndOverflow(number, &overflow);
    if (overflow) {
        return NOT_PLAIN;
    }
    if (value == -1 && PyErr_Occurred()) {
        return FAILED;
    }
    char digits[24];
    char *end = digits + sizeof(digits);
    char *start = end;
    unsigned long long magnitude =
        value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        *--start = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) {
        *--start = '-';
    }
    return append(buffer, start, end - start) < 0 ? FAILED : WRITTEN;
}

static Outcome
write_float(Buffer *buffer, PyObject *number)
{
    double value = PyFloat_AS_DOUBLE(number);
    if (!Py_IS_FINITE(value)) {
        if (Py_IS_NAN(value)) {
            return append(buffer, "NaN", 3) < 0 ? FAILED : WRITTEN;
        }
        if (value > 0) {
            return append(buffer, "Infinity", 8) < 0 ? FAILED : WRITTEN;
        }
        return append(buffer, "-Infinity", 9) < 0 ? FAILED : WRITTEN;
    }
    /* float.__repr__, which json uses for exact floats. */
    char *text = PyOS_double_to_string(value, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (text == NULL) {
        return FAILED;
    }
    int failed = append(buffer, text, (Py_ssize_t)strlen(text));
    PyMem_Free(text);
    return failed < 0 ? FAILED : WRITTEN;
}

static Outcome write_value(Buffer *buffer, PyObject *value, int depth);

static Outcome
write_dict(Buffer *buffer, PyObject *dict, int depth)
{
    if (PyDict_GET_SIZE(dict) == 0) {
        return append(buffer, "{}", 2) < 0 ? FAILED : WRITTEN;
    }
    if (append(buffer, "{", 1) < 0) {
        return FAILED;
    }
    Py_ssize_t position = 0;
    PyObject *key;
    PyObject *value;
    int first = 1;
    while (PyDict_Next(dict, &position, &key, &value)) {
        if (!PyUnicode_CheckExact(key)) {
            return NOT_PLAIN;
        }
        if (!first && append(buffer, ", ", 2) < 0) {
            return FAILED;
        }
        first = 0;
        Outcome outcome = write_str(buffer, key);
        if (outcome != WRITTEN) {
            return outcome;
        }
        if (append(buffer, ": ", 2) < 0) {
            return FAILED;
        }
        outcome = write_value(buffer, value, depth + 1);
        if (outcome != WRITTEN) {
            return outcome;
        }
    }
    return append(buffer, "}", 1) < 0 ? FAILED : WRITTEN;
}

static Outcome
write_items(Buffer *buffer, PyObject *const *items, Py_ssize_t size, int depth)
{
    if (size == 0) {
        return append(buffer, "[]", 2) < 0 ? FAILED : WRITTEN;
    }
    if (append(buffer, "[", 1) < 0) {
        return FAILED;
    }
    for (Py_ssize_t index = 0; index < size; index++) {
        if (index && append(buffer, ", ", 2) < 0) {
            return FAILED;
        }
        Outcome outcome = write_value(buffer, items[index], depth + 1);
        if (outcome != WRITTEN) {
            return outcome;
        }
    }
    return append(buffer, "]", 1) < 0 ? FAILED : WRITTEN;
}

static Outcome
write_value(Buffer *buffer, PyObject *value, int depth)
{
    if (value == Py_None) {
        return append(buffer, "null", 4) < 0 ? FAILED : WRITTEN;
    }
    if (value == Py_True) {
        return append(buffer, "true", 4) < 0 ? FAILED : WRITTEN;
    }
    if (value == Py_False) {
        return append(buffer, "false", 5) < 0 ? FAILED : WRITTEN;
    }
    if (PyUnicode_CheckExact(value)) {
        return write_str(buffer, value);
    }
    if (PyLong_CheckExact(value)) {
        return write_int(buffer, value);
    }
    if (PyFloat_CheckExact(value)) {
        return write_float(buffer, value);
    }
    if (depth >= MAX_DEPTH) {
        return NOT_PLAIN;
    }
    PyTypeObject *type = Py_TYPE(value);
    if (type == &PyDict_Type || type == buffer->dict_like) {
        return write_dict(buffer, value, depth);
    }
    /* No Python code runs while a list is written, so it cannot change size meanwhile. */
    if (type == &PyList_Type || type == buffer->list_like) {
        return write_items(buffer, PySequence_Fast_ITEMS(value), PyList_GET_SIZE(value), depth);
    }
    if (PyTuple_CheckExact(value)) {
        return write_items(buffer, PySequence_Fast_ITEMS(value), PyTuple_GET_SIZE(value), depth);
    }
    return NOT_PLAIN;
}

/* Writes `value` into a fresh buffer: the bytes, Py_None for NOT_PLAIN, NULL on error. */
static PyObject *
write_document(PyObject *value, PyTypeObject *dict_like, PyTypeObject *list_like)
{
    Buffer buffer;
    buffer.dict_like = dict_like;
    buffer.list_like = list_like;
    buffer.data = buffer.inline_data;
    buffer.length = 0;
    buffer.capacity = INLINE_CAPACITY;
    Outcome outcome = write_value(&buffer, value, 0);
    PyObject *result = NULL;
    if (outcome == WRITTEN) {
        result = PyBytes_FromStringAndSize(buffer.data, buffer.length);
    }
    else if (outcome == NOT_PLAIN) {
        Py_INCREF(Py_None);
        result = Py_None;
    }
    if (buffer.data != buffer.inline_data) {
        PyMem_Free(buffer.data);
    }
    return result;
}

/* plain_json(obj): json.dumps(obj, ensure_ascii=False).encode() for a plain document, else
 * None. */
static PyObject *
plain_json(PyObject *module, PyObject *value)
{
    return write_document(value, NULL, NULL);
}

/* Writer(fallback, dict_like, list_like): a callable of one document that returns
 * plain_json's bytes, taking instances of the dict subclass `dict_like` and the list
 * subclass `list_like` as plain dicts and lists too (classes that change none of what json
 * reads of them), and fallback(document) for any other document. */
typedef struct {
    PyObject_HEAD
    PyObject *fallback;
    PyTypeObject *dict_like;
    PyTypeObject *list_like;
    vectorcallfunc vectorcall;
} Writer;

static PyObject *
writer_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Writer *writer = (Writer *)self;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (nargs != 1 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0)) {
        PyErr_SetString(PyExc_TypeError, "a JSON writer takes exactly one document");
        return NULL;
    }
    PyObject *result = write_document(args[0], writer->dict_like, writer->list_like);
    if (result != Py_None) {
        return result;
    }
    Py_DECREF(result);
    return PyObject_CallOneArg(writer->fallback, args[0]);
}

static PyObject *
writer_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *fallback;
    PyTypeObject *dict_like;
    PyTypeObject *list_like;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "Writer() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "OO!O!:Writer", &fallback, &PyType_Type, &dict_like,
                          &PyType_Type, &list_like)) {
        return NULL;
    }
    if (!PyCallable_Check(fallback)) {
        PyErr_SetString(PyExc_TypeError, "Writer() fallback must be callable");
        return NULL;
    }
    if (!PyType_IsSubtype(dict_like, &PyDict_Type) ||
        !PyType_IsSubtype(list_like, &PyList_Type)) {
        PyErr_SetString(PyExc_TypeError,
                        "Writer() takes a subclass of dict and a subclass of list");
        return NULL;
    }
    Writer *writer = (Writer *)type->tp_alloc(type, 0);
    if (writer == NULL) {
        return NULL;
    }
    Py_INCREF(fallback);
    Py_INCREF(dict_like);
    Py_INCREF(list_like);
    writer->fallback = fallback;
    writer->dict_like = dict_like;
    writer->list_like = list_like;
    writer->vectorcall = writer_vectorcall;
    return (PyObject *)writer;
}

static int
writer_traverse(Writer *writer, visitproc visit, void *arg)
{
    Py_VISIT(writer->fallback);
    Py_VISIT(writer->dict_like);
    Py_VISIT(writer->list_like);
    return 0;
}

static int
writer_clear(Writer *writer)
{
    Py_CLEAR(writer->fallback);
    Py_CLEAR(writer->dict_like);
    Py_CLEAR(writer->list_like);
    return 0;
}

static void
writer_dealloc(Writer *writer)
{
    PyObject_GC_UnTrack(writer);
    writer_clear(writer);
    Py_TYPE(writer)->tp_free((PyObject *)writer);
}

static PyMemberDef writer_members[] = {
    {"fallback", T_OBJECT, offsetof(Writer, fallback), READONLY,
     "What writes a document that is not plain."},
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(Writer, vectorcall), READONLY},
    {NULL},
};

static PyTypeObject WriterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "falcon.core._fast_json.Writer",
    .tp_basicsize = sizeof(Writer),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Writer(fallback, dict_like, list_like): JSON bytes of a document, plain ones "
              "written in C and any other by fallback(document).",
    .tp_new = writer_new,
    .tp_dealloc = (destructor)writer_dealloc,
    .tp_traverse = (traverseproc)writer_traverse,
    .tp_clear = (inquiry)writer_clear,
    .tp_call = PyVectorcall_Call,
    .tp_vectorcall_offset = offsetof(Writer, vectorcall),
    .tp_members = writer_members,
};

static PyMethodDef methods[] = {
    {"plain_json", (PyCFunction)plain_json, METH_O,
     "plain_json(obj) -> bytes | None: json.dumps(obj, ensure_ascii=False) as UTF-8 for a "
     "document of plain values, else None."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "falcon.core._fast_json",
    "JSON bodies of plain values; see falcon.core._text.json_bytes.", -1, methods,
};

PyMODINIT_FUNC
PyInit__fast_json(void)
{
    if (PyType_Ready(&WriterType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&WriterType);
    if (PyModule_AddObject(module, "Writer", (PyObject *)&WriterType) < 0) {
        Py_DECREF(&WriterType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
