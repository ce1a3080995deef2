"""Follows the Falcon 4.4 user guide, recipes/output-csv.rst: a CSV report as ``resp.text`` and
streamed on the fly through a pseudo stream (WSGI and ASGI)."""

import csv
import io

import falcon


class Report:
    def on_get(self, req, resp):
        output = io.StringIO()
        writer = csv.writer(output, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(('fruit', 'quantity'))
        writer.writerow(('apples', 13))
        writer.writerow(('oranges', 37))

        resp.content_type = falcon.MEDIA_CSV
        resp.downloadable_as = 'report.csv'
        resp.text = output.getvalue()


class ReportAsync:
    async def on_get(self, req, resp):
        output = io.StringIO()
        writer = csv.writer(output, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(('fruit', 'quantity'))
        writer.writerow(('apples', 13))
        writer.writerow(('oranges', 37))

        resp.content_type = falcon.MEDIA_CSV
        resp.downloadable_as = 'report.csv'
        resp.text = output.getvalue()


class PseudoTextStream:
    def __init__(self):
        self.clear()

    def clear(self):
        self.result = []

    def write(self, data):
        self.result.append(data.encode())


class StreamedReport:
    def on_get(self, req, resp):
        def stream_fruit():
            stream = PseudoTextStream()
            writer = csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC)

            writer.writerow(('fruit', 'quantity'))
            for fruit, quantity in (('apples', 13), ('oranges', 37)):
                writer.writerow((fruit, quantity))
                yield from stream.result
                stream.clear()

        resp.content_type = falcon.MEDIA_CSV
        resp.downloadable_as = 'report.csv'
        resp.stream = stream_fruit()


class StreamedReportAsync:
    async def on_get(self, req, resp):
        async def stream_fruit():
            stream = PseudoTextStream()
            writer = csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC)

            writer.writerow(('fruit', 'quantity'))
            for fruit, quantity in (('apples', 13), ('oranges', 37)):
                writer.writerow((fruit, quantity))
                for chunk in stream.result:
                    yield chunk
                stream.clear()

        resp.content_type = falcon.MEDIA_CSV
        resp.downloadable_as = 'report.csv'
        resp.stream = stream_fruit()
