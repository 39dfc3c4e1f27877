"""The exceptions of vigil's Python package (docs/python.md, "Errors").

The binding (python/vigil_python.cc) raises them from the engine's status:
the message is vigil's own, as the CLI prints it after "vigil: ".
"""


class Error(Exception):
    """A vigil call failed.

    Attributes:
        message: vigil's message ("threshold: must be between 0 and 1, got 2").
        field: the option the message is about ("threshold"), or "" when none.
        exit_code: the exit code the CLI would have returned for it
            (2 bad input, 3 not found, 4 internal error).
    """

    def __init__(self, message: str, field: str = "", exit_code: int = 4):
        super().__init__(message)
        self.message = message
        self.field = field
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        # Pickled whole (message, field and exit code), as Dask sends an
        # error raised on a worker back to the client (vigil.dask).
        return (type(self), (self.message, self.field, self.exit_code))


class InputError(Error, ValueError):
    """Bad input or options (the CLI's exit code 2); field names the option."""


class NotFoundError(Error, KeyError):
    """A name, id or file that resolves to nothing (the CLI's exit code 3)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message
