def install(
    cls: type,
    names: tuple[str, ...],
    constants: dict[str, object] = ...,
    dict_names: tuple[str, ...] = ...,
    strict: bool = ...,
) -> None: ...
