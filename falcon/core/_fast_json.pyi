from collections.abc import Callable
from typing import Any

def plain_json(obj: Any) -> bytes | None: ...

class Writer:
    fallback: Callable[[Any], bytes]
    def __init__(
        self,
        fallback: Callable[[Any], bytes],
        dict_like: type[dict[Any, Any]],
        list_like: type[list[Any]],
    ) -> None: ...
    def __call__(self, obj: Any) -> bytes: ...
