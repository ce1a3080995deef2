"""Channels: named streams of events with a resumable history, for SSE and WebSockets.

Rules: ``falcon.channels`` works in both kinds of app and imports neither adapter; it builds
on ``falcon.core`` and ``falcon.bridge`` only. ``RedisBroker`` imports ``redis`` (the
``falcon[redis]`` extra) when it is created, not before. See ``docs/guide/channels.md``.
"""

from falcon.channels._broker import Batch, Broker, Entry
from falcon.channels._channels import Channels, Subscription
from falcon.channels._events import (
    MAX_NAME_LENGTH,
    BrokerUnavailable,
    ChannelsError,
    Counters,
    Event,
    Gap,
    InvalidChannelName,
    SubscriberOverflow,
)
from falcon.channels._memory import MemoryBroker
from falcon.channels._redis import RedisBroker

__all__ = [
    'MAX_NAME_LENGTH',
    'Batch',
    'Broker',
    'BrokerUnavailable',
    'Channels',
    'ChannelsError',
    'Counters',
    'Entry',
    'Event',
    'Gap',
    'InvalidChannelName',
    'MemoryBroker',
    'RedisBroker',
    'SubscriberOverflow',
    'Subscription',
]
