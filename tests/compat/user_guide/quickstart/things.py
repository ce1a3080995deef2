"""Follows the Falcon 4.4 user guide, quickstart.rst, "Learning by Example" (WSGI): one resource
at /things answering plain text, served by wsgiref when run as a script."""

from wsgiref.simple_server import make_server

import falcon


class ThingsResource:
    def on_get(self, req, resp):
        """Handle GET requests."""
        resp.status = falcon.HTTP_200  # This is the default status
        resp.content_type = falcon.MEDIA_TEXT  # Default is JSON, so override
        resp.text = (
            '\nTwo things awe me most, the starry sky '
            'above me and the moral law within me.\n'
            '\n'
            '    ~ Immanuel Kant\n\n'
        )


app = falcon.App()
things = ThingsResource()
app.add_route('/things', things)

if __name__ == '__main__':
    with make_server('', 8000, app) as httpd:
        print('Serving on port 8000...')
        httpd.serve_forever()
