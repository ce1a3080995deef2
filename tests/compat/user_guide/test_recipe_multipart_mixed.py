"""Recipe "Parsing Nested Multipart Forms" (user/recipes/multipart-mixed.rst)."""

from falcon import testing

from .recipes import multipart_mixed

FORM = (
    '--AaB03x\r\n'
    'Content-Disposition: form-data; name="field1"\r\n'
    '\r\n'
    'Joe Blow\r\n'
    '--AaB03x\r\n'
    'Content-Disposition: form-data; name="docs"\r\n'
    'Content-Type: multipart/mixed; boundary=BbC04y\r\n'
    '\r\n'
    '--BbC04y\r\n'
    'Content-Disposition: attachment; filename="file1.txt"\r\n'
    '\r\n'
    'This is file1.\r\n'
    '\r\n'
    '--BbC04y\r\n'
    'Content-Disposition: attachment; filename="file2.txt"\r\n'
    '\r\n'
    'Hello, World!\r\n'
    '\r\n'
    '--BbC04y--\r\n'
    '\r\n'
    '--AaB03x--\r\n'
)


def test_nested_form(asgi):
    result = testing.simulate_post(
        multipart_mixed.create_app(asgi),
        '/forms',
        body=FORM,
        headers={'Content-Type': 'multipart/form-data; boundary=AaB03x'},
    )
    assert result.status_code == 200
    assert result.json == {
        'file1.txt': 'This is file1.\r\n',
        'file2.txt': 'Hello, World!\r\n',
    }
