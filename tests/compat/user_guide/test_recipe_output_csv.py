"""Recipe "Outputting CSV Files" (user/recipes/output-csv.rst), and the FAQ answers on
``resp.downloadable_as`` and on ``resp.stream`` with a generator."""

import pytest

import falcon
from falcon import testing

from .recipes import output_csv

CSV = '"fruit","quantity"\r\n"apples",13\r\n"oranges",37\r\n'


@pytest.mark.parametrize('streamed', [False, True], ids=['text', 'stream'])
def test_report(asgi, make_app, streamed):
    if streamed:
        resource = output_csv.StreamedReportAsync() if asgi else output_csv.StreamedReport()
    else:
        resource = output_csv.ReportAsync() if asgi else output_csv.Report()
    app = make_app()
    app.add_route('/report', resource)

    result = testing.simulate_get(app, '/report')
    assert result.status == falcon.HTTP_200
    assert result.text == CSV
    assert result.headers['content-type'] == falcon.MEDIA_CSV == 'text/csv; charset=utf-8'
    assert result.headers['content-disposition'] == 'attachment; filename="report.csv"'
    if streamed:
        # A generator body has no length known in advance.
        assert 'content-length' not in result.headers
    else:
        assert result.headers['content-length'] == str(len(CSV))
