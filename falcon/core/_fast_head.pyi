from typing import Any

def usual_head(
    req: Any, resp: Any, default_media_type: str, /
) -> tuple[str, int, list[tuple[str, str]], bytes | None, Any, Any] | None: ...
def configure(
    request_type: type,
    response_type: type,
    status_lines: dict[object, tuple[str, int]],
    length_texts: dict[int, str],
    bytes_kind: object,
    sse_kind: object,
    /,
) -> None: ...
