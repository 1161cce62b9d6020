"""Domain errors: each carries a short message fit to show a user as it is."""

from __future__ import annotations


class ArticlebotError(Exception):
    """Base of every error a user may be shown."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArticle(ArticlebotError):
    """The text offered as an article cannot be stored."""


class EmptyArticle(InvalidArticle):
    """An article with no text at all."""

    def __init__(self) -> None:
        super().__init__("The article is empty: there is no text to add.")


class ArticleTooLarge(InvalidArticle):
    """An article over the size limit; the message gives its size (or that it is over) and the limit."""

    def __init__(self, size: int | None, limit: int) -> None:
        # None: read only up to the limit, so the size is known only to be over it.
        told = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
        super().__init__(f"The article is too large ({told}); the limit is {limit:,} bytes.")


class NotText(InvalidArticle):
    """A file or page that is not text (binary, or an unknown encoding)."""

    def __init__(self, name: str = "The file") -> None:
        super().__init__(f"{name} is not text: send a .txt, .md or .html file or paste the text.")


class UnsupportedFile(InvalidArticle):
    """A file whose suffix is not one the library reads."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name}: only .txt, .md and .html files can be added.")


class DuplicateArticle(ArticlebotError):
    """The article is in the library already; `article_id` and `title` say where."""

    def __init__(self, article_id: int, title: str) -> None:
        super().__init__(f"This article is already in the library as #{article_id} “{title}”.")
        self.article_id = article_id
        self.title = title


class ArticleNotFound(ArticlebotError):
    """No article of this guild answers to the reference given."""

    def __init__(self, ref: object) -> None:
        super().__init__(f"No article {ref} in this server's library.")


class EmptyLibrary(ArticlebotError):
    """A question asked of a guild with no articles."""

    def __init__(self) -> None:
        super().__init__("This server's library is empty: a moderator can add articles first.")


class InvalidQuestion(ArticlebotError):
    """The question is empty, too short or too long to answer."""


class LibraryFull(ArticlebotError):
    """A per-guild limit on stored articles or bytes was reached."""


class FetchError(ArticlebotError):
    """A URL could not be fetched or held no article."""


class StatusError(FetchError):
    """The site answered with an error status; `retry_after` is its Retry-After in seconds."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class NotAModerator(ArticlebotError):
    """A change to the library asked by someone without Manage Messages."""

    def __init__(self) -> None:
        super().__init__("Only moderators (Manage Messages) can change this server's library.")


class DatabaseUnavailable(ArticlebotError):
    """The configured database cannot be opened (unreachable server, missing driver)."""


class BackupError(ArticlebotError):
    """A backup or restore could not be made; the message says why."""


class UnusableLibrary(DatabaseUnavailable):
    """The SQLite file exists (or should) but cannot serve as the library: one line says why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"Cannot use the library {path}: {reason}.")
        self.path = path


class NoLibrary(UnusableLibrary):
    """A command that only reads was pointed at a file that does not exist."""

    def __init__(self, path: str) -> None:
        DatabaseUnavailable.__init__(
            self, f"There is no library at {path} (`articlebot add` or `import` creates one)."
        )
        self.path = path
