from collections.abc import Callable
from typing import Any

def asgi_request(
    scope: dict[str, Any], receive: Any, first_event: Any, options: Any, /
) -> Any | None: ...
def wsgi_request(env: dict[str, Any], options: Any, /) -> Any | None: ...
def install(
    kind: str, cls: type, template: Any, running_loop: Callable[[], Any] | None, /
) -> None: ...

ASGI_DECIDED: tuple[str, ...]
WSGI_DECIDED: tuple[str, ...]
