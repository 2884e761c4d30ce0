"""What an app user sees when something fails: a plain message, never a traceback.

Streamlit shows an uncaught exception with its traceback (and, beside it, buttons that send
the message to a search engine or a chatbot); the message may quote a document. Every page
calls `install()` first: any error left uncaught by the page is replaced by a plain sentence,
and `casegraph app` starts Streamlit with error details switched off. The traceback goes to
the server's log only.
"""

from __future__ import annotations

import logging

import streamlit as st

from casegraph.erase import ErasureIncomplete
from casegraph.settings import SettingError
from graph.store import StoreLocked, StoreUnavailable

LOG = logging.getLogger("casegraph.app")

RETRY = "Reload the page to try again; if it keeps happening, restart `casegraph app`."


def plain_message(error: BaseException, writing: bool = False) -> str:
    """One sentence for the user, without the error's own text (it may quote a document),
    except for the store's messages, which name only the data directory, and a setting's,
    which names only the setting. `writing`: the error came from a change to the store."""
    if isinstance(error, SettingError):
        return f"A setting cannot be used: {error}. Correct it, then restart `casegraph app`."
    if isinstance(error, StoreLocked):
        return (
            f"Another casegraph process is writing to this store ({error}). "
            "Wait for it to finish, then try again."
        )
    if isinstance(error, ErasureIncomplete):
        return f"Not finished: {error}."
    if isinstance(error, StoreUnavailable):
        return f"The store could not be opened: {error}"
    if isinstance(error, (RuntimeError, OSError)):
        return f"The store could not be {'written' if writing else 'read'} just now. {RETRY}"
    return f"Something went wrong on this page. {RETRY}"


def caught(error: Exception, writing: bool = False) -> str:
    """The plain message of an error a page caught and says itself; its traceback goes to the
    server's log, as `show` does with the errors a page leaves uncaught."""
    LOG.error("page action failed", exc_info=error)
    return plain_message(error, writing)


def show(error: Exception) -> bool:
    """Streamlit's script-error hook: log the error, show a plain message, hide the rest."""
    LOG.error("page failed", exc_info=error)
    st.error(plain_message(error), icon=":material/error:")
    return True  # suppress Streamlit's own display of the exception


def install() -> None:
    """Route this run's uncaught errors to `show`. (Error details are switched off by
    `casegraph app` with --client.showErrorDetails none: setting that option from a script
    changes the server's configuration while other sessions run, and blanks their pages.)"""
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:  # another Streamlit layout: error details are still off
        return
    context = get_script_run_ctx()
    if context is not None and hasattr(context, "on_script_error"):
        context.on_script_error = show
