"""The channels example (``examples/realtime_channels.py``) with a header naming the worker
process that answered, so the cluster test can see its clients spread over the workers."""

import os

from realtime_channels import app


class WorkerHeader:
    """Add ``X-Worker-Pid`` to every response."""

    async def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Worker-Pid', str(os.getpid()))


app.add_middleware(WorkerHeader())
