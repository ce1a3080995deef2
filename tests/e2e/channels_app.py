"""The channels example (``examples/realtime_channels.py``) as the cluster test serves it.

Besides the example under ``/channels`` (``history=1000``, ``queue_size=1000``,
``'drop_oldest'``), the same chat and notification resources are mounted twice more, each on
its own ``Channels`` with its own Redis key prefix: ``/small`` keeps a history of 20 events
(for resuming after an id older than the history) and ``/strict`` disconnects slow clients
(``overflow='disconnect'``). Every response names the worker process that answered
(``X-Worker-Pid``), and ``/_stats`` reports what that worker holds: its tasks, its memory,
and per mounted ``Channels`` its reader tasks (with the id each one reached and the queue
lengths of its subscribers), its counters and its Redis connections.
"""

import asyncio
import dataclasses
import os

from realtime_channels import app, build
from realtime_channels import channels as example_channels

from falcon.channels import Channels, RedisBroker
from falcon.channels._events import format_id

REDIS_URL = os.environ['CHANNELS_REDIS_URL']
SMALL_HISTORY = 20

mounted = {
    '/channels': example_channels,
    '/small': Channels(RedisBroker(REDIS_URL, prefix='e2e:small:'), history=SMALL_HISTORY),
    '/strict': Channels(RedisBroker(REDIS_URL, prefix='e2e:strict:'), overflow='disconnect'),
}
for prefix, channels in mounted.items():
    if channels is not example_channels:
        build(app, channels, prefix=prefix)


def memory_kib():
    """VmRSS and VmHWM (the peak) of this process, in KiB, from ``/proc/self/status``."""
    found = {}
    with open('/proc/self/status') as status:
        for line in status:
            name, _, value = line.partition(':')
            if name in ('VmRSS', 'VmHWM'):
                found[name] = int(value.split()[0])
    return found


def redis_connections(channels):
    """The connections of this loop's Redis client: idle in its pool, in use, connected."""
    client = channels.broker._clients.get(asyncio.get_running_loop())
    if client is None:
        return {'idle': 0, 'in_use': 0, 'connected': 0}
    pool = client.connection_pool
    idle = list(pool._available_connections)
    in_use = list(pool._in_use_connections)
    return {
        'idle': len(idle),
        'in_use': len(in_use),
        'connected': sum(1 for connection in idle + in_use if connection.is_connected),
    }


class WorkerHeader:
    """Add ``X-Worker-Pid`` to every response."""

    async def process_response(self, req, resp, resource, req_succeeded):
        resp.set_header('X-Worker-Pid', str(os.getpid()))


class Stats:
    """What this worker holds right now (the request's own task included in ``tasks``)."""

    async def on_get(self, req, resp):
        resp.media = {
            'pid': os.getpid(),
            'tasks': len(asyncio.all_tasks()),
            'memory_kib': memory_kib(),
            'mounted': {
                prefix: {
                    'hubs': {
                        channel: {
                            'position': format_id(hub.position),
                            'queued': sorted(len(sub._queue) for sub in hub.subscribers),
                        }
                        for hubs in channels._hubs.values()
                        for channel, hub in hubs.items()
                    },
                    'counters': {
                        name: dataclasses.asdict(counters)
                        for name, counters in channels.stats().items()
                    },
                    'redis': redis_connections(channels),
                }
                for prefix, channels in mounted.items()
            },
        }


app.add_middleware(WorkerHeader())
app.add_route('/_stats', Stats())
