"""Follows the Falcon 4.4 user guide, quickstart.rst, "Learning by Example" (ASGI)."""

import falcon
import falcon.asgi


class ThingsResource:
    async def on_get(self, req, resp):
        """Handle GET requests."""
        resp.status = falcon.HTTP_200  # This is the default status
        resp.content_type = falcon.MEDIA_TEXT  # Default is JSON, so override
        resp.text = (
            '\nTwo things awe me most, the starry sky '
            'above me and the moral law within me.\n'
            '\n'
            '    ~ Immanuel Kant\n\n'
        )


app = falcon.asgi.App()
things = ThingsResource()
app.add_route('/things', things)
