/* What the C builders share about a Python class with __slots__ (_fast_init.c, _fast_head.c
 * and _fast_request.c each include it and get their own static copy).
 *
 * Rules: slot_descriptor() finds the member descriptor through which a class reads an
 * object slot, or says which name is not one; class_unchanged() tells whether a class still
 * builds its instances as when a builder was installed, by its version tag when that is
 * unchanged, else by looking the named methods up again (a replaced one, or another
 * allocator, means changed) and taking the new tag.
 */
#ifndef FALCON_FAST_SLOTS_H
#define FALCON_FAST_SLOTS_H

#include <Python.h>
#include <structmember.h>

/* The member descriptor (borrowed) of the writable object slot `name` that `type` or a base
 * declares, or NULL with TypeError set. */
static inline PyObject *
slot_descriptor(PyTypeObject *type, PyObject *name)
{
    if (!PyUnicode_CheckExact(name)) {
        PyErr_SetString(PyExc_TypeError, "field names must be str");
        return NULL;
    }
    PyObject *descriptor = _PyType_Lookup(type, name);
    if (descriptor == NULL || Py_TYPE(descriptor) != &PyMemberDescr_Type) {
        PyErr_Format(PyExc_TypeError, "%U is not a slot of %s", name, type->tp_name);
        return NULL;
    }
    PyMemberDef *member = ((PyMemberDescrObject *)descriptor)->d_member;
    if (member->type != T_OBJECT_EX || (member->flags & READONLY)) {
        PyErr_Format(PyExc_TypeError, "%U is not a writable object slot", name);
        return NULL;
    }
    return descriptor;
}

static inline Py_ssize_t
slot_offset_of(PyObject *descriptor)
{
    return ((PyMemberDescrObject *)descriptor)->d_member->offset;
}

/* Whether `type` builds its instances as when `*version_tag` was taken: the tag unchanged,
 * or the plain allocator with each of the `count` names still resolving to the object in
 * `expected` (the current tag is then kept in `*version_tag`). */
static inline int
class_unchanged(PyTypeObject *type, unsigned int *version_tag, PyObject *const *names,
                PyObject *const *expected, int count)
{
    if (type->tp_version_tag == *version_tag &&
        PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        return 1;
    }
    if (type->tp_new != PyBaseObject_Type.tp_new || type->tp_alloc != PyType_GenericAlloc) {
        return 0;
    }
    for (int i = 0; i < count; i++) {
        if (_PyType_Lookup(type, names[i]) != expected[i]) {
            return 0;
        }
    }
    if (PyType_HasFeature(type, Py_TPFLAGS_VALID_VERSION_TAG)) {
        *version_tag = type->tp_version_tag;
    }
    return 1;
}

#endif
