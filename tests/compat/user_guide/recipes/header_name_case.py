"""Follows the Falcon 4.4 user guide, recipes/header-name-case.rst: generic WSGI middleware that
re-capitalizes the response header names, wrapped around a Falcon app."""

import falcon


class CustomHeadersMiddleware:
    def __init__(self, app, title_case=True, custom_capitalization=None):
        self._app = app
        self._title_case = title_case
        self._capitalization = custom_capitalization or {}

    def __call__(self, environ, start_response):
        def start_response_wrapper(status, response_headers, exc_info=None):
            if self._title_case:
                headers = [
                    (self._capitalization.get(name, name.title()), value)
                    for name, value in response_headers
                ]
            else:
                headers = [
                    (self._capitalization.get(name, name), value)
                    for name, value in response_headers
                ]

            return start_response(status, headers, exc_info)

        return self._app(environ, start_response_wrapper)


class FunkyResource:
    def on_get(self, req, resp):
        resp.set_header('X-Funky-Header', 'test')
        resp.media = {'message': 'Hello'}


falcon_app = falcon.App()
falcon_app.add_route('/test', FunkyResource())

app = CustomHeadersMiddleware(
    falcon_app,
    custom_capitalization={'x-funky-header': 'X-FuNkY-HeAdEr'},
)
