"""Recipe on CSV output (user/recipes/output-csv.rst), with the FAQ's points on
``resp.downloadable_as`` and generator streams: a CSV body set whole or produced row by row."""

import csv
import io

import pytest

import falcon
from falcon import testing

ROWS = [('sku', 'stock'), ('pen', 120), ('ink', 8)]
EXPECTED = '"sku","stock"\r\n"pen",120\r\n"ink",8\r\n'


def _whole():
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerows(ROWS)
    return buffer.getvalue()


class _LineSink:
    """File-like target for csv.writer that keeps the last written line as bytes."""

    line = b''

    def write(self, text):
        self.line = text.encode()


def _rows_as_bytes():
    sink = _LineSink()
    writer = csv.writer(sink, quoting=csv.QUOTE_NONNUMERIC)
    for row in ROWS:
        writer.writerow(row)
        yield sink.line


def _headers(resp):
    resp.content_type = falcon.MEDIA_CSV
    resp.downloadable_as = 'stock.csv'


class Whole:
    def on_get(self, req, resp):
        _headers(resp)
        resp.text = _whole()


class AsyncWhole:
    async def on_get(self, req, resp):
        _headers(resp)
        resp.text = _whole()


class Rows:
    def on_get(self, req, resp):
        _headers(resp)
        resp.stream = _rows_as_bytes()


class AsyncRows:
    async def on_get(self, req, resp):
        async def produce():
            for line in _rows_as_bytes():
                yield line

        _headers(resp)
        resp.stream = produce()


@pytest.mark.parametrize('streamed', [False, True], ids=['text', 'stream'])
def test_csv_download(asgi, make_app, streamed):
    if streamed:
        resource = AsyncRows() if asgi else Rows()
    else:
        resource = AsyncWhole() if asgi else Whole()
    app = make_app()
    app.add_route('/stock', resource)

    result = testing.simulate_get(app, '/stock')
    assert result.status == falcon.HTTP_200
    assert result.text == EXPECTED
    assert result.headers['content-type'] == falcon.MEDIA_CSV == 'text/csv; charset=utf-8'
    assert result.headers['content-disposition'] == 'attachment; filename="stock.csv"'
    if streamed:
        assert 'content-length' not in result.headers
    else:
        assert result.headers['content-length'] == str(len(EXPECTED))
