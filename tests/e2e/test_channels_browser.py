"""The demo's chat and notification feed, which run on ``falcon.channels``, in headless
Chromium: ``make demo``'s app under uvicorn, two tabs on ``/channels`` chatting over the
WebSocket and receiving a notification through ``EventSource``.

The Chromium set-up and the DevTools client are the real-time browser test's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.e2e_servers import Server, serving
from tests.e2e.test_realtime_browser import DevTools
from tests.e2e.test_realtime_browser import devtools as devtools  # the fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving([('uvicorn', 'demo:app')], tmp_path_factory.mktemp('demo')) as (running,):
        yield running


def test_the_demo_index_leads_to_the_channels_chat_first(demo: Server) -> None:
    index = httpx.get(demo.url + '/', timeout=10).text
    links = re.findall(r'<a href="(/channels|/realtime)">', index)
    assert links == ['/channels', '/realtime']


async def test_chat_between_tabs_and_notifications_on_channels(
    demo: Server, devtools: DevTools
) -> None:
    page = demo.url + '/channels'
    first = await devtools.open_tab(page)
    second = await devtools.open_tab(page)
    for tab in (first, second):
        await devtools.wait_for(
            tab,
            "document.getElementById('chat-status')?.textContent === 'open' && "
            "document.getElementById('feed-status')?.textContent === 'open'",
        )

    await devtools.evaluate(
        first,
        "document.getElementById('user').value = 'ann';"
        "document.getElementById('message').value = 'hello from the first tab';"
        "document.getElementById('chat-form').requestSubmit(); true",
    )
    for tab in (first, second):
        messages = await devtools.wait_for(
            tab,
            "document.querySelectorAll('.chat-message').length === 1 && "
            "Array.from(document.querySelectorAll('.chat-message')).map(e => e.textContent)",
        )
        assert messages == ['ann: hello from the first tab']

    await devtools.evaluate(
        second,
        "document.getElementById('notice').value = 'deploy done';"
        "document.getElementById('notify-form').requestSubmit(); true",
    )
    for tab in (first, second):
        events = await devtools.wait_for(
            tab,
            "document.querySelectorAll('.feed-event').length === 1 && "
            "Array.from(document.querySelectorAll('.feed-event')).map(e => e.textContent)",
        )
        assert len(events) == 1
        assert re.fullmatch(r'[0-9]+-[0-9]+: deploy done', events[0]), events
    assert await devtools.evaluate(first, "document.querySelectorAll('.gap').length") == 0
